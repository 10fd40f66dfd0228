"""A hall on a working Monday: offers, counters with their services, open hours.

The fixtures ``clock_at`` and ``hall`` (tests/conftest.py) are built from these."""

import datetime as dt
from dataclasses import dataclass

import time_machine

from mpp.queueing.models import CounterService, ServiceOffer
from mpp.queueing.services import sessions
from mpp.tenancy.models import Counter
from tests import factories

# Monday 30 November 2026, 09:00 WIB (Asia/Pontianak is UTC+7).
MONDAY_9 = dt.datetime(2026, 11, 30, 2, 0, tzinfo=dt.UTC)


@dataclass
class Hall:
    world: object
    offer_a: ServiceOffer
    offer_b: ServiceOffer
    counter_a1: Counter
    counter_a2: Counter
    counter_b: Counter

    def session(self, counter, officer=None, key="browser-1"):
        return sessions.open_session(
            counter=counter, officer=officer or self.officer_for(counter), client_key=key
        )

    def officer_for(self, counter):
        return self.world.officer_a if counter.agency_id == self.world.agency_a.pk else self.world.officer_b


def clock_fixture():
    """Move the clock: ``clock_at(datetime)``; it ticks from there."""
    travellers = []

    def move(when):
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(when, tick=True)
        traveller.start()
        travellers.append(traveller)

    move(MONDAY_9)
    yield move
    for traveller in travellers:
        traveller.stop()


def make_hall(world) -> Hall:
    for weekday in range(5):
        factories.HoursFactory(site=world.site, weekday=weekday, opens_at=dt.time(8), closes_at=dt.time(15))
    offer_a = ServiceOffer.objects.create(site=world.site, service=world.service_a, prefix="A")
    offer_b = ServiceOffer.objects.create(site=world.site, service=world.service_b, prefix="B")
    counters = []
    for number, agency, service in [
        ("1", world.agency_a, world.service_a),
        ("2", world.agency_a, world.service_a),
        ("5", world.agency_b, world.service_b),
    ]:
        counter = factories.CounterFactory(site=world.site, agency=agency, number=number, zone="Lantai 1")
        CounterService.objects.create(counter=counter, service=service)
        counters.append(counter)
    return Hall(world, offer_a, offer_b, *counters)
