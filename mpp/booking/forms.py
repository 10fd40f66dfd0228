import datetime as dt

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


class BookingForm(forms.Form):
    # A slot that filled up while the form was open is refused by the booking with a clear
    # message, so the field accepts every slot of the day and shows only those with room.
    slot = forms.CharField(label=_("Time"), widget=forms.RadioSelect)
    nik = forms.CharField(
        label=_("NIK (16 digits, as on the KTP or KK)"),
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(label=_("Name"), max_length=120)
    phone = forms.CharField(
        label=_("Telephone (the code comes by SMS)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Or e-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(
        label=_("Messages in"), choices=[("id", "Bahasa Indonesia"), ("en", "English")]
    )

    def __init__(self, *args, slots, zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.starts = {slot.start for slot in slots}
        self.fields["slot"].widget.choices = [
            (
                slot.start.isoformat(),
                _("%(time)s (%(left)s left)")
                % {
                    "time": formats.time_format(timezone.localtime(slot.start, zone), "H.i"),
                    "left": slot.available,
                },
            )
            for slot in slots
            if slot.available > 0
        ]

    def clean_slot(self):
        try:
            start = dt.datetime.fromisoformat(self.cleaned_data["slot"][:40])
        except ValueError:
            start = None
        if start not in self.starts:
            raise forms.ValidationError(_("This time is not a slot of the service."))
        return start


class ConfirmForm(forms.Form):
    otp = forms.CharField(label=_("Confirmation code"), max_length=6, min_length=6)


class ManageForm(forms.Form):
    code = forms.CharField(label=_("Booking code"), max_length=8, min_length=8)
    nik_tail = forms.CharField(label=_("Last 4 digits of the NIK"), max_length=4, min_length=4)


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Booking code (type it or scan the QR code)"), max_length=8, min_length=8)
