"""Slots and what is left in them: always derived from hours, counters and bookings."""

import datetime as dt
import math
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from mpp.booking.models import Booking, BookingPolicy, OnlineOffer
from mpp.catalog import selectors as catalog
from mpp.catalog.models import ServiceStandard
from mpp.queueing import rules
from mpp.queueing.models import CounterService, ServiceOffer
from mpp.tenancy.calendar import site_calendar
from mpp.tenancy.models import Site


def policy(site: Site) -> BookingPolicy:
    found = getattr(site, "_booking_policy", None)
    if found is None:
        found, _created = BookingPolicy.objects.get_or_create(site=site)
        site._booking_policy = found
    return found


def holding(now: dt.datetime) -> Q:
    """Bookings that hold a place: confirmed or checked in, or pending within their time to confirm."""
    return Q(status__in=[Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN]) | Q(
        status=Booking.Status.PENDING, otp_expires_at__gt=now
    )


def online_offers(site: Site) -> QuerySet[ServiceOffer]:
    """Services of the hall that can be booked online now (the switch is per service)."""
    switched_off = OnlineOffer.objects.filter(offer=OuterRef("pk"), is_enabled=False)
    published = ServiceStandard.objects.filter(
        service=OuterRef("service"), status=ServiceStandard.Status.PUBLISHED
    )
    return (
        ServiceOffer.objects.filter(
            site=site, is_active=True, service__is_active=True, service__agency__is_active=True
        )
        .filter(Exists(published))
        .exclude(Exists(switched_off))
        .select_related("service__agency", "site")
        .order_by("service__agency__name", "service__name")
    )


def _online(offer: ServiceOffer) -> OnlineOffer | None:
    return OnlineOffer.objects.filter(offer=offer).first()


def slot_capacity(offer: ServiceOffer) -> int:
    """Bookings one slot may hold: what the counters can serve in it, less the walk-in share.

    counters calling the service x slot minutes / minutes per visitor x (1 - walk-in share).
    Minutes per visitor come from the standard (a same-day service) or the hall's default.
    """
    online = _online(offer)
    if online is not None and online.slot_quota is not None:
        return online.slot_quota
    rules_ = policy(offer.site)
    counters = CounterService.objects.filter(
        service=offer.service_id, counter__site=offer.site_id, counter__is_active=True
    ).count()
    standard = catalog.current_standard(offer.service)
    if standard is not None and standard.completion_unit == ServiceStandard.TimeUnit.MINUTES:
        minutes = standard.completion_time
    else:
        minutes = rules.hall_settings(offer.site).default_service_minutes
    served = counters * rules_.slot_minutes / max(minutes, 1)
    return max(0, math.floor(served * (100 - rules_.walk_in_share) / 100))


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime
    capacity: int
    taken: int

    @property
    def available(self) -> int:
        return max(0, self.capacity - self.taken)


def slot_starts(offer: ServiceOffer, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """The slots of a day, from the service's hours on the site's calendar (none on closed days)."""
    site = offer.site
    if not site_calendar(site).is_working_day(day):
        return []
    length = dt.timedelta(minutes=policy(site).slot_minutes)
    starts = []
    for period in rules.periods_on(site, day, offer.service.agency):
        start = dt.datetime.combine(day, period.opens, tzinfo=site.zone)
        closes = dt.datetime.combine(day, period.closes, tzinfo=site.zone)
        while start + length <= closes:
            starts.append((start.astimezone(dt.UTC), (start + length).astimezone(dt.UTC)))
            start += length
    return starts


def day_capacity(offer: ServiceOffer, slots_of_day: int) -> int:
    online = _online(offer)
    if online is not None and online.daily_quota is not None:
        return online.daily_quota
    capacity = slot_capacity(offer) * slots_of_day
    if offer.daily_quota is not None:
        # The hall's own daily quota, split the same way between walk-ins and bookings.
        capacity = min(
            capacity, math.floor(offer.daily_quota * (100 - policy(offer.site).walk_in_share) / 100)
        )
    return capacity


def slots(offer: ServiceOffer, day: dt.date, now: dt.datetime) -> list[Slot]:
    """The day's slots that have not started, with their capacity and bookings."""
    starts = [s for s in slot_starts(offer, day) if s[0] > now]
    if not starts:
        return []
    capacity = slot_capacity(offer)
    taken = dict(
        Booking.objects.filter(holding(now), offer=offer, day=day)
        .values_list("slot_start")
        .annotate(n=Count("id"))
        .values_list("slot_start", "n")
    )
    return [Slot(start, end, capacity, taken.get(start, 0)) for start, end in starts]


def bookable_days(offer: ServiceOffer, now: dt.datetime) -> list[dt.date]:
    site = offer.site
    today = timezone.localdate(now, site.zone)
    calendar = site_calendar(site)
    days = [today + dt.timedelta(days=n) for n in range(policy(site).days_ahead + 1)]
    return [day for day in days if calendar.is_working_day(day)]


def no_shows(nik_hash: str, site: Site, now: dt.datetime) -> int:
    window = dt.timedelta(days=policy(site).strike_window_days)
    return Booking.objects.filter(
        nik_hash=nik_hash, status=Booking.Status.NO_SHOW, slot_start__gte=now - window
    ).count()
