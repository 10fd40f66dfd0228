"""Storing, finding and reading personal data, and the audit of every read."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mpp.core import clock
from mpp.core.nik import NIKError, normalize_nik, parse_nik
from mpp.core.phone import normalize_phone
from mpp.privacy.crypto import blind_index
from mpp.privacy.models import AccessLog, Person
from mpp.tenancy.access import scope_of
from mpp.tenancy.models import Agency, Site, User

PERSON_FIELDS = ("nik", "name", "phone", "email")


def nik_hash(nik: str) -> str:
    return blind_index(normalize_nik(nik), purpose="nik")


def phone_hash(phone: str) -> str:
    return blind_index(normalize_phone(phone), purpose="phone")


def find_person_by_nik(nik: str) -> Person | None:
    return Person.objects.filter(nik_hash=nik_hash(nik)).first()


def register_person(*, nik: str, name: str = "", phone: str = "", email: str = "") -> Person:
    """The person with this NIK, created if new; contact data given replaces the old."""
    now = clock.now()
    try:
        parsed = parse_nik(nik, today=timezone.localdate(now))
    except NIKError as exc:
        raise ValidationError({"nik": [exc.message]}, code=exc.code) from exc
    phone = normalize_phone(phone) if phone else ""
    values = {
        "name": name.strip(),
        "phone": phone,
        "phone_hash": phone_hash(phone) if phone else "",
        "email": email,
    }
    key = blind_index(parsed.value, purpose="nik")
    for _attempt in range(2):
        try:
            with transaction.atomic():
                # Claim recipe: the unique index on nik_hash decides who creates the row;
                # the loser of a race reads the winner's row on its second pass.
                person = Person.objects.select_for_update().filter(nik_hash=key).first()
                if person is None:
                    return Person.objects.create(nik=parsed.value, nik_hash=key, **values)
                changed = [name for name, value in values.items() if value and getattr(person, name) != value]
                for name in changed:
                    setattr(person, name, values[name])
                if changed:
                    person.save(update_fields=[*changed, "updated_at"])
                return person
        except IntegrityError:
            continue
    raise ValidationError(_("The person could not be saved; try again."), code="conflict")


def record_access(
    *,
    user: User,
    subject: str,
    fields: list[str],
    purpose: str,
    site: Site | None = None,
    agency: Agency | None = None,
) -> AccessLog:
    if not purpose.strip():
        raise ValidationError({"purpose": _("Say why you need to see this data.")})
    return AccessLog.objects.create(
        at=clock.now(),
        user=user,
        site=site,
        agency=agency,
        subject=subject[:80],
        fields=",".join(fields)[:200],
        purpose=purpose.strip()[:200],
    )


def reveal_person(
    *,
    user: User,
    person: Person,
    fields: list[str],
    purpose: str,
    site: Site | None = None,
    agency: Agency | None = None,
) -> dict[str, str]:
    """Plain values of a person's data for a staff member, written to the audit first.

    A person belongs to no agency, so the caller must first have established, through
    the record that links the person (a booking, an application), that ``user`` may
    see it; this function refuses anyone who is not active staff at all.
    """
    if not scope_of(user).is_staff_member:
        raise PermissionDenied
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown or not fields:
        raise ValidationError({"fields": _("Choose among: nik, name, phone, email.")})
    with transaction.atomic():
        record_access(
            user=user,
            subject=f"privacy.person:{person.pk}",
            fields=fields,
            purpose=purpose,
            site=site,
            agency=agency,
        )
    return {name: getattr(person, name) for name in fields}


def record_access_once(
    *,
    user: User,
    subject: str,
    fields: list[str],
    purpose: str,
    site: Site | None = None,
    agency: Agency | None = None,
    within: dt.timedelta = dt.timedelta(minutes=10),
) -> AccessLog:
    """Like record_access, but a screen that refreshes does not write a row each time:
    the same user reading the same subject again within ``within`` is one reading."""
    recent = AccessLog.objects.filter(user=user, subject=subject[:80], at__gte=clock.now() - within).first()
    if recent is not None:
        return recent
    return record_access(user=user, subject=subject, fields=fields, purpose=purpose, site=site, agency=agency)
