from django import forms
from django.utils.translation import gettext_lazy as _


class TrackingForm(forms.Form):
    number = forms.CharField(label=_("Tracking number"), max_length=20)
    secret = forms.CharField(
        label=_("PIN from the receipt, or the last 4 digits of your telephone"), max_length=6, min_length=4
    )


class StatusForm(forms.Form):
    reason = forms.CharField(label=_("Reason (shown to the citizen)"), max_length=500, required=False)
