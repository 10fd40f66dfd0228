"""Serve the platform as it runs in a hall: pages and API under WSGI, the boards' live
feed under ASGI on its own port (docs/display.md), and the background worker. Stops
them all on Ctrl+C.

    python scripts/serve.py [--host 127.0.0.1] [--port 8000] [--live-port 8001]
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GRANIAN = str(Path(sys.executable).with_name("granian"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--live-port", type=int, default=int(os.environ.get("MPP_LIVE_PORT", "8001")))
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    env = {**os.environ, "MPP_LIVE_PORT": str(args.live_port)}
    common = ["--host", args.host, "--workers-kill-timeout", "10", "--log-level", "warning"]
    # One WSGI process: with SQLite its writers queue inside it (core.db.write_transaction).
    pages = [
        GRANIAN,
        "--interface",
        "wsgi",
        "--port",
        str(args.port),
        "--workers",
        "1",
        "--blocking-threads",
        str(args.threads),
        *common,
        "config.wsgi:application",
    ]
    live = [
        GRANIAN,
        "--interface",
        "asginl",
        "--port",
        str(args.live_port),
        "--workers",
        "1",
        *common,
        "mpp.display.live:application",
    ]
    # Background work (messages, the overdue check) runs in the database-backed worker.
    worker = [sys.executable, "manage.py", "db_worker", "--no-startup-delay"]
    processes = [subprocess.Popen(command, cwd=ROOT, env=env) for command in (pages, live, worker)]

    def stop(*_args):
        for process in processes:
            if process.poll() is None:
                process.terminate()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    # Whichever ends first ends the others. Periodic work is queued for the worker at its
    # interval (in production, cron runs the same commands: docs/deployment.md).
    periodic = {
        "deliver_messages": 60,
        "sweep_bookings": 60,
        "check_overdue": 15 * 60,
        "check_complaints": 15 * 60,
        "close_day": 60 * 60,
    }
    due = dict.fromkeys(periodic, 0.0)
    while all(process.poll() is None for process in processes):
        for command, interval in periodic.items():
            if time.monotonic() >= due[command]:
                subprocess.run(
                    [sys.executable, "manage.py", command],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    check=False,
                )
                due[command] = time.monotonic() + interval
        time.sleep(1)
    stop()
    for process in processes:
        process.wait(timeout=20)
    return max(process.returncode or 0 for process in processes)


if __name__ == "__main__":
    sys.exit(main())
