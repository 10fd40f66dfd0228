"""Opening an application, moving it through its lifecycle, and watching its due date."""

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.cases import selectors
from mpp.cases.models import NEEDS_REASON, OPEN, TRANSITIONS, Application, ApplicationEvent, Status
from mpp.catalog import selectors as catalog
from mpp.catalog.models import ServiceStandard
from mpp.core import clock, ratelimit
from mpp.core.db import write_transaction
from mpp.core.phone import normalize_phone
from mpp.notify.services import notify_citizen, notify_staff
from mpp.privacy.crypto import blind_index
from mpp.queueing.models import AT_COUNTER, CounterSession, ServiceRequest
from mpp.queueing.services import counter as desk
from mpp.tenancy.calendar import site_calendar
from mpp.tenancy.models import Role, Site, User


def due_date(*, site: Site, received: dt.datetime, standard: ServiceStandard | None) -> dt.date:
    """The promised day: the standard's working days after the day of receipt, on the site's
    calendar (weekends, libur nasional, cuti bersama and the site's own days skipped). A
    same-day service (minutes) is due on the day of receipt. Either way, a file received
    on a day the site does not work counts from its next working day."""
    calendar = site_calendar(site)
    # A file received on a day the site does not work starts on its next working day.
    start = calendar.add_working_days(timezone.localdate(received, site.zone), 0)
    if standard is None or standard.completion_unit == ServiceStandard.TimeUnit.MINUTES:
        return start
    return calendar.add_working_days(start, standard.completion_time)


def _tail(phone: str) -> str:
    return blind_index(phone[-4:], purpose="tracking-tail") if phone else ""


def _pin_hash(pin: str) -> str:
    return blind_index(pin, purpose="tracking-pin")


def open_application(
    *, session: CounterSession, request_id: object, phone: str = ""
) -> tuple[Application, str | None]:
    """Open an application for the request at this counter; returns it and the receipt's PIN.

    The PIN (and the last four digits of the telephone, when given) is the second factor of
    the public tracking page; only its keyed hash is stored. A request has at most one
    application: asked again (a double submit), this returns the one already opened and
    no PIN, since the PIN exists only on the first receipt.
    """
    now = clock.now()
    phone = normalize_phone(phone) if phone else ""
    pin = f"{secrets.randbelow(10**6):06d}"
    for _attempt in range(3):
        try:
            with write_transaction():
                session, request_ = _request_at(session, request_id)
                # Lock recipe: the request's row, then look. A second submit waits here until
                # the first commits, and then finds its application.
                _lock(request_)
                opened = _opened(request_)
                if opened is not None:
                    return opened, None
                site = request_.visit.site
                number_phone = phone or request_.visit.phone
                application = Application.objects.create(
                    site=site,
                    agency_id=request_.agency_id,
                    service=request_.service,
                    request=request_,
                    received_at=now,
                    due_date=due_date(
                        site=site, received=now, standard=catalog.current_standard(request_.service)
                    ),
                    phone=number_phone,
                    language=request_.visit.language,
                    pin_hash=_pin_hash(pin),
                    phone_tail_hash=_tail(number_phone),
                    created_by=session.officer,
                )
                ApplicationEvent.objects.create(
                    application=application, status=Status.RECEIVED, at=now, by=session.officer
                )
                _tell_citizen(application, Status.RECEIVED)
            return application, pin
        except IntegrityError:
            # A tracking number drawn twice (1 in 10^11): draw again. (A second application
            # for the request cannot get here past the lock; the constraint is the last guard,
            # and the next pass returns the first one.)
            continue
    raise ValidationError(_("The application could not be saved; try again."))


def _request_at(session: CounterSession, request_id: object) -> tuple[CounterSession, ServiceRequest]:
    """The session, re-read once the queue confirms it is still open (and locked, so that
    this action waits for any other on the counter), and the request at its counter: the
    queue's own check and lookup, so that every counter action agrees on both."""
    session = desk.live_session(session)
    request_ = desk.request_at_counter(session, request_id, AT_COUNTER)
    return session, ServiceRequest.objects.select_related("service", "visit__site").get(pk=request_.pk)


def _lock(request_: ServiceRequest) -> None:
    list(ServiceRequest.objects.select_for_update().filter(pk=request_.pk).values_list("pk"))


def _opened(request_: ServiceRequest) -> Application | None:
    return Application.objects.filter(request=request_).select_related("site", "agency", "service").first()


def change_status(*, user: User, application: Application, status: str, reason: str = "") -> Application:
    """Move an application on; returned and rejected files say why."""
    # The (site, agency) pairs of the user's memberships decide: an agency's admin at one
    # site does not move its files at another, and a manager moves only their site's.
    if not selectors.editable_applications(user).filter(pk=application.pk).exists():
        raise PermissionDenied
    now = clock.now()
    reason = (reason or "").strip()
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if len(reason) > 500:
        raise ValidationError({"reason": _("At most 500 characters.")})
    if status in NEEDS_REASON and not reason:
        raise ValidationError({"reason": _("Say why, so that the citizen knows what to do.")})
    with write_transaction():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if status not in TRANSITIONS[Status(application.status)]:
            raise ValidationError(
                {
                    "status": _("An application that is %(current)s cannot become %(next)s.")
                    % {"current": application.get_status_display(), "next": Status(status).label}
                },
                code="transition",
            )
        application.status = status
        fields = ["status"]
        if status in (Status.DONE, Status.REJECTED):
            application.finished_at = now
            application.is_overdue = application.is_overdue and status not in (Status.DONE, Status.REJECTED)
            fields += ["finished_at", "is_overdue"]
        application.save(update_fields=fields)
        ApplicationEvent.objects.create(
            application=application, status=status, at=now, reason=reason, by=user
        )
        _tell_citizen(application, status, reason)
    return application


def _tell_citizen(application: Application, status: str, reason: str = "") -> None:
    """A status message to the citizen, queued in the outbox with the change itself."""

    def render():
        label = Status(status).label
        body = _("Application %(number)s (%(service)s): %(status)s.") % {
            "number": application.tracking_number,
            "service": application.service.name,
            "status": label,
        }
        if reason:
            body += " " + reason
        if status == Status.DONE:
            body += " " + _("Please collect it at the mall.")
        return _("Your application %(number)s") % {"number": application.tracking_number}, body

    notify_citizen(
        phone=application.phone,
        kind=f"application.{status}",
        render=render,
        site=application.site,
        language=application.language,
    )


def check_overdue(*, now: dt.datetime | None = None) -> int:
    """Mark open applications past their due date, and tell their agency's admins once."""
    now = now or clock.now()
    marked = 0
    candidates = Application.objects.filter(status__in=OPEN, is_overdue=False).select_related(
        "site", "service"
    )
    for application in candidates:
        if timezone.localdate(now, application.site.zone) <= application.due_date:
            continue
        with write_transaction():
            updated = Application.objects.filter(pk=application.pk, is_overdue=False).update(
                is_overdue=True, overdue_notified_at=now
            )
            if not updated:
                continue  # another worker got there first
            admins = list(_agency_admins(application))
            notify_staff(
                users=admins,
                kind="application.overdue",
                subject=_("Overdue: %(number)s") % {"number": application.tracking_number},
                body=_("Application %(number)s (%(service)s) was due on %(due)s and is not finished.")
                % {
                    "number": application.tracking_number,
                    "service": application.service.name,
                    "due": application.due_date.isoformat(),
                },
            )
            marked += 1
    return marked


def _agency_admins(application: Application):
    return User.objects.filter(
        memberships__agency_id=application.agency_id,
        memberships__site_id=application.site_id,
        memberships__role=Role.AGENCY_ADMIN,
        is_active=True,
    ).distinct()


# The public tracking page: five wrong guesses per file and twenty per address an hour.
TRACKING_LIMITS = (("tracking-number", 5), ("tracking-ip", 20))
TRACKING_WINDOW = dt.timedelta(hours=1)


class TrackingRefused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def track(*, number: str, secret: str, ip: str) -> Application:
    """The application behind a tracking number, if the second factor matches.

    The second factor is the receipt's PIN or the last four digits of the telephone.
    Wrong guesses count against the number and the caller's address; past the limit,
    even a right answer waits for the window to pass, so that guessing cannot win.
    """
    number = (number or "").strip().upper()[:20]
    secret = "".join(ch for ch in (secret or "") if ch.isdigit())[:6]
    keys = {"tracking-number": number, "tracking-ip": ip}
    for bucket, limit in TRACKING_LIMITS:
        if ratelimit.exceeded(bucket=bucket, key=keys[bucket], limit=limit, window=TRACKING_WINDOW):
            raise TrackingRefused("limited", _("Too many wrong attempts. Try again in an hour."))
    application = (
        Application.objects.filter(tracking_number=number).select_related("service", "agency").first()
    )
    matches = (
        application is not None
        and secret
        and (
            (len(secret) == 6 and application.pin_hash == _pin_hash(secret))
            or (
                len(secret) == 4
                and application.phone_tail_hash
                and application.phone_tail_hash == _tail(secret)
            )
        )
    )
    if not matches:
        with write_transaction():
            for bucket, _limit in TRACKING_LIMITS:
                ratelimit.hit(bucket=bucket, key=keys[bucket])
        raise TrackingRefused("not_found", _("No application matches this number and code."))
    return application
