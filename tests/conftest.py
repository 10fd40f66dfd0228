"""The shared test world: one site with agencies A and B, staff of every role,
and outsiders from agency B (and from another site) for the access tests."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from mpp.booking.models import BookingPolicy, OnlineOffer
from mpp.catalog import services as catalog_services
from mpp.catalog.models import Service, ServiceStandard
from mpp.surveys import national
from mpp.surveys.models import Unsur
from mpp.tenancy.models import Agency, Role, Site, User
from tests import factories, halls

PASSWORD = "rahasia-panjang-123"


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 at production strength costs ~0.3 s per user; tests make many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _indonesian_first():
    """Every test starts in the default language: a request to an /en/ page leaves English
    active in the test's thread (LocaleMiddleware does not reset it), and reverse() and
    gettext in the next test would follow it."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@dataclass
class World:
    site: Site
    other_site: Site
    agency_a: Agency
    agency_b: Agency
    superuser: User
    manager: User
    admin_a: User
    officer_a: User
    front_desk: User
    auditor: User
    admin_b: User
    officer_b: User
    other_manager: User
    service_a: Service
    standard_a: ServiceStandard
    service_b: Service
    standard_b: ServiceStandard


def publish(service: Service, *, procedure: str = "1. Datang.\n2. Dilayani.", **fields) -> ServiceStandard:
    draft = catalog_services.start_draft(service=service)
    catalog_services.update_draft(standard=draft, procedure=procedure, **fields)
    return catalog_services.publish_standard(
        standard=draft, sk_number="SK/1/2026", sk_date=dt.date(2026, 1, 5)
    )


@pytest.fixture
def world(db) -> World:
    site = factories.SiteFactory(name="MPP Contoh", slug="contoh")
    other_site = factories.SiteFactory(name="MPP Lain", slug="lain")
    agency_a = factories.AgencyFactory(
        name="Dinas Kependudukan Contoh", short_name="Dukcapil", slug="dukcapil", sites=[site]
    )
    agency_b = factories.AgencyFactory(
        name="Kepolisian Resor Contoh",
        short_name="Polres",
        slug="polres",
        kind=Agency.Kind.VERTIKAL,
        sites=[site],
    )

    def staff(username: str, role: str, agency: Agency | None = None, at: Site = site) -> User:
        user = factories.UserFactory(username=username)
        factories.MembershipFactory(user=user, site=at, role=role, agency=agency)
        return user

    service_a = factories.ServiceFactory(
        agency=agency_a,
        name="Penerbitan KTP-el karena Hilang atau Rusak",
        slug="ktp-hilang",
        keywords="ktp hilang, ktp rusak",
    )
    service_b = factories.ServiceFactory(
        agency=agency_b,
        name="Surat Keterangan Tanda Lapor Kehilangan",
        slug="sktlk",
        keywords="ktp hilang, surat kehilangan",
    )
    return World(
        site=site,
        other_site=other_site,
        agency_a=agency_a,
        agency_b=agency_b,
        superuser=factories.UserFactory(username="root", is_superuser=True),
        manager=staff("manajer", Role.MANAGER),
        admin_a=staff("admin_a", Role.AGENCY_ADMIN, agency_a),
        officer_a=staff("petugas_a", Role.OFFICER, agency_a),
        front_desk=staff("frontdesk", Role.FRONT_DESK),
        auditor=staff("auditor", Role.AUDITOR),
        admin_b=staff("admin_b", Role.AGENCY_ADMIN, agency_b),
        officer_b=staff("petugas_b", Role.OFFICER, agency_b),
        other_manager=staff("manajer_lain", Role.MANAGER, at=other_site),
        service_a=service_a,
        standard_a=publish(service_a),
        service_b=service_b,
        standard_b=publish(service_b, fee=0),
    )


@pytest.fixture
def clock_at():
    """Move the clock: ``clock_at(datetime)``; it ticks from there (Monday 09:00 WIB first)."""
    yield from halls.clock_fixture()


@pytest.fixture
def hall(world, clock_at) -> halls.Hall:
    """The world's site as a working hall: offers A and B, counters 1, 2 (agency A) and 5 (B)."""
    return halls.make_hall(world)


@pytest.fixture
def nine(db):
    """The nine unsur of the satisfaction survey (a flushed transactional database lost them)."""
    national.install(Unsur)
    return list(Unsur.objects.filter(agency=None))


@pytest.fixture
def booking_hall(hall) -> halls.Hall:
    """The hall with online booking: service A bookable, three bookings per slot."""
    BookingPolicy.objects.create(site=hall.world.site)
    OnlineOffer.objects.create(offer=hall.offer_a, slot_quota=3)
    return hall
