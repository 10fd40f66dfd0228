"""The boards' live feed, driven as an ASGI application over real committed data."""

import asyncio
import json
import logging
import socket
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import sync_to_async
from django.db import connection, connections, transaction

from mpp.display import live, selectors
from mpp.display.live import LiveApp
from mpp.queueing.models import Event
from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket
from tests.queueing.conftest import make_hall

pytestmark = pytest.mark.django_db(transaction=True)
BOARD = "/live/contoh/board/"


def run(scenario):
    """asyncio.run in a thread of its own, whatever loop the test runner's thread has."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, scenario()).result(timeout=60)


def in_thread(function):
    """The test's own database work, on a worker thread that closes its connection after."""

    def run(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        finally:
            connections.close_all()

    return sync_to_async(run, thread_sensitive=False)


class Board:
    """One connected board: the ASGI app runs as a task; messages are parsed as they come.

    ``stalled=True`` is a TV that stops reading once the response has started.
    """

    def __init__(self, app, path=BOARD, query="", headers=(), stalled=False):
        self.app = app
        self.scope = {
            "type": "http",
            "method": "GET",
            "path": path,
            "query_string": query.encode(),
            "headers": [(k.encode(), v.encode()) for k, v in headers],
        }
        self.disconnect = asyncio.Event()
        self.chunks: asyncio.Queue = asyncio.Queue()
        self.raw = b""
        self.status = None
        self.headers = {}
        self.started = asyncio.Event()
        self.ended = asyncio.Event()
        self.unstall = asyncio.Event()
        if not stalled:
            self.unstall.set()
        self.buffer = ""
        self.parsed: list[dict] = []

    async def _receive(self):
        await self.disconnect.wait()
        return {"type": "http.disconnect"}

    async def _send(self, message):
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = dict(message["headers"])
            self.started.set()
            return
        await self.unstall.wait()
        body = message.get("body", b"")
        self.raw += body
        await self.chunks.put(body)
        if not message.get("more_body", False):
            self.ended.set()

    def start(self):
        self.task = asyncio.create_task(self.app(self.scope, self._receive, self._send))
        return self

    async def connected(self):
        """The response has started: the board has joined the hub and had its backlog read."""
        await asyncio.wait_for(self.started.wait(), 10)
        return self

    async def messages(self, count, timeout=5.0):
        """The next ``count`` messages: {"id": SSE id, "event": name, "data": parsed JSON}."""
        while len(self.parsed) < count:
            self.buffer += (await asyncio.wait_for(self.chunks.get(), timeout)).decode()
            *blocks, self.buffer = self.buffer.split("\n\n")
            for block in blocks:
                fields = {}
                for line in block.splitlines():
                    name, _colon, value = line.partition(": ")
                    fields.setdefault(name, value)
                if "data" in fields:
                    self.parsed.append(
                        {
                            "id": fields.get("id"),
                            "event": fields.get("event"),
                            "data": json.loads(fields["data"]),
                        }
                    )
        found, self.parsed = self.parsed[:count], self.parsed[count:]
        return found

    async def events(self, count, timeout=5.0):
        return [m["data"] for m in await self.messages(count, timeout)]

    async def close(self):
        self.disconnect.set()
        self.unstall.set()
        await asyncio.wait_for(self.task, 5)


@pytest.fixture
def live_hall(world, clock_at):
    return make_hall(world)


def last_id() -> int:
    return Event.objects.order_by("-id").values_list("id", flat=True).first() or 0


def open_counter(hall, counter):
    """An officer at ``counter`` (counter 2 gets agency A's admin: officer A is at counter 1)."""
    if counter == hall.counter_a2:
        return hall.session(counter, officer=hall.world.admin_a, key="browser-2")
    return hall.session(counter)


def call_and_finish(hall, counter=None):
    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    session = hall.session(counter or hall.counter_a1)
    request = desk.call_next(session=session)
    desk.finish_service(session=session, request_id=request.pk, outcome="completed")
    return request


def test_a_board_receives_calls_as_they_are_committed(live_hall):
    phone = "0812-3456-7890"

    async def scenario():
        app = LiveApp()
        board = await Board(app, query="after=0").start().connected()
        await in_thread(issue_ticket)(
            site=live_hall.world.site, services=[live_hall.world.service_a], phone=phone
        )
        session = await in_thread(live_hall.session)(live_hall.counter_a1)
        await in_thread(desk.call_next)(session=session)
        (called,) = await board.events(1)
        await board.close()
        await app.hub.stop()
        return board, called

    board, called = run(scenario)
    assert board.status == 200
    assert board.headers[b"content-type"].startswith(b"text/event-stream")
    assert called["kind"] == "called"
    assert called["code"] == "A001"
    assert called["counter"] == "1"
    assert called["day"] == "2026-11-30"
    assert called["speech"].startswith("Nomor antrean A, nol nol satu, silakan menuju loket satu")
    # The visitor gave a phone number; none of its digits go to a board, in any form.
    assert Event.objects.get(kind="called").visit.phone
    assert b"34567890" not in board.raw
    assert "34567890" not in json.dumps(called)


def test_reconnecting_after_a_restart_misses_nothing_and_repeats_nothing(live_hall):
    """The feed process restarts between the two connections (a new hub)."""

    async def scenario():
        app = LiveApp()
        board = await Board(app, query="after=0").start().connected()
        await in_thread(call_and_finish)(live_hall)
        first = await board.messages(2)  # called, finished
        await board.close()
        await app.hub.stop()  # the connection drops with the process
        await in_thread(call_and_finish)(live_hall)  # calls go on while the board is away
        await in_thread(call_and_finish)(live_hall)
        again = Board(app, headers=[("last-event-id", first[-1]["id"])]).start()
        missed = await again.events(4)
        await again.close()
        await app.hub.stop()
        return [m["data"] for m in first], missed

    first, missed = run(scenario)
    assert [e["kind"] for e in first] == ["called", "finished"]
    assert [(e["code"], e["kind"]) for e in missed] == [
        ("A002", "called"),
        ("A002", "finished"),
        ("A003", "called"),
        ("A003", "finished"),
    ]
    assert not {e["id"] for e in first} & {e["id"] for e in missed}
    assert Event.objects.exclude(kind="issued").count() == 6


def test_reconnecting_to_a_running_feed_misses_nothing_and_repeats_nothing(live_hall):
    """The same hub keeps polling (and feeding another board) while one board is away."""

    async def scenario():
        app = LiveApp()
        staying = await Board(app, query="after=0").start().connected()
        leaving = await Board(app, query="after=0").start().connected()
        await in_thread(call_and_finish)(live_hall)
        first = await leaving.messages(2)
        await leaving.close()
        await in_thread(call_and_finish)(live_hall)
        await in_thread(call_and_finish)(live_hall)
        assert len(await staying.events(6)) == 6  # the hub has polled past the missed calls
        back = Board(app, query="after=0", headers=[("last-event-id", first[-1]["id"])]).start()
        missed = await back.events(4)
        await in_thread(call_and_finish)(live_hall)  # and it follows the live feed again
        live_ones = await back.events(2)
        for board in (staying, back):
            await board.close()
        await app.hub.stop()
        return [m["data"] for m in first], missed, live_ones

    first, missed, live_ones = run(scenario)
    assert [(e["code"], e["kind"]) for e in first] == [("A001", "called"), ("A001", "finished")]
    assert [(e["code"], e["kind"]) for e in missed] == [
        ("A002", "called"),
        ("A002", "finished"),
        ("A003", "called"),
        ("A003", "finished"),
    ]
    assert [(e["code"], e["kind"]) for e in live_ones] == [("A004", "called"), ("A004", "finished")]


def test_after_zero_replays_everything_and_no_position_means_live_only(live_hall):
    call_and_finish(live_hall)

    async def scenario():
        app = LiveApp()
        everything = Board(app, query="after=0").start()
        replayed = await everything.events(2)
        live_only = await Board(app).start().connected()
        await in_thread(call_and_finish)(live_hall)
        followed = await live_only.events(2)
        for board in (everything, live_only):
            await board.close()
        await app.hub.stop()
        return replayed, followed

    replayed, followed = run(scenario)
    assert [(e["code"], e["kind"]) for e in replayed] == [("A001", "called"), ("A001", "finished")]
    assert [(e["code"], e["kind"]) for e in followed] == [("A002", "called"), ("A002", "finished")]


def test_a_backlog_longer_than_the_limit_resets_the_board(live_hall, monkeypatch):
    monkeypatch.setattr(live, "BACKLOG_LIMIT", 3)
    start = last_id()
    call_and_finish(live_hall)  # 2 board events
    call_and_finish(live_hall)  # 4
    first_call = Event.objects.get(kind="called", visit__number=1).pk

    async def scenario():
        app = LiveApp()
        behind = Board(app, query=f"after={start}").start()
        (reset,) = await behind.messages(1)
        await asyncio.wait_for(behind.ended.wait(), 5)  # the response ends: the board starts over
        within = Board(app, query=f"after={first_call}").start()  # 3 events missed: replayed
        replayed = await within.events(3)
        for board in (behind, within):
            await board.close()
        await app.hub.stop()
        return reset, behind.raw, replayed

    reset, raw, replayed = run(scenario)
    assert reset["event"] == "reset"
    assert b"A00" not in raw  # no event at all, rather than the oldest few
    assert [(e["code"], e["kind"]) for e in replayed] == [
        ("A001", "finished"),
        ("A002", "called"),
        ("A002", "finished"),
    ]


def test_zone_filter_and_unknown_site(live_hall):
    live_hall.counter_b.zone = "Lantai 2"
    live_hall.counter_b.save()
    live_hall.counter_a2.zone = "R%41"  # a literal percent sign: decoded once, not twice
    live_hall.counter_a2.save()

    async def scenario():
        app = LiveApp()
        floor = await Board(app, query="after=0&zone=Lantai%202").start().connected()
        room = await Board(app, query="after=0&zone=R%2541").start().connected()
        for service, counter in (
            (live_hall.world.service_a, live_hall.counter_a1),
            (live_hall.world.service_b, live_hall.counter_b),
            (live_hall.world.service_a, live_hall.counter_a2),
        ):
            await in_thread(issue_ticket)(site=live_hall.world.site, services=[service])
            session = await in_thread(open_counter)(live_hall, counter)
            await in_thread(desk.call_next)(session=session)
        (on_floor,) = await floor.events(1)
        (in_room,) = await room.events(1)
        for board in (floor, room):
            await board.close()
        missing = Board(app, "/live/tidak-ada/board/").start()
        await asyncio.wait_for(missing.task, 5)
        await app.hub.stop()
        return on_floor, in_room, missing.status

    on_floor, in_room, status = run(scenario)
    assert on_floor["code"] == "B001"
    assert in_room["code"] == "A002"
    assert status == 404


# Out of order: PostgreSQL commits ids in any order -----------------------------------------


def hold_a_call(session):
    """A call whose transaction stays open until ``release`` is set: its event has an id, uncommitted."""
    inserted, release, result = threading.Event(), threading.Event(), {}

    def body():
        try:
            with transaction.atomic():
                result["request"] = desk.call_next(session=session)
                result["event"] = Event.objects.get(request=result["request"], kind="called").pk
                inserted.set()
                release.wait(60)  # the test's signal, not a delay
        except Exception as error:  # reported by the test
            result["error"] = error
            inserted.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=body)
    thread.start()
    return thread, inserted, release, result


def sqlite_serialises_writers(hall):
    """SQLite's premise for needing none of this: while one write transaction is open, no
    other can even begin, so event ids are committed in id order."""
    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    thread, inserted, release, result = hold_a_call(hall.session(hall.counter_a1))
    inserted.wait(30)
    assert "error" not in result
    assert result["request"] is not None
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()
        release.set()
        thread.join(30)
    assert "error" not in result


def reverse_commits(hall, late_comes=True):
    """Counter 1's call takes id N but commits after counter 2's call (N + 1): the boards
    connected meanwhile, and the page state read meanwhile, must still get N."""
    site = hall.world.site
    for _ in range(2):
        issue_ticket(site=site, services=[hall.world.service_a])
    first = hall.session(hall.counter_a1)
    second = hall.session(hall.counter_a2, officer=hall.world.admin_a, key="browser-2")
    start = last_id()

    async def scenario():
        app = LiveApp()
        board = await Board(app, query=f"after={start}").start().connected()
        thread, inserted, release, held = hold_a_call(first)
        await asyncio.to_thread(inserted.wait, 30)
        called = await in_thread(desk.call_next)(session=second)  # id N + 1, committed at once
        (higher,) = await board.events(1)  # the feed has seen N + 1, and not N
        state = await in_thread(selectors.board_state)(site)  # a page rendered now
        release.set()
        await asyncio.to_thread(thread.join, 30)
        # The first board gets N now (or, without the fix, never: it is not waited for then).
        early = await board.events(1) if late_comes else []
        # Boards whose page was rendered while N was uncommitted, connecting after N came:
        # one with the state's pending ids, one without them (what the old state gave).
        position = f"after={state['last_event_id']}"
        pending = ",".join(map(str, state["pending_event_ids"]))
        with_pending = await Board(app, query=f"{position}&pending={pending}").start().connected()
        without = await Board(app, query=position).start().connected()
        # One more event, committed after N: whatever a board gets before it came first.
        await in_thread(desk.start_service)(session=second, request_id=called.pk)
        results = {
            "held": held,
            "higher": higher,
            "state": state,
            "board": early + await board.events(1),
            "with_pending": await with_pending.events(2),
            "without": await without.events(1),
        }
        for each in (board, with_pending, without):
            await each.close()
        await app.hub.stop()
        return results

    return run(scenario)


def test_an_event_committed_after_a_higher_id_still_reaches_every_board(live_hall):
    if connection.vendor == "sqlite":
        sqlite_serialises_writers(live_hall)
        return
    seen = reverse_commits(live_hall)
    assert "error" not in seen["held"]
    late = seen["held"]["event"]
    assert seen["higher"]["id"] == late + 1
    assert seen["higher"]["code"] == "A002"
    # The page's state was read while N was uncommitted: it waits for N.
    assert seen["state"]["last_event_id"] == late + 1
    assert late in seen["state"]["pending_event_ids"]
    assert [e["code"] for e in seen["state"]["recent"]] == ["A002"]
    for board in ("board", "with_pending"):
        assert [(e["id"], e["code"], e["kind"]) for e in seen[board]] == [
            (late, "A001", "called"),
            (late + 2, "A002", "started"),
        ], board
    # Control: a board that does not say it waits for N never gets it.
    assert [(e["code"], e["kind"]) for e in seen["without"]] == [("A002", "started")]


def test_control_without_the_trailing_window_the_late_event_is_skipped(live_hall, monkeypatch):
    """The old feed: the position jumps to the highest id seen, ids below it are never read again."""
    if connection.vendor == "sqlite":
        sqlite_serialises_writers(live_hall)
        return
    monkeypatch.setattr(live, "GAP_SECONDS", 0.0)
    seen = reverse_commits(live_hall, late_comes=False)
    late = seen["held"]["event"]
    assert seen["higher"]["id"] == late + 1
    # The first board gets the event after N, never N (it was committed before that one).
    assert (seen["board"][0]["code"], seen["board"][0]["kind"]) == ("A002", "started")
    assert late not in [e["id"] for e in seen["board"]]


# Robustness: stalled boards, the database away, storms of reconnects -----------------------


def test_a_stalled_board_is_dropped_and_catches_up_when_it_reconnects(live_hall, monkeypatch):
    monkeypatch.setattr(live, "QUEUE_LIMIT", 3)
    start = last_id()

    async def scenario():
        app = LiveApp()
        healthy = await Board(app, query=f"after={start}").start().connected()
        stalled = await Board(app, query=f"after={start}", stalled=True).start().connected()
        site_id = live_hall.world.site.pk
        assert len(app.hub.boards[site_id]) == 2
        for _ in range(2):
            await in_thread(call_and_finish)(live_hall)
        got = await healthy.events(4)
        assert stalled.task.done() is False
        assert len(app.hub.boards[site_id]) == 2  # 4 waiting for the stalled one: more than it may hold
        await in_thread(call_and_finish)(live_hall)  # so when more come, it is let go
        got += await healthy.events(2)
        assert len(app.hub.boards[site_id]) == 1
        stalled.unstall.set()  # the TV wakes up: its response ends, it has nothing but "retry"
        await asyncio.wait_for(stalled.task, 5)
        assert stalled.ended.is_set()
        assert b"data:" not in stalled.raw
        back = Board(app, query=f"after={start}").start()  # EventSource reconnects
        caught_up = await back.events(6)
        for board in (healthy, back):
            await board.close()
        await app.hub.stop()
        return got, caught_up

    got, caught_up = run(scenario)
    assert [e["id"] for e in caught_up] == [e["id"] for e in got]


class BrokenDatabase:
    """Makes the next connection of one of the feed's database threads fail for real:
    SQLite at a path that cannot be opened, PostgreSQL at a port where nothing listens."""

    def __init__(self, executor):
        self.executor = executor
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.closed_port = str(sock.getsockname()[1])

    def _swap(self, broken):
        db = connections["default"]
        db.close()
        if broken:
            self.saved = db.settings_dict
            if db.vendor == "sqlite":
                db.settings_dict = {**db.settings_dict, "NAME": "/nonexistent/mpp/live.sqlite3"}
            else:
                db.settings_dict = {**db.settings_dict, "HOST": "127.0.0.1", "PORT": self.closed_port}
        else:
            db.settings_dict = self.saved

    async def __aenter__(self):
        await asyncio.get_running_loop().run_in_executor(self.executor, self._swap, True)
        return self

    async def __aexit__(self, *exc):
        await asyncio.get_running_loop().run_in_executor(self.executor, self._swap, False)


def test_database_away_answers_503_without_a_traceback(live_hall, caplog):
    caplog.set_level(logging.INFO, logger="mpp.display.live")

    async def scenario():
        app = LiveApp()
        answers = []
        async with BrokenDatabase(live.CONNECT_THREAD):
            for _ in range(3):  # a board retrying every few seconds
                board = Board(app, query="after=0").start()
                await asyncio.wait_for(board.task, 10)
                answers.append((board.status, board.headers.get(b"retry-after"), board.raw))
        again = await Board(app, query="after=0").start().connected()  # the database is back
        answers.append((again.status, None, b""))
        await again.close()
        # With the site known (cached) and the database away, the backlog cannot be read: 503 too.
        async with BrokenDatabase(live.CONNECT_THREAD):
            board = Board(app, query="after=0").start()
            await asyncio.wait_for(board.task, 10)
            answers.append((board.status, board.headers.get(b"retry-after"), board.raw))
        await app.hub.stop()
        return answers

    answers = run(scenario)
    assert [status for status, _retry, _body in answers] == [503, 503, 503, 200, 503]
    assert answers[0][1] == b"3"
    assert b"unavailable" in answers[0][2]
    records = [r for r in caplog.records if r.name == "mpp.display.live"]
    assert not [r for r in records if r.exc_info], "no traceback per reconnect"
    warnings = [r.getMessage() for r in records if r.levelno >= logging.WARNING]
    assert warnings[0].startswith("live feed: the database is unavailable")
    assert len([w for w in warnings if "unavailable" in w]) == 2  # once per outage, not per board


def occupy(executor):
    """Keep one of the feed's database threads busy until the returned event is set."""
    started, release = threading.Event(), threading.Event()

    def hold():
        started.set()
        release.wait(60)

    executor.submit(hold)
    started.wait(10)
    return release


def connecting_boards_and_a_live_call(hall):
    """While a board's backlog cannot be read yet, a call is made: (did the connected board
    get it before the backlog was served, the call, what the late board got)."""

    async def scenario():
        app = LiveApp()
        start = await in_thread(last_id)()
        connected = await Board(app, query=f"after={start}").start().connected()  # the site is known now
        release = occupy(live.CONNECT_THREAD)
        try:
            joining = Board(app, query=f"after={start}").start()  # its backlog waits
            await in_thread(issue_ticket)(site=hall.world.site, services=[hall.world.service_a])
            session = await in_thread(hall.session)(hall.counter_a1)
            await in_thread(desk.call_next)(session=session)
            try:
                (call,) = await connected.events(1, timeout=3)
                in_time = joining.status is None  # the joining board is still waiting
            except TimeoutError:
                call, in_time = None, False
        finally:
            release.set()
        late = await joining.events(1)
        if call is None:
            (call,) = await connected.events(1)
        for board in (connected, joining):
            await board.close()
        await app.hub.stop()
        return in_time, call, late

    return run(scenario)


def test_a_board_connecting_never_holds_up_a_live_call(live_hall):
    in_time, call, late = connecting_boards_and_a_live_call(live_hall)
    assert in_time
    assert (call["code"], call["kind"]) == ("A001", "called")
    assert late == [call]  # the joining board missed nothing either


def test_control_with_one_database_thread_a_connecting_board_holds_up_the_call(live_hall, monkeypatch):
    """The old feed: site lookups and backlogs on the poll's own thread."""
    monkeypatch.setattr(live, "CONNECT_THREAD", live.POLL_THREAD)
    in_time, call, late = connecting_boards_and_a_live_call(live_hall)
    assert not in_time
    assert late == [call]


def test_a_storm_of_reconnects_costs_one_site_lookup_and_one_backlog_read(live_hall):
    call_and_finish(live_hall)
    start = Event.objects.order_by("id").first().pk - 1
    queries = []

    def count_queries():
        def note(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        connections["default"].execute_wrappers.append(note)

    def stop_counting():
        connections["default"].execute_wrappers.clear()

    async def scenario():
        app = LiveApp()
        await app.hub.start()
        await asyncio.get_running_loop().run_in_executor(live.CONNECT_THREAD, count_queries)
        try:
            # The feed restarted: 50 TVs come back at once, all at the same position.
            storm = [Board(app, query=f"after={start}").start() for _ in range(50)]
            first_wave = [await board.events(2) for board in storm]
            first_wave_queries = len(queries)
            # A minute later another 50 (the site is known by now): only their backlog is read.
            more = [Board(app, query=f"after={start}").start() for _ in range(50)]
            second_wave = [await board.events(2) for board in more]
        finally:
            await asyncio.get_running_loop().run_in_executor(live.CONNECT_THREAD, stop_counting)
        for board in storm + more:
            await board.close()
        await app.hub.stop()
        return first_wave, first_wave_queries, second_wave

    first_wave, first_wave_queries, second_wave = run(scenario)
    assert all([e["kind"] for e in got] == ["called", "finished"] for got in first_wave + second_wave)
    # One site lookup, one read of the events (and of the hall settings they are spoken with).
    assert first_wave_queries == 3
    assert len(queries) == 3 + 2


def test_positions_from_the_query_and_the_resume_token():
    assert live._resume(None, "", None) == (None, ())
    assert live._resume("0", "", None) == (0, ())
    assert live._resume("12", "9,x,,7", "15:11,zz,3") == (15, (3, 7, 9, 11))
    assert live._resume("abc", "", "") == (None, ())  # nonsense is no position: live events only
    assert live._resume("-5", "", "9" * 30) == (None, ())
    assert live.resume_token(20, {3: 0.0, 19: 0.0, 25: 0.0}) == "20:3,19"
    assert live.resume_token(20, {}) == "20"


def test_nonsense_in_the_address_gets_the_live_feed_not_an_error(live_hall):
    async def scenario():
        app = LiveApp()
        board = Board(app, query="after=abc&pending=%00,-1&zone=%FF", headers=[("last-event-id", "x:y")])
        await board.start().connected()
        await board.close()
        await app.hub.stop()
        return board.status

    assert run(scenario) == 200
