"""make bench: every benchmark, one after the other, on SQLite (and PostgreSQL when BENCH_DATABASE_URL is set)."""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["portal.py", "queue_cycle.py", "boards.py"]

for script in SCRIPTS:
    print(f"== {script} (SQLite)", flush=True)
    subprocess.run([sys.executable, str(HERE / script)], check=True)
    if os.environ.get("BENCH_DATABASE_URL"):
        print(f"== {script} (PostgreSQL)", flush=True)
        subprocess.run(
            [sys.executable, str(HERE / script), "--database-url", os.environ["BENCH_DATABASE_URL"]],
            check=True,
        )
