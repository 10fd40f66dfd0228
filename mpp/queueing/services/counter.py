"""What an officer does at a counter: call, recall, no-show, start, finish, transfer, park.

Every function takes the officer's open ``CounterSession``, re-reads it inside the
transaction (a session closed meanwhile refuses), changes one request and appends
one event. Requests of other counters or agencies are refused as "not found".
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.catalog.models import Service
from mpp.core import clock
from mpp.core.db import write_transaction
from mpp.queueing import extensions, rules
from mpp.queueing.models import (
    AT_COUNTER,
    CounterService,
    CounterSession,
    Event,
    EventKind,
    Outcome,
    RequestStatus,
    ServiceOffer,
    ServiceRequest,
)
from mpp.tenancy.models import Site

MAX_CLAIM_ATTEMPTS = 8


class NotFound(ValidationError):
    """The request is not at this counter (or not of this agency): the API answers 404."""


def _live_session(session: CounterSession) -> CounterSession:
    """The session as given, once the database confirms it is still open (one cheap query)."""
    still_open = CounterSession.objects.filter(pk=session.pk, closed_at__isnull=True, counter__is_active=True)
    if not still_open.exists():
        raise ValidationError(
            _("This counter session was closed. Open the counter again."), code="session_closed"
        )
    return session


def _event(request: ServiceRequest, kind: str, session: CounterSession, at: dt.datetime, **data) -> Event:
    return Event.objects.create(
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


def _at_counter(session: CounterSession, request_id: object, statuses) -> ServiceRequest:
    try:
        return ServiceRequest.objects.select_related("visit").get(
            pk=int(str(request_id)), counter=session.counter, status__in=statuses
        )
    except (ServiceRequest.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise NotFound(_("This ticket is not at your counter."), code="not_found") from exc


def served_service_ids(session: CounterSession) -> list[int]:
    """The services this counter calls that the hall offers today."""
    offered = ServiceOffer.objects.filter(site=session.counter.site_id, is_active=True).values("service_id")
    return list(
        CounterService.objects.filter(counter=session.counter, service__in=offered).values_list(
            "service_id", flat=True
        )
    )


def _busy(session: CounterSession) -> ServiceRequest | None:
    return ServiceRequest.objects.filter(counter=session.counter, status__in=AT_COUNTER).first()


def _claim(request_id: int, session: CounterSession, now: dt.datetime) -> bool:
    """Claim recipe: a conditional UPDATE; its row count says whether this counter won."""
    won = ServiceRequest.objects.filter(pk=request_id, status=RequestStatus.WAITING).update(
        status=RequestStatus.CALLED,
        counter=session.counter,
        officer=session.officer,
        called_at=now,
        recalls=0,
    )
    return won == 1


def _first_waiting(service_ids: list[int], site_id: int) -> int | None:
    candidates = ServiceRequest.objects.filter(
        site_id=site_id, status=RequestStatus.WAITING, service_id__in=service_ids
    ).order_by("-priority", "queue_time", "id")
    if connection.vendor == "postgresql":
        # Rows another counter is claiming right now are skipped, not waited for.
        candidates = candidates.select_for_update(skip_locked=True, of=("self",))
    return candidates.values_list("pk", flat=True).first()


def call_next(*, session: CounterSession) -> ServiceRequest | None:
    """The next visitor in queue order for the services of this counter, or None."""
    now = clock.now()
    with write_transaction():
        session = _live_session(session)
        if _busy(session) is not None:
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
            candidate = _first_waiting(service_ids, session.counter.site_id)
            if candidate is None:
                return None
            if _claim(candidate, session, now):
                request = ServiceRequest.objects.select_related("visit").get(pk=candidate)
                _event(request, EventKind.CALLED, session, now)
                return request
        return None


def call_specific(*, session: CounterSession, code: str) -> ServiceRequest:
    """Call one waiting ticket out of order, by its number (the visitor is at the desk)."""
    now = clock.now()
    code = (code or "").strip().upper()
    letters, digits = code.rstrip("0123456789"), code[len(code.rstrip("0123456789")) :]
    if not letters or not digits or len(code) > 8:
        raise ValidationError({"code": _("Enter a ticket number such as A017.")})
    with write_transaction():
        session = _live_session(session)
        if _busy(session) is not None:
            raise ValidationError(_("Finish the current ticket first."), code="busy")
        day = timezone.localdate(now, Site.objects.only("timezone").get(pk=session.counter.site_id).zone)
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
        request = ServiceRequest.objects.select_related("visit").get(pk=request)
        _event(request, EventKind.CALLED, session, now, out_of_order=True)
        return request


def recall(*, session: CounterSession, request_id: object) -> ServiceRequest:
    """Call the same ticket again (the board speaks it again)."""
    now = clock.now()
    with write_transaction():
        session = _live_session(session)
        request = _at_counter(session, request_id, [RequestStatus.CALLED])
        request.recalls += 1
        request.save(update_fields=["recalls"])
        _event(request, EventKind.RECALLED, session, now, recalls=request.recalls)
    return request


def mark_no_show(*, session: CounterSession, request_id: object) -> ServiceRequest:
    now = clock.now()
    with write_transaction():
        session = _live_session(session)
        request = _at_counter(session, request_id, [RequestStatus.CALLED])
        needed = rules.hall_settings(session.counter.site).recalls_before_no_show
        if request.recalls < needed:
            raise ValidationError(
                _("Call the ticket again first: %(needed)s recalls are needed before marking it not present.")
                % {"needed": needed},
                code="too_early",
            )
        request.status = RequestStatus.NO_SHOW
        request.finished_at = now
        request.save(update_fields=["status", "finished_at"])
        _event(request, EventKind.NO_SHOW, session, now)
    return request


def start_service(*, session: CounterSession, request_id: object) -> ServiceRequest:
    now = clock.now()
    with write_transaction():
        session = _live_session(session)
        request = _at_counter(session, request_id, [RequestStatus.CALLED])
        request.status = RequestStatus.SERVING
        request.started_at = now
        request.save(update_fields=["status", "started_at"])
        _event(request, EventKind.STARTED, session, now)
    return request


def _release_next_step(request: ServiceRequest, session: CounterSession, now: dt.datetime) -> None:
    """The visit's next step (if any) joins its agency's queue at the visit's arrival time,
    and the boards tell the visitor where to go next."""
    following = (
        ServiceRequest.objects.filter(
            visit_id=request.visit_id, status=RequestStatus.PENDING, step__gt=request.step
        )
        .select_related("agency")
        .order_by("step")
        .first()
    )
    if following is not None:
        following.status = RequestStatus.WAITING
        following.queue_time = request.visit.arrived_at
        following.save(update_fields=["status", "queue_time"])
        _event(
            request,
            EventKind.NEXT_STEP,
            session,
            now,
            to_request=following.pk,
            to_agency=following.agency_id,
            to_agency_name=following.agency.short_name,
        )


def finish_service(
    *, session: CounterSession, request_id: object, outcome: str, note: str = ""
) -> ServiceRequest:
    now = clock.now()
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    if len(note) > 500:
        raise ValidationError({"note": _("At most 500 characters.")})
    with write_transaction():
        session = _live_session(session)
        request = _at_counter(session, request_id, [RequestStatus.SERVING, RequestStatus.CALLED])
        if outcome == Outcome.COMPLETED:
            problems = extensions.finish_problems(request)
            if problems:
                raise ValidationError(problems, code="incomplete")
        request.started_at = request.started_at or now
        request.status = RequestStatus.DONE
        request.finished_at = now
        request.outcome = outcome
        request.note = note.strip()
        request.save(update_fields=["status", "started_at", "finished_at", "outcome", "note"])
        _event(request, EventKind.FINISHED, session, now, outcome=outcome)
        _release_next_step(request, session, now)
    return request


def transfer(
    *, session: CounterSession, request_id: object, service: Service, note: str = ""
) -> ServiceRequest:
    """Send the visitor to another service (of any agency in the hall), keeping their place.

    The new request's queue time is the visit's arrival, so it is called before
    everyone who arrived later (docs/queue.md).
    """
    now = clock.now()
    if len(note) > 500:
        raise ValidationError({"note": _("At most 500 characters.")})
    with write_transaction():
        session = _live_session(session)
        request = _at_counter(session, request_id, AT_COUNTER)
        offer = ServiceOffer.objects.filter(site=request.site_id, service=service, is_active=True).first()
        if offer is None:
            raise ValidationError({"service": _("This service is not offered in the hall.")})
        if service.pk == request.service_id:
            raise ValidationError({"service": _("Choose another service.")})
        request.status = RequestStatus.TRANSFERRED
        request.finished_at = now
        request.started_at = request.started_at or now
        request.note = note.strip()
        request.save(update_fields=["status", "finished_at", "started_at", "note"])
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
        )
    return new


def park(*, session: CounterSession, request_id: object, note: str = "") -> ServiceRequest:
    """Set a ticket aside (the visitor fetches a document) and keep it for this counter."""
    now = clock.now()
    with write_transaction():
        session = _live_session(session)
        request = _at_counter(session, request_id, AT_COUNTER)
        request.status = RequestStatus.PARKED
        request.note = note.strip()[:500]
        request.save(update_fields=["status", "note"])
        _event(request, EventKind.PARKED, session, now)
    return request


def resume(*, session: CounterSession, request_id: object) -> ServiceRequest:
    """Call a parked ticket back to this counter."""
    now = clock.now()
    with write_transaction():
        session = _live_session(session)
        if _busy(session) is not None:
            raise ValidationError(_("Finish the current ticket first."), code="busy")
        request = _at_counter(session, request_id, [RequestStatus.PARKED])
        request.status = RequestStatus.CALLED
        request.called_at = now
        request.recalls = 0
        request.save(update_fields=["status", "called_at", "recalls"])
        _event(request, EventKind.RESUMED, session, now)
    return request
