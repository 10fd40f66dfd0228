"""What a staff screen shows of a complainant before anyone reveals the identity.

Masks follow the platform's rule (mpp.privacy.masking). A confidential complaint shows
nothing at all to anyone but the site's managers: even a mask (the NIK's region digits,
a name's initials) can point at a whistle-blower in a small office.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from mpp.complaints import selectors
from mpp.complaints.models import Complaint
from mpp.privacy.masking import mask_email, mask_nik, mask_phone
from mpp.tenancy.models import User

IDENTITY_FIELDS = ("name", "nik", "phone", "email")


def mask_name(value: str) -> str:
    """ "Siti Aminah" -> "S*** A*****": the initials and the length of each word."""
    return " ".join(word[0] + "*" * max(len(word) - 1, 3) for word in value.split())


def masked(complaint: Complaint) -> dict[str, str]:
    return {
        "name": mask_name(complaint.name) if complaint.name else "",
        "nik": mask_nik(complaint.nik) if complaint.nik else "",
        "phone": mask_phone(complaint.phone) if complaint.phone else "",
        "email": mask_email(complaint.email) if complaint.email else "",
    }


@dataclass(frozen=True)
class Shown:
    """The complainant as one staff member may see them before a reveal."""

    state: str  # "anonymous", "hidden" (confidential, not for this user) or "masked"
    values: dict[str, str]
    may_reveal: bool

    @property
    def label(self) -> str:
        if self.state == "anonymous":
            return str(_("Anonymous"))
        if self.state == "hidden":
            return str(_("Confidential: the identity is known to the complaint desk only."))
        return ", ".join(value for value in self.values.values() if value) or str(_("No identity given"))


def shown_to(user: User, complaint: Complaint, *, may_reveal: bool | None = None) -> Shown:
    if complaint.is_anonymous:
        return Shown("anonymous", {}, False)
    if may_reveal is None:
        may_reveal = selectors.may_see_identity(user, complaint)
    if complaint.is_confidential and not may_reveal:
        return Shown("hidden", {}, False)
    return Shown("masked", masked(complaint), may_reveal)


def export_identity(complaint: Complaint, *, revealed: bool) -> dict[str, str]:
    """Identity columns of an export: plain for a reader allowed and asking for them,
    masked otherwise, and always empty for a confidential or anonymous complaint."""
    if complaint.is_anonymous or complaint.is_confidential:
        return dict.fromkeys(IDENTITY_FIELDS, "")
    if revealed:
        return {field: getattr(complaint, field) for field in IDENTITY_FIELDS}
    return masked(complaint)
