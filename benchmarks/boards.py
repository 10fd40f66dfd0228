"""Thousands of display boards on the live feed: how long from a committed call to each board.

    .venv/bin/python benchmarks/boards.py [--boards 2000] [--calls 60] [--rate 4] [--storm 0] [--database-url URL]

Starts the production-style pair (granian WSGI for the API, granian ASGI for the feed)
on a fresh database with a benchmark hall, connects N board clients to the feed,
then makes calls through the API at a steady rate. Each event carries the server's
time of the call (``at``); the latency of one delivery is the time the board received
it minus that time (both clocks are this machine's). Prints p50/p95/p99/max over every
(call, board) pair and how many boards received every call.

``--storm N``: halfway through, N boards drop their connection and come back at once
with their ``Last-Event-ID`` (the hall's network, or the feed, was away); the latency
of the other boards, during and after the storm, shows whether the storm holds up live
calls, and the stormers must still end with every call.
"""

import argparse
import asyncio
import datetime as dt
import json
import time

from common import servers
from httpclient import Connection


class BoardClient:
    def __init__(self, host, port, path):
        self.host, self.port, self.path = host, port, path
        self.received: dict[int, float] = {}
        self.last_event_id = ""

    async def run(self, ready: asyncio.Event):
        reader, writer = await asyncio.open_connection(self.host, self.port)
        resume = f"Last-Event-ID: {self.last_event_id}\r\n" if self.last_event_id else ""
        writer.write(
            f"GET {self.path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: text/event-stream\r\n{resume}\r\n".encode()
        )
        while (await reader.readline()) not in (b"\r\n", b""):
            pass
        ready.set()
        try:
            while line := await reader.readline():
                # Chunked framing lines and comments are skipped; only "id:" and "data:" lines matter.
                if line.startswith(b"id: "):
                    self.last_event_id = line[4:].strip().decode()
                elif line.startswith(b"data: "):
                    payload = json.loads(line[6:])
                    if payload["kind"] == "called":
                        self.received.setdefault(payload["id"], time.time())
        finally:
            writer.close()


async def drive(url, hall, calls, rate, events):
    """Issue a ticket and call it, ``calls`` times at ``rate`` per second; record each call's event."""
    host, port = url.split("//", 1)[1].split(":")
    connection = await Connection(host, int(port)).open()
    counter = hall["counters"][0]
    auth = {"Authorization": f"Bearer {counter['token']}"}
    desk = {"Authorization": f"Bearer {hall['front_desk']}"}
    base = f"/api/v1/counters/{counter['id']}"
    await connection.request("POST", f"{base}/session", body={}, headers=auth)
    for _ in range(calls):
        started = time.perf_counter()
        await connection.request(
            "POST", "/api/v1/sites/bench/tickets", body={"service_ids": [hall["service_id"]]}, headers=desk
        )
        _status, body = await connection.request("POST", f"{base}/call-next", headers=auth)
        called = json.loads(body)
        events.append(called["id"])
        await connection.request(
            "POST", f"{base}/requests/{called['id']}/finish", body={"outcome": "completed"}, headers=auth
        )
        await asyncio.sleep(max(0.0, 1 / rate - (time.perf_counter() - started)))
    await connection.close()


async def measure(state, hall, boards, calls, rate, storm=0):
    host, port = state.live_url.split("//", 1)[1].split(":")
    clients = [BoardClient(host, int(port), "/live/bench/board/") for _ in range(boards)]
    tasks = []
    for start in range(0, boards, 200):  # connect in waves, as TVs switch on
        batch = clients[start : start + 200]
        readies = [asyncio.Event() for _ in batch]
        tasks += [asyncio.create_task(c.run(r)) for c, r in zip(batch, readies, strict=True)]
        await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 60)
    await asyncio.sleep(1)
    request_ids: list[int] = []
    driving = asyncio.create_task(drive(state.url, hall, calls, rate, request_ids))
    if storm:
        while len(request_ids) < calls // 2:
            await asyncio.sleep(0.05)
        stormers = tasks[:storm]
        for task in stormers:
            task.cancel()
        await asyncio.gather(*stormers, return_exceptions=True)
        await asyncio.sleep(2 / rate)  # calls go on while they are away
        tasks[:storm] = [asyncio.create_task(c.run(asyncio.Event())) for c in clients[:storm]]
    await driving
    await asyncio.sleep(2)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return clients


def event_times(state) -> dict[int, float]:
    """Event id -> the server's time of the call, read back from the event log."""
    out = state.manage(
        "shell",
        "-c",
        (
            "import json; from mpp.queueing.models import Event; "
            "print(json.dumps({e.id: e.at.timestamp() for e in Event.objects.filter(kind='called')}))"
        ),
    )
    return {int(k): v for k, v in json.loads(out.strip().splitlines()[-1]).items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--boards", type=int, default=2000)
    parser.add_argument("--calls", type=int, default=60)
    parser.add_argument("--rate", type=float, default=4.0)
    parser.add_argument(
        "--storm", type=int, default=0, help="boards that drop and reconnect at once, halfway"
    )
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    hall = {}

    def prepare(state):
        hall.update(state.script("benchmarks/hall_setup.py", "2"))

    with servers(database_url=args.database_url, live=True, prepare=prepare) as state:
        clients = asyncio.run(measure(state, hall, args.boards, args.calls, args.rate, args.storm))
        times = event_times(state)
    database = "PostgreSQL" if args.database_url else "SQLite"
    storm = f", {args.storm} of them reconnecting at once halfway" if args.storm else ""
    print(
        f"# boards benchmark, {database}, {args.boards} boards{storm}, {len(times)} calls at {args.rate}/s, "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d}"
    )
    steady = clients[args.storm :]
    latencies = _latencies(steady, times)
    complete = sum(1 for client in clients if len(client.received) >= len(times))
    print(f"deliveries: {len(latencies)} of {len(steady) * len(times)}; boards with every call: {complete}")
    print(f"call to board latency{' (boards that stayed)' if args.storm else ''}: {_summary(latencies)}")


def _latencies(clients, times) -> list[float]:
    return sorted(
        received - times[event]
        for client in clients
        for event, received in client.received.items()
        if event in times
    )


def _summary(latencies: list[float]) -> str:
    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else 0

    return (
        f"p50 {pct(50):.0f} ms, p95 {pct(95):.0f} ms, p99 {pct(99):.0f} ms, "
        f"max {latencies[-1] * 1000 if latencies else 0:.0f} ms"
    )


if __name__ == "__main__":
    main()
