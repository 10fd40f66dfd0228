"""Reads of the queue: ticket status, wait estimates, what a counter and a board show."""

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from mpp.catalog.models import Service, ServiceStandard
from mpp.core import clock
from mpp.core.speech import call_announcement
from mpp.queueing import rules
from mpp.queueing.models import (
    AT_COUNTER,
    CounterService,
    CounterSession,
    Event,
    EventKind,
    RequestStatus,
    ServiceOffer,
    ServiceRequest,
    Visit,
)
from mpp.tenancy.models import Counter, Site

HISTORY_DAYS = 14
HISTORY_SIZE = 30


def offers_for_kiosk(site: Site):
    """Services a visitor can take a ticket for, with their agency, grouped by agency."""
    return (
        ServiceOffer.objects.filter(
            site=site, is_active=True, service__is_active=True, service__agency__is_active=True
        )
        .filter(service__standards__status=ServiceStandard.Status.PUBLISHED)
        .select_related("service__agency")
        .order_by("service__agency__name", "service__name")
    )


def waiting_ahead(request: ServiceRequest) -> int:
    """Waiting requests of the same service that queue order puts before this one."""
    earlier = (
        Q(priority__gt=request.priority)
        | Q(priority=request.priority, queue_time__lt=request.queue_time)
        | Q(priority=request.priority, queue_time=request.queue_time, id__lt=request.pk)
    )
    return (
        ServiceRequest.objects.filter(
            site_id=request.site_id, service_id=request.service_id, status=RequestStatus.WAITING
        )
        .filter(earlier)
        .count()
    )


def average_service_seconds(site: Site, service: Service, now: dt.datetime) -> float:
    """Mean time at the counter (call to finish) of the service's recent visitors."""
    recent = list(
        ServiceRequest.objects.filter(
            site=site,
            service=service,
            status=RequestStatus.DONE,
            finished_at__gte=now - dt.timedelta(days=HISTORY_DAYS),
            called_at__isnull=False,
        )
        .order_by("-finished_at")
        .values_list("called_at", "finished_at")[:HISTORY_SIZE]
    )
    if recent:
        return sum((finished - called).total_seconds() for called, finished in recent) / len(recent)
    return rules.hall_settings(site).default_service_minutes * 60


def open_counters_for(site: Site, service: Service) -> int:
    serving = CounterService.objects.filter(service=service).values("counter_id")
    return CounterSession.objects.filter(
        closed_at__isnull=True, counter__site=site, counter__is_active=True, counter_id__in=serving
    ).count()


@dataclass
class TicketStatus:
    visit: Visit
    request: ServiceRequest | None
    ahead: int = 0
    wait_minutes: int | None = None
    open_counters: int = 0
    steps: list[ServiceRequest] = field(default_factory=list)

    @property
    def is_called(self) -> bool:
        return self.request is not None and self.request.status in AT_COUNTER

    @property
    def is_finished(self) -> bool:
        return self.request is None


def ticket_status(visit: Visit) -> TicketStatus:
    """Where a visitor stands: the current step, people ahead and the expected wait.

    The estimate is people ahead times the recent mean time per visitor, shared by
    the counters open for the service now (docs/queue.md).
    """
    now = clock.now()
    steps = list(visit.requests.select_related("service", "agency", "counter").order_by("step", "id"))
    current = next(
        (
            r
            for r in steps
            if r.status
            in (RequestStatus.CALLED, RequestStatus.SERVING, RequestStatus.WAITING, RequestStatus.PARKED)
        ),
        None,
    )
    status = TicketStatus(visit=visit, request=current, steps=steps)
    if current is not None and current.status == RequestStatus.WAITING:
        status.ahead = waiting_ahead(current)
        status.open_counters = open_counters_for(visit.site, current.service)
        per_visitor = average_service_seconds(visit.site, current.service, now)
        status.wait_minutes = math.ceil(status.ahead * per_visitor / max(status.open_counters, 1) / 60)
    return status


def counter_queue(*, counter: Counter, service_ids: list[int], limit: int = 50) -> list[ServiceRequest]:
    """The next waiting visitors of this counter's services, in call order."""
    return list(
        ServiceRequest.objects.filter(
            site=counter.site_id, status=RequestStatus.WAITING, service_id__in=service_ids
        )
        .select_related("visit", "service")
        .order_by("-priority", "queue_time", "id")[:limit]
    )


def waiting_count(*, counter: Counter, service_ids: list[int]) -> int:
    return ServiceRequest.objects.filter(
        site=counter.site_id, status=RequestStatus.WAITING, service_id__in=service_ids
    ).count()


def counter_current(counter: Counter) -> ServiceRequest | None:
    return (
        ServiceRequest.objects.filter(counter=counter, status__in=AT_COUNTER)
        .select_related("visit", "service", "transferred_from__agency")
        .first()
    )


def counter_parked(counter: Counter) -> list[ServiceRequest]:
    return list(
        ServiceRequest.objects.filter(counter=counter, status=RequestStatus.PARKED).select_related(
            "visit", "service"
        )
    )


# Boards -----------------------------------------------------------------------------

BOARD_KINDS = (
    EventKind.CALLED,
    EventKind.RECALLED,
    EventKind.RESUMED,
    EventKind.STARTED,
    EventKind.FINISHED,
    EventKind.NO_SHOW,
    EventKind.PARKED,
    EventKind.TRANSFERRED,
    EventKind.NEXT_STEP,
)
ANNOUNCED_KINDS = (EventKind.CALLED, EventKind.RECALLED, EventKind.RESUMED)


def board_events(site_id: int, *, after: int, upto: int | None = None, limit: int = 500):
    """Events a board shows, after ``after`` (up to ``upto``), with what it needs to render them."""
    events = Event.objects.filter(site_id=site_id, id__gt=after, kind__in=BOARD_KINDS)
    if upto is not None:
        events = events.filter(id__lte=upto)
    return events.select_related("visit", "counter", "agency").order_by("id")[:limit]


def event_payload(event: Event, *, number_style: str) -> dict:
    """One event as boards receive it (JSON); never any personal data."""
    payload = {
        "id": event.pk,
        "kind": event.kind,
        "at": event.at.isoformat(),
        "code": event.visit.code,
        "agency": event.agency.short_name,
        "counter": event.counter.number if event.counter else None,
        "counter_id": event.counter_id,
        "zone": event.counter.zone if event.counter else "",
    }
    if event.kind == EventKind.NEXT_STEP:
        payload["next_agency"] = event.data.get("to_agency_name", "")
    if event.kind in ANNOUNCED_KINDS and event.counter:
        payload["speech"] = call_announcement(
            code=event.visit.code,
            counter=event.counter.number,
            agency=event.agency.short_name,
            style=number_style,
        )
    return payload


def board_state(site: Site, *, zone: str = "") -> dict:
    """Everything a board shows when it (re)starts, and the last event it includes."""
    now = clock.now()
    settings = rules.hall_settings(site)
    day_start = dt.datetime.combine(timezone.localdate(now, site.zone), dt.time(), tzinfo=site.zone)
    counters = Counter.objects.filter(site=site, is_active=True).select_related("agency")
    if zone:
        counters = counters.filter(zone=zone)
    at_counters = {
        r.counter_id: r
        for r in ServiceRequest.objects.filter(
            site=site, status__in=AT_COUNTER, counter__in=counters, called_at__gte=day_start
        ).select_related("visit", "agency")
    }
    recent = (
        Event.objects.filter(site=site, kind__in=ANNOUNCED_KINDS, at__gte=day_start, counter__in=counters)
        .select_related("visit", "counter", "agency")
        .order_by("-id")[: settings.board_recent_calls]
    )
    last = Event.objects.filter(site=site).order_by("-id").values_list("id", flat=True).first() or 0
    return {
        "site": site.slug,
        "zone": zone,
        "now": now.isoformat(),
        "recent_limit": settings.board_recent_calls,
        "last_event_id": last,
        "number_style": settings.number_style,
        "counters": [
            {
                "counter_id": c.pk,
                "counter": c.number,
                "zone": c.zone,
                "agency": c.agency.short_name,
                "code": at_counters[c.pk].visit.code if c.pk in at_counters else None,
                "status": at_counters[c.pk].status if c.pk in at_counters else None,
            }
            for c in counters
        ],
        "recent": [event_payload(e, number_style=settings.number_style) for e in recent],
    }
