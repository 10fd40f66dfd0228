"""The working-day calendar: weekends, national holidays, cuti bersama, overrides.

MPPs close on libur nasional *and* on cuti bersama (the SKB 3 Menteri lists both;
MPP Kota Bandung closed 28 Mar - 7 Apr 2025, for example). The ``holidays``
package carries both: the public category holds libur nasional, the
"government" category holds cuti bersama. Religious dates are set per year by
decree and must never be computed, so a site can add its own closures and
openings on top (``closed_dates`` and ``open_dates``).

This module is pure: it knows nothing of sites. ``mpp.tenancy.calendar`` builds
a ``WorkingCalendar`` for a site from its weekdays and overrides.
"""

import datetime as dt
import functools
from dataclasses import dataclass, field

import holidays
from django.utils.translation import get_language
from django.utils.translation import gettext as _

MONDAY_TO_FRIDAY = frozenset(range(5))


def _holidays_language() -> str:
    return "id" if (get_language() or "id").startswith("id") else "en_US"


@functools.lru_cache(maxsize=64)
def _national(year: int, language: str) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("ID", years=year, language=language))


@functools.lru_cache(maxsize=64)
def _cuti_bersama(year: int, language: str) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("ID", years=year, categories=("government",), language=language))


@functools.lru_cache(maxsize=64)
def estimated_dates(year: int) -> frozenset[dt.date]:
    """Holidays of ``year`` that the package only estimates (no decree yet, or a moon sighting).

    They still close the site, because an MPP will close on Idul Fitri whatever its
    exact date, but they are named "(perkiraan)" and a site confirms or moves them
    with its own calendar exceptions once the SKB is out.
    """
    names = {
        **_national(year, "en_US"),
        **_cuti_bersama(year, "en_US"),
    }
    return frozenset(day for day, name in names.items() if "estimated" in name.lower())


def national_holidays(year: int) -> dict[dt.date, str]:
    """Libur nasional of a year, named in the active language."""
    return _national(year, _holidays_language())


def cuti_bersama(year: int) -> dict[dt.date, str]:
    """Cuti bersama (collective leave days) of a year, named in the active language."""
    return _cuti_bersama(year, _holidays_language())


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days a site serves.

    ``open_weekdays`` uses Python's numbering (Monday is 0). ``open_dates`` wins
    over everything (a Saturday opening, a service day on a holiday);
    ``closed_dates`` close a day that would otherwise be open. Both map a date to
    the note shown to citizens.
    """

    open_weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    closed_dates: dict[dt.date, str] = field(default_factory=dict)
    open_dates: dict[dt.date, str] = field(default_factory=dict)

    def closure_reason(self, day: dt.date) -> str | None:
        """Why the site is closed on ``day``, or None when it serves."""
        if day in self.open_dates:
            return None
        if day in self.closed_dates:
            return self.closed_dates[day] or _("Closed")
        national = national_holidays(day.year)
        if day in national:
            return _("National holiday: %(name)s") % {"name": national[day]}
        leave = cuti_bersama(day.year)
        if day in leave:
            name = leave[day]
            # The holidays package names most of them "Cuti Bersama ...": said once.
            if name.lower().startswith("cuti bersama"):
                return name
            return _("Cuti bersama: %(name)s") % {"name": name}
        if day.weekday() not in self.open_weekdays:
            return _("Not a service day of the week")
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return self.closure_reason(day) is None

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (``start`` itself not counted).

        With ``days == 0`` it is ``start`` when that is a working day, else the
        next working day: a file received on a holiday starts on the next one.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        counted = 0
        idle = 0
        while counted < days or not self.is_working_day(day):
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
                idle = 0
            else:
                idle += 1
                # A year without one working day is a misconfigured site, not a long holiday.
                if idle > 366:
                    raise ValueError("the calendar has no working day in a year")
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: how many days of a deadline have passed."""
        if end <= start:
            return 0
        total = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                total += 1
        return total
