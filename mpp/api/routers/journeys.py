"""Life events and applications through the API."""

import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from pydantic import StrictStr

from mpp.api.auth import STAFF
from mpp.api.routers.catalog import Input
from mpp.api.routers.queue import StatusOut, _session, _status
from mpp.cases import selectors as case_selectors
from mpp.cases import services as cases
from mpp.cases.models import Application
from mpp.cases.models import Status as CaseStatus
from mpp.core import clock
from mpp.core.ratelimit import client_ip
from mpp.journeys import selectors as journeys
from mpp.journeys import services as journey_services
from mpp.queueing.models import PriorityReason
from mpp.tenancy.access import front_desk_sites
from mpp.tenancy.models import Site

router = Router(tags=["life events and applications"])


class StepOut(Schema):
    position: int = Field(..., alias="step.position")
    agency: str = Field(..., alias="step.service.agency.slug")
    service_id: int = Field(..., alias="step.service_id")
    service: str = Field(..., alias="step.service.name")
    note: str = Field(..., alias="step.note")
    passed_on: list[str]


class NeedOut(Schema):
    document_id: int = Field(..., alias="document.pk")
    document: str = Field(..., alias="document.name")
    note: str
    steps: list[int]
    optional: bool


class PlanOut(Schema):
    slug: str = Field(..., alias="life_event.slug")
    name: str = Field(..., alias="life_event.name")
    summary: str = Field(..., alias="life_event.summary")
    steps: list[StepOut]
    bring: list[NeedOut]
    total_fee: int
    minutes: int
    working_days: int


class LifeEventOut(Schema):
    slug: str
    name: str
    summary: str


class JourneyIn(Input):
    life_event: StrictStr = Field(..., max_length=60)
    priority_reason: Literal[tuple(PriorityReason.values)] | Literal[""] = ""  # type: ignore[valid-type]
    phone: str = Field("", max_length=30)
    language: Literal["id", "en"] = Field("id", description="The visitor's language for messages.")


class HandoffIn(Input):
    values: dict[StrictStr, StrictStr] = Field(..., max_length=20)


class HandoffOut(Schema):
    key: str
    label: str
    value: str
    from_agency: str


class ApplicationOut(Schema):
    tracking_number: str
    agency: str = Field(..., alias="agency.slug")
    service_id: int
    service: str = Field(..., alias="service.name")
    status: str
    received_at: dt.datetime
    due_date: dt.date
    finished_at: dt.datetime | None
    is_overdue: bool


class OpenedOut(ApplicationOut):
    pin: str | None


class HistoryOut(Schema):
    status: str
    at: dt.datetime
    reason: str


class TrackedOut(ApplicationOut):
    history: list[HistoryOut] = Field(..., alias="history_items")


class StatusIn(Input):
    status: Literal[tuple(CaseStatus.values)]  # type: ignore[valid-type]
    reason: str = Field("", max_length=500)


class OpenIn(Input):
    phone: str = Field("", max_length=30)


class ApplicationTrackIn(Input):
    number: str = Field(..., min_length=4, max_length=20)
    secret: str = Field(..., min_length=4, max_length=6)


# Life events ------------------------------------------------------------------------------


@router.get("/sites/{slug}/life-events", response=list[LifeEventOut], auth=None)
def list_life_events(request, slug: str):
    site = get_object_or_404(Site, slug=slug, is_active=True)
    return journeys.life_events_at(site)


@router.get("/sites/{slug}/life-events/{event}", response=PlanOut, auth=None)
def life_event_plan(request, slug: str, event: str):
    """The whole journey: steps, what to bring once, total fee and time."""
    site = get_object_or_404(Site, slug=slug, is_active=True)
    return journeys.plan(get_object_or_404(journeys.life_events_at(site), slug=event))


@router.post("/sites/{slug}/journeys", response={201: StatusOut}, auth=STAFF)
def start_journey(request, slug: str, payload: JourneyIn):
    """One number for every step of a life event (front desk staff and managers)."""
    site = get_object_or_404(front_desk_sites(request.auth), slug=slug)
    life_event = get_object_or_404(journeys.life_events_at(site, in_hall=True), slug=payload.life_event)
    visit = journey_services.start_journey(
        site=site,
        life_event=life_event,
        channel="api",
        priority_reason=payload.priority_reason,
        phone=payload.phone,
        user=request.auth,
        language=payload.language,
    )
    return Status(201, _status(request, visit))


@router.get("/counters/{counter_id}/requests/{request_id}/handoff", response=list[HandoffOut], auth=STAFF)
def read_handoff(request, counter_id: int, request_id: int):
    """What the earlier steps passed to this one, and nothing else (read into the access audit)."""
    shown = journey_services.read_handoff(
        user=request.auth, session=_session(request, counter_id), request_id=request_id
    )
    return [
        {"key": item.key, "label": item.label, "value": item.value, "from_agency": item.agency.slug}
        for item in shown
    ]


@router.post("/counters/{counter_id}/requests/{request_id}/handoff", response={204: None}, auth=STAFF)
def record_handoff(request, counter_id: int, request_id: int, payload: HandoffIn):
    journey_services.record_handoff(
        session=_session(request, counter_id), request_id=request_id, values=payload.values
    )
    return Status(204, None)


# Applications --------------------------------------------------------------------------------


@router.post(
    "/counters/{counter_id}/requests/{request_id}/applications",
    response={201: OpenedOut, 200: OpenedOut},
    auth=STAFF,
)
def open_application(request, counter_id: int, request_id: int, payload: OpenIn):
    """Open an application for the visitor at the counter; the PIN is in this answer only.

    Asked again for the same request (a retry), the answer is 200 with the application
    already opened and no PIN."""
    application, pin = cases.open_application(
        session=_session(request, counter_id), request_id=request_id, phone=payload.phone
    )
    application.pin = pin
    return Status(201 if pin else 200, application)


@router.get("/applications", response=list[ApplicationOut], auth=STAFF)
def worklist(request, due: Literal["overdue", "soon", "all"] = "all"):
    """Open applications the caller may read (their agencies at their sites, or the sites they
    manage), the soonest due first; ``soon`` and ``overdue`` as in the back office."""
    queryset = case_selectors.by_due(case_selectors.worklist(user=request.auth), due, now=clock.now())
    return queryset[:500]


def _application(request, number: str) -> Application:
    return get_object_or_404(
        case_selectors.readable_applications(request.auth).select_related("service", "agency"),
        tracking_number=number[:20],
    )


@router.get("/applications/{number}", response=TrackedOut, auth=STAFF)
def get_application(request, number: str):
    application = _application(request, number)
    application.history_items = list(application.history.all())
    return application


@router.post("/applications/{number}/status", response=ApplicationOut, auth=STAFF)
def change_status(request, number: str, payload: StatusIn):
    application = _application(request, number)
    return cases.change_status(
        user=request.auth, application=application, status=payload.status, reason=payload.reason
    )


@router.post("/tracking", response=TrackedOut, auth=None)
def track(request, payload: ApplicationTrackIn):
    """Public: an application by its tracking number and the receipt's PIN (or the phone's last 4 digits)."""
    application = cases.track(number=payload.number, secret=payload.secret, ip=client_ip(request))
    application.history_items = list(application.history.all())
    return application
