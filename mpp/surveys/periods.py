"""Reporting periods: month, quarter (triwulan), semester and year, written as
``2026-11``, ``2026-Q4``, ``2026-S2`` and ``2026``."""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

FIRST_YEAR, LAST_YEAR = 2000, 2100  # the periods a report can name
_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|Q(?P<quarter>[1-4])|S(?P<semester>[12])))?$")


@dataclass(frozen=True)
class Period:
    code: str
    kind: str  # month, quarter, semester, year
    start: dt.date
    end: dt.date  # inclusive

    @property
    def label(self) -> str:
        year = self.start.year
        if self.kind == "month":
            return date_format(self.start, "F Y")
        if self.kind == "quarter":
            return _("Quarter %(n)s %(year)s") % {"n": (self.start.month - 1) // 3 + 1, "year": year}
        if self.kind == "semester":
            return _("Semester %(n)s %(year)s") % {"n": 1 if self.start.month == 1 else 2, "year": year}
        return _("Year %(year)s") % {"year": year}

    def previous(self, count: int) -> list["Period"]:
        """This period and the ``count - 1`` before it, oldest first (for a trend); fewer
        when the earliest period there is (in 2000) comes first."""
        periods = [self]
        while len(periods) < count and periods[0].start > dt.date(FIRST_YEAR, 1, 1):
            periods.insert(0, containing(periods[0].start - dt.timedelta(days=1), self.kind))
        return periods


def _end_of_month(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def parse(code: str) -> Period:
    """A period from its code; ``ValueError`` with a translated message when it is not one."""
    match = _PATTERN.match((code or "").strip().upper())
    if not match or not FIRST_YEAR <= int(match["year"]) <= LAST_YEAR:
        raise ValueError(_("Write the period as 2026, 2026-S2, 2026-Q4 or 2026-11."))
    year = int(match["year"])
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise ValueError(_("Write the period as 2026, 2026-S2, 2026-Q4 or 2026-11."))
        return Period(f"{year}-{month:02d}", "month", dt.date(year, month, 1), _end_of_month(year, month))
    if match["quarter"]:
        n = int(match["quarter"])
        return Period(f"{year}-Q{n}", "quarter", dt.date(year, 3 * n - 2, 1), _end_of_month(year, 3 * n))
    if match["semester"]:
        n = int(match["semester"])
        return Period(f"{year}-S{n}", "semester", dt.date(year, 6 * n - 5, 1), _end_of_month(year, 6 * n))
    return Period(str(year), "year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def containing(day: dt.date, kind: str) -> Period:
    if kind == "month":
        return parse(f"{day.year}-{day.month:02d}")
    if kind == "quarter":
        return parse(f"{day.year}-Q{(day.month - 1) // 3 + 1}")
    if kind == "semester":
        return parse(f"{day.year}-S{1 if day.month <= 6 else 2}")
    return parse(str(day.year))
