"""The hall fixtures live in tests/halls.py and tests/conftest.py; re-exported for imports."""

from tests.halls import MONDAY_9, Hall, make_hall

__all__ = ["MONDAY_9", "Hall", "make_hall"]
