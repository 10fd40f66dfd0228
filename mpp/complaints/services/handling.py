"""The staff side: the desk verifies, postpones, declines, archives, forwards and closes;
the agency answers (the follow-up) or hands the complaint back; both write to the
complainant and leave internal notes. Every change locks the complaint's row first."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mpp.catalog.models import Service
from mpp.complaints import selectors
from mpp.complaints.identity import IDENTITY_FIELDS
from mpp.complaints.models import (
    CLOSE_DAYS,
    FINAL,
    FOLLOW_UP_DAYS,
    FORWARD_DAYS,
    Complaint,
    Entry,
    Status,
)
from mpp.complaints.services.common import (
    MAX_REASON,
    agency_admins,
    clean_text,
    deadline,
    lock,
    managers,
    move,
    tell_citizen,
    tell_staff,
    transition_error,
)
from mpp.core import clock
from mpp.core.db import write_transaction
from mpp.privacy.services import record_access
from mpp.tenancy.models import Agency, Role, User

DESK_DECISIONS = (Status.VERIFIED, Status.POSTPONED, Status.NOT_OUR_AUTHORITY, Status.ARCHIVED, Status.CLOSED)
# The complainant must learn why (SP4N-LAPOR!: tunda, bukan wewenang, arsipkan).
NEEDS_REASON = (Status.POSTPONED, Status.NOT_OUR_AUTHORITY, Status.ARCHIVED)


def _desk_only(user: User, complaint: Complaint) -> None:
    if not selectors.is_desk(user, complaint):
        raise PermissionDenied


def _handler_only(user: User, complaint: Complaint) -> None:
    if not selectors.answerable_complaints(user).filter(pk=complaint.pk).exists():
        raise PermissionDenied


def _speaks_for(user: User, complaint: Complaint) -> Agency | None:
    """The agency a handler writes for (None: the complaint desk)."""
    return None if selectors.is_desk(user, complaint) else complaint.agency


def _reset_overdue(complaint: Complaint) -> list[str]:
    complaint.is_overdue = False
    complaint.overdue_notified_at = None
    return ["is_overdue", "overdue_notified_at"]


def decide_complaint(*, user: User, complaint: Complaint, status: str, reason: str = "") -> Complaint:
    """The desk's decisions: verify, postpone (waiting for the complainant), not our
    authority, archive, and close after a follow-up."""
    if status not in DESK_DECISIONS:
        raise ValidationError(
            {"status": _("Choose verified, postponed, not our authority, archived or closed.")}
        )
    reason = clean_text(reason, field="reason", required=status in NEEDS_REASON, limit=MAX_REASON)
    now = clock.now()
    with write_transaction():
        complaint = lock(complaint)
        _desk_only(user, complaint)
        previous = complaint.status
        # Verification is the desk's first step; a forwarded or answered complaint comes back
        # to "verified" only when its agency hands it back or the complainant reopens it.
        if status == Status.VERIFIED and previous not in (Status.RECEIVED, Status.POSTPONED):
            raise transition_error(complaint, status)
        move(complaint, status, now=now, user=user, text=reason)
        fields = ["status"]
        if status == Status.VERIFIED:
            if complaint.verified_at is None:
                complaint.verified_at = now
                fields.append("verified_at")
            if previous == Status.POSTPONED:
                # The forwarding clock starts again when the missing information is in.
                complaint.forward_due = deadline(complaint=complaint, moment=now, days=FORWARD_DAYS)
                fields += ["forward_due", *_reset_overdue(complaint)]
        else:
            fields += _reset_overdue(complaint)
        if status in FINAL:
            complaint.closed_at = now
            fields.append("closed_at")
        complaint.save(update_fields=fields)
        tell_citizen(complaint, status, reason)
    return complaint


def forward_complaint(
    *, user: User, complaint: Complaint, agency: Agency, service: Service | None = None, note: str = ""
) -> Complaint:
    """Disposition: the desk sends the complaint to the agency that must follow it up (or
    re-routes it). The note is for the agency, not the complainant."""
    note = clean_text(note, field="note", required=False, limit=MAX_REASON)
    now = clock.now()
    with write_transaction():
        complaint = lock(complaint)
        _desk_only(user, complaint)
        # A complaint is routed before its follow-up; after it, the complainant's reply
        # (reopening it for its agency) decides, not a new routing.
        if complaint.status not in (Status.RECEIVED, Status.VERIFIED, Status.FORWARDED):
            raise transition_error(complaint, Status.FORWARDED)
        if not Agency.objects.filter(pk=agency.pk, is_active=True, sites=complaint.site_id).exists():
            raise ValidationError({"agency": _("This agency does not serve at this mall.")})
        if service is not None and (service.agency_id != agency.pk or not service.is_active):
            raise ValidationError({"service": _("This service is not one of the chosen agency's.")})
        if complaint.status == Status.FORWARDED and complaint.agency_id == agency.pk:
            raise ValidationError({"agency": _("The complaint is already with this agency.")})
        move(complaint, Status.FORWARDED, now=now, user=user, text=note, is_public=False, agency=agency)
        complaint.agency = agency
        complaint.service = service
        complaint.forwarded_at = now
        complaint.verified_at = complaint.verified_at or now
        complaint.follow_up_due = deadline(complaint=complaint, moment=now, days=FOLLOW_UP_DAYS)
        complaint.save(
            update_fields=[
                "status",
                "agency",
                "service",
                "forwarded_at",
                "verified_at",
                "follow_up_due",
                *_reset_overdue(complaint),
            ]
        )
        tell_citizen(complaint, Status.FORWARDED)
        recipients = list(agency_admins(complaint)) or list(_officers(complaint))
        tell_staff(
            recipients,
            complaint,
            "forwarded",
            _("Complaint forwarded to you: %(number)s") % {"number": complaint.tracking_id},
            _("%(classification)s for %(agency)s: follow it up by %(due)s.")
            % {
                "classification": complaint.get_classification_display(),
                "agency": agency.name,
                "due": complaint.follow_up_due.isoformat(),
            },
        )
    return complaint


def _officers(complaint: Complaint):
    return User.objects.filter(
        memberships__site_id=complaint.site_id,
        memberships__agency_id=complaint.agency_id,
        memberships__role=Role.OFFICER,
        is_active=True,
    ).distinct()


def answer_complaint(*, user: User, complaint: Complaint, text: str) -> Complaint:
    """The follow-up (tindak lanjut), which the complainant reads: by the agency it is
    forwarded to (or the desk on its behalf), or by the desk for a verified complaint it
    settles itself. Ten working days without a reply close it."""
    text = clean_text(text, field="text", required=True)
    now = clock.now()
    with write_transaction():
        complaint = lock(complaint)
        _handler_only(user, complaint)
        if complaint.status == Status.VERIFIED:
            _desk_only(user, complaint)
        move(
            complaint,
            Status.FOLLOWED_UP,
            now=now,
            user=user,
            text=text,
            agency=_speaks_for(user, complaint),
        )
        complaint.followed_up_at = now
        complaint.close_due = deadline(complaint=complaint, moment=now, days=CLOSE_DAYS)
        complaint.save(update_fields=["status", "followed_up_at", "close_due", *_reset_overdue(complaint)])
        tell_citizen(complaint, Status.FOLLOWED_UP)
    return complaint


def return_to_desk(*, user: User, complaint: Complaint, reason: str) -> Complaint:
    """The agency hands a complaint back (not theirs); the desk routes it again within
    three working days."""
    reason = clean_text(reason, field="reason", required=True, limit=MAX_REASON)
    now = clock.now()
    with write_transaction():
        complaint = lock(complaint)
        _handler_only(user, complaint)
        if complaint.status != Status.FORWARDED:
            raise ValidationError({"status": _("Only a forwarded complaint can be handed back.")})
        agency = complaint.agency
        move(complaint, Status.VERIFIED, now=now, user=user, text=reason, is_public=False, agency=agency)
        complaint.agency = None
        complaint.service = None
        complaint.follow_up_due = None
        complaint.forward_due = deadline(complaint=complaint, moment=now, days=FORWARD_DAYS)
        complaint.save(
            update_fields=[
                "status",
                "agency",
                "service",
                "follow_up_due",
                "forward_due",
                *_reset_overdue(complaint),
            ]
        )
        tell_staff(
            list(managers(complaint)),
            complaint,
            "returned",
            _("Complaint handed back: %(number)s") % {"number": complaint.tracking_id},
            _("%(agency)s handed it back: %(reason)s") % {"agency": agency.name, "reason": reason},
        )
    return complaint


def reply_to_complainant(*, user: User, complaint: Complaint, text: str) -> Entry:
    """A message the complainant reads (a question, an interim answer), without a status change."""
    text = clean_text(text, field="text", required=True)
    now = clock.now()
    with write_transaction():
        complaint = lock(complaint)
        _handler_only(user, complaint)
        if complaint.status in FINAL:
            raise ValidationError({"text": _("This complaint is finished.")})
        entry = Entry.objects.create(
            complaint=complaint,
            kind=Entry.Kind.REPLY,
            text=text,
            is_public=True,
            at=now,
            by=user,
            agency=_speaks_for(user, complaint),
        )
        tell_citizen(complaint, "reply")
    return entry


def add_note(*, user: User, complaint: Complaint, text: str) -> Entry:
    """An internal note, read by the staff who read the complaint, never by the complainant."""
    text = clean_text(text, field="text", required=True)
    now = clock.now()
    with write_transaction():
        complaint = lock(complaint)
        _handler_only(user, complaint)
        return Entry.objects.create(
            complaint=complaint,
            kind=Entry.Kind.NOTE,
            text=text,
            is_public=False,
            at=now,
            by=user,
            agency=_speaks_for(user, complaint),
        )


def reveal_identity(*, user: User, complaint: Complaint, purpose: str) -> dict[str, str]:
    """The complainant's identity in plain text, for those who must see it, written to the
    access audit first (every reveal, with its purpose)."""
    if not selectors.may_see_identity(user, complaint):
        raise PermissionDenied
    with transaction.atomic():
        record_access(
            user=user,
            subject=f"complaints.complaint:{complaint.pk}",
            fields=list(IDENTITY_FIELDS),
            purpose=purpose or "",
            site=complaint.site,
            agency=_speaks_for(user, complaint),
        )
    return {field: getattr(complaint, field) for field in IDENTITY_FIELDS}
