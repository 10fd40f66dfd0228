"""Reads of the queue: ticket status, wait estimates, what a counter and a board show."""

import datetime as dt
import math
from dataclasses import dataclass, field

from mpp.catalog.models import Service, ServiceStandard
from mpp.core import clock, sql
from mpp.queueing import rules
from mpp.queueing.models import (
    AT_COUNTER,
    OPEN_STATUSES,
    CounterService,
    CounterSession,
    RequestStatus,
    ServiceOffer,
    ServiceRequest,
    Visit,
)
from mpp.tenancy.models import Agency, Counter, Site

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


# The status page and every issued ticket read the wait estimate, so its statements are
# written by hand (mpp.core.sql: the ORM spent ten times longer building each than the
# database running it); each says in a comment what it is in ORM words.


def waiting_ahead(request: ServiceRequest, *, service_ids=None, day: dt.date | None = None) -> int:
    """Waiting requests of the day that queue order puts before this one, among
    ``service_ids`` (by default the request's own service)."""
    # ServiceRequest.objects.filter(site_id=..., service_id__in=..., status=WAITING, visit__day=day)
    #     .filter(Q(priority__gt=p) | Q(priority=p, queue_time__lt=t) | Q(priority=p, queue_time=t, id__lt=pk))
    #     .count()
    service_ids = list(service_ids if service_ids is not None else [request.service_id])
    queue_time = sql.prep(ServiceRequest, "queue_time", request.queue_time)
    (count,) = sql.fetchone(
        f"SELECT COUNT(*) FROM {sql.table(ServiceRequest)} r JOIN {sql.table(Visit)} v ON v.id = r.visit_id"
        f" WHERE r.site_id = %s AND r.service_id IN ({sql.placeholders(len(service_ids))})"
        " AND r.status = %s AND v.day = %s AND (r.priority > %s OR (r.priority = %s AND"
        " (r.queue_time < %s OR (r.queue_time = %s AND r.id < %s))))",
        [
            request.site_id,
            *service_ids,
            RequestStatus.WAITING,
            sql.prep(Visit, "day", day or request.visit.day),
            request.priority,
            request.priority,
            queue_time,
            queue_time,
            request.pk,
        ],
    )
    return count


SERVICE_TIMES = sql.Columns(ServiceRequest, "r", ["called_at", "finished_at"])


def average_service_seconds(site: Site, service_ids, now: dt.datetime) -> float:
    """Mean time at the counter (call to finish) of the recent visitors of these services.

    Reads at most HISTORY_SIZE rows through the ``service_history`` index (the status
    page polls this every 15 seconds)."""
    # ServiceRequest.objects.filter(site=..., service_id__in=..., status=DONE,
    #     finished_at__gte=now - HISTORY_DAYS, called_at__isnull=False)
    #     .order_by("-finished_at").values_list("id", "called_at", "finished_at")[:HISTORY_SIZE]
    service_ids = list(service_ids)
    rows = sql.fetchall(
        f"SELECT {SERVICE_TIMES.sql} FROM {sql.table(ServiceRequest)} r"
        f" WHERE r.site_id = %s AND r.service_id IN ({sql.placeholders(len(service_ids))})"
        " AND r.status = %s AND r.finished_at >= %s AND r.called_at IS NOT NULL"
        " ORDER BY r.finished_at DESC LIMIT %s",
        [
            site.pk,
            *service_ids,
            RequestStatus.DONE,
            sql.prep(ServiceRequest, "finished_at", now - dt.timedelta(days=HISTORY_DAYS)),
            HISTORY_SIZE,
        ],
    )
    if rows:
        times = [SERVICE_TIMES.values(row) for row in rows]
        return sum((finished - called).total_seconds() for _pk, called, finished in times) / len(times)
    return rules.hall_settings(site).default_service_minutes * 60


@dataclass(frozen=True)
class Estimate:
    ahead: int
    open_counters: int
    minutes: int


def wait_estimate(request: ServiceRequest, *, site: Site, now: dt.datetime, day: dt.date) -> Estimate:
    """People ahead, counters open, and the expected wait of a waiting request.

    The counters that call the request's service also call the other services they
    serve, so everyone of the day waiting before this visitor for any of those services
    is ahead (the open counters' services; all of the service's counters' services while
    none is open). The wait is people ahead times the recent mean time per visitor of
    those services, shared by the open counters (at least one).
    """
    # Every service of every counter that calls this one, and whether the counter is open:
    # CounterService.objects.filter(counter__site=site, counter__is_active=True,
    #     counter__served__service_id=...).annotate(is_open=Exists(open sessions of the counter))
    served = sql.fetchall(
        f"SELECT cs.counter_id, cs.service_id, EXISTS(SELECT 1 FROM {sql.table(CounterSession)} s"
        "   WHERE s.counter_id = cs.counter_id AND s.closed_at IS NULL)"
        f" FROM {sql.table(CounterService)} cs JOIN {sql.table(Counter)} c ON c.id = cs.counter_id"
        " WHERE c.site_id = %s AND c.is_active = %s AND cs.counter_id IN"
        f"  (SELECT mine.counter_id FROM {sql.table(CounterService)} mine WHERE mine.service_id = %s)",
        [site.pk, True, request.service_id],
    )
    open_ids = {counter for counter, _service, is_open in served if is_open}
    pool = open_ids or {counter for counter, _service, _is_open in served}
    service_ids = {request.service_id}
    service_ids.update(service for counter, service, _is_open in served if counter in pool)
    ahead = waiting_ahead(request, service_ids=service_ids, day=day)
    per_visitor = average_service_seconds(site, service_ids, now)
    minutes = math.ceil(ahead * per_visitor / max(len(open_ids), 1) / 60)
    return Estimate(ahead=ahead, open_counters=len(open_ids), minutes=minutes)


@dataclass
class TicketStatus:
    visit: Visit
    request: ServiceRequest | None
    ahead: int = 0
    wait_minutes: int | None = None
    open_counters: int = 0
    steps: list[ServiceRequest] = field(default_factory=list)
    # The number is of an earlier day and was still open: it is no longer in any queue.
    expired: bool = False

    @property
    def is_called(self) -> bool:
        return self.request is not None and self.request.status in AT_COUNTER

    @property
    def is_pending(self) -> bool:
        return self.request is not None and self.request.status == RequestStatus.PENDING

    @property
    def is_finished(self) -> bool:
        return self.request is None

    @property
    def ended_unserved(self) -> bool:
        """Over, but the last step was not served: the visitor did not come, or it was cancelled."""
        if self.request is not None:
            return False
        if self.expired:
            return True
        last = [s for s in self.steps if s.status != RequestStatus.TRANSFERRED]
        return bool(last) and last[-1].status in (RequestStatus.NO_SHOW, RequestStatus.CANCELLED)


STEP = sql.Columns(ServiceRequest, "r")
STEP_SERVICE = sql.Columns(Service, "sv")
STEP_AGENCY = sql.Columns(Agency, "a")
STEP_COUNTER = sql.Columns(Counter, "c")


def visit_steps(visit: Visit) -> list[ServiceRequest]:
    """The visit's requests in order, with their service, agency and counter (if called)."""
    # visit.requests.select_related("service", "agency", "counter").order_by("step", "id")
    rows = sql.fetchall(
        f"SELECT {sql.select(STEP, STEP_SERVICE, STEP_AGENCY, STEP_COUNTER)}"
        f" FROM {sql.table(ServiceRequest)} r"
        f" JOIN {sql.table(Service)} sv ON sv.id = r.service_id"
        f" JOIN {sql.table(Agency)} a ON a.id = r.agency_id"
        f" LEFT JOIN {sql.table(Counter)} c ON c.id = r.counter_id"
        " WHERE r.visit_id = %s ORDER BY r.step, r.id",
        [visit.pk],
    )
    steps = []
    for row in rows:
        step, service, agency, counter = sql.build_row(row, STEP, STEP_SERVICE, STEP_AGENCY, STEP_COUNTER)
        step.visit, step.service, step.agency, step.counter = visit, service, agency, counter
        steps.append(step)
    return steps


CURRENT_FIRST = (RequestStatus.CALLED, RequestStatus.SERVING, RequestStatus.WAITING, RequestStatus.PARKED)


def ticket_status(visit: Visit) -> TicketStatus:
    """Where a visitor stands: the current step, people ahead and the expected wait.

    A step still pending counts as open: the visit is not over while one remains. A
    number of an earlier day is over (the day close cancels what it left behind).
    """
    now = clock.now()
    steps = visit_steps(visit)
    today = rules.site_day(visit.site, now)
    if visit.day < today:
        expired = any(r.status in OPEN_STATUSES for r in steps)
        return TicketStatus(visit=visit, request=None, steps=steps, expired=expired)
    current = next((r for r in steps if r.status in CURRENT_FIRST), None) or next(
        (r for r in steps if r.status == RequestStatus.PENDING), None
    )
    status = TicketStatus(visit=visit, request=current, steps=steps)
    if current is not None and current.status == RequestStatus.WAITING:
        estimate = wait_estimate(current, site=visit.site, now=now, day=today)
        status.ahead = estimate.ahead
        status.open_counters = estimate.open_counters
        status.wait_minutes = estimate.minutes
    return status


def _today(counter: Counter) -> dt.date:
    return rules.site_day(counter.site, clock.now())


def counter_queue(*, counter: Counter, service_ids: list[int], limit: int = 50) -> list[ServiceRequest]:
    """Today's next waiting visitors of this counter's services, in call order."""
    return list(
        ServiceRequest.objects.filter(
            site=counter.site_id,
            status=RequestStatus.WAITING,
            service_id__in=service_ids,
            visit__day=_today(counter),
        )
        .select_related("visit", "service", "agency", "transferred_from")
        .order_by("-priority", "queue_time", "id")[:limit]
    )


def waiting_count(*, counter: Counter, service_ids: list[int]) -> int:
    return ServiceRequest.objects.filter(
        site=counter.site_id,
        status=RequestStatus.WAITING,
        service_id__in=service_ids,
        visit__day=_today(counter),
    ).count()


def counter_current(counter: Counter) -> ServiceRequest | None:
    return (
        ServiceRequest.objects.filter(counter=counter, status__in=AT_COUNTER, visit__day=_today(counter))
        .select_related("visit", "service", "transferred_from__agency")
        .first()
    )


def counter_parked(counter: Counter) -> list[ServiceRequest]:
    return list(
        ServiceRequest.objects.filter(
            counter=counter, status=RequestStatus.PARKED, visit__day=_today(counter)
        ).select_related("visit", "service", "agency", "transferred_from")
    )
