import datetime as dt
import secrets

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mpp.catalog.models import Service
from mpp.surveys import selectors
from mpp.surveys.models import Response, Unsur
from mpp.tenancy.models import Agency

PROFILE = ("age", "sex", "education", "occupation", "comment")


class SurveyForm(forms.Form):
    """The regulation's questionnaire: one question per unsur, then the profile."""

    age = forms.IntegerField(label=_("Age (years)"), min_value=10, max_value=110, required=False)
    sex = forms.ChoiceField(
        label=_("Sex"), choices=Response.Sex.choices, widget=forms.RadioSelect, required=False
    )
    education = forms.ChoiceField(
        label=_("Last education"), choices=[("", "—"), *Response.Education.choices], required=False
    )
    occupation = forms.ChoiceField(
        label=_("Main occupation"), choices=[("", "—"), *Response.Occupation.choices], required=False
    )
    comment = forms.CharField(
        label=_("Comment or suggestion (optional; do not write your name or NIK)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args, unsur: list[Unsur], all_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.unsur = unsur
        language = (get_language() or "id")[:2]
        questions = {}
        for item in unsur:
            questions[f"u_{item.key}"] = forms.TypedChoiceField(
                label=item.question_in(language),
                choices=[(str(value), label) for value, label in item.answers(language)],
                coerce=int,
                widget=forms.RadioSelect,
                required=all_required,
                empty_value=None,
                error_messages={
                    "required": _("Choose one of the four answers."),
                    "invalid_choice": _("Choose one of the four answers."),
                },
            )
        # The questions first, in the form's order.
        self.fields = {**questions, **self.fields}

    def question_fields(self):
        return [self[f"u_{item.key}"] for item in self.unsur]

    def profile_fields(self):
        return [self[name] for name in PROFILE]

    def answers(self) -> dict[str, int | None]:
        return {item.key: self.cleaned_data.get(f"u_{item.key}") for item in self.unsur}

    def profile(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in PROFILE}


class PaperForm(SurveyForm):
    """A paper form typed in: which agency and day it is for, and blank items allowed."""

    served_on = forms.DateField(
        label=_("Day of the service"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    service = forms.ModelChoiceField(
        label=_("Service (optional)"), queryset=Service.objects.none(), required=False
    )
    # A new key for each form shown: a double submit of one form saves it once.
    submit_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, agency: Agency, today: dt.date, **kwargs):
        super().__init__(*args, unsur=selectors.unsur_for(agency), all_required=False, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(agency=agency, is_active=True).order_by(
            "name"
        )
        self.fields["served_on"].initial = today
        self.fields["submit_key"].initial = secrets.token_urlsafe(16)
        self.fields = {
            "served_on": self.fields.pop("served_on"),
            "service": self.fields.pop("service"),
            **self.fields,
        }


class CodeForm(forms.Form):
    code = forms.CharField(label=_("The number on your ticket, or scan its QR code"), max_length=200)
    check = forms.RegexField(
        label=_("With a typed number: the 4-digit ticket code under it"),
        regex=r"^\s*[0-9]{4}\s*$",
        required=False,
        error_messages={"invalid": _("The ticket code has four digits.")},
    )
