"""When the hall gives tickets and counters may call: one place for every screen and the API.

A refusal carries a code (for the API and tests) and a sentence for the visitor.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

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


def site_day(site: Site, now: dt.datetime) -> dt.date:
    """The site's local date at ``now``: the day a hall's tickets belong to (``Visit.day``)."""
    return now.astimezone(site.zone).date()


def periods_on(site: Site, day: dt.date, agency: Agency | None = None) -> list[Period]:
    """Service hours on ``day``: rows for a date range covering it win over the weekly rows,
    and an agency's own rows (when it has any) over the site's."""
    # The day's rows, and every row of the agency: an agency with hours of its own but none
    # today is closed today, even if the site opens (a few rows a week; one query).
    weekday = Q(weekday=day.weekday())
    everything = list(
        OpeningHours.objects.filter(weekday | Q(agency=agency) if agency else weekday, site=site)
    )
    rows = [r for r in everything if r.weekday == day.weekday() and _covers(r, day)]
    scopes = ([agency.pk] if agency is not None else []) + [None]
    for scope in scopes:
        mine = [r for r in rows if r.agency_id == scope]
        ranged = [r for r in mine if r.valid_from is not None]
        chosen = ranged or mine
        if chosen or (scope is not None and any(r.agency_id == scope for r in everything)):
            return sorted((Period(r.opens_at, r.closes_at) for r in chosen), key=lambda p: p.opens)
    return []


def _covers(row: OpeningHours, day: dt.date) -> bool:
    return row.valid_from is None or row.valid_from <= day <= row.valid_until


def check_ticket(*, offer: ServiceOffer, now: dt.datetime, booked: bool = False) -> None:
    """Raise ``Refusal`` unless a ticket for ``offer`` may be issued at ``now``.

    A checked-in booking (``booked``) was promised its slot: only a closed day or a
    service no longer offered refuses it, not the opening time or the cut-off.
    """
    site = offer.site
    if not offer.is_active or not offer.service.is_active or not site.is_active:
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
