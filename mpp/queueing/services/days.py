"""The end of a hall's day: what is still open from earlier days is cancelled, counters close.

Numbers start again at 1 every day, so a ticket left waiting from yesterday would be
called first this morning and share its number with today's. ``close_day`` runs from
cron shortly after midnight (``manage.py close_day``, docs/queue.md); it can run any
time and as often as wanted: it touches only earlier days.
"""

import datetime as dt
from dataclasses import dataclass

from mpp.core import clock
from mpp.core.db import write_transaction
from mpp.queueing import rules
from mpp.queueing.models import OPEN_STATUSES, CounterSession, Event, EventKind, RequestStatus, ServiceRequest
from mpp.tenancy.models import Site

BATCH = 500


@dataclass(frozen=True)
class DayClosed:
    cancelled: int
    sessions_closed: int


def close_day(*, site: Site, now: dt.datetime | None = None) -> DayClosed:
    """Cancel the requests of ``site`` still open from an earlier local day (each with a
    ``cancelled`` event) and close the counter sessions opened before today."""
    now = now or clock.now()
    today = rules.site_day(site, now)
    start_of_today = dt.datetime.combine(today, dt.time(), tzinfo=site.zone)
    with write_transaction():
        # Lock the rows first, then change them: a counter acting on one of them at this
        # very moment either finishes first or finds it cancelled.
        stale = list(
            ServiceRequest.objects.select_for_update(of=("self",))
            .filter(site=site, status__in=OPEN_STATUSES, visit__day__lt=today)
            .order_by("id")
            .values_list("pk", "visit_id", "agency_id", "counter_id", "status")
        )
        for start in range(0, len(stale), BATCH):
            batch = stale[start : start + BATCH]
            ServiceRequest.objects.filter(pk__in=[row[0] for row in batch]).update(
                status=RequestStatus.CANCELLED, finished_at=now
            )
            Event.objects.bulk_create(
                Event(
                    site=site,
                    request_id=pk,
                    visit_id=visit_id,
                    agency_id=agency_id,
                    counter_id=counter_id,
                    kind=EventKind.CANCELLED,
                    at=now,
                    data={"reason": "day_closed", "was": status},
                )
                for pk, visit_id, agency_id, counter_id, status in batch
            )
        closed = CounterSession.objects.filter(
            counter__site=site, closed_at__isnull=True, opened_at__lt=start_of_today
        ).update(closed_at=now)
    return DayClosed(cancelled=len(stale), sessions_closed=closed)


def close_days(*, now: dt.datetime | None = None) -> dict[str, DayClosed]:
    """``close_day`` for every site (each in its own zone and transaction)."""
    now = now or clock.now()
    return {site.slug: close_day(site=site, now=now) for site in Site.objects.order_by("pk")}
