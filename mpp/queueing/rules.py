"""When the hall gives tickets and counters may call: one place for every screen and the API.

A refusal carries a code (for the API and tests) and a sentence for the visitor.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from mpp.core import sql
from mpp.queueing.models import HallSettings, ServiceOffer
from mpp.tenancy.calendar import site_calendar
from mpp.tenancy.models import Agency, OpeningHours, Site


class Refusal(Exception):
    """The hall cannot do this now; ``message`` says why, in the visitor's words."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Period:
    opens: dt.time
    closes: dt.time


def hall_settings(site: Site) -> HallSettings:
    """The site's hall settings: read once per site object, or taken from a query that
    already joined them (``select_related("site__hall_settings")``)."""
    settings = getattr(site, "_hall_settings", None)
    if settings is None:
        if Site.hall_settings.is_cached(site):
            settings = getattr(site, "hall_settings", None)  # None: joined, but no row yet
        if settings is None:
            settings, _created = HallSettings.objects.get_or_create(site=site)
        site._hall_settings = settings
    return settings


def keep_hall_settings(site: Site, settings: HallSettings | None) -> None:
    """Hall settings read with the site (a join): ``hall_settings`` then needs no query.
    None (the site has no row yet) keeps nothing, and ``hall_settings`` creates it."""
    if settings is not None:
        site._hall_settings = settings


def site_day(site: Site, now: dt.datetime) -> dt.date:
    """The site's local date at ``now``: the day a hall's tickets belong to (``Visit.day``)."""
    return now.astimezone(site.zone).date()


HOURS = sql.Columns(OpeningHours, "h")


def periods_on(site: Site, day: dt.date, agency: Agency | None = None) -> list[Period]:
    """Service hours on ``day`` (docs/queue.md, "Opening rules").

    For the site and for the agency alike, rows for a date range covering the day (Ramadan
    hours) win over the weekly rows. An agency follows the site unless it has hours of its
    own: weekly rows (then a weekday without one is closed for it) or a range covering the
    day. Its own hours never reach outside the hall's hours of that day, when the hall has
    any: Ramadan hours of the site shorten every agency's day.
    """
    # The day's rows and the agency's weekly rows (a few rows a week; one query). Every
    # ticket reads them, so the statement is written by hand (mpp.core.sql):
    # OpeningHours.objects.filter(Q(weekday=...) | Q(agency=agency, valid_from__isnull=True), site=site)
    rows = HOURS.build_all(
        sql.fetchall(
            f"SELECT {HOURS.sql} FROM {sql.table(OpeningHours)} h WHERE h.site_id = %s"
            " AND (h.weekday = %s OR (h.agency_id = %s AND h.valid_from IS NULL))"
            # OpeningHours.Meta.ordering within each scope: _of_day keeps this order among
            # periods opening at the same time.
            " ORDER BY h.agency_id, h.valid_from, h.weekday, h.opens_at, h.id",
            [site.pk, day.weekday(), agency.pk if agency else None],
        )
    )
    hall = _of_day([r for r in rows if r.agency_id is None], day)
    if agency is None:
        return hall
    own_rows = [r for r in rows if r.agency_id == agency.pk]
    own = _of_day(own_rows, day)
    # Ranges of other dates (next year's Ramadan, entered early) do not count as hours of
    # its own today.
    has_weekly = any(r.valid_from is None for r in own_rows)
    has_range_today = any(r.valid_from is not None and _covers(r, day) for r in own_rows)
    if not has_weekly and not has_range_today:
        return hall
    return _within(own, hall) if hall else own


def _of_day(rows: list[OpeningHours], day: dt.date) -> list[Period]:
    """The periods of ``day`` among one scope's rows: a covering range wins over the week."""
    today = [r for r in rows if r.weekday == day.weekday() and _covers(r, day)]
    ranged = [r for r in today if r.valid_from is not None]
    return sorted((Period(r.opens_at, r.closes_at) for r in ranged or today), key=lambda p: p.opens)


def _within(periods: list[Period], bounds: list[Period]) -> list[Period]:
    """The parts of ``periods`` inside ``bounds``."""
    inside = []
    for period in periods:
        for bound in bounds:
            opens, closes = max(period.opens, bound.opens), min(period.closes, bound.closes)
            if opens < closes:
                inside.append(Period(opens, closes))
    return sorted(inside, key=lambda p: p.opens)


def _covers(row: OpeningHours, day: dt.date) -> bool:
    return row.valid_from is None or row.valid_from <= day <= row.valid_until


def check_transfer(*, offer: ServiceOffer, now: dt.datetime) -> None:
    """Raise ``Refusal`` unless a visitor already in the hall may be sent to ``offer`` now.

    The rules of a ticket, but for the cut-off (the visitor is inside, and is served
    today): the service must be offered, the hall open today, and the service's agency
    must have hours today that have not ended.
    """
    check_ticket(offer=offer, now=now, booked=True)
    local = now.astimezone(offer.site.zone)
    periods = periods_on(offer.site, local.date(), offer.service.agency)
    if not periods:
        raise Refusal("no_hours", _("This service has no service hours today."))
    if local.time() >= periods[-1].closes:
        raise Refusal(
            "closed_now",
            _("This service closed at %(time)s today.") % {"time": periods[-1].closes.strftime("%H.%M")},
        )


def check_ticket(*, offer: ServiceOffer, now: dt.datetime, booked: bool = False) -> None:
    """Raise ``Refusal`` unless a ticket for ``offer`` may be issued at ``now``.

    A checked-in booking (``booked``) was promised its slot: only a closed day or a
    service no longer offered refuses it, not the opening time or the cut-off.
    """
    site = offer.site
    if not (
        offer.is_active and offer.service.is_active and offer.service.agency.is_active and site.is_active
    ):
        raise Refusal("not_offered", _("This service is not offered in the hall."))
    local = now.astimezone(site.zone)
    reason = site_calendar(site).closure_reason(local.date())
    if reason:
        raise Refusal("closed_day", _("The hall is closed today (%(reason)s).") % {"reason": reason})
    if booked:
        return
    periods = periods_on(site, local.date(), offer.service.agency)
    if not periods:
        raise Refusal("no_hours", _("This service has no service hours today."))
    first, last = periods[0], periods[-1]
    if local.time() < first.opens:
        raise Refusal(
            "not_yet", _("Tickets are issued from %(time)s.") % {"time": first.opens.strftime("%H.%M")}
        )
    cutoff = (
        dt.datetime.combine(local.date(), last.closes)
        - dt.timedelta(minutes=hall_settings(site).ticket_cutoff_minutes)
    ).time()
    if local.time() > cutoff:
        raise Refusal(
            "cut_off",
            _("The last ticket for today was issued at %(time)s. Please come back on the next working day.")
            % {"time": cutoff.strftime("%H.%M")},
        )
