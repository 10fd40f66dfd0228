import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mpp.core.phone import normalize_phone
from mpp.queueing.models import Outcome, PriorityReason


class TicketForm(forms.Form):
    priority_reason = forms.ChoiceField(
        label=_("Do you need priority service?"),
        choices=[("", _("No")), *PriorityReason.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    # A new key for each form shown: the form sent twice (a double tap) is one ticket.
    submit_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submit_key"].initial = secrets.token_urlsafe(16)


def message_language_field() -> forms.ChoiceField:
    """The language of the visitor's messages, asked at the front desk."""
    return forms.ChoiceField(
        label=_("Language of the messages"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        required=False,
    )


class FrontDeskForm(TicketForm):
    offer = forms.ModelChoiceField(label=_("Service"), queryset=None, empty_label=None)
    phone = forms.CharField(
        label=_("Telephone (optional, for 'your turn is near' messages)"), max_length=30, required=False
    )
    language = message_language_field()

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers
        self.fields["offer"].label_from_instance = lambda o: (
            f"{o.service.agency.short_name}: {o.service.name}"
        )
        self.order_fields(["offer", "priority_reason", "phone", "language"])

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        if not phone:
            return ""
        try:
            return normalize_phone(phone)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc


class FinishForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, initial=Outcome.COMPLETED)
    note = forms.CharField(
        label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TransferForm(forms.Form):
    offer = forms.ModelChoiceField(label=_("Send to"), queryset=None)
    note = forms.CharField(label=_("Note for the next counter"), max_length=500, required=False)

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers
        self.fields["offer"].label_from_instance = lambda o: (
            f"{o.service.agency.short_name}: {o.service.name}"
        )


class ParkForm(forms.Form):
    note = forms.CharField(label=_("Why"), max_length=500, required=False)


class OpenCounterForm(forms.Form):
    """The counter chosen on the console's first screen (a button posts its id)."""

    counter = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    takeover = forms.BooleanField(required=False)


class CallNumberForm(forms.Form):
    code = forms.CharField(label=_("Ticket number"), max_length=8)
