"""Shared pieces of the benchmarks: a production-style server on a fresh database, and timing."""

import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GRANIAN = str(Path(PYTHON).with_name("granian"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server(*, workers: int = 2, database_url: str | None = None, demo: bool = True) -> Iterator[str]:
    """granian (WSGI) serving the project on a fresh database in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="mpp-bench-") as var:
        env = {
            **os.environ,
            "MPP_VAR_DIR": var,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "MPP_LOG_LEVEL": "WARNING",
        }
        if database_url:
            env["DATABASE_URL"] = database_url
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        if demo:
            subprocess.run(
                [PYTHON, "manage.py", "load_demo", "--quiet-logins"],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        port = free_port()
        process = subprocess.Popen(
            [
                GRANIAN,
                "--interface",
                "wsgi",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--blocking-threads",
                "8",
                "--workers-kill-timeout",
                "5",
                "--log-level",
                "warning",
                "config.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"{url}/health/", timeout=1).status_code == 200:
                        break
                time.sleep(0.05)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=15)


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
