"""Shared pieces of the benchmarks: production-style servers on a fresh database, and timing."""

import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GRANIAN = str(Path(PYTHON).with_name("granian"))
# Every board holds one request open for hours: the feed must accept thousands at once
# (granian's default caps concurrent requests at the backlog, 1024).
LIVE_OPTIONS = ["--backlog", "4096", "--backpressure", "20000"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def fresh_database(database_url: str | None) -> Iterator[str | None]:
    """SQLite: None (the server uses its temporary var folder). PostgreSQL: a new database."""
    if not database_url:
        yield None
        return
    import psycopg

    parts = urlsplit(database_url)
    name = f"mpp_bench_{os.getpid()}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Servers:
    url: str
    live_url: str | None
    env: dict
    processes: list = field(default_factory=list)

    def manage(self, *args: str) -> str:
        return subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True
        ).stdout

    def script(self, path: str, *args: str) -> dict:
        out = subprocess.run(
            [PYTHON, path, *args], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True
        ).stdout
        return json.loads(out)


def _wait(url: str) -> None:
    for _ in range(400):
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=1).status_code < 500:
                return
        time.sleep(0.05)
    raise RuntimeError(f"server at {url} did not start")


@contextlib.contextmanager
def servers(
    *,
    database_url: str | None = None,
    workers: int | None = None,
    threads: int = 8,
    demo: bool = False,
    live: bool = False,
    prepare=None,
) -> Iterator[Servers]:
    """granian (WSGI) on a fresh database in a temporary folder, and the live feed if asked.

    With SQLite the pages run in one process (its writers queue inside it, as in the
    embedded profile); with PostgreSQL one process per core.
    """
    with tempfile.TemporaryDirectory(prefix="mpp-bench-") as var, fresh_database(database_url) as db_url:
        env = {
            **os.environ,
            "MPP_VAR_DIR": var,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "MPP_LOG_LEVEL": "WARNING",
        }
        env.pop("DATABASE_URL", None)
        if db_url:
            env["DATABASE_URL"] = db_url
        workers = workers or (1 if not db_url else os.cpu_count() or 2)
        state = Servers(url="", live_url=None, env=env)
        state.manage("migrate", "-v0")
        if demo:
            state.manage("load_demo", "--quiet-logins")
        if prepare:
            prepare(state)
        port = free_port()
        common = ["--host", "127.0.0.1", "--workers-kill-timeout", "5", "--log-level", "warning"]
        state.processes.append(
            subprocess.Popen(
                [
                    GRANIAN,
                    "--interface",
                    "wsgi",
                    "--port",
                    str(port),
                    "--workers",
                    str(workers),
                    "--blocking-threads",
                    str(threads),
                    "--backpressure",
                    str(threads * 8),
                    *common,
                    "config.wsgi:application",
                ],
                cwd=ROOT,
                env=env,
            )
        )
        state.url = f"http://127.0.0.1:{port}"
        if live:
            live_port = free_port()
            state.processes.append(
                subprocess.Popen(
                    [
                        GRANIAN,
                        "--interface",
                        "asginl",
                        "--port",
                        str(live_port),
                        "--workers",
                        "1",
                        *LIVE_OPTIONS,
                        *common,
                        "mpp.display.live:application",
                    ],
                    cwd=ROOT,
                    env=env,
                )
            )
            state.live_url = f"http://127.0.0.1:{live_port}"
        try:
            _wait(f"{state.url}/health/")
            if state.live_url:
                _wait(f"{state.live_url}/live/none/board/")
            yield state
        finally:
            for process in state.processes:
                process.terminate()
            for process in state.processes:
                process.wait(timeout=20)


@contextlib.contextmanager
def server(*, workers: int = 2, database_url: str | None = None, demo: bool = True) -> Iterator[str]:
    """The portal benchmark's shape: demo data, pages only."""
    with servers(database_url=database_url, workers=workers, threads=4, demo=demo) as state:
        yield state.url


@dataclass
class Stats:
    name: str
    count: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    def row(self) -> str:
        return (
            f"{self.name}: {self.rate:.0f} req/s, p50 {self.percentile(50):.1f} ms, p99 {self.percentile(99):.1f} ms, "
            f"max {max(self.latencies, default=0) * 1000:.1f} ms, {self.count} requests, {self.errors} errors"
        )


def summarize(name: str, started: float, latencies: list[float], errors: int) -> Stats:
    return Stats(name, len(latencies), time.perf_counter() - started, latencies, errors)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0
