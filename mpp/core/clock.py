"""The one clock of the platform.

Every operation reads the time once through ``now()`` and passes it on. Tests move
time with time-machine, which this follows; the simulator can install its own
clock with ``use_clock``.
"""

import contextlib
import contextvars
import datetime as dt
from collections.abc import Callable, Iterator

from django.utils import timezone

_clock: contextvars.ContextVar[Callable[[], dt.datetime] | None] = contextvars.ContextVar(
    "mpp_clock", default=None
)


def now() -> dt.datetime:
    """The current time, aware, in UTC."""
    override = _clock.get()
    return override() if override is not None else timezone.now()


@contextlib.contextmanager
def use_clock(clock: Callable[[], dt.datetime]) -> Iterator[None]:
    token = _clock.set(clock)
    try:
        yield
    finally:
        _clock.reset(token)
