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


def make_lost_ktp_journey(hall: Hall):
    """Kehilangan KTP-el in the test hall: Polres (SKTLK) then Dukcapil (KTP-el reprint).

    The police step records three facts; only the number and the date are declared for
    Disdukcapil, the third ("catatan_penyidik") is for nobody after it.
    """
    from mpp.catalog import services as catalog
    from mpp.journeys.models import HandoffField, LifeEvent, Satisfaction, Step

    world = hall.world
    sktlk = factories.DocumentTypeFactory(name="Surat Keterangan Tanda Lapor Kehilangan", short_name="SKTLK")
    kk = factories.DocumentTypeFactory(name="Kartu Keluarga", short_name="KK")
    ktp = factories.DocumentTypeFactory(name="KTP-el")
    for service, requirements, products, unit, time in (
        (
            world.service_b,
            [catalog.DocumentLine(ktp, "Fotokopi", True)],
            [catalog.DocumentLine(sktlk)],
            "minutes",
            10,
        ),
        (
            world.service_a,
            [catalog.DocumentLine(sktlk, "Asli"), catalog.DocumentLine(kk, "Fotokopi")],
            [catalog.DocumentLine(ktp)],
            "working_days",
            3,
        ),
    ):
        draft = catalog.start_draft(service=service)
        catalog.update_draft(
            standard=draft,
            requirements=requirements,
            products=products,
            completion_unit=unit,
            completion_time=time,
        )
        catalog.publish_standard(standard=draft, sk_number="SK 2", sk_date=dt.date(2026, 2, 1))
    life_event = LifeEvent.objects.create(
        slug="kehilangan-ktp-el", name="Kehilangan KTP-el", keywords="ktp hilang"
    )
    police = Step.objects.create(life_event=life_event, position=1, service=world.service_b)
    dukcapil = Step.objects.create(life_event=life_event, position=2, service=world.service_a)
    for position, (key, label, kind, required, shared) in enumerate(
        [
            ("nomor_sktlk", "Nomor SKTLK", "text", True, True),
            ("tanggal_sktlk", "Tanggal SKTLK", "date", True, True),
            ("nik_pelapor", "NIK pelapor", "nik", False, True),
            ("catatan_penyidik", "Catatan penyidik", "text", False, False),
        ]
    ):
        field = HandoffField.objects.create(
            step=police, key=key, label=label, kind=kind, is_required=required, position=position
        )
        if shared:
            field.visible_to.add(dukcapil)
    Satisfaction.objects.create(from_step=police, product=sktlk, to_step=dukcapil, requirement=sktlk)
    return life_event
