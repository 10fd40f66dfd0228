"""A site's working calendar: the national one plus the site's own days."""

import datetime as dt

from mpp.core.calendar import WorkingCalendar
from mpp.tenancy.models import CalendarOverride, Site


def site_calendar(site: Site) -> WorkingCalendar:
    """The calendar of ``site`` with all its overrides (a few rows a year)."""
    closed: dict[dt.date, str] = {}
    opened: dict[dt.date, str] = {}
    for day, kind, note in site.calendar_overrides.values_list("date", "kind", "note"):
        (opened if kind == CalendarOverride.Kind.OPEN else closed)[day] = note
    return WorkingCalendar(open_weekdays=site.open_weekdays, closed_dates=closed, open_dates=opened)


def is_working_day(site: Site, day: dt.date) -> bool:
    return site_calendar(site).is_working_day(day)
