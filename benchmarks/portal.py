"""Portal under load: search and service pages of the Kapuas demo, through HTTP.

    .venv/bin/python benchmarks/portal.py [--seconds 10] [--clients 32] [--database-url URL]

Starts granian (WSGI, 2 workers) on a fresh demo database and reports throughput and
latency per page kind. Not a test: it prints numbers for docs/benchmarks.md.
"""

import argparse
import asyncio
import itertools
import time

import httpx
from common import server, summarize

QUERIES = ["ktp hilang", "akta lahir", "perpanjang sim", "pajak motor", "nikah", "npwp", "kk", "bpjs bayi"]


async def run(url: str, seconds: float, clients: int, path_for) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    counter = itertools.count()

    async def client_loop(client: httpx.AsyncClient):
        nonlocal errors
        while time.perf_counter() < deadline:
            path = path_for(next(counter))
            started = time.perf_counter()
            response = await client.get(path)
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                errors += 1

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=10) as client:
        started = time.perf_counter()
        await asyncio.gather(*(client_loop(client) for _ in range(clients)))
    return latencies, errors, started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with server(database_url=args.database_url) as url:  # 2 granian workers, 8 blocking threads each
        services = httpx.get(f"{url}/api/v1/sites/kapuas/services").json()
        pages = [f"/kapuas/layanan/{s['agency']}/{s['slug']}/" for s in services]
        kinds = {
            "search": lambda n: f"/kapuas/cari/?q={QUERIES[n % len(QUERIES)]}",
            "service page": lambda n: pages[n % len(pages)],
            "api search": lambda n: f"/api/v1/sites/kapuas/services?q={QUERIES[n % len(QUERIES)]}",
        }
        for name, path_for in kinds.items():
            latencies, errors, started = asyncio.run(run(url, args.seconds, args.clients, path_for))
            print(summarize(name, started, latencies, errors).row())


if __name__ == "__main__":
    main()
