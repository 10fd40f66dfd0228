"""What display boards show: the state a board starts from, and events as the feed sends them.

The page (views.py), its JSON twin and the live feed (live.py) all read through here, so a
board's starting state and the feed's position always agree (docs/display.md).
"""

import contextlib
import datetime as dt

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from mpp.core import clock
from mpp.core.speech import call_announcement
from mpp.queueing import rules
from mpp.queueing.models import AT_COUNTER, Event, EventKind, ServiceRequest
from mpp.tenancy.models import Counter, Site

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
# How far below the newest event id the state looks for ids not committed yet, and how
# many of those it hands the board to wait for (docs/display.md, "Out of order").
PENDING_WINDOW = 1000
PENDING_LIMIT = 100


def local_day(site: Site, now: dt.datetime) -> dt.date:
    return timezone.localdate(now, site.zone)


def event_payload(event: Event, *, number_style: str) -> dict:
    """One event as boards receive it (JSON); never any personal data.

    ``day`` is the visit's own day: a board ignores yesterday's leftovers, whose numbers
    start again at A001 today.
    """
    payload = {
        "id": event.pk,
        "kind": event.kind,
        "at": event.at.isoformat(),
        "day": event.visit.day.isoformat(),
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


def board_events(site_id: int, *, after: int, pending=(), limit: int = 500):
    """Events a board shows: after ``after``, plus the ``pending`` ids it still waits for."""
    wanted = Q(id__gt=after)
    if pending:
        wanted |= Q(id__in=list(pending))
    return (
        Event.objects.filter(wanted, site_id=site_id, kind__in=BOARD_KINDS)
        .select_related("visit", "counter", "agency")
        .order_by("id")[:limit]
    )


def missing_ids(present: list[int], last: int) -> list[int]:
    """Ids between the lowest and the highest present that are not there (ascending)."""
    if not present:
        return []
    have = set(present)
    return [i for i in range(min(present) + 1, last) if i not in have]


@contextlib.contextmanager
def _one_snapshot():
    """On PostgreSQL, every read inside sees one snapshot of the database.

    SQLite needs none for what boards read: it has one writer at a time, so event ids
    are committed in id order and nothing can appear below an id already visible.
    Inside an outer transaction (tests) the isolation level can no longer change.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def board_state(site: Site, *, zone: str = "") -> dict:
    """Everything a board shows when it (re)starts, and where in the feed it starts from.

    The position is read first, then the state, so anything committed between them is in
    the state and also replayed by the feed (events set absolute states, so applying one
    twice in order changes nothing). On PostgreSQL, ids are given out at insert but
    transactions commit in any order: ids below the position that are not visible yet
    are handed to the board as ``pending_event_ids``, to be waited for.
    """
    now = clock.now()
    settings = rules.hall_settings(site)  # may create the row: not inside the read-only snapshot
    today = local_day(site, now)
    day_start = dt.datetime.combine(today, dt.time(), tzinfo=site.zone)
    counters = Counter.objects.filter(site=site, is_active=True).select_related("agency")
    if zone:
        counters = counters.filter(zone=zone)
    with _one_snapshot():
        last = Event.objects.order_by("-id").values_list("id", flat=True).first() or 0
        recent_ids = list(
            Event.objects.filter(id__gt=max(0, last - PENDING_WINDOW)).values_list("id", flat=True)
        )
        pending = missing_ids(recent_ids, last)[-PENDING_LIMIT:]
        counters = list(counters)
        # Today's tickets only: yesterday's leftovers must not stand beside today's A001.
        at_counters = {
            r.counter_id: r
            for r in ServiceRequest.objects.filter(
                site=site, status__in=AT_COUNTER, counter__in=counters, visit__day=today
            ).select_related("visit", "agency")
        }
        recent = list(
            Event.objects.filter(
                site=site,
                kind__in=ANNOUNCED_KINDS,
                at__gte=day_start,
                visit__day=today,
                counter__in=counters,
            )
            .select_related("visit", "counter", "agency")
            .order_by("-id")[: settings.board_recent_calls]
        )
    return {
        "site": site.slug,
        "zone": zone,
        "now": now.isoformat(),
        "day": today.isoformat(),
        "recent_limit": settings.board_recent_calls,
        "last_event_id": last,
        "pending_event_ids": pending,
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
