"""The boards' live feed, driven as an ASGI application over real committed data."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import sync_to_async
from django.db import connections

from mpp.display.live import LiveApp
from mpp.queueing.models import Event
from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket
from tests.queueing.conftest import make_hall

pytestmark = pytest.mark.django_db(transaction=True)


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
    """One connected board: the ASGI app runs as a task; messages are parsed as they come."""

    def __init__(self, app, path, query="", headers=()):
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
        self.status = None
        self.headers = {}

    async def _receive(self):
        await self.disconnect.wait()
        return {"type": "http.disconnect"}

    async def _send(self, message):
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = dict(message["headers"])
        else:
            await self.chunks.put(message.get("body", b""))

    def start(self):
        self.task = asyncio.create_task(self.app(self.scope, self._receive, self._send))
        return self

    async def events(self, count, timeout=5.0):
        found, buffer = [], ""
        while len(found) < count:
            buffer += (await asyncio.wait_for(self.chunks.get(), timeout)).decode()
            *blocks, buffer = buffer.split("\n\n")
            for block in blocks:
                data = [line[6:] for line in block.splitlines() if line.startswith("data: ")]
                if data:
                    found.append(json.loads(data[0]))
        return found

    async def close(self):
        self.disconnect.set()
        await asyncio.wait_for(self.task, 5)
        await self.app.hub.stop()


@pytest.fixture
def live_hall(world, clock_at):
    return make_hall(world)


def test_a_board_receives_calls_as_they_are_committed(live_hall):
    async def scenario():
        app = LiveApp()
        board = Board(app, "/live/contoh/board/", "after=0").start()
        await asyncio.sleep(0.3)
        await in_thread(issue_ticket)(site=live_hall.world.site, services=[live_hall.world.service_a])
        session = await in_thread(live_hall.session)(live_hall.counter_a1)
        await in_thread(desk.call_next)(session=session)
        (called,) = await board.events(1)
        await board.close()
        return board, called

    board, called = run(scenario)
    assert board.status == 200
    assert board.headers[b"content-type"].startswith(b"text/event-stream")
    assert called["kind"] == "called"
    assert called["code"] == "A001"
    assert called["counter"] == "1"
    assert called["speech"].startswith("Nomor antrean A, nol nol satu, silakan menuju loket satu")
    assert "phone" not in json.dumps(called)


def test_reconnecting_with_last_event_id_misses_nothing_and_repeats_nothing(live_hall):
    site = live_hall.world.site

    def call_one():
        issue_ticket(site=site, services=[live_hall.world.service_a])
        session = live_hall.session(live_hall.counter_a1)
        request = desk.call_next(session=session)
        desk.finish_service(session=session, request_id=request.pk, outcome="completed")

    async def scenario():
        app = LiveApp()
        board = Board(app, "/live/contoh/board/", "after=0").start()
        await asyncio.sleep(0.3)
        await in_thread(call_one)()
        first = await board.events(2)  # called, finished
        await board.close()  # the connection drops
        await in_thread(call_one)()  # calls go on while the board is away
        await in_thread(call_one)()
        again = Board(
            app, "/live/contoh/board/", "", headers=[("last-event-id", str(first[-1]["id"]))]
        ).start()
        missed = await again.events(4)
        await again.close()
        return first, missed

    first, missed = run(scenario)
    assert [e["kind"] for e in first] == ["called", "finished"]
    assert [(e["code"], e["kind"]) for e in missed] == [
        ("A002", "called"),
        ("A002", "finished"),
        ("A003", "called"),
        ("A003", "finished"),
    ]
    assert not {e["id"] for e in first} & {e["id"] for e in missed}
    board_kinds = Event.objects.exclude(kind="issued").count()
    assert board_kinds == 6


def test_zone_filter_and_unknown_site(live_hall):
    live_hall.counter_b.zone = "Lantai 2"
    live_hall.counter_b.save()

    async def scenario():
        app = LiveApp()
        board = Board(app, "/live/contoh/board/", "after=0&zone=Lantai%202").start()
        await asyncio.sleep(0.3)
        for service, counter in (
            (live_hall.world.service_a, live_hall.counter_a1),
            (live_hall.world.service_b, live_hall.counter_b),
        ):
            await in_thread(issue_ticket)(site=live_hall.world.site, services=[service])
            session = await in_thread(live_hall.session)(counter)
            await in_thread(desk.call_next)(session=session)
        (only,) = await board.events(1)
        await board.close()
        missing = Board(app, "/live/tidak-ada/board/").start()
        await asyncio.wait_for(missing.task, 5)
        await app.hub.stop()
        return only, missing.status

    only, status = run(scenario)
    assert only["code"] == "B001"
    assert status == 404
