"""What an officer does at a counter: call, recall, no-show, start, finish, transfer, park.

Every function takes the officer's open ``CounterSession`` and first locks that row
inside the transaction (``live_session``): a session closed or taken over meanwhile,
or an officer who lost their role, is refused, and two actions on one counter (a
double click, two tabs, the old browser during a takeover) run one after the other.
Each changes one request and appends events. Requests of other counters or agencies
are refused as "not found".

Only today's tickets (the site's local day, ``Visit.day``) are called or count as
"at the counter"; tickets left from earlier days are cancelled by the day close
(``services.days.close_day``).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mpp.catalog.models import Service
from mpp.core import clock, sql
from mpp.core.db import MAX_ID, write_transaction
from mpp.notify.services import notify_citizen
from mpp.queueing import extensions, rules
from mpp.queueing.models import (
    AT_COUNTER,
    CounterService,
    CounterSession,
    Event,
    EventKind,
    HallSettings,
    Outcome,
    RequestStatus,
    ServiceOffer,
    ServiceRequest,
    Visit,
)
from mpp.tenancy.models import Agency, Counter, Membership, Role, Site, User

MAX_CLAIM_ATTEMPTS = 8
# The roles that work at a counter (as in tenancy.access.workable_counters).
COUNTER_ROLES = (Role.OFFICER, Role.AGENCY_ADMIN)
MAX_NOTE = 500
# A visitor who did not come after this many calls again is not coming; the count also
# stays far inside its column (a small integer on PostgreSQL).
MAX_RECALLS = 99


class NotFound(ValidationError):
    """The request is not at this counter (or not of this agency): the API answers 404."""


# The hot paths below write their SQL by hand (``mpp.core.sql``: the ORM spent 0.2-0.4 ms
# building each statement, ten times the time the database takes to run it). Each
# statement says in a comment what it is in ORM words.
SESSION = sql.Columns(CounterSession, "s")
COUNTER = sql.Columns(Counter, "c")
SITE = sql.Columns(Site, "st")
HALL = sql.Columns(HallSettings, "hs")
AGENCY = sql.Columns(Agency, "a")
REQUEST = sql.Columns(ServiceRequest, "r")
VISIT = sql.Columns(Visit, "v")
SERVICE = sql.Columns(Service, "sv")


def live_session(session: CounterSession) -> CounterSession:
    """Lock recipe (one counter, one action at a time): lock the session row, late and alone.

    Every action on a counter starts here, so two actions on the same counter queue on
    this row lock (PostgreSQL; SQLite has one writer anyway) instead of both reading "the
    counter is free". The session must still be open and the officer must still hold a
    role at the counter (``works_at``), read in the same transaction; the site, its hall
    settings and the agency that the action needs come with the lock.
    """
    # CounterSession.objects.select_for_update(of=("self",))
    #     .select_related("counter__site__hall_settings", "counter__agency")
    #     .filter(pk=session.pk, closed_at__isnull=True)
    row = sql.fetchone(
        f"SELECT {sql.select(SESSION, COUNTER, SITE, HALL, AGENCY)}"
        f" FROM {sql.table(CounterSession)} s"
        f" JOIN {sql.table(Counter)} c ON c.id = s.counter_id"
        f" JOIN {sql.table(Site)} st ON st.id = c.site_id"
        f" LEFT JOIN {sql.table(HallSettings)} hs ON hs.site_id = st.id"
        f" JOIN {sql.table(Agency)} a ON a.id = c.agency_id"
        f" WHERE s.id = %s AND s.closed_at IS NULL{sql.for_update('s')}",
        [session.pk],
    )
    if row is None:
        raise _session_closed()
    live, counter, site, settings, agency = sql.build_row(row, SESSION, COUNTER, SITE, HALL, AGENCY)
    rules.keep_hall_settings(site, settings)
    counter.site, counter.agency = site, agency
    # The role is read after the lock, in a statement of its own: on PostgreSQL a column of
    # the locking statement would be read as of before waiting for the lock.
    if not works_at(session.officer, counter):
        raise _session_closed()
    live.counter = counter
    live.officer = session.officer  # The same row: no second read of the user.
    return live


def _session_closed() -> ValidationError:
    return ValidationError(
        _("This counter session was closed, or you no longer work at this counter. Open the counter again."),
        code="session_closed",
    )


def works_at(officer: User, counter: Counter) -> bool:
    """``tenancy.access.workable_counters``, decided for one counter already read.

    The same rule (an officer or agency-admin role for the counter's agency at its site;
    counter, site and agency active) as one indexed membership lookup: the queryset form,
    a nested subquery, costs about 1 ms of query building on every counter action.
    tests/queueing/test_counter.py checks that both agree for every role.
    """
    if not (officer.is_active and counter.is_active and counter.site.is_active and counter.agency.is_active):
        return False
    # Membership.objects.filter(user=officer, site_id=..., agency_id=..., role__in=COUNTER_ROLES).exists()
    return (
        sql.fetchone(
            f"SELECT 1 FROM {sql.table(Membership)} WHERE user_id = %s AND site_id = %s AND agency_id = %s"
            f" AND role IN ({sql.placeholders(len(COUNTER_ROLES))}) LIMIT 1",
            [officer.pk, counter.site_id, counter.agency_id, *COUNTER_ROLES],
        )
        is not None
    )


def _event(request: ServiceRequest, kind: str, session: CounterSession, at: dt.datetime, **data) -> Event:
    event = Event(
        site_id=request.site_id,
        visit_id=request.visit_id,
        request=request,
        agency_id=request.agency_id,
        kind=kind,
        at=at,
        counter=session.counter,
        officer=session.officer,
        data=data,
    )
    return sql.insert(event)


def _request(where: str, params: list, counter: Counter | None = None) -> ServiceRequest | None:
    """One request with its visit, service and agency (and the counter, when it is there):
    all that an action and its answer show, so neither reads it again."""
    # ServiceRequest.objects.select_related("visit", "service", "agency").get(...)
    row = sql.fetchone(
        f"SELECT {sql.select(REQUEST, VISIT, SERVICE, AGENCY)}"
        f" FROM {sql.table(ServiceRequest)} r"
        f" JOIN {sql.table(Visit)} v ON v.id = r.visit_id"
        f" JOIN {sql.table(Service)} sv ON sv.id = r.service_id"
        f" JOIN {sql.table(Agency)} a ON a.id = r.agency_id"
        f" WHERE {where}",
        params,
    )
    if row is None:
        return None
    request, visit, service, agency = sql.build_row(row, REQUEST, VISIT, SERVICE, AGENCY)
    request.visit, request.service, request.agency = visit, service, agency
    if counter is not None:
        request.counter = counter
    return request


def request_at_counter(session: CounterSession, request_id: object, statuses) -> ServiceRequest:
    """The request at this counter, with its visit, service, agency and counter: all that the
    action and its answer show, so neither needs to read it again."""
    try:
        pk = int(str(request_id))
    except (ValueError, TypeError) as exc:
        raise NotFound(_("This ticket is not at your counter."), code="not_found") from exc
    request = None
    if 0 < pk <= MAX_ID:
        request = _request(
            f"r.id = %s AND r.counter_id = %s AND r.status IN ({sql.placeholders(len(statuses))})",
            [pk, session.counter.pk, *statuses],
            session.counter,
        )
    if request is None:
        raise NotFound(_("This ticket is not at your counter."), code="not_found")
    return request


def _save(request: ServiceRequest, *names: str) -> None:
    """``request.save(update_fields=names)``."""
    sql.update(ServiceRequest, request.pk, {name: getattr(request, name) for name in names})


def _check_note(note: str) -> str:
    if len(note) > MAX_NOTE:
        raise ValidationError({"note": _("At most %(max)s characters.") % {"max": MAX_NOTE}})
    return note.strip()


def served_service_ids(session: CounterSession) -> list[int]:
    """The services this counter calls that the hall offers today."""
    # CounterService.objects.filter(counter=..., service__agency=...,
    #     service__in=ServiceOffer.objects.filter(site=..., is_active=True).values("service_id"))
    rows = sql.fetchall(
        f"SELECT cs.service_id FROM {sql.table(CounterService)} cs"
        f" JOIN {sql.table(Service)} sv ON sv.id = cs.service_id"
        f" WHERE cs.counter_id = %s AND sv.agency_id = %s AND cs.service_id IN"
        f" (SELECT o.service_id FROM {sql.table(ServiceOffer)} o WHERE o.site_id = %s AND o.is_active = %s)"
        " ORDER BY cs.service_id",
        [session.counter.pk, session.counter.agency_id, session.counter.site_id, True],
    )
    return [service_id for (service_id,) in rows]


def _busy(session: CounterSession, day: dt.date) -> bool:
    """A ticket of today is called or being served here (one left from an earlier day is not)."""
    # ServiceRequest.objects.filter(counter=..., status__in=AT_COUNTER, visit__day=day).exists()
    row = sql.fetchone(
        f"SELECT 1 FROM {sql.table(ServiceRequest)} r JOIN {sql.table(Visit)} v ON v.id = r.visit_id"
        f" WHERE r.counter_id = %s AND r.status IN ({sql.placeholders(len(AT_COUNTER))}) AND v.day = %s"
        " LIMIT 1",
        [session.counter.pk, *AT_COUNTER, sql.prep(Visit, "day", day)],
    )
    return row is not None


def _claim(request_id: int, session: CounterSession, now: dt.datetime) -> bool:
    """Claim recipe: a conditional UPDATE; its row count says whether this counter won."""
    won = sql.update(
        ServiceRequest,
        request_id,
        {
            "status": RequestStatus.CALLED,
            "counter_id": session.counter.pk,
            "officer_id": session.officer.pk,
            "called_at": now,
            "recalls": 0,
        },
        status=RequestStatus.WAITING,
    )
    return won == 1


NEAR = sql.Columns(ServiceRequest, "r", ["visit", "near_notified_at"])
NEAR_VISIT = sql.Columns(Visit, "v", ["prefix", "number", "phone", "language"])

# Queue order: priority class first, then the place in the queue (docs/queue.md).
QUEUE_ORDER = "r.priority DESC, r.queue_time, r.id"


def _first_waiting(service_ids: list[int], site_id: int, day: dt.date) -> int | None:
    # ServiceRequest.objects.filter(site_id=..., status=WAITING, service_id__in=..., visit__day=day)
    #     .order_by("-priority", "queue_time", "id").values_list("pk", flat=True).first()
    lock = ""
    if connection.vendor == "postgresql":
        # Rows another counter is claiming right now are skipped, not waited for.
        lock = " FOR UPDATE OF r SKIP LOCKED"
    row = sql.fetchone(
        f"SELECT r.id FROM {sql.table(ServiceRequest)} r JOIN {sql.table(Visit)} v ON v.id = r.visit_id"
        f" WHERE r.site_id = %s AND r.status = %s AND r.service_id IN ({sql.placeholders(len(service_ids))})"
        f" AND v.day = %s ORDER BY {QUEUE_ORDER} LIMIT 1{lock}",
        [site_id, RequestStatus.WAITING, *service_ids, sql.prep(Visit, "day", day)],
    )
    return row[0] if row else None


def _called(request_id: int, session: CounterSession) -> ServiceRequest:
    """The request just claimed, with what the call's messages and answer show (as
    ``request_at_counter``)."""
    return _request("r.id = %s", [request_id], session.counter)


def _tell_visitors(request: ServiceRequest, session: CounterSession, now: dt.datetime, day: dt.date) -> None:
    """Messages of a call, in the call's transaction (a rolled-back call sends nothing).

    The called visitor hears where to go; the visitor who is now ``notify_ahead``-th in
    the same service's queue hears that their turn is near, once (``near_notified_at``).
    ``notify_ahead = 0`` switches both off. One query when nobody gave a telephone: the
    visit (and its phone) came with the call.
    """
    site = session.counter.site
    ahead = rules.hall_settings(site).notify_ahead  # joined by live_session: no query
    if not ahead:
        return  # The hall sends no queue messages.
    counter, agency = session.counter, request.agency
    if request.visit.phone:
        code = request.visit.code

        def called():
            return (
                _("Your number is called"),
                _("Number %(code)s, please go to counter %(counter)s (%(agency)s) now.")
                % {"code": code, "counter": counter.number, "agency": agency.short_name},
            )

        notify_citizen(
            phone=request.visit.phone,
            kind="queue.called",
            render=called,
            site=site,
            language=request.visit.language,
        )
    # ServiceRequest.objects.filter(site_id=..., service_id=..., status=WAITING, visit__day=day)
    #     .select_related("visit").order_by("-priority", "queue_time", "id")[ahead - 1 : ahead]
    row = sql.fetchone(
        f"SELECT {sql.select(NEAR, NEAR_VISIT)} FROM {sql.table(ServiceRequest)} r"
        f" JOIN {sql.table(Visit)} v ON v.id = r.visit_id"
        f" WHERE r.site_id = %s AND r.service_id = %s AND r.status = %s AND v.day = %s"
        f" ORDER BY {QUEUE_ORDER} LIMIT 1 OFFSET %s",
        [site.pk, request.service_id, RequestStatus.WAITING, sql.prep(Visit, "day", day), ahead - 1],
    )
    if row is None:
        return
    near, visit = sql.build_row(row, NEAR, NEAR_VISIT)
    near.visit = visit
    if near.near_notified_at is not None or not near.visit.phone:
        return
    if not _mark_near(near.pk, now):
        return
    code, before = near.visit.code, ahead - 1

    def near_turn():
        if before == 0:
            body = _("Number %(code)s: you are next at %(agency)s. Please watch the board.")
        else:
            body = ngettext(
                "Number %(code)s: %(count)s more visitor before you at %(agency)s. Please stay near the counters.",
                "Number %(code)s: %(count)s more visitors before you at %(agency)s. Please stay near the counters.",
                before,
            )
        return _("Your turn is near"), body % {"code": code, "count": before, "agency": agency.short_name}

    notify_citizen(
        phone=near.visit.phone, kind="queue.near", render=near_turn, site=site, language=near.visit.language
    )


def _mark_near(request_id: int, now: dt.datetime) -> bool:
    """Claim recipe for the near-turn message: two counters of one service calling at once
    may both see this visitor as the one to tell; the conditional UPDATE lets exactly one
    of them tell.

    On PostgreSQL the row is taken only if no other transaction holds it (``SKIP
    LOCKED``): a row held is being called by another counter, or told by one. Waiting for
    it would deadlock: each counter holds the row it just called and would wait for the
    row the other called (tests/queueing/test_concurrency.py). Accepted race: if the
    counter holding the row was telling this visitor and its call then rolls back, the
    visitor is not told this time; only a failed call rolls back.
    """
    if connection.vendor != "postgresql":
        return sql.update(ServiceRequest, request_id, {"near_notified_at": now}, near_notified_at=None) == 1
    table = sql.table(ServiceRequest)
    return (
        sql.execute(
            f"UPDATE {table} SET near_notified_at = %s WHERE id = (SELECT id FROM {table}"
            " WHERE id = %s AND near_notified_at IS NULL FOR UPDATE SKIP LOCKED)",
            [sql.prep(ServiceRequest, "near_notified_at", now), request_id],
        )
        == 1
    )


def call_next(*, session: CounterSession) -> ServiceRequest | None:
    """The next visitor of today in queue order for the services of this counter, or None."""
    now = clock.now()
    with write_transaction():
        session = live_session(session)
        day = rules.site_day(session.counter.site, now)
        if _busy(session, day):
            raise ValidationError(
                _(
                    "Finish, transfer, park or mark the current ticket as not present before calling the next."
                ),
                code="busy",
            )
        service_ids = served_service_ids(session)
        if not service_ids:
            raise ValidationError(_("No service is assigned to this counter."), code="no_services")
        for _attempt in range(MAX_CLAIM_ATTEMPTS):
            candidate = _first_waiting(service_ids, session.counter.site_id, day)
            if candidate is None:
                return None
            if _claim(candidate, session, now):
                request = _called(candidate, session)
                _event(request, EventKind.CALLED, session, now)
                _tell_visitors(request, session, now, day)
                return request
        return None


def call_specific(*, session: CounterSession, code: str) -> ServiceRequest:
    """Call one waiting ticket of today out of order, by its number (the visitor is at the desk)."""
    now = clock.now()
    code = (code or "").strip().upper()
    letters, digits = code.rstrip("0123456789"), code[len(code.rstrip("0123456789")) :]
    if not letters or not digits or len(code) > 8:
        raise ValidationError({"code": _("Enter a ticket number such as A017.")})
    with write_transaction():
        session = live_session(session)
        day = rules.site_day(session.counter.site, now)
        if _busy(session, day):
            raise ValidationError(_("Finish the current ticket first."), code="busy")
        request = (
            ServiceRequest.objects.filter(
                site=session.counter.site,
                visit__day=day,
                visit__prefix=letters,
                visit__number=int(digits),
                status=RequestStatus.WAITING,
                service_id__in=served_service_ids(session),
            )
            .values_list("pk", flat=True)
            .first()
        )
        if request is None or not _claim(request, session, now):
            raise NotFound(
                _("No waiting ticket %(code)s for this counter.") % {"code": code}, code="not_found"
            )
        request = _called(request, session)
        _event(request, EventKind.CALLED, session, now, out_of_order=True)
        _tell_visitors(request, session, now, day)
        return request


def recall(*, session: CounterSession, request_id: object) -> ServiceRequest:
    """Call the same ticket again (the board speaks it again)."""
    now = clock.now()
    with write_transaction():
        session = live_session(session)
        request = request_at_counter(session, request_id, [RequestStatus.CALLED])
        if request.recalls >= MAX_RECALLS:
            raise ValidationError(
                _("Number %(code)s was called again %(count)s times. Mark it as not present instead.")
                % {"code": request.visit.code, "count": request.recalls},
                code="too_many_recalls",
            )
        request.recalls += 1  # Safe: the session lock serialises every action on this counter.
        _save(request, "recalls")
        _event(request, EventKind.RECALLED, session, now, recalls=request.recalls)
    return request


def _cancel_pending_steps(
    request: ServiceRequest, session: CounterSession, now: dt.datetime, reason: str
) -> int:
    """The visit's steps not yet begun end here (the visitor did not come, or this step did not
    end with "completed"): each is cancelled with an event saying why."""
    pending = list(
        ServiceRequest.objects.select_for_update(of=("self",))
        .filter(visit_id=request.visit_id, status=RequestStatus.PENDING)
        .order_by("step", "id")
    )
    if not pending:
        return 0
    ServiceRequest.objects.filter(pk__in=[p.pk for p in pending], status=RequestStatus.PENDING).update(
        status=RequestStatus.CANCELLED, finished_at=now
    )
    Event.objects.bulk_create(
        Event(
            site_id=p.site_id,
            visit_id=p.visit_id,
            request_id=p.pk,
            agency_id=p.agency_id,
            kind=EventKind.CANCELLED,
            at=now,
            counter=session.counter,
            officer=session.officer,
            data={"reason": reason, "after_request": request.pk},
        )
        for p in pending
    )
    return len(pending)


def mark_no_show(*, session: CounterSession, request_id: object) -> ServiceRequest:
    """The visitor did not come: this request and the visit's later steps end (docs/queue.md)."""
    now = clock.now()
    with write_transaction():
        session = live_session(session)
        request = request_at_counter(session, request_id, [RequestStatus.CALLED])
        needed = rules.hall_settings(session.counter.site).recalls_before_no_show
        if request.recalls < needed:
            raise ValidationError(
                _("Call the ticket again first: %(needed)s recalls are needed before marking it not present.")
                % {"needed": needed},
                code="too_early",
            )
        request.status = RequestStatus.NO_SHOW
        request.finished_at = now
        _save(request, "status", "finished_at")
        _event(request, EventKind.NO_SHOW, session, now)
        _cancel_pending_steps(request, session, now, reason="no_show")
    return request


def start_service(*, session: CounterSession, request_id: object) -> ServiceRequest:
    now = clock.now()
    with write_transaction():
        session = live_session(session)
        request = request_at_counter(session, request_id, [RequestStatus.CALLED])
        request.status = RequestStatus.SERVING
        request.started_at = now
        _save(request, "status", "started_at")
        _event(request, EventKind.STARTED, session, now)
    return request


def _release_next_step(request: ServiceRequest, session: CounterSession, now: dt.datetime) -> None:
    """The visit's next step (if any) joins its agency's queue at the visit's arrival time,
    and the boards tell the visitor where to go next.

    The next step is the visit's lowest pending one (a transfer may have moved the visitor
    ahead to a later step, docs/queue.md). Claim recipe: pending -> waiting is a conditional
    UPDATE, and only its winner writes the event, so a step is released exactly once.
    """
    # ServiceRequest.objects.filter(visit_id=..., status=PENDING).select_related("agency")
    #     .order_by("step", "id").first()
    row = sql.fetchone(
        f"SELECT r.id, r.agency_id, a.short_name FROM {sql.table(ServiceRequest)} r"
        f" JOIN {sql.table(Agency)} a ON a.id = r.agency_id"
        " WHERE r.visit_id = %s AND r.status = %s ORDER BY r.step, r.id LIMIT 1",
        [request.visit_id, RequestStatus.PENDING],
    )
    if row is None:
        return
    following_id, agency_id, agency_name = row
    released = sql.update(
        ServiceRequest,
        following_id,
        {"status": RequestStatus.WAITING, "queue_time": request.visit.arrived_at},
        status=RequestStatus.PENDING,
    )
    if released:
        _event(
            request,
            EventKind.NEXT_STEP,
            session,
            now,
            to_request=following_id,
            to_agency=agency_id,
            to_agency_name=agency_name,
        )


def finish_service(
    *, session: CounterSession, request_id: object, outcome: str, note: str = ""
) -> ServiceRequest:
    """End the service with an outcome. Only "completed" moves the visitor on to the next
    step of their visit; any other outcome ends the steps not yet begun (docs/queue.md)."""
    now = clock.now()
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    note = _check_note(note)
    with write_transaction():
        session = live_session(session)
        request = request_at_counter(session, request_id, [RequestStatus.SERVING, RequestStatus.CALLED])
        if outcome == Outcome.COMPLETED:
            problems = extensions.finish_problems(request)
            if problems:
                raise ValidationError(problems, code="incomplete")
        request.started_at = request.started_at or now
        request.status = RequestStatus.DONE
        request.finished_at = now
        request.outcome = outcome
        request.note = note
        _save(request, "status", "started_at", "finished_at", "outcome", "note")
        _event(request, EventKind.FINISHED, session, now, outcome=outcome)
        if outcome == Outcome.COMPLETED:
            _release_next_step(request, session, now)
        else:
            _cancel_pending_steps(request, session, now, reason=outcome)
    return request


def transfer(
    *, session: CounterSession, request_id: object, service: Service, note: str = ""
) -> ServiceRequest:
    """Send the visitor to another service (of any agency in the hall), keeping their place.

    The new request's queue time is the visit's arrival, so it is called before
    everyone who arrived later. When the service is a later step of this visit (a
    journey), the visitor moves on to that step instead of queuing for it twice
    (docs/queue.md).
    """
    now = clock.now()
    note = _check_note(note)
    with write_transaction():
        session = live_session(session)
        request = request_at_counter(session, request_id, AT_COUNTER)
        offer = (
            ServiceOffer.objects.filter(site=request.site_id, service=service, is_active=True)
            .select_related("site", "service__agency")
            .first()
        )
        if offer is None:
            raise ValidationError({"service": _("This service is not offered in the hall.")})
        if service.pk == request.service_id:
            raise ValidationError({"service": _("Choose another service.")})
        try:
            rules.check_transfer(offer=offer, now=now)
        except rules.Refusal as exc:
            raise ValidationError({"service": exc.message}, code=exc.code) from exc
        request.status = RequestStatus.TRANSFERRED
        request.finished_at = now
        request.started_at = request.started_at or now
        request.note = note
        _save(request, "status", "finished_at", "started_at", "note")
        later_step = (
            ServiceRequest.objects.filter(
                visit_id=request.visit_id, status=RequestStatus.PENDING, service=service
            )
            .order_by("step")
            .first()
        )
        if later_step is not None:
            # Claim recipe, as in _release_next_step: this step is released once.
            ServiceRequest.objects.filter(pk=later_step.pk, status=RequestStatus.PENDING).update(
                status=RequestStatus.WAITING, queue_time=request.visit.arrived_at
            )
            new = ServiceRequest.objects.get(pk=later_step.pk)
        else:
            new = ServiceRequest.objects.create(
                visit_id=request.visit_id,
                site_id=request.site_id,
                agency=service.agency,
                service=service,
                step=request.step,
                status=RequestStatus.WAITING,
                priority=request.priority,
                queue_time=request.visit.arrived_at,
                transferred_from=request,
            )
        _event(
            request,
            EventKind.TRANSFERRED,
            session,
            now,
            to_request=new.pk,
            to_service=service.pk,
            to_agency=service.agency_id,
            **({"to_step": new.step} if later_step is not None else {}),
        )
    return new


def park(*, session: CounterSession, request_id: object, note: str = "") -> ServiceRequest:
    """Set a ticket aside (the visitor fetches a document) and keep it for this counter."""
    now = clock.now()
    note = _check_note(note)
    with write_transaction():
        session = live_session(session)
        request = request_at_counter(session, request_id, AT_COUNTER)
        request.status = RequestStatus.PARKED
        request.note = note
        _save(request, "status", "note")
        _event(request, EventKind.PARKED, session, now)
    return request


def resume(*, session: CounterSession, request_id: object) -> ServiceRequest:
    """Call a parked ticket back to this counter."""
    now = clock.now()
    with write_transaction():
        session = live_session(session)
        if _busy(session, rules.site_day(session.counter.site, now)):
            raise ValidationError(_("Finish the current ticket first."), code="busy")
        request = request_at_counter(session, request_id, [RequestStatus.PARKED])
        request.status = RequestStatus.CALLED
        request.called_at = now
        request.recalls = 0
        _save(request, "status", "called_at", "recalls")
        _event(request, EventKind.RESUMED, session, now)
    return request
