"""What every complaint service shares: deadlines, the timeline, messages, refusals."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from mpp.complaints.models import TRANSITIONS, Complaint, Entry, Status
from mpp.core.calendar import WorkingCalendar
from mpp.notify.services import notify_citizen, notify_staff
from mpp.tenancy.calendar import site_calendar
from mpp.tenancy.models import Role, User

MAX_TEXT = 4000
MAX_REASON = 1000


class ComplaintRefused(Exception):
    """The complaint cannot be filed, found or answered now; ``message`` says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def deadline(
    *, complaint: Complaint, moment: dt.datetime, days: int, calendar: WorkingCalendar | None = None
) -> dt.date:
    """The ``days``-th working day after the day of ``moment`` on the site's calendar
    (weekends, libur nasional, cuti bersama and the site's own days skipped). Something
    that arrives on a day the site does not work counts from its next working day."""
    site = complaint.site
    calendar = calendar or site_calendar(site)
    start = calendar.add_working_days(timezone.localdate(moment, site.zone), 0)
    return calendar.add_working_days(start, days)


def clean_text(value: str, *, field: str, required: bool, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Write the text.")}, code="required")
    if len(value) > limit:
        raise ValidationError({field: _("At most %(max)s characters.") % {"max": limit}}, code="max_length")
    return value


def transition_error(complaint: Complaint, status: str) -> ValidationError:
    return ValidationError(
        {
            "status": _("A complaint that is %(current)s cannot become %(next)s.")
            % {"current": Status(complaint.status).label, "next": Status(status).label}
        },
        code="transition",
    )


def move(
    complaint: Complaint,
    status: str,
    *,
    now: dt.datetime,
    user: User | None,
    text: str = "",
    is_public: bool = True,
    agency=None,
) -> Entry:
    """Change the status of a locked complaint (the caller saves it) and write the timeline."""
    if status not in TRANSITIONS[Status(complaint.status)]:
        raise transition_error(complaint, status)
    complaint.status = status
    return Entry.objects.create(
        complaint=complaint,
        kind=Entry.Kind.STATUS,
        status=status,
        text=text,
        is_public=is_public,
        at=now,
        by=user,
        agency=agency,
    )


def lock(complaint: Complaint) -> Complaint:
    """The complaint's row, locked for this transaction (PostgreSQL; SQLite's write lock is
    already held by write_transaction): every change of one complaint waits for the last."""
    # "of self": PostgreSQL cannot lock the nullable side of the agency's outer join.
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("site", "agency")
        .get(pk=complaint.pk)
    )


def _day(day: dt.date | None) -> str:
    return formats.date_format(day, "j F Y") if day else ""


def tell_citizen(complaint: Complaint, kind: str, text: str = "") -> None:
    """A message to the complainant's telephone or e-mail, queued with the change itself.

    It names the tracking ID and the step, never the PIN (which exists only on the receipt)."""
    if not complaint.phone and not complaint.email:
        return
    agency_name = complaint.agency.name if complaint.agency_id else ""

    def render():
        number = complaint.tracking_id
        if kind == "received":
            body = _(
                "Your complaint %(number)s was received. The complaint desk forwards it by %(due)s. "
                "Follow it with this tracking ID and the PIN on your receipt."
            ) % {"number": number, "due": _day(complaint.forward_due)}
        elif kind == "reply":
            body = _("There is a new reply to your complaint %(number)s. Read it on the tracking page.") % {
                "number": number
            }
        else:
            body = _("Complaint %(number)s: %(status)s.") % {
                "number": number,
                "status": Status(complaint.status).label,
            }
            if complaint.status == Status.FORWARDED:
                body += " " + _("%(agency)s follows it up by %(due)s.") % {
                    "agency": agency_name,
                    "due": _day(complaint.follow_up_due),
                }
            elif complaint.status == Status.FOLLOWED_UP:
                body += " " + _(
                    "Read the answer on the tracking page. If it does not settle your complaint, "
                    "reply by %(due)s; otherwise the complaint is closed."
                ) % {"due": _day(complaint.close_due)}
            if text:
                body += " " + text[:300]
        return _("Your complaint %(number)s") % {"number": number}, body

    notify_citizen(
        phone=complaint.phone,
        email="" if complaint.phone else complaint.email,
        kind=f"complaint.{kind}",
        language=complaint.language,
        render=render,
        # The outbox shows a message's (masked) address and text to the site's managers
        # and auditors; a confidential complaint's messages stay out of their view
        # (superusers only), so that an auditor cannot tie a contact to a whistle-blower.
        site=None if complaint.is_confidential else complaint.site,
    )


def managers(complaint: Complaint):
    return User.objects.filter(
        memberships__site_id=complaint.site_id,
        memberships__role=Role.MANAGER,
        memberships__agency__isnull=True,
        is_active=True,
    ).distinct()


def agency_admins(complaint: Complaint, agency_id: int | None = None):
    return User.objects.filter(
        memberships__site_id=complaint.site_id,
        memberships__agency_id=agency_id or complaint.agency_id,
        memberships__role=Role.AGENCY_ADMIN,
        is_active=True,
    ).distinct()


def responsible_staff(complaint: Complaint) -> list[User]:
    """Who must act now: the agency's admins at the site while it is forwarded to them (the
    desk when the agency has none), the desk otherwise."""
    if complaint.status == Status.FORWARDED and complaint.agency_id:
        admins = list(agency_admins(complaint))
        if admins:
            return admins
    return list(managers(complaint))


def tell_staff(users: list[User], complaint: Complaint, kind: str, subject: str, body: str) -> None:
    # Never the complainant's identity, not even for the desk: the inbox is not audited.
    notify_staff(users=users, kind=f"complaint.{kind}", subject=subject, body=body)


def due_text(day: dt.date | None) -> str:
    return _day(day)
