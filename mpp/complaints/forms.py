import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from mpp.catalog import selectors as catalog
from mpp.complaints.models import Classification
from mpp.complaints.services.filing import DESCRIPTION_LENGTH, REPLY_LENGTH, SUBJECT_LENGTH
from mpp.tenancy.adminkit import SafeModelChoiceField
from mpp.tenancy.models import Site


class AgencyChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ServiceChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.agency.short_name}: {obj.name}"


HINTS = {
    Classification.COMPLAINT: _(
        "A service was not given as promised: slow, refused, a fee not in the standard."
    ),
    Classification.ASPIRATION: _("A suggestion to make a service or the mall better."),
    Classification.INFORMATION: _("A question about a service, its requirements or the mall."),
    Classification.WHISTLEBLOWING: _(
        "Wrongdoing by an official, such as extortion (pungli) or bribery. Your identity is kept confidential."
    ),
}


class ComplaintForm(forms.Form):
    """The same questions on the portal, the kiosk and the desk. The form checks shapes;
    ``services.filing.submit_complaint`` checks meaning, and its errors come back here."""

    classification = forms.ChoiceField(
        label=_("What do you want to send?"),
        choices=Classification.choices,
        initial=Classification.COMPLAINT,
        widget=forms.RadioSelect,
    )
    subject = forms.CharField(label=_("Subject"), min_length=SUBJECT_LENGTH[0], max_length=SUBJECT_LENGTH[1])
    description = forms.CharField(
        label=_("What happened? Say what, where, when and who was involved"),
        min_length=DESCRIPTION_LENGTH[0],
        max_length=DESCRIPTION_LENGTH[1],
        widget=forms.Textarea(attrs={"rows": 7}),
    )
    agency = AgencyChoiceField(
        label=_("Agency concerned (if you know it)"),
        queryset=None,
        required=False,
        empty_label=_("I do not know: the complaint desk decides"),
    )
    service = ServiceChoiceField(
        label=_("Service concerned (if you know it)"),
        queryset=None,
        required=False,
        empty_label=_("None or unknown"),
    )
    incident_date = forms.DateField(
        label=_("Date of the incident"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    incident_place = forms.CharField(label=_("Place of the incident"), max_length=200, required=False)
    is_anonymous = forms.BooleanField(
        label=_("Send anonymously (without my name and NIK)"),
        required=False,
        help_text=_("You can still give a telephone number or an e-mail address for messages about it."),
    )
    is_confidential = forms.BooleanField(
        label=_("Keep my identity confidential: only the complaint desk may see it, never the agency"),
        required=False,
        help_text=_("Whistle-blowing reports are always confidential."),
    )
    name = forms.CharField(label=_("Name"), max_length=120, required=False)
    nik = forms.CharField(label=_("NIK (16 digits, optional)"), max_length=24, required=False)
    phone = forms.CharField(
        label=_("Telephone for messages about it (optional)"), max_length=30, required=False
    )
    email = forms.CharField(label=_("E-mail (optional)"), max_length=254, required=False)
    submit_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, site: Site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = catalog.public_agencies(site)
        self.fields["service"].queryset = catalog.public_services(site).order_by("agency__name", "name")
        for name in ("nik", "phone"):
            self.fields[name].widget.attrs["inputmode"] = "numeric" if name == "nik" else "tel"
        self.fields["email"].widget.attrs["inputmode"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if not self.is_bound:
            # A repeated submit of this very form (double click, reload) files one complaint.
            self.initial["submit_key"] = secrets.token_urlsafe(24)

    def classification_options(self):
        return [(radio, HINTS[radio.data["value"]]) for radio in self["classification"]]


class TrackingForm(forms.Form):
    tracking_id = forms.CharField(
        label=_("Tracking ID"),
        max_length=30,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    secret = forms.CharField(
        label=_("PIN from the receipt, or the last 4 digits of your telephone"), min_length=4, max_length=6
    )


class ReplyForm(TrackingForm):
    text = forms.CharField(
        label=_("Your reply"), max_length=REPLY_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("Reason (shown to the complainant)"), max_length=1000, required=False)


class ForwardForm(forms.Form):
    agency = AgencyChoiceField(label=_("Agency"), queryset=None)
    service = ServiceChoiceField(label=_("Service (optional)"), queryset=None, required=False)
    note = forms.CharField(
        label=_("Note for the agency (not shown to the complainant)"), max_length=1000, required=False
    )

    def __init__(self, *args, site: Site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = site.agencies.filter(is_active=True).order_by("name")
        self.fields["service"].queryset = catalog.public_services(site).order_by("agency__name", "name")


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


class RevealForm(forms.Form):
    purpose = forms.CharField(label=_("Why do you need to see the identity?"), max_length=200)


class ExportForm(forms.Form):
    with_identity = forms.BooleanField(label=_("With the complainant's identity"), required=False)
    purpose = forms.CharField(label=_("Purpose (required with identity)"), max_length=200, required=False)
