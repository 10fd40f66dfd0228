import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from mpp.catalog import services
from mpp.tenancy.models import CalendarOverride
from tests import factories


def url(name, *args):
    return reverse(f"portal:{name}", args=args)


@pytest.fixture
def hours(world):
    for weekday in range(5):
        factories.HoursFactory(site=world.site, weekday=weekday, opens_at=dt.time(8), closes_at=dt.time(15))


def test_root_redirects_to_the_only_site_or_lists_several(client, world):
    response = client.get("/")
    assert response.status_code == 200  # two active sites: a list
    assert b"MPP Contoh" in response.content
    world.other_site.is_active = False
    world.other_site.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == url("site-home", "contoh")


def test_site_home_shows_agencies_hours_districts_and_closures(client, world, hours):
    CalendarOverride.objects.create(site=world.site, date=dt.date(2026, 12, 1), kind="closed", note="Banjir")
    with time_machine.travel(dt.datetime(2026, 11, 28, 9, tzinfo=dt.UTC)):
        response = client.get(url("site-home", "contoh"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in html
    assert "Dukcapil" in html
    assert "Polres" in html
    assert "08.00" in html
    assert "Banjir" in html
    assert "Natal" in html or "Cuti bersama" in html  # 24-25 Dec fall within the coming weeks
    assert "Mandau Talawang" in html  # one of Kapuas's 17 kecamatan, from the region code 62.03


def test_search_page_finds_services_and_shows_fee_and_time(client, world):
    response = client.get(url("search", "contoh"), {"q": "ktp hilang"})
    html = response.content.decode()
    assert response.status_code == 200
    assert world.service_a.name in html
    assert world.service_b.name in html
    assert "Gratis" in html
    assert "2 layanan ditemukan" in html


def test_search_without_results_and_overlong_queries(client, world):
    response = client.get(url("search", "contoh"), {"q": "zzzz"})
    assert response.status_code == 200
    assert "Tidak ada layanan" in response.content.decode()
    response = client.get(url("search", "contoh"), {"q": "ktp " * 5000})
    assert response.status_code == 200
    response = client.get(url("search", "contoh"), {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    response = client.get(url("search", "contoh"), {"q": "ktp\x00"})
    assert response.status_code == 400  # PostgreSQL cannot compare text holding NUL
    assert client.get("/contoh%00/").status_code == 400


def test_service_page_shows_the_six_public_components_and_not_the_internal_ones(client, world):
    kk = factories.DocumentTypeFactory(name="Kartu Keluarga")
    ktp = factories.DocumentTypeFactory(name="KTP-el")
    draft = services.start_draft(service=world.service_a)
    services.update_draft(
        standard=draft,
        procedure="1. Ambil nomor.\n2. Serahkan SKTLK dan KK.",
        completion_time=1,
        completion_unit="working_days",
        fee=0,
        fee_basis="UU 24/2013 Pasal 79A",
        complaints="Kotak saran dan SP4N-LAPOR!",
        internal_supervision="RAHASIA INTERNAL",
        requirements=[services.DocumentLine(kk, "Fotokopi")],
        products=[services.DocumentLine(ktp)],
    )
    services.publish_standard(standard=draft, sk_number="SK 2/2026", sk_date=dt.date(2026, 2, 1))
    factories.CounterFactory(site=world.site, agency=world.agency_a, number="7", zone="Lantai 1")
    response = client.get(url("service-detail", "contoh", "dukcapil", "ktp-hilang"))
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Persyaratan",
        "Kartu Keluarga",
        "Fotokopi",
        "Ambil nomor",
        "1 hari kerja",
        "Gratis",
        "UU 24/2013 Pasal 79A",
        "KTP-el",
        "SP4N-LAPOR!",
        "SK 2/2026",
        "Loket 7",
        "menyatakan sanggup",
    ]:
        assert text in html, text
    assert "RAHASIA INTERNAL" not in html
    assert "Riwayat versi" in html  # version 1 stays visible as history


def test_history_version_page_says_it_is_no_longer_in_force(client, world):
    services.publish_standard(
        standard=services.update_draft(standard=services.start_draft(service=world.service_a), fee=5000),
        sk_number="SK 9",
        sk_date=dt.date(2026, 3, 1),
    )
    response = client.get(url("service-version", "contoh", "dukcapil", "ktp-hilang", 1))
    assert response.status_code == 200
    assert "tidak berlaku lagi" in response.content.decode()
    assert (
        client.get(url("service-detail", "contoh", "dukcapil", "ktp-hilang"))
        .content.decode()
        .count("Rp5.000")
    )


def test_drafts_are_never_public(client, world):
    draft = services.start_draft(service=world.service_a)
    assert (
        client.get(url("service-version", "contoh", "dukcapil", "ktp-hilang", draft.version)).status_code
        == 404
    )
    unpublished = factories.ServiceFactory(agency=world.agency_a, slug="baru")
    services.start_draft(service=unpublished)
    assert client.get(url("service-detail", "contoh", "dukcapil", "baru")).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/tidak-ada/",
        "/contoh/instansi/tidak-ada/",
        "/contoh/layanan/dukcapil/tidak-ada/",
        "/contoh/layanan/polres/ktp-hilang/",  # another agency's service under this agency
        "/lain/layanan/dukcapil/ktp-hilang/",  # an agency that does not serve at that site
        "/contoh/layanan/dukcapil/ktp-hilang/versi/99/",
        "/contoh/layanan/dukcapil/ktp-hilang/versi/99999999999999999999/",
    ],
)
def test_unknown_addresses_are_404(client, world, path):
    assert client.get(path).status_code == 404


def test_inactive_site_and_agency_are_hidden(client, world):
    world.agency_b.is_active = False
    world.agency_b.save()
    assert client.get(url("agency-detail", "contoh", "polres")).status_code == 404
    assert (
        world.service_b.name not in client.get(url("search", "contoh"), {"q": "ktp hilang"}).content.decode()
    )


def test_english_pages_under_en(client, world):
    response = client.get("/en" + url("service-detail", "contoh", "dukcapil", "ktp-hilang"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Requirements" in html
    assert 'href="/contoh/layanan/dukcapil/ktp-hilang/"' in html  # the switch back to Indonesian


def test_pages_are_read_only(client, world):
    assert client.post(url("search", "contoh"), {"q": "x"}).status_code == 405


def test_pages_send_a_strict_content_security_policy(client, world):
    response = client.get(url("site-home", "contoh"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_query_counts_are_pinned(client, world, hours, django_assert_max_num_queries):
    for n in range(10):
        service = factories.ServiceFactory(agency=world.agency_a, name=f"Layanan akta {n}", keywords="akta")
        from tests.conftest import publish

        publish(service)
    with django_assert_max_num_queries(12):
        client.get(url("site-home", "contoh"))
    with django_assert_max_num_queries(10):
        client.get(url("search", "contoh"), {"q": "akta"})
    with django_assert_max_num_queries(10):
        client.get(url("agency-detail", "contoh", "dukcapil"))
    with django_assert_max_num_queries(12):
        client.get(url("service-detail", "contoh", "dukcapil", "ktp-hilang"))
