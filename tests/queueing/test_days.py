"""The day close: what earlier days left open is cancelled, old counter sessions close."""

import datetime as dt

from django.core.management import call_command

from mpp.queueing import selectors
from mpp.queueing.models import CounterSession, Event, RequestStatus, ServiceRequest
from mpp.queueing.services import counter as desk
from mpp.queueing.services.days import close_day
from mpp.queueing.services.tickets import issue_ticket
from mpp.queueing.tasks import close_days

MONDAY_14 = dt.datetime(2026, 11, 30, 7, 0, tzinfo=dt.UTC)
TUESDAY_0005 = dt.datetime(2026, 11, 30, 17, 5, tzinfo=dt.UTC)  # 00.05 WIB on Tuesday
TUESDAY_9 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)


def test_close_day_cancels_what_earlier_days_left_open_and_closes_their_sessions(hall, clock_at):
    world = hall.world
    clock_at(MONDAY_14)
    for _ in range(3):
        issue_ticket(site=world.site, services=[world.service_a])
    done = issue_ticket(site=world.site, services=[world.service_a])
    journey = issue_ticket(site=world.site, services=[world.service_b, world.service_a])
    session = hall.session(hall.counter_a1)
    served = desk.call_specific(session=session, code=done.code)
    desk.finish_service(session=session, request_id=served.pk, outcome="completed")
    desk.park(session=session, request_id=desk.call_next(session=session).pk)  # A001 paused
    desk.call_next(session=session)  # A002 called
    open_before = dict(ServiceRequest.objects.values_list("pk", "status"))

    clock_at(TUESDAY_0005)
    result = close_day(site=world.site)

    assert result.cancelled == 5  # A001 parked, A002 called, A003 waiting, B001 waiting + pending
    assert result.sessions_closed == 1
    assert set(ServiceRequest.objects.values_list("status", flat=True)) == {"done", "cancelled"}
    events = Event.objects.filter(kind="cancelled")
    assert events.count() == 5
    assert {e.data["was"] for e in events} == {"parked", "called", "waiting", "pending"}
    assert {e.data["reason"] for e in events} == {"day_closed"}
    assert {e.request_id: open_before[e.request_id] for e in events} == {
        e.request_id: e.data["was"] for e in events
    }
    session.refresh_from_db()
    assert session.closed_at is not None
    assert selectors.ticket_status(journey).ended_unserved

    # Idempotent, and today's tickets and sessions are left alone.
    clock_at(TUESDAY_9)
    today = issue_ticket(site=world.site, services=[world.service_a])
    new_session = hall.session(hall.counter_a1, key="browser-2")
    assert close_day(site=world.site).cancelled == 0
    assert today.requests.get().status == RequestStatus.WAITING
    new_session.refresh_from_db()
    assert new_session.closed_at is None


def test_the_task_and_the_command_close_every_site(hall, clock_at, capsys):
    world = hall.world
    clock_at(MONDAY_14)
    issue_ticket(site=world.site, services=[world.service_a])
    hall.session(hall.counter_b)
    clock_at(TUESDAY_9)
    call_command("close_day", "--now")
    out = capsys.readouterr().out
    assert "contoh: 1 requests cancelled, 1 counter sessions closed." in out
    assert "lain: 0 requests cancelled" in out
    assert not CounterSession.objects.filter(closed_at__isnull=True).exists()
    assert close_days.call() == {
        "contoh": {"cancelled": 0, "sessions_closed": 0},
        "lain": {"cancelled": 0, "sessions_closed": 0},
    }
