"""Live feed for display boards: server-sent events from an ASGI process of its own.

Pages and the API run under WSGI, where a long-lived response would hold a worker
thread for hours; this small ASGI application holds thousands of boards on one event
loop instead (docs/display.md). It keeps no state of its own that matters: every
process polls the event log (``queueing.Event``, the single source) and fans new
rows out to the boards connected to it, so several processes may run side by side.

    GET /live/<site>/board/?after=<event id>&zone=<zone>

A board passes the last event it has shown (``after``, or the ``Last-Event-ID``
header that EventSource sends when it reconnects) and receives everything after it:
a dropped connection misses nothing.
"""

import asyncio
import contextlib
import functools
import json
import logging
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.db import close_old_connections, connections  # noqa: E402

from mpp.queueing import selectors  # noqa: E402
from mpp.queueing.models import Event, HallSettings  # noqa: E402
from mpp.tenancy.models import Site  # noqa: E402

log = logging.getLogger(__name__)

POLL_SECONDS = float(os.environ.get("MPP_LIVE_POLL_SECONDS", "0.1"))
HEARTBEAT_SECONDS = 15
BACKLOG_LIMIT = 500
PATH = re.compile(r"^/live/(?P<site>[-a-zA-Z0-9_]+)/board/?$")


# All database work of the feed runs on one thread of its own: a poll every 100 ms,
# a site lookup and a backlog read per (re)connecting board. One thread keeps one
# connection, which is all the feed needs, and lets stop() close it.
_DB_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-db")


def _db(function):
    """Run ORM code on the feed's database thread, with Django's connection housekeeping."""

    def wrapped(*args, **kwargs):
        close_old_connections()
        return function(*args, **kwargs)

    async def call(*args, **kwargs):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(_DB_THREAD, functools.partial(wrapped, *args, **kwargs))

    return call


async def close_database() -> None:
    await asyncio.get_running_loop().run_in_executor(_DB_THREAD, connections.close_all)


@_db
def _last_event_id() -> int:
    return Event.objects.order_by("-id").values_list("id", flat=True).first() or 0


@_db
def _site(slug: str) -> tuple[int, str] | None:
    site = Site.objects.filter(slug=slug, is_active=True).values_list("id", flat=True).first()
    if site is None:
        return None
    style = HallSettings.objects.filter(site_id=site).values_list("number_style", flat=True).first()
    return site, style or "digits"


def _payloads(events) -> list[tuple[int, dict]]:
    styles = dict(HallSettings.objects.values_list("site_id", "number_style"))
    return [
        (e.site_id, selectors.event_payload(e, number_style=styles.get(e.site_id, "digits"))) for e in events
    ]


@_db
def _new_events(after: int) -> tuple[int, list[tuple[int, dict]]]:
    """Board events after ``after`` for every site, and the highest event id seen."""
    rows = list(
        Event.objects.filter(id__gt=after).order_by("id").values_list("id", flat=True)[:BACKLOG_LIMIT]
    )
    if not rows:
        return after, []
    top = rows[-1]
    events = (
        Event.objects.filter(id__gt=after, id__lte=top, kind__in=selectors.BOARD_KINDS)
        .select_related("visit", "counter", "agency")
        .order_by("id")
    )
    return top, _payloads(events)


@_db
def _backlog(site_id: int, after: int, upto: int) -> list[dict]:
    events = selectors.board_events(site_id, after=after, upto=upto, limit=BACKLOG_LIMIT)
    return [payload for _site_id, payload in _payloads(events)]


@dataclass(frozen=True)
class Message:
    """One event as every board receives it: encoded once, sent to thousands."""

    id: int
    zone: str
    data: bytes


HEARTBEAT = Message(0, "", b": ping\n\n")
GOODBYE = Message(-1, "", b"")


def _message(payload: dict) -> Message:
    body = json.dumps(payload, separators=(",", ":"))
    return Message(payload["id"], payload["zone"], f"id: {payload['id']}\ndata: {body}\n\n".encode())


class Hub:
    """The boards connected to this process, and the one loop that feeds them.

    Each board has a queue of its own, so that one slow TV never holds up the others;
    an event is encoded once and the same bytes go into every queue.
    """

    def __init__(self) -> None:
        self.boards: dict[int, set[asyncio.Queue]] = {}
        self.last_id: int | None = None
        self._task: asyncio.Task | None = None
        self._ready = asyncio.Event()

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run())
        await self._ready.wait()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
            self._ready = asyncio.Event()
            self.last_id = None
        await close_database()

    def join(self, site_id: int) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        self.boards.setdefault(site_id, set()).add(queue)
        return queue

    def leave(self, site_id: int, queue: asyncio.Queue) -> None:
        self.boards.get(site_id, set()).discard(queue)

    def _broadcast(self, site_id: int | None, message: Message) -> None:
        groups = self.boards.values() if site_id is None else [self.boards.get(site_id, ())]
        for group in groups:
            for queue in group:
                queue.put_nowait(message)

    async def _run(self) -> None:
        while self.last_id is None:
            try:
                self.last_id = await _last_event_id()
            except Exception:  # The database is away; boards keep their state and wait.
                log.exception("live feed: cannot read the event log")
                await asyncio.sleep(1)
        self._ready.set()
        last_beat = time.monotonic()
        while True:
            try:
                if any(self.boards.values()):
                    self.last_id, payloads = await _new_events(self.last_id)
                    for site_id, payload in payloads:
                        self._broadcast(site_id, _message(payload))
                else:
                    self.last_id = await _last_event_id()
            except Exception:
                log.exception("live feed: polling failed")
                await asyncio.sleep(1)
            if time.monotonic() - last_beat >= HEARTBEAT_SECONDS:
                # Keeps proxies and TVs from closing a quiet connection.
                self._broadcast(None, HEARTBEAT)
                last_beat = time.monotonic()
            await asyncio.sleep(POLL_SECONDS)


async def _board(hub: Hub, scope, receive, send, slug: str) -> None:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
    zone = unquote(query.get("zone", [""])[0])[:60]
    try:
        after = max(int(query.get("after", ["0"])[0] or 0), int(headers.get("last-event-id", "0") or 0))
    except ValueError:
        after = 0
    site = await _site(slug)
    if site is None:
        await _plain(send, 404, b"not found")
        return
    site_id, _style = site
    await hub.start()
    queue = hub.join(site_id)
    watcher = asyncio.ensure_future(_until_disconnect(receive, queue))
    try:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"text/event-stream; charset=utf-8"),
                    (b"cache-control", b"no-cache, no-store"),
                    (b"x-accel-buffering", b"no"),
                    # Boards are public and carry no personal data; the page may sit on another port.
                    (b"access-control-allow-origin", b"*"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b"retry: 1500\n\n", "more_body": True})
        sent = after
        if after:
            for payload in await _backlog(site_id, after, hub.last_id or after):
                if not zone or payload["zone"] == zone:
                    await send(
                        {"type": "http.response.body", "body": _message(payload).data, "more_body": True}
                    )
                sent = max(sent, payload["id"])
        while True:
            message = await queue.get()
            if message is GOODBYE:
                break
            if message is HEARTBEAT or (message.id > sent and (not zone or message.zone == zone)):
                await send({"type": "http.response.body", "body": message.data, "more_body": True})
                sent = max(sent, message.id)
    except OSError:
        pass  # The board went away mid-write.
    finally:
        watcher.cancel()
        hub.leave(site_id, queue)


async def _until_disconnect(receive, queue: asyncio.Queue) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            queue.put_nowait(GOODBYE)
            return


async def _plain(send, status: int, body: bytes) -> None:
    await send(
        {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]}
    )
    await send({"type": "http.response.body", "body": body})


class LiveApp:
    """The ASGI application; each instance has its own hub (one per server process)."""

    def __init__(self) -> None:
        self.hub = Hub()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await self.hub.stop()
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        match = PATH.match(scope["path"])
        if scope["method"] != "GET" or match is None:
            await _plain(send, 404, b"not found")
            return
        await _board(self.hub, scope, receive, send, match["site"])


application = LiveApp()
