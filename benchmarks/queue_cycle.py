"""The full ticket cycle through HTTP, with many counters at once.

    .venv/bin/python benchmarks/queue_cycle.py [--counters 60] [--seconds 20] [--database-url URL]

Starts the production-style server (granian WSGI: one process on SQLite, one per core
on PostgreSQL) on a fresh database with a hall of N counters, then runs N concurrent
counter clients, each looping: issue a ticket (front desk), call next, start, finish.
In the same run, a bare endpoint of the same server doing one comparable write
(``POST /health/write/``: one write transaction) is driven by N clients, so the
queue's numbers stand next to what the server can do at all. Prints throughput and
p50/p99/max latency per operation. Not a test: numbers go to docs/benchmarks.md.
"""

import argparse
import asyncio
import json
import time

from common import servers, summarize
from httpclient import Connection

OPERATIONS = ("issue", "call-next", "start", "finish")


async def counter_client(address, hall, counter, deadline, timings, errors):
    auth = {"Authorization": f"Bearer {counter['token']}"}
    desk = {"Authorization": f"Bearer {hall['front_desk']}"}
    base = f"/api/v1/counters/{counter['id']}"
    connection = await Connection(*address).open()
    await connection.request("POST", f"{base}/session", body={}, headers=auth)

    async def timed(name, method, path, headers, body=None):
        started = time.perf_counter()
        status, payload = await connection.request(method, path, body=body, headers=headers)
        timings[name].append(time.perf_counter() - started)
        if status >= 400:
            errors[name] += 1
        return status, payload

    while time.perf_counter() < deadline:
        await timed(
            "issue",
            "POST",
            f"/api/v1/sites/{hall['site']}/tickets",
            desk,
            {"service_ids": [hall["service_id"]]},
        )
        status, payload = await timed("call-next", "POST", f"{base}/call-next", auth)
        if status != 200:
            continue
        request_id = json.loads(payload)["id"]
        await timed("start", "POST", f"{base}/requests/{request_id}/start", auth)
        await timed("finish", "POST", f"{base}/requests/{request_id}/finish", auth, {"outcome": "completed"})
    await connection.close()


async def bare_client(address, deadline, latencies, errors):
    connection = await Connection(*address).open()
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        status, _body = await connection.request("POST", "/health/write/")
        latencies.append(time.perf_counter() - started)
        if status != 200:
            errors[0] += 1
    await connection.close()


def _address(url):
    host, port = url.split("//", 1)[1].split(":")
    return host, int(port)


async def run_cycle(url, hall, seconds):
    timings = {name: [] for name in OPERATIONS}
    errors = dict.fromkeys(OPERATIONS, 0)
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *(counter_client(_address(url), hall, c, deadline, timings, errors) for c in hall["counters"])
    )
    return {name: summarize(name, started, timings[name], errors[name]) for name in OPERATIONS}


async def run_bare(url, clients, seconds):
    latencies: list[float] = []
    errors = [0]
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(bare_client(_address(url), deadline, latencies, errors) for _ in range(clients)))
    return summarize("bare write (POST /health/write/)", started, latencies, errors[0])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counters", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    hall = {}

    def prepare(state):
        hall.update(state.script("benchmarks/hall_setup.py", str(args.counters)))

    database = "PostgreSQL" if args.database_url else "SQLite"
    with servers(database_url=args.database_url, prepare=prepare) as state:
        bare = asyncio.run(run_bare(state.url, args.counters, args.seconds / 2))
        cycle = asyncio.run(run_cycle(state.url, hall, args.seconds))
    print(f"# queue benchmark, {database}, {args.counters} counter clients, {args.seconds:.0f} s")
    print(bare.row())
    for stats in cycle.values():
        print(stats.row())
    call = cycle["call-next"]
    print(f"call-next rate / bare write rate: {call.rate / bare.rate:.2f}" if bare.rate else "")
    cycles = min(s.count for s in cycle.values())
    print(f"full cycles: {cycles / args.seconds:.0f}/s")
    slow = [s.name for s in (*cycle.values(), bare) if s.latencies and max(s.latencies) > 1.0]
    print(f"requests over 1 s: {', '.join(slow) if slow else 'none'}")


if __name__ == "__main__":
    main()
