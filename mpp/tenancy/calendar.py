"""A site's working calendar: the national one plus the site's own days."""

import datetime as dt

from mpp.core import sql
from mpp.core.calendar import WorkingCalendar
from mpp.tenancy.models import CalendarOverride, Site

OVERRIDES = sql.Columns(CalendarOverride, "o", ["date", "kind", "note"])


def site_calendar(site: Site) -> WorkingCalendar:
    """The calendar of ``site`` with all its overrides (a few rows a year)."""
    closed: dict[dt.date, str] = {}
    opened: dict[dt.date, str] = {}
    # Every ticket reads it, so the statement is written by hand (mpp.core.sql):
    # site.calendar_overrides.values_list("date", "kind", "note")
    rows = sql.fetchall(
        f"SELECT {OVERRIDES.sql} FROM {sql.table(CalendarOverride)} o WHERE o.site_id = %s", [site.pk]
    )
    for row in rows:
        _pk, day, kind, note = OVERRIDES.values(row)
        (opened if kind == CalendarOverride.Kind.OPEN else closed)[day] = note
    return WorkingCalendar(open_weekdays=site.open_weekdays, closed_dates=closed, open_dates=opened)


def is_working_day(site: Site, day: dt.date) -> bool:
    return site_calendar(site).is_working_day(day)
