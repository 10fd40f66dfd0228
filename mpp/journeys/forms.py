from django import forms
from django.utils.translation import gettext_lazy as _

from mpp.queueing.forms import TicketForm, message_language_field


class FrontDeskJourneyForm(TicketForm):
    """A number for a life event at the front desk: priority (UU 25/2009 Pasal 29) and a
    telephone for messages, as for a single service."""

    phone = forms.CharField(label=_("Telephone (optional)"), max_length=30, required=False)
    language = message_language_field()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "fd-life-%s")
        super().__init__(*args, **kwargs)
