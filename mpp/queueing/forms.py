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


class OffersByAgency(forms.models.ModelChoiceIterator):
    """The hall's services grouped under their agency: 80 services in one flat list are
    slow to find at a busy desk."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list] = {}
        for offer in self.queryset:
            groups.setdefault(offer.service.agency.short_name, []).append(self.choice(offer))
        yield from groups.items()


class OfferField(forms.ModelChoiceField):
    iterator = OffersByAgency

    def __init__(self, **kwargs):
        super().__init__(queryset=None, **kwargs)

    def label_from_instance(self, obj):
        return obj.service.name

    def offer_choices(self, offers) -> None:
        self.queryset = offers.select_related("service__agency").order_by(
            "service__agency__short_name", "service__name"
        )


class FrontDeskForm(TicketForm):
    offer = OfferField(label=_("Service"), empty_label=None)
    phone = forms.CharField(
        label=_("Telephone (optional, for 'your turn is near' messages)"), max_length=30, required=False
    )
    language = message_language_field()

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].offer_choices(offers)
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
    offer = OfferField(label=_("Send to"))
    note = forms.CharField(label=_("Note for the next counter"), max_length=500, required=False)

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].offer_choices(offers)


class ParkForm(forms.Form):
    note = forms.CharField(label=_("Why"), max_length=500, required=False)


class OpenCounterForm(forms.Form):
    """The counter chosen on the console's first screen (a button posts its id)."""

    counter = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    takeover = forms.BooleanField(required=False)


class CallNumberForm(forms.Form):
    code = forms.CharField(label=_("Ticket number"), max_length=8)
