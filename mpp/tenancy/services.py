"""Changes to sites, agencies and staff."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from mpp.tenancy.access import forget_scope, membership_in_scope
from mpp.tenancy.models import Agency, Counter, Membership, Site, User

# What an agency's own admin keeps true; the identity fields are for those who manage
# every site where the agency serves (tenancy.access.can_edit_agency_identity).
AGENCY_TEXT_FIELDS = frozenset({"description", "maklumat", "website", "phone"})
AGENCY_IDENTITY_FIELDS = frozenset({"name", "short_name", "slug", "kind", "is_active"})


def save_agency(*, agency: Agency, changed: list[str] | None = None) -> Agency:
    """Validate and save an agency's fields (new or changed) in one transaction."""
    unknown = set(changed or []) - AGENCY_TEXT_FIELDS - AGENCY_IDENTITY_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s"), params={"fields": ", ".join(sorted(unknown))})
    agency.full_clean()
    with transaction.atomic():
        agency.save(update_fields=changed or None) if agency.pk else agency.save()
    return agency


def update_agency(*, agency: Agency, **changes: str) -> Agency:
    """Change the texts an agency keeps true itself: description, maklumat, contacts."""
    unknown = set(changes) - AGENCY_TEXT_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s"), params={"fields": ", ".join(sorted(unknown))})
    for name, value in changes.items():
        setattr(agency, name, value)
    return save_agency(agency=agency, changed=list(changes))


def set_agency_sites(*, agency: Agency, sites: list[Site]) -> Agency:
    with transaction.atomic():
        agency.sites.set(sites)
    return agency


def save_counter(*, counter: Counter) -> Counter:
    """Save a counter; its agency then serves at the counter's site."""
    counter.full_clean()
    with transaction.atomic():
        counter.save()
        counter.agency.sites.add(counter.site)
    return counter


def grant_membership(
    *, actor: User, user: User, site: Site, role: str, agency: Agency | None = None
) -> Membership:
    """Give ``user`` a role; ``actor`` may only grant what lies in their own scope."""
    if not membership_in_scope(actor, site_id=site.pk, agency_id=agency.pk if agency else None, role=role):
        raise ValidationError({"role": _("You may not grant this role here.")}, code="forbidden")
    membership = Membership(user=user, site=site, role=role, agency=agency)
    membership.full_clean()
    with transaction.atomic():
        membership.save()
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    forget_scope(user)
    return membership


def create_staff_account(
    *,
    actor: User,
    username: str,
    password: str,
    site: Site,
    role: str,
    agency: Agency | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """A new staff account with its first role, in one step (never an account without a role)."""
    user = User(username=username, first_name=first_name, last_name=last_name, email=email, is_staff=True)
    user.full_clean(exclude=["password"])
    validate_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        user.save()
        grant_membership(actor=actor, user=user, site=site, role=role, agency=agency)
    return user
