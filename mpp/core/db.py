"""Write transactions that behave the same on SQLite and PostgreSQL.

SQLite has one writer. Threads of one process that wait for its lock inside
SQLite poll with growing sleeps, so a waiter can starve for seconds while others
win. ``write_transaction`` therefore queues writers of this process in Python,
first come first served, before SQLite sees them; the embedded profile runs a
single server process (docs/deployment.md), so this queue is the only one.
PostgreSQL needs nothing of the kind: row locks and conditional updates do it.
"""

import contextlib
import threading
from collections import deque
from collections.abc import Iterator

from django.db import connection, transaction

# The largest id either database stores (a 64-bit integer): a larger one in an address
# names nothing, and SQLite would fail on it instead of finding nothing.
MAX_ID = 2**63 - 1


class FifoLock:
    """A lock that hands itself to waiters in arrival order."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiters: deque[threading.Lock] = deque()
        self._held = False

    def acquire(self) -> None:
        with self._mutex:
            if not self._held:
                self._held = True
                return
            gate = threading.Lock()
            gate.acquire()
            self._waiters.append(gate)
        gate.acquire()  # Released by the holder's release(), which passes the lock on.

    def release(self) -> None:
        with self._mutex:
            if self._waiters:
                self._waiters.popleft().release()
            else:
                self._held = False


_sqlite_writers = FifoLock()


@contextlib.contextmanager
def write_transaction() -> Iterator[None]:
    """``transaction.atomic()``, queued fairly on SQLite; nested calls just nest."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic():
            yield
        return
    _sqlite_writers.acquire()
    try:
        with transaction.atomic():
            yield
    finally:
        _sqlite_writers.release()
