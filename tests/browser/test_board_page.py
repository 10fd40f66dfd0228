"""The hall board in Chromium: what it shows, what it announces, and never twice.

There is no live feed process in these tests: the board's feed URL points at the live
server (``MPP_LIVE_URL = "same-origin"``), which answers 404, so the board shows itself
offline and retries. Events are given to the page through ``window.mppBoard.handle``,
built by the same function the feed uses (``selectors.event_payload``). One test
stands in for the feed with a scripted stream of server-sent events.
"""

import datetime as dt
import itertools
import json
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from playwright.sync_api import expect

from mpp.display import selectors
from mpp.queueing.models import Event
from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket
from tests.browser.conftest import assert_accessible, screenshot
from tests.queueing.conftest import MONDAY_9, make_hall

BOARD = "/contoh/papan/"
TV = {"width": 1920, "height": 1080}
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def clock():
    """``clock(datetime)`` moves the server's clock (the browser keeps its own)."""
    travellers = []

    def move(when):
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(when, tick=True)
        traveller.start()
        travellers.append(traveller)

    move(MONDAY_9)
    yield move
    for traveller in travellers:
        traveller.stop()


@pytest.fixture
def hall(transactional_db, world, clock, settings):
    settings.MPP_LIVE_URL = "same-origin"  # the feed at /live/ on the live server: a 404
    return make_hall(world)


@pytest.fixture
def board(page):
    """The page, minus the console errors of the absent feed (and only those)."""
    feed_errors = []

    def note(message):
        if message.type == "error" and "/live/" in (message.location or {}).get("url", ""):
            feed_errors.append(message.text)

    page.on("console", note)
    yield page
    for text in feed_errors:
        if text in page.problems:
            page.problems.remove(text)


class Desks:
    """The officers of counters 1, 2 (Dukcapil) and 5 (Polres), at work."""

    def __init__(self, hall):
        self.hall = hall
        self.sessions = {
            "1": hall.session(hall.counter_a1),
            "2": hall.session(hall.counter_a2, officer=hall.world.admin_a, key="browser-2"),
            "5": hall.session(hall.counter_b),
        }
        self.at = {}

    def ticket(self, service=None):
        return issue_ticket(site=self.hall.world.site, services=[service or self.hall.world.service_a])

    def call(self, number):
        self.at[number] = desk.call_next(session=self.sessions[number])
        return self.at[number].visit.code

    def recall(self, number):
        desk.recall(session=self.sessions[number], request_id=self.at[number].pk)

    def start(self, number):
        desk.start_service(session=self.sessions[number], request_id=self.at[number].pk)

    def finish(self, number):
        desk.finish_service(session=self.sessions[number], request_id=self.at[number].pk, outcome="completed")


def last_payload() -> dict:
    """The newest event as the feed sends it."""
    event = Event.objects.select_related("visit", "counter", "agency").order_by("-id").first()
    return selectors.event_payload(event, number_style="digits")


def open_board(board, live_server, query=""):
    board.goto(f"{live_server.url}{BOARD}{query}")
    board.wait_for_function("() => window.mppBoard !== undefined")
    return board


def handle(board, payload) -> bool:
    return board.evaluate("p => window.mppBoard.handle(p)", payload)


def texts(board, selector):
    return [t.strip() for t in board.locator(selector).all_inner_texts()]


def at_counters(board):
    """The code each counter shows, in the board's order (None: nobody at it)."""
    return board.eval_on_selector_all(".counter-item", "items => items.map(i => i.dataset.code || null)")


def counter_tile(board, number):
    label = board.evaluate(
        "document.getElementById('board-texts').content.querySelector('[data-key=counter]').textContent"
    )
    return board.locator(".counter-item").filter(
        has=board.locator(".counter-no", has_text=f"{label} {number}")
    )


def wait_until(board, condition, timeout=10.0):
    """Wait for something Python-side (requests seen by a route), letting the browser run."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        board.wait_for_timeout(50)


def wait_spoken(board, count):
    board.wait_for_function("n => window.mppBoard.spoken.length >= n", arg=count, timeout=20_000)


def test_board_shows_the_state_it_was_built_with_and_announces_none_of_it(live_server, board, axe, hall):
    desks = Desks(hall)
    desks.ticket()
    desks.ticket()
    desks.ticket(hall.world.service_b)
    assert desks.call("1") == "A001"
    desks.call("5")
    desks.start("5")
    open_board(board, live_server)

    assert board.locator("html").get_attribute("lang") == "id"
    assert texts(board, "#now-calling .now-code") == ["B001"]
    assert "Polres" in board.locator("#now-calling").inner_text()
    assert texts(board, "#recent-list .recent-code") == ["A001"]  # B001 is shown as now calling
    assert at_counters(board) == ["A001", None, "B001"]  # counters 1, 2, 5
    assert counter_tile(board, "2").locator(".dash").inner_text() == "\u2013"
    expect(counter_tile(board, "1")).to_have_class("counter-item is-called")
    expect(counter_tile(board, "2")).to_have_class("counter-item is-idle")
    expect(counter_tile(board, "5")).to_have_class("counter-item is-serving")
    expect(board.locator("#board-status")).to_have_class("board-status is-offline")  # no feed here
    assert re.fullmatch(r"\d\d\.\d\d", board.locator("#board-clock").inner_text())  # 09.05
    board_api = board.evaluate("({...window.mppBoard})")
    assert board_api["handled"] == []
    assert board_api["announced"] == []
    assert board_api["queued"] == []
    assert board_api["state"][str(hall.counter_a1.pk)]["code"] == "A001"

    screenshot(board, "board-phone")  # not its purpose, but it must still be usable
    board.set_viewport_size(TV)
    assert_accessible(axe, board)
    screenshot(board, "board-tv")
    board.set_viewport_size({"width": 1280, "height": 720})
    screenshot(board, "board-tv-720")


def test_events_update_now_calling_counters_and_earlier_calls(live_server, board, hall):
    desks = Desks(hall)
    for _ in range(3):
        desks.ticket()
    desks.call("1")  # A001, in the page's state
    open_board(board, live_server)

    desks.call("2")
    called = last_payload()
    assert called["code"] == "A002"
    assert handle(board, called) is True
    assert texts(board, "#now-calling .now-code") == ["A002"]
    assert texts(board, "#recent-list .recent-code") == ["A001"]
    expect(counter_tile(board, "2").locator(".counter-code")).to_have_text("A002")
    expect(board.locator("#now-calling")).to_have_class("now-calling flash")

    assert handle(board, called) is False  # the same event again: handled once
    assert board.evaluate("window.mppBoard.handled") == [called["id"]]
    assert texts(board, "#recent-list .recent-code") == ["A001"]

    desks.recall("1")
    recalled = last_payload()
    assert handle(board, recalled) is True
    assert texts(board, "#now-calling .now-code") == ["A001"]
    assert texts(board, "#recent-list .recent-code") == ["A002"]  # A001 moved up to now calling

    desks.start("2")
    handle(board, last_payload())
    expect(counter_tile(board, "2")).to_have_class("counter-item is-serving")
    desks.finish("2")
    handle(board, last_payload())
    expect(counter_tile(board, "2")).to_have_class("counter-item is-idle")
    assert at_counters(board) == ["A001", None, None]
    assert board.evaluate("window.mppBoard.state")[str(hall.counter_a2.pk)]["code"] is None
    assert texts(board, "#recent-list .recent-code") == ["A002"]  # history stays

    # A finish that is not the ticket shown at the counter changes nothing.
    stale_finish = {**recalled, "id": recalled["id"] + 100, "kind": "finished", "code": "A999"}
    stale_finish.pop("speech")
    handle(board, stale_finish)
    expect(counter_tile(board, "1").locator(".counter-code")).to_have_text("A001")


def test_new_calls_are_announced_once_each_in_order_without_overlap(live_server, board, hall):
    desks = Desks(hall)
    for _ in range(3):
        desks.ticket()
    desks.ticket(hall.world.service_b)
    desks.call("1")  # in the page's state: never announced
    open_board(board, live_server)

    desks.finish("1")
    payloads = [last_payload()]
    for number in ("1", "2", "5"):
        desks.call(number)
        payloads.append(last_payload())
    calls = payloads[1:]
    # All at once, as a feed delivers a burst; each call twice (a reconnect's overlap).
    board.evaluate("ps => ps.forEach(p => window.mppBoard.handle(p))", payloads + calls)
    wait_spoken(board, 3)

    result = board.evaluate("({...window.mppBoard})")
    assert result["handled"] == [p["id"] for p in payloads]
    assert result["announced"] == [p["id"] for p in calls]
    assert result["spoken"] == [p["speech"] for p in calls]
    assert result["spoken"][0] == "Nomor antrean A, nol nol dua, silakan menuju loket satu, Dukcapil."
    timeline = result["timeline"]
    for before, after in itertools.pairwise(timeline):
        assert after["start"] >= before["end"] + 550, timeline  # one at a time, with a pause
    assert at_counters(board) == ["A002", "A003", "B001"]


def test_a_call_older_than_two_minutes_is_shown_but_not_announced(live_server, board, hall, clock):
    desks = Desks(hall)
    for _ in range(3):
        desks.ticket()
    open_board(board, live_server)

    # After an outage the feed delivers a backlog at once: 09:00 and 09:05.
    desks.call("1")
    old = last_payload()
    clock(MONDAY_9 + 5 * MINUTE)
    desks.call("2")
    new = last_payload()
    board.evaluate("ps => ps.forEach(p => window.mppBoard.handle(p))", [old, new])
    wait_spoken(board, 1)
    assert board.evaluate("window.mppBoard.announced") == [new["id"]]
    assert texts(board, "#recent-list .recent-code") == ["A001"]
    assert at_counters(board) == ["A001", "A002", None]

    # An event stamped more than 120 s before the newest one seen: shown, silent.
    late = {**old, "id": new["id"] + 1, "kind": "recalled", "at": (MONDAY_9 + 2 * MINUTE).isoformat()}
    assert handle(board, late) is True
    assert texts(board, "#now-calling .now-code") == ["A001"]
    # ... while one within two minutes of the newest is announced.
    fresh = {**late, "id": new["id"] + 2, "at": (MONDAY_9 + 4 * MINUTE).isoformat()}
    handle(board, fresh)
    wait_spoken(board, 2)
    assert board.evaluate("window.mppBoard.announced") == [new["id"], fresh["id"]]


def test_a_reload_in_the_same_tab_never_repeats_an_announcement(live_server, board, hall):
    desks = Desks(hall)
    desks.ticket()
    desks.call("1")
    call = last_payload()
    # An event after the page's state (as if the state were built a moment too early).
    call["id"] += 50
    open_board(board, live_server)
    handle(board, call)
    wait_spoken(board, 1)

    board.reload()
    board.wait_for_function("() => window.mppBoard !== undefined")
    assert handle(board, call) is True  # shown again: this page had not seen it
    assert texts(board, "#now-calling .now-code") == ["A001"]
    following = {**call, "id": call["id"] + 1, "kind": "recalled"}
    handle(board, following)
    wait_spoken(board, 1)
    assert board.evaluate("window.mppBoard.announced") == [following["id"]]


def test_sound_button_appears_while_the_browser_refuses_sound(live_server, board, hall):
    open_board(board, live_server)
    button = board.locator("#sound-on")
    expect(button).to_be_visible()  # headless Chromium keeps audio suspended until a gesture
    button.click()
    expect(button).to_be_hidden()


def test_board_follows_the_feed_and_resumes_after_the_last_event(live_server, board, hall):
    desks = Desks(hall)
    desks.ticket()
    desks.ticket()
    held, requests = [], []

    def feed(route):
        requests.append(route.request.url)
        if len(requests) == 1:
            held.append(route)  # answered below, once the calls have happened
        elif len(requests) == 2:
            route.fulfill(status=204)  # the browser gives up: the board opens a new one
        else:
            route.fulfill(status=200, content_type="text/event-stream", body="retry: 600000\n: ping\n\n")

    board.route("**/live/**", feed)
    open_board(board, live_server, "?zona=Lantai 1")  # the state: no calls yet
    first_id = board.evaluate("window.mppBoard.lastEventId")
    board.evaluate("""() => {
        window.statusLog = [];
        const status = document.getElementById("board-status");
        new MutationObserver(() => window.statusLog.push(status.className)).observe(
            status, {attributes: true, childList: true});
    }""")
    wait_until(board, lambda: held)
    desks.call("1")
    one = last_payload()
    desks.call("2")
    two = last_payload()
    stream = "".join(f"id: {p['id']}\ndata: {json.dumps(p)}\n\n" for p in (one, two))
    held[0].fulfill(status=200, content_type="text/event-stream", body="retry: 100\n" + stream)

    board.wait_for_function("() => window.mppBoard.handled.length === 2")
    assert texts(board, "#now-calling .now-code") == ["A002"]
    assert texts(board, "#recent-list .recent-code") == ["A001"]
    wait_spoken(board, 2)
    assert board.evaluate("window.mppBoard.spoken") == [one["speech"], two["speech"]]
    wait_until(board, lambda: len(requests) >= 3)  # 204: the browser gave up; the board retries 3 s later
    board.wait_for_function("() => window.statusLog.filter(c => c.includes('is-online')).length >= 2")

    url = urlsplit(requests[0])
    assert url.path == "/live/contoh/board/"
    assert parse_qs(url.query) == {"after": [str(first_id)], "zone": ["Lantai 1"]}
    # The browser's own retry repeats the URL (it adds Last-Event-ID, which the feed
    # prefers; Playwright's interception does not show that header). After the 204 the
    # browser gives up, and the board opens a new EventSource after the last event.
    assert requests[1] == requests[0]
    assert parse_qs(urlsplit(requests[2]).query) == {"after": [str(two["id"])], "zone": ["Lantai 1"]}


@pytest.mark.parametrize("counters", [21, 30, 55])
def test_a_big_hall_fits_on_one_screen(live_server, board, axe, hall, counters):
    open_board(board, live_server)
    board.emulate_media(reduced_motion="reduce")
    board.evaluate(
        """([count, at]) => {
            const agencies = ["Disdukcapil", "Polres", "BPJS Ketenagakerjaan", "Kantor Pertanahan", "Imigrasi"];
            let id = window.mppBoard.lastEventId;
            for (let n = 6; n < 6 + count - 3; n++) {
                const code = "ABCDE"[n % 5] + String(100 + n).padStart(3, "0");
                const where = {counter: String(n), counter_id: 1000 + n, zone: "Lantai 1", agency: agencies[n % 5]};
                window.mppBoard.handle({id: ++id, kind: "called", at, code, ...where});
                if (n % 3 === 0) window.mppBoard.handle({id: ++id, kind: "started", at, code, ...where});
            }
        }""",
        [counters, MONDAY_9.isoformat()],
    )
    assert board.locator(".counter-item").count() == counters
    for size in (TV, {"width": 1366, "height": 768}, {"width": 1280, "height": 720}):
        board.set_viewport_size(size)
        boxes = board.eval_on_selector_all(
            ".counter-item, .recent-item, #now-calling, #board-clock",
            "els => els.map(e => e.getBoundingClientRect()).map(r => [r.right, r.bottom])",
        )
        assert all(right <= size["width"] and bottom <= size["height"] for right, bottom in boxes), size
        overflowing = board.eval_on_selector_all(
            ".counter-code, .now-code, .recent-code",
            "els => els.filter(e => e.scrollWidth > e.clientWidth).length",
        )
        assert overflowing == 0, size
    screenshot(board, f"board-tv-720-{counters}-counters")
    assert_accessible(axe, board)


def test_a_lower_id_arriving_after_a_higher_one_is_shown_and_announced_once(live_server, board, hall):
    """PostgreSQL commits ids out of order: the feed may deliver N + 1 before N."""
    desks = Desks(hall)
    for _ in range(3):
        desks.ticket()
    desks.call("1")  # A001, in the page's state
    in_state = last_payload()
    open_board(board, live_server)
    desks.call("2")
    lower = last_payload()
    desks.finish("1")
    desks.call("1")
    higher = last_payload()
    assert higher["id"] > lower["id"] + 1

    assert handle(board, in_state) is False  # shown by the state already
    assert handle(board, higher) is True
    assert handle(board, lower) is True  # later, but never seen: handled
    assert handle(board, lower) is False  # and only once
    assert handle(board, higher) is False
    wait_spoken(board, 2)
    assert board.evaluate("window.mppBoard.announced") == [higher["id"], lower["id"]]
    assert at_counters(board) == ["A003", "A002", None]
    assert texts(board, "#recent-list .recent-code") == ["A003", "A001"]  # A002 is now calling


def test_yesterdays_leftover_never_touches_todays_number(live_server, board, hall):
    desks = Desks(hall)
    desks.ticket()
    desks.call("1")  # today's A001 at counter 1, in the page's state
    today = last_payload()
    open_board(board, live_server)
    friday = "2026-11-27"
    # Friday's A001 (nobody closed the day) is finished, then called again, at counter 1.
    finished = {**today, "id": today["id"] + 1, "kind": "finished", "day": friday}
    finished.pop("speech")
    recalled = {**today, "id": today["id"] + 2, "kind": "recalled", "day": friday}
    assert handle(board, finished) is True
    assert handle(board, recalled) is True
    assert at_counters(board) == ["A001", None, None]
    expect(counter_tile(board, "1")).to_have_class("counter-item is-called")
    board.wait_for_timeout(300)  # an announcement would have started by now (GATHER_MS is 150)
    assert board.evaluate("window.mppBoard.announced") == []
    assert board.evaluate("window.mppBoard.handled") == [finished["id"], recalled["id"]]


def test_a_reset_from_the_feed_fetches_the_state_again_and_follows_on_from_it(live_server, board, hall):
    desks = Desks(hall)
    desks.ticket()
    desks.ticket()
    desks.call("1")
    held, requests, states = [], [], []

    def feed(route):
        requests.append(route.request.url)
        if len(requests) == 1:
            held.append(route)  # answered below, once more has happened than is worth replaying
        else:
            route.fulfill(status=200, content_type="text/event-stream", body="retry: 600000\n: ping\n\n")

    def state(route):
        # The server's own answer, with one id it has not seen committed yet.
        answer = route.fetch().json()
        answer["pending_event_ids"] = [answer["last_event_id"] - 1]
        states.append(answer)
        route.fulfill(json=answer)

    board.route("**/live/**", feed)
    board.route("**/papan/state.json**", state)
    open_board(board, live_server, "?zona=Lantai 1")
    assert at_counters(board) == ["A001", None, None]
    wait_until(board, lambda: held)
    desks.call("2")
    missed = last_payload()
    held[0].fulfill(
        status=200, content_type="text/event-stream", body="retry: 600000\nevent: reset\ndata: {}\n\n"
    )
    wait_until(board, lambda: len(requests) >= 2)

    assert board.evaluate("window.mppBoard.resets") == 1
    assert at_counters(board) == ["A001", "A002", None]  # from the state, not from an event
    assert texts(board, "#now-calling .now-code") == ["A002"]
    assert board.evaluate("window.mppBoard.announced") == []
    (fetched,) = states
    assert fetched["last_event_id"] == missed["id"]
    assert parse_qs(urlsplit(requests[1]).query) == {
        "after": [str(missed["id"])],
        "zone": ["Lantai 1"],
        "pending": [str(missed["id"] - 1)],
    }
    # The pending id is still welcome; anything else at or below the position is not.
    assert handle(board, {**missed, "id": missed["id"] - 1, "kind": "started"}) is True
    assert handle(board, {**missed, "id": missed["id"] - 2, "kind": "started"}) is False


def test_at_midnight_the_board_reloads_only_once_the_page_answers(live_server, board, hall, clock):
    before_midnight = dt.datetime(2026, 11, 30, 16, 59, 30, tzinfo=dt.UTC)  # 23:59:30 WIB
    clock(before_midnight)
    board.clock.install(time=before_midnight)
    checks, navigations = [], []

    def page(route):
        if route.request.is_navigation_request():
            navigations.append(route.request.url)
            route.continue_()
            return
        checks.append(route.request.url)
        if len(checks) == 1:
            route.fulfill(status=503, body="down for maintenance")  # the server is away
        else:
            route.continue_()

    def step_until(condition):
        # One second of the board's time per step: less than its 5 seconds between tries.
        deadline = time.monotonic() + 30
        while not condition():
            assert time.monotonic() < deadline, "timed out"
            board.clock.run_for(1_000)

    board.route(f"**{BOARD}", page)
    # A quiet feed: the board's time runs for minutes here, and an absent feed would be retried.
    board.route(
        "**/live/**",
        lambda route: route.fulfill(
            status=200, content_type="text/event-stream", body="retry: 600000\n: ping\n\n"
        ),
    )
    open_board(board, live_server)
    board.clock.pause_at(before_midnight + dt.timedelta(seconds=5))  # the board's time moves when told
    board.evaluate("window.loadedBefore = true")
    try:
        clock(before_midnight + MINUTE)  # the server's clock has passed midnight too
        board.clock.run_for(40_000)  # the board's clock ticks past midnight
        step_until(lambda: checks)  # a reload is asked for, at a moment within a minute
        board.wait_for_timeout(300)  # the 503 arrives
        assert len(navigations) == 1
        assert board.evaluate("window.loadedBefore") is True  # no reload onto an error page
        step_until(lambda: len(checks) >= 2)  # it tries again
        board.wait_for_function("() => window.loadedBefore === undefined && window.mppBoard !== undefined")
        assert len(navigations) == 2
    finally:
        for problem in [p for p in board.problems if "503" in p]:
            board.problems.remove(problem)
