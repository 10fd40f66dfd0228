"""What a board starts from: the page's state, its JSON twin, and where in the feed it resumes."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from mpp.display import selectors
from mpp.queueing.models import Event, EventKind, ServiceRequest
from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket
from tests.queueing.conftest import MONDAY_9

CALLS = {"called", "recalled", "resumed", "started"}
CLEARING = {"finished", "no_show", "parked", "transferred"}


def ticket(hall, service=None):
    return issue_ticket(site=hall.world.site, services=[service or hall.world.service_a])


def test_board_state(hall, django_assert_max_num_queries):
    ticket(hall)
    ticket(hall, hall.world.service_b)
    desk.call_next(session=hall.session(hall.counter_a1))
    desk.call_next(session=hall.session(hall.counter_b))
    with django_assert_max_num_queries(8):
        state = selectors.board_state(hall.world.site)
    by_counter = {c["counter"]: c for c in state["counters"]}
    assert by_counter["1"]["code"] == "A001"
    assert by_counter["5"]["code"] == "B001"
    assert by_counter["2"]["code"] is None
    assert [e["code"] for e in state["recent"]] == ["B001", "A001"]
    assert state["recent"][0]["speech"].startswith("Nomor antrean B, nol nol satu, silakan menuju loket lima")
    assert state["last_event_id"] == max(e.pk for e in Event.objects.all())
    assert state["pending_event_ids"] == []
    assert state["day"] == "2026-11-30"


def test_yesterdays_tickets_never_stand_beside_todays(hall, clock_at):
    """Numbers start again each day: Friday's A001, still called at counter 1 on Monday
    (nobody closed the day), must not show as today's A001."""
    clock_at(MONDAY_9 - dt.timedelta(days=3))
    friday = ticket(hall)
    session = hall.session(hall.counter_a1)
    desk.call_next(session=session)
    old = ServiceRequest.objects.get(visit=friday)
    clock_at(MONDAY_9)
    # Monday morning, Friday's leftover is called again at counter 1 (as a bug or a
    # script might): its request and its event carry today's time, its visit Friday's day.
    ServiceRequest.objects.filter(pk=old.pk).update(called_at=MONDAY_9)
    Event.objects.create(
        site=hall.world.site,
        visit=friday,
        request=old,
        agency=hall.world.agency_a,
        kind=EventKind.RECALLED,
        at=MONDAY_9,
        counter=hall.counter_a1,
    )
    monday = ticket(hall)
    desk.call_next(session=hall.session(hall.counter_a2, officer=hall.world.admin_a, key="browser-2"))
    assert monday.code == friday.code == "A001"

    state = selectors.board_state(hall.world.site)
    by_counter = {c["counter"]: c["code"] for c in state["counters"]}
    assert by_counter == {"1": None, "2": "A001", "5": None}
    assert [(e["code"], e["counter"]) for e in state["recent"]] == [("A001", "2")]
    assert {e["day"] for e in state["recent"]} == {"2026-11-30"}
    # Live, the event of Friday's visit says so: the board leaves it out (board.js).
    friday_event = Event.objects.filter(visit=friday).select_related("visit", "counter", "agency").last()
    assert selectors.event_payload(friday_event, number_style="digits")["day"] == "2026-11-27"


class CommitAfterQuery:
    """Right after this thread's ``index``-th query, ``write`` runs to its commit in another thread."""

    def __init__(self, index, write):
        self.index, self.write, self.seen, self.result = index, write, 0, None

    def __call__(self, execute, sql, params, many, context):
        outcome = execute(sql, params, many, context)
        if self.seen == self.index:
            thread = threading.Thread(target=self._write)
            thread.start()
            thread.join(30)
        self.seen += 1
        return outcome

    def _write(self):
        try:
            self.result = self.write()
        finally:
            connections.close_all()


def board_view(state, replay):
    """What board.js shows at the counters after its state and the feed's replay."""
    shown = {c["counter_id"]: c["code"] for c in state["counters"]}
    position, pending = state["last_event_id"], set(state["pending_event_ids"])
    handled = set()
    for event in replay:
        if event["id"] in handled or (event["id"] <= position and event["id"] not in pending):
            continue
        handled.add(event["id"])
        if event["kind"] in CALLS:
            shown[event["counter_id"]] = event["code"]
        elif event["kind"] in CLEARING and shown.get(event["counter_id"]) == event["code"]:
            shown[event["counter_id"]] = None
    return shown


@pytest.mark.django_db(transaction=True)
def test_a_call_committed_while_the_state_is_read_is_in_the_state_or_in_the_replay(hall):
    """Whichever query of the state a call commits after, the board ends up showing it."""
    site = hall.world.site
    session = hall.session(hall.counter_a1)
    selectors.board_state(site)  # the hall settings are read once per site object
    counting = CommitAfterQuery(-1, None)
    with connection.execute_wrapper(counting):
        selectors.board_state(site)
    assert counting.seen >= 5
    for index in range(counting.seen):
        ticket(hall)
        hook = CommitAfterQuery(index, lambda: desk.call_next(session=session))
        with connection.execute_wrapper(hook):
            state = selectors.board_state(site)
        called = hook.result
        assert called is not None
        replay = [
            selectors.event_payload(e, number_style="digits")
            for e in selectors.board_events(
                site.pk, after=state["last_event_id"], pending=state["pending_event_ids"]
            )
        ]
        assert board_view(state, replay)[hall.counter_a1.pk] == called.visit.code, f"after query {index}"
        desk.finish_service(session=session, request_id=called.pk, outcome="completed")


def test_board_page_and_its_json(client, hall):
    ticket(hall)
    desk.call_next(session=hall.session(hall.counter_a1))
    page = client.get("/contoh/papan/", {"zona": "Lantai 1"})
    assert page.status_code == 200
    assert b'data-state-url="/contoh/papan/state.json?zona=Lantai+1"' in page.content
    state = client.get("/contoh/papan/state.json", {"zona": "Lantai 1"}).json()
    assert state["zone"] == "Lantai 1"
    assert [c["code"] for c in state["counters"]] == ["A001", None, None]
    assert state["last_event_id"] == Event.objects.order_by("-id").first().pk
    assert client.get("/tidak-ada/papan/").status_code == 404
    assert client.get("/tidak-ada/papan/state.json").status_code == 404
