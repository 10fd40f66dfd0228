"""Live feed for display boards: server-sent events from an ASGI process of its own.

Pages and the API run under WSGI, where a long-lived response would hold a worker
thread for hours; this small ASGI application holds thousands of boards on one event
loop instead (docs/display.md). It keeps no state of its own that matters: every
process polls the event log (``queueing.Event``, the single source) and fans new
rows out to the boards connected to it, so several processes may run side by side.

    GET /live/<site>/board/?after=<event id>&pending=<id>,<id>&zone=<zone>

A board passes the last event it has (``after``, or the ``Last-Event-ID`` header that
EventSource sends when it reconnects) and the ids below it that it still waits for
(``pending``) and receives every event it has not had: a dropped connection misses
nothing. Each message's SSE id is such a resume token, ``<id>`` or ``<id>:<id>,<id>``
when ids below it may still come ("Out of order" in docs/display.md).
"""

import asyncio
import contextlib
import json
import logging
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import parse_qs

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.db import DatabaseError, close_old_connections, connections  # noqa: E402
from django.db.models import Q  # noqa: E402

from mpp.display import selectors  # noqa: E402
from mpp.queueing.models import Event, HallSettings  # noqa: E402
from mpp.tenancy.models import Site  # noqa: E402

log = logging.getLogger(__name__)

POLL_SECONDS = float(os.environ.get("MPP_LIVE_POLL_SECONDS", "0.1"))
HEARTBEAT_SECONDS = 15
POLL_LIMIT = 500  # new event ids read by one poll; more are read by the next
BACKLOG_LIMIT = 500  # events replayed to one board; beyond that it starts over from its state
# Messages waiting for one board when a poll brings more; beyond that it is dropped (and
# reconnects with its position). A board that reads along empties its queue every poll.
QUEUE_LIMIT = 1000
# PostgreSQL gives ids out at insert and transactions commit in any order: an id below
# the newest one seen may still appear. Such ids are read again for this long.
GAP_SECONDS = 30.0
GAP_LIMIT = 1000
SITE_SECONDS = 60.0  # a site lookup is reused for this long
SITE_CACHE_LIMIT = 1000
READY_SECONDS = 5.0  # a board waits this long for the first read of the log, then gets a 503
RETRY_AFTER_SECONDS = 3
PATH = re.compile(r"^/live/(?P<site>[-a-zA-Z0-9_]+)/board/?$")


# The feed's database work runs on two threads of its own, each with one connection:
# the poll every 100 ms on one, what (re)connecting boards need (site lookups, backlogs)
# on the other, so that a storm of reconnecting boards never holds up a live call.
POLL_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-poll")
CONNECT_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-connect")


async def on_thread(executor: ThreadPoolExecutor, function, *args):
    """Run ORM code on one of the feed's database threads, with Django's connection housekeeping."""

    def run():
        close_old_connections()
        return function(*args)

    return await asyncio.get_running_loop().run_in_executor(executor, run)


async def close_database() -> None:
    loop = asyncio.get_running_loop()
    for executor in (POLL_THREAD, CONNECT_THREAD):
        await loop.run_in_executor(executor, connections.close_all)


# Reads (each runs on one of the database threads) ------------------------------------


def _start_position() -> tuple[int, list[int]]:
    """The newest event id, and the ids below it that are not visible (yet)."""
    last = Event.objects.order_by("-id").values_list("id", flat=True).first() or 0
    present = list(Event.objects.filter(id__gt=max(0, last - GAP_LIMIT)).values_list("id", flat=True))
    return last, selectors.missing_ids(present, last)


def _payloads(events) -> list[tuple[int, dict]]:
    events = list(events)
    if not events:
        return []
    styles = dict(
        HallSettings.objects.filter(site_id__in={e.site_id for e in events}).values_list(
            "site_id", "number_style"
        )
    )
    return [
        (e.site_id, selectors.event_payload(e, number_style=styles.get(e.site_id, "digits"))) for e in events
    ]


def _new_events(after: int, gaps: list[int]) -> tuple[list[int], list[tuple[int, dict]]]:
    """Event ids that appeared since the last poll (above ``after`` or in one of ``gaps``),
    and the board events among them, for every site."""
    wanted = Q(id__gt=after)
    if gaps:
        wanted |= Q(id__in=gaps)
    ids = list(
        Event.objects.filter(wanted).order_by("id").values_list("id", flat=True)[: POLL_LIMIT + len(gaps)]
    )
    if not ids:
        return [], []
    events = (
        Event.objects.filter(id__in=ids, kind__in=selectors.BOARD_KINDS)
        .select_related("visit", "counter", "agency")
        .order_by("id")
    )
    return ids, _payloads(events)


def _site_id(slug: str) -> int | None:
    return Site.objects.filter(slug=slug, is_active=True).values_list("id", flat=True).first()


def _backlog(site_id: int, after: int, pending: tuple[int, ...]) -> list[dict] | None:
    """What a board missed, oldest first; None when that is more than it should replay."""
    events = selectors.board_events(site_id, after=after, pending=pending, limit=BACKLOG_LIMIT + 1)
    payloads = [payload for _site_id, payload in _payloads(events)]
    return None if len(payloads) > BACKLOG_LIMIT else payloads


# Messages -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """One event as every board receives it: encoded once, sent to thousands."""

    id: int
    zone: str
    data: bytes


HEARTBEAT = Message(0, "", b": ping\n\n")
GOODBYE = Message(-1, "", b"")
# The board refetches its state and follows the feed from there (board.js).
RESET = b"event: reset\ndata: {}\n\n"


def resume_token(after: int, gaps) -> str:
    """Where a board resumes: after this id, plus the ids below it that may still come."""
    below = sorted(i for i in gaps if i < after)[-selectors.PENDING_LIMIT :]
    return f"{after}:{','.join(map(str, below))}" if below else str(after)


def _message(payload: dict, token: str) -> Message:
    body = json.dumps(payload, separators=(",", ":"))
    return Message(payload["id"], payload["zone"], f"id: {token}\ndata: {body}\n\n".encode())


class Subscriber:
    """One connected board: the messages waiting for it (at most ``QUEUE_LIMIT`` plus one poll's)."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue = asyncio.Queue()
        self.gone = False  # the board hung up (nothing more can be sent)

    def end(self) -> None:
        """Forget what waits and end the response: the board reconnects with its position."""
        while not self.queue.empty():
            self.queue.get_nowait()
        self.queue.put_nowait(GOODBYE)


class Hub:
    """The boards connected to this process, and the one loop that feeds them.

    Each board has a queue of its own, so that one slow TV never holds up the others;
    an event is encoded once and the same bytes go into every queue.
    """

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.boards: dict[int, set[Subscriber]] = {}
        self.last_id: int | None = None
        self.gaps: dict[int, float] = {}  # id not seen yet -> when to stop waiting (monotonic)
        self._task: asyncio.Task | None = None
        self._worker: asyncio.Task | None = None
        self._ready = asyncio.Event()
        self._sites: dict[str, tuple[float, int | None]] = {}
        self._reads: dict[tuple, list[asyncio.Future]] = {}
        self._read_order: asyncio.Queue = asyncio.Queue()
        self._failing = False

    async def start(self, timeout: float | None = None) -> bool:
        """Start the poll (once) and wait until it has read where the log stands."""
        if self._task is None:
            self._task = asyncio.create_task(self._run())
        try:
            await asyncio.wait_for(self._ready.wait(), timeout)
        except TimeoutError:
            return False
        return True

    async def stop(self) -> None:
        for task in (self._task, self._worker):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        for waiters in self._reads.values():
            for waiter in waiters:
                waiter.cancel()
        self._reset()
        await close_database()

    def join(self, site_id: int) -> Subscriber:
        board = Subscriber()
        self.boards.setdefault(site_id, set()).add(board)
        return board

    def leave(self, site_id: int, board: Subscriber) -> None:
        group = self.boards.get(site_id)
        if group is not None:
            group.discard(board)
            if not group:
                del self.boards[site_id]

    def _broadcast(self, site_id: int | None, message: Message) -> None:
        groups = self.boards.values() if site_id is None else [self.boards.get(site_id, ())]
        for group in groups:
            for board in group:
                board.queue.put_nowait(message)

    def _drop_stalled(self) -> None:
        """A TV that stopped reading is let go rather than have thousands of messages kept for it."""
        stalled = [
            (group, board)
            for group in self.boards.values()
            for board in group
            if board.queue.qsize() > QUEUE_LIMIT
        ]
        for group, board in stalled:
            group.discard(board)
            board.end()
        if stalled:
            log.info("live feed: dropped %d stalled boards", len(stalled))

    def trouble(self, error: Exception) -> None:
        """Say once per outage that the database is away, not once per poll or per board."""
        if not self._failing:
            self._failing = True
            if isinstance(error, DatabaseError):
                log.warning("live feed: the database is unavailable: %s", error)
            else:
                log.exception("live feed: polling failed", exc_info=error)

    def _fine(self) -> None:
        if self._failing:
            self._failing = False
            log.warning("live feed: the database is back")

    async def _run(self) -> None:
        while self.last_id is None:
            try:
                last, gaps = await on_thread(POLL_THREAD, _start_position)
            except Exception as error:  # The database is away; boards keep their state and wait.
                self.trouble(error)
                await asyncio.sleep(1)
                continue
            self.last_id = last
            until = time.monotonic() + GAP_SECONDS
            self.gaps = dict.fromkeys(gaps[-GAP_LIMIT:], until)
        self._fine()
        self._ready.set()
        last_beat = time.monotonic()
        while True:
            try:
                await self.poll()
                self._fine()
            except Exception as error:
                self.trouble(error)
                await asyncio.sleep(1)
            if time.monotonic() - last_beat >= HEARTBEAT_SECONDS:
                # Keeps proxies and TVs from closing a quiet connection.
                self._drop_stalled()
                self._broadcast(None, HEARTBEAT)
                last_beat = time.monotonic()
            await asyncio.sleep(POLL_SECONDS)

    async def poll(self) -> None:
        ids, payloads = await on_thread(POLL_THREAD, _new_events, self.last_id, sorted(self.gaps))
        self._advance(ids, time.monotonic())
        if payloads:
            self._drop_stalled()
        for site_id, payload in payloads:
            self._broadcast(site_id, _message(payload, resume_token(payload["id"], self.gaps)))

    def _advance(self, ids: list[int], now: float) -> None:
        """Note the ids seen, and the ids skipped below them that may still be committed."""
        for seen in ids:
            self.gaps.pop(seen, None)
        top = ids[-1] if ids else 0
        if top > self.last_id:
            seen = set(ids)
            for missing in range(max(self.last_id + 1, top - GAP_LIMIT), top):
                if missing not in seen:
                    self.gaps[missing] = now + GAP_SECONDS
            self.last_id = top
        for gone in [i for i, until in self.gaps.items() if until <= now]:
            del self.gaps[gone]  # rolled back, or slower than anyone should wait for
        if len(self.gaps) > GAP_LIMIT:
            self.gaps = dict(sorted(self.gaps.items())[-GAP_LIMIT:])

    # What connecting boards need: read on the connection thread, one question at a time,
    # and one answer for every board that asked the same question before it was read (a
    # storm of reconnects after a restart asks the same few questions thousands of times).

    async def _read(self, key: tuple, function, *args):
        if self._worker is None:
            self._worker = asyncio.create_task(self._serve_reads())
        future = asyncio.get_running_loop().create_future()
        waiters = self._reads.get(key)
        if waiters is None:
            self._reads[key] = waiters = []
            self._read_order.put_nowait((key, function, args))
        waiters.append(future)
        return await future

    async def _serve_reads(self) -> None:
        while True:
            key, function, args = await self._read_order.get()
            waiters = self._reads.pop(key)
            # Every board sharing this read joined before it starts: what the read does
            # not see yet, the poll will broadcast to them.
            seen = (self.last_id or 0, sorted(self.gaps))
            try:
                result = (seen, await on_thread(CONNECT_THREAD, function, *args))
            except Exception as error:
                for waiter in waiters:
                    if not waiter.done():
                        waiter.set_exception(error)
                continue
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(result)

    async def site(self, slug: str) -> int | None:
        cached = self._sites.get(slug)
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        _seen, site_id = await self._read(("site", slug), _site_id, slug)
        if len(self._sites) >= SITE_CACHE_LIMIT:
            self._sites.clear()
        self._sites[slug] = (time.monotonic() + SITE_SECONDS, site_id)
        return site_id

    async def backlog(self, site_id: int, after: int, pending: tuple[int, ...]) -> list[Message] | None:
        (last, gaps), payloads = await self._read(
            ("backlog", site_id, after, pending), _backlog, site_id, after, pending
        )
        if payloads is None:
            return None
        # Resuming from a message of the backlog must replay the rest of it and whatever
        # the poll had not seen when the backlog was read.
        return [_message(p, resume_token(min(max(p["id"], after), last), gaps)) for p in payloads]


# The ASGI side ----------------------------------------------------------------------------


ID = re.compile(r"[0-9]{1,18}")


def _ids(value: str) -> list[int]:
    return [int(part) for part in value.split(",")[: selectors.PENDING_LIMIT] if ID.fullmatch(part.strip())]


def _resume(after: str | None, pending: str, last_event_id: str | None) -> tuple[int | None, tuple[int, ...]]:
    """The board's position (None: it has none, it wants live events only) and the ids
    below it that it still waits for, from the query and the ``Last-Event-ID`` token."""
    positions, waiting = [], set(_ids(pending))
    if after is not None and ID.fullmatch(after.strip()):
        positions.append(int(after))
    if last_event_id:
        head, _colon, gaps = last_event_id.partition(":")
        if ID.fullmatch(head.strip()):
            positions.append(int(head))
            waiting.update(_ids(gaps))
    if not positions:
        return None, ()
    return max(positions), tuple(sorted(waiting)[-selectors.PENDING_LIMIT :])


CORS = (b"access-control-allow-origin", b"*")  # boards are public; the page may sit on another port


async def _board(hub: Hub, scope, receive, send, slug: str) -> None:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
    zone = query.get("zone", [""])[0][:60]  # parse_qs has decoded it already
    after, pending = _resume(
        query.get("after", [None])[0], query.get("pending", [""])[0], headers.get("last-event-id")
    )
    try:
        site_id = await hub.site(slug)
        if site_id is not None and not await hub.start(READY_SECONDS):
            raise DatabaseError("the event log could not be read")
    except DatabaseError as error:
        hub.trouble(error)
        await _unavailable(send)
        return
    if site_id is None:
        await _plain(send, 404, b"not found")
        return
    board = hub.join(site_id)
    watcher = asyncio.ensure_future(_until_disconnect(receive, board))
    try:
        backlog: list[Message] | None = []
        if after is not None:
            try:
                backlog = await hub.backlog(site_id, after, pending)
            except DatabaseError as error:
                hub.trouble(error)
                await _unavailable(send)
                return
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"text/event-stream; charset=utf-8"),
                    (b"cache-control", b"no-cache, no-store"),
                    (b"x-accel-buffering", b"no"),
                    CORS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": b"retry: 1500\n\n", "more_body": True})
        if backlog is None:
            # More missed than is worth replaying: the board starts over from its state.
            await send({"type": "http.response.body", "body": RESET})
            return
        sent = set()
        for message in backlog:
            if not zone or message.zone == zone:
                await send({"type": "http.response.body", "body": message.data, "more_body": True})
            sent.add(message.id)
        while True:
            message = await board.queue.get()
            if message is GOODBYE:
                if not board.gone:  # dropped: end the response, the board reconnects
                    await send({"type": "http.response.body", "body": b""})
                break
            # A late event (committed below ids already sent) still comes: compare ids, not order.
            if message is HEARTBEAT or (message.id not in sent and (not zone or message.zone == zone)):
                await send({"type": "http.response.body", "body": message.data, "more_body": True})
    except OSError:
        pass  # The board went away mid-write.
    finally:
        watcher.cancel()
        hub.leave(site_id, board)


async def _until_disconnect(receive, board: Subscriber) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            board.gone = True
            board.end()
            return


async def _plain(send, status: int, body: bytes, headers=()) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), CORS, *headers],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _unavailable(send) -> None:
    """The database is away: the board keeps what it shows and tries again (no traceback)."""
    retry = str(RETRY_AFTER_SECONDS).encode()
    await _plain(send, 503, b"the event log is unavailable; try again", [(b"retry-after", retry)])


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
