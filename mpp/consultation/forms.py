from django import forms
from django.utils.translation import gettext_lazy as _

from mpp.consultation import services


class CommentForm(forms.Form):
    """One component's comment form; the page holds one per component, told apart by prefix."""

    text = forms.CharField(
        label=_("Your comment"),
        min_length=services.COMMENT_MIN,
        max_length=services.COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    name = forms.CharField(
        label=_("Name (optional, shown with the comment)"), max_length=services.NAME_MAX, required=False
    )
    contact = forms.CharField(
        label=_("Telephone or e-mail (optional, only the agency sees it)"),
        max_length=services.CONTACT_MAX,
        required=False,
    )
    # Honeypot: hidden from people (and from screen readers); programs that fill every field fill it.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, component: str, **kwargs):
        super().__init__(*args, prefix=component, **kwargs)
        self.component = component
        self.fields["text"].widget.attrs["maxlength"] = services.COMMENT_MAX
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["contact"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))
