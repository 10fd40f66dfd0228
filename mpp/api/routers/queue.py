"""The hall through the API: tickets, counter work, boards and ticket status.

Counter operations need an open counter session of the caller (``POST
/counters/{id}/session``), exactly as the console does; the session belongs to the
token (or browser session) that opened it.
"""

import datetime as dt
import hashlib
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StrictBool, StrictInt

from mpp.api.auth import STAFF
from mpp.api.routers.catalog import Input
from mpp.catalog import selectors as catalog_selectors
from mpp.catalog.models import Service
from mpp.core.db import MAX_ID
from mpp.display import selectors as display_selectors
from mpp.queueing import selectors
from mpp.queueing.models import CounterSession, Outcome, PriorityReason, ServiceRequest, Visit
from mpp.queueing.services import counter as desk
from mpp.queueing.services import sessions
from mpp.queueing.services.tickets import issue_ticket
from mpp.tenancy.access import front_desk_site, workable_counters
from mpp.tenancy.models import Site

router = Router(tags=["queue"])


# Schemas -------------------------------------------------------------------------------


class TicketIn(Input):
    service_ids: list[StrictInt] = Field(..., min_length=1, max_length=5)
    priority_reason: Literal[tuple(PriorityReason.values)] | Literal[""] = ""  # type: ignore[valid-type]
    phone: str = Field("", max_length=30)
    language: Literal["id", "en"] = Field("id", description="The visitor's language for messages.")
    idempotency_key: str = Field(
        "", max_length=64, description="The same key again returns the ticket issued the first time."
    )


class RequestOut(Schema):
    id: int
    code: str = Field(..., alias="visit.code")
    step: int
    status: str
    service_id: int
    service: str = Field(..., alias="service.name")
    agency: str = Field(..., alias="agency.slug")
    priority: int
    priority_reason: str = Field(..., alias="visit.priority_reason")
    arrived_at: dt.datetime = Field(..., alias="visit.arrived_at")
    queue_time: dt.datetime
    called_at: dt.datetime | None
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    counter: str | None = Field(None, alias="counter.number")
    recalls: int
    outcome: str
    transfer_note: str = Field("", description="The note of the counter that sent the visitor here.")

    @staticmethod
    def resolve_transfer_note(request_: ServiceRequest) -> str:
        # Read only for a transferred visitor: the common case costs no query.
        return request_.transferred_from.note if request_.transferred_from_id else ""


class PublicRequestOut(Schema):
    """A request as anyone holding the ticket's token sees it: no priority class or reason
    (they tell a disability or a pregnancy), no outcome or recalls."""

    id: int
    code: str = Field(..., alias="visit.code")
    step: int
    status: str
    service_id: int
    service: str = Field(..., alias="service.name")
    agency: str = Field(..., alias="agency.slug")
    arrived_at: dt.datetime = Field(..., alias="visit.arrived_at")
    called_at: dt.datetime | None
    counter: str | None = Field(None, alias="counter.number")


class StatusOut(Schema):
    code: str
    check_code: str = Field(
        ..., description="Printed under the number: a typed number needs it at the exit survey."
    )
    token: str
    status_url: str
    arrived_at: dt.datetime
    current: PublicRequestOut | None
    ahead: int
    wait_minutes: int | None
    open_counters: int
    finished: bool


class SessionIn(Input):
    takeover: StrictBool = False


class SessionOut(Schema):
    id: int
    counter_id: int
    counter: str = Field(..., alias="counter.number")
    opened_at: dt.datetime


class CallIn(Input):
    code: str = Field(..., min_length=2, max_length=8)


class FinishIn(Input):
    outcome: Literal[tuple(Outcome.values)]  # type: ignore[valid-type]
    note: str = Field("", max_length=500)


class TransferIn(Input):
    service_id: StrictInt = Field(..., ge=1, le=MAX_ID)
    note: str = Field("", max_length=500)


class NoteIn(Input):
    note: str = Field("", max_length=500)


class CounterQueueOut(Schema):
    current: RequestOut | None
    waiting: int
    queue: list[RequestOut]
    parked: list[RequestOut]


# Helpers -------------------------------------------------------------------------------


def _client_key(request) -> str:
    """The caller as a 'browser': its token, or its back-office session."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return "token:" + hashlib.sha256(header[7:].strip().encode()).hexdigest()[:32]
    if not request.session.session_key:
        request.session.save()
    return "session:" + hashlib.sha256(request.session.session_key.encode()).hexdigest()[:32]


def _counter(request, counter_id: int):
    if not 0 < counter_id <= MAX_ID:
        raise Http404
    return get_object_or_404(workable_counters(request.auth), pk=counter_id)


def _session(request, counter_id: int) -> CounterSession:
    """The caller's open session at the counter, while they still hold a role for its agency."""
    if not 0 < counter_id <= MAX_ID:
        raise Http404
    session = (
        CounterSession.objects.select_related("counter__site", "officer")
        .filter(
            counter_id=counter_id,
            officer=request.auth,
            client_key=_client_key(request),
            closed_at__isnull=True,
        )
        .filter(counter__in=workable_counters(request.auth).values("pk"))
        .first()
    )
    if session is None:
        raise _no_session(counter_id)
    return session


def _act(request, counter_id: int, action, **arguments) -> ServiceRequest:
    """One counter action (``action`` is a ``queueing.services.counter`` function) in the
    caller's open session.

    Only the session is looked up here. Whether it is still open and whether the officer
    still holds a role at the counter, the action checks itself, under the session's lock
    (``counter.live_session``); checking both here as well (``_session``) would double the
    cost of every action. A session closed meanwhile or a role revoked answers 409, as a
    missing session does.
    """
    if not 0 < counter_id <= MAX_ID:
        raise Http404
    session = sessions.open_session_of(
        counter_id=counter_id, officer=request.auth, client_key=_client_key(request)
    )
    if session is None:
        raise _no_session(counter_id)
    try:
        return action(session=session, **arguments)
    except ValidationError as exc:
        if getattr(exc, "code", None) == "session_closed":
            raise HttpError(409, exc.messages[0]) from exc
        raise


def _no_session(counter_id: int) -> HttpError:
    return HttpError(
        409, _("Open this counter first: POST /api/v1/counters/%(id)s/session.") % {"id": counter_id}
    )


def _status(request, visit: Visit) -> dict:
    status = selectors.ticket_status(visit)
    return {
        "code": visit.code,
        "check_code": visit.check_code,
        "token": visit.token,
        "status_url": request.build_absolute_uri(f"/tiket/{visit.token}/"),
        "arrived_at": visit.arrived_at,
        "current": status.request,
        "ahead": status.ahead,
        "wait_minutes": status.wait_minutes,
        "open_counters": status.open_counters,
        "finished": status.is_finished,
    }


def _with_visit(request_: ServiceRequest) -> ServiceRequest:
    """The request with what RequestOut shows: as the action returns it when it came with its
    visit, service, agency and counter (``counter.request_at_counter``), else read again with
    exactly those columns (services carry long texts)."""
    if all(relation.is_cached(request_) for relation in SHOWN_RELATIONS):
        return request_
    return (
        ServiceRequest.objects.select_related("visit", "service", "agency", "counter")
        .only(*REQUEST_COLUMNS)
        .get(pk=request_.pk)
    )


SHOWN_RELATIONS = [
    ServiceRequest.visit,
    ServiceRequest.service,
    ServiceRequest.agency,
    ServiceRequest.counter,
]
REQUEST_COLUMNS = [
    "id",
    "step",
    "status",
    "service_id",
    "priority",
    "queue_time",
    "called_at",
    "started_at",
    "finished_at",
    "recalls",
    "outcome",
    "transferred_from",
    "visit__prefix",
    "visit__number",
    "visit__priority_reason",
    "visit__arrived_at",
    "service__name",
    "agency__slug",
    "counter__number",
]


# Tickets -------------------------------------------------------------------------------


@router.post("/sites/{slug}/tickets", response={201: StatusOut}, auth=STAFF)
def create_ticket(request, slug: str, payload: TicketIn):
    """Issue a ticket for a visitor (front desk staff and managers of the site)."""
    site = front_desk_site(request.auth, slug)
    services = catalog_selectors.services_by_id([i for i in payload.service_ids if 0 < i <= MAX_ID])
    if len(services) != len(set(payload.service_ids)):
        raise Http404
    visit = issue_ticket(
        site=site,
        services=[services[i] for i in payload.service_ids],
        channel="api",
        priority_reason=payload.priority_reason,
        phone=payload.phone,
        user=request.auth,
        language=payload.language,
        submit_key=payload.idempotency_key,
    )
    return Status(201, _status(request, visit))


@router.get("/tickets/{token}", response=StatusOut, auth=None)
def ticket_status(request, token: str):
    """Where a ticket stands (public: what the QR code on the ticket shows)."""
    visit = get_object_or_404(Visit.objects.select_related("site"), token=token[:40])
    return _status(request, visit)


@router.get("/sites/{slug}/board", auth=None)
def board(request, slug: str, zone: str = ""):
    """What a display board shows now, and the last event id to follow the live feed from."""
    site = get_object_or_404(Site, slug=slug, is_active=True)
    return display_selectors.board_state(site, zone=zone[:60])


# Counters ------------------------------------------------------------------------------


@router.post("/counters/{counter_id}/session", response={201: SessionOut}, auth=STAFF)
def open_counter(request, counter_id: int, payload: SessionIn):
    counter = _counter(request, counter_id)
    session = sessions.open_session(
        counter=counter, officer=request.auth, client_key=_client_key(request), takeover=payload.takeover
    )
    return Status(201, session)


@router.delete("/counters/{counter_id}/session", response={204: None}, auth=STAFF)
def close_counter(request, counter_id: int):
    sessions.close_session(session=_session(request, counter_id))
    return Status(204, None)


@router.get("/counters/{counter_id}/queue", response=CounterQueueOut, auth=STAFF)
def counter_queue(request, counter_id: int):
    session = _session(request, counter_id)
    service_ids = desk.served_service_ids(session)
    counter = session.counter
    return {
        "current": selectors.counter_current(counter),
        "waiting": selectors.waiting_count(counter=counter, service_ids=service_ids),
        "queue": selectors.counter_queue(counter=counter, service_ids=service_ids, limit=50),
        "parked": selectors.counter_parked(counter),
    }


@router.post("/counters/{counter_id}/call-next", response={200: RequestOut, 204: None}, auth=STAFF)
def call_next(request, counter_id: int):
    """Call the next visitor in queue order; 204 when nobody is waiting."""
    called = _act(request, counter_id, desk.call_next)
    return Status(204, None) if called is None else _with_visit(called)


@router.post("/counters/{counter_id}/call", response=RequestOut, auth=STAFF)
def call_number(request, counter_id: int, payload: CallIn):
    """Call one waiting ticket out of order, by its number."""
    return _with_visit(_act(request, counter_id, desk.call_specific, code=payload.code))


@router.post("/counters/{counter_id}/requests/{request_id}/recall", response=RequestOut, auth=STAFF)
def recall(request, counter_id: int, request_id: int):
    return _with_visit(_act(request, counter_id, desk.recall, request_id=request_id))


@router.post("/counters/{counter_id}/requests/{request_id}/no-show", response=RequestOut, auth=STAFF)
def no_show(request, counter_id: int, request_id: int):
    return _with_visit(_act(request, counter_id, desk.mark_no_show, request_id=request_id))


@router.post("/counters/{counter_id}/requests/{request_id}/start", response=RequestOut, auth=STAFF)
def start(request, counter_id: int, request_id: int):
    return _with_visit(_act(request, counter_id, desk.start_service, request_id=request_id))


@router.post("/counters/{counter_id}/requests/{request_id}/finish", response=RequestOut, auth=STAFF)
def finish(request, counter_id: int, request_id: int, payload: FinishIn):
    done = _act(
        request,
        counter_id,
        desk.finish_service,
        request_id=request_id,
        outcome=payload.outcome,
        note=payload.note,
    )
    return _with_visit(done)


@router.post("/counters/{counter_id}/requests/{request_id}/transfer", response=RequestOut, auth=STAFF)
def transfer(request, counter_id: int, request_id: int, payload: TransferIn):
    """Send the visitor to another service; answers the new request (the visitor keeps their place)."""
    service = get_object_or_404(Service, pk=payload.service_id)
    moved = _act(
        request, counter_id, desk.transfer, request_id=request_id, service=service, note=payload.note
    )
    return _with_visit(moved)


@router.post("/counters/{counter_id}/requests/{request_id}/park", response=RequestOut, auth=STAFF)
def park(request, counter_id: int, request_id: int, payload: NoteIn):
    return _with_visit(_act(request, counter_id, desk.park, request_id=request_id, note=payload.note))


@router.post("/counters/{counter_id}/requests/{request_id}/resume", response=RequestOut, auth=STAFF)
def resume(request, counter_id: int, request_id: int):
    return _with_visit(_act(request, counter_id, desk.resume, request_id=request_id))
