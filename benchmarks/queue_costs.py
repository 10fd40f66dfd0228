"""What one queue request costs the server, in process: time and SQL queries per operation.

    .venv/bin/python benchmarks/queue_costs.py [--cycles 300] [--database-url URL]

No HTTP server and no concurrency: Django's test client drives the same API calls as
``queue_cycle.py`` (issue, call next, start, finish) and the bare write, one at a time,
on a fresh database, so the numbers are the CPU each request costs, the floor under
the latencies that ``queue_cycle.py`` measures. Not a test: numbers go to
docs/benchmarks.md.
"""

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=300)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    from common import fresh_database

    with tempfile.TemporaryDirectory() as var, fresh_database(args.database_url) as url:
        os.environ["MPP_VAR_DIR"] = var
        if url:
            os.environ["DATABASE_URL"] = url
        run(args.cycles, "PostgreSQL" if url else "SQLite")


def run(cycles: int, database: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import hall_setup
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    hall = hall_setup.main(1)
    client = Client(HTTP_HOST="127.0.0.1")
    desk = {"HTTP_AUTHORIZATION": f"Bearer {hall['front_desk']}"}
    counter = hall["counters"][0]
    officer = {"HTTP_AUTHORIZATION": f"Bearer {counter['token']}"}
    base = f"/api/v1/counters/{counter['id']}"
    ticket = json.dumps({"service_ids": [hall["service_id"]]})
    finish = json.dumps({"outcome": "completed"})
    assert client.post(f"{base}/session", "{}", "application/json", **officer).status_code == 201

    def operations():
        yield (
            "issue",
            lambda: client.post(f"/api/v1/sites/{hall['site']}/tickets", ticket, "application/json", **desk),
        )
        called = yield "call-next", lambda: client.post(f"{base}/call-next", **officer)
        request_id = json.loads(called.content)["id"]
        yield "start", lambda: client.post(f"{base}/requests/{request_id}/start", **officer)
        yield (
            "finish",
            lambda: client.post(
                f"{base}/requests/{request_id}/finish", finish, "application/json", **officer
            ),
        )
        yield "bare write", lambda: client.post("/health/write/")

    def cycle(totals, count_queries):
        steps = operations()
        name, call = next(steps)
        while True:
            with (
                CaptureQueriesContext(connection) if count_queries else contextlib.nullcontext([]) as queries
            ):
                started = time.perf_counter()
                response = call()
                elapsed = time.perf_counter() - started
            if response.status_code >= 400:
                raise SystemExit(f"{name}: {response.status_code} {response.content[:200]!r}")
            seconds, counted = totals.get(name, (0.0, 0))
            totals[name] = (seconds + elapsed, len(queries) if count_queries else counted)
            try:
                name, call = steps.send(response)
            except StopIteration:
                return

    queries: dict = {}
    for _ in range(20):  # warm up: caches, the first token use, the first heartbeat row
        cycle({}, False)
    cycle(queries, True)
    totals: dict = {}
    for _ in range(cycles):
        cycle(totals, False)
    print(f"# queue request costs in process, {database}, {cycles} cycles, one at a time")
    for name, (seconds, _) in totals.items():
        print(f"{name}: {seconds / cycles * 1000:.2f} ms, {queries[name][1]} SQL statements")
    full = sum(seconds for name, (seconds, _) in totals.items() if name != "bare write") / cycles
    print(f"full cycle: {full * 1000:.1f} ms, at most {1 / full:.0f} cycles/s per busy core")


if __name__ == "__main__":
    main()
