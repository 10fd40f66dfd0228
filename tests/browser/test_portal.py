import datetime as dt

import pytest

from mpp.catalog import services
from tests import factories
from tests.browser.conftest import assert_accessible, screenshot


@pytest.fixture
def catalogue(transactional_db, world):
    kk = factories.DocumentTypeFactory(name="Kartu Keluarga", short_name="KK")
    sktlk = factories.DocumentTypeFactory(name="Surat Keterangan Tanda Lapor Kehilangan", short_name="SKTLK")
    ktp = factories.DocumentTypeFactory(name="KTP-el")
    for weekday in range(5):
        factories.HoursFactory(site=world.site, weekday=weekday, opens_at=dt.time(8), closes_at=dt.time(15))
    factories.CounterFactory(site=world.site, agency=world.agency_a, number="3", zone="Lantai 1")
    draft = services.start_draft(service=world.service_a)
    services.update_draft(
        standard=draft,
        procedure="1. Ambil nomor antrean Disdukcapil.\n2. Serahkan SKTLK dan KK.\n3. Terima KTP-el.",
        completion_time=1,
        completion_unit="working_days",
        fee=0,
        fee_basis="UU 24/2013 Pasal 79A",
        requirements=[services.DocumentLine(sktlk, "Asli"), services.DocumentLine(kk, "Fotokopi")],
        products=[services.DocumentLine(ktp, "NIK tetap sama")],
        complaints="Loket pengaduan MPP atau SP4N-LAPOR!",
    )
    services.publish_standard(standard=draft, sk_number="SK 2/2026", sk_date=dt.date(2026, 2, 2))
    return world


def test_citizen_searches_ktp_hilang_and_opens_the_reprint_standard(live_server, page, axe, catalogue):
    page.goto(f"{live_server.url}/contoh/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert_accessible(axe, page)

    page.get_by_label("Apa yang ingin Anda urus?").fill("ktp hilang")
    page.keyboard.press("Enter")
    page.wait_for_url("**/contoh/cari/?q=ktp+hilang")
    results = page.locator(".cards h3")
    assert sorted(results.all_inner_texts()) == sorted(
        ["Penerbitan KTP-el karena Hilang atau Rusak", "Surat Keterangan Tanda Lapor Kehilangan"]
    )
    assert_accessible(axe, page)
    screenshot(page, "portal-search-phone")

    page.get_by_role("link", name="Penerbitan KTP-el karena Hilang atau Rusak").click()
    page.wait_for_url("**/contoh/layanan/dukcapil/ktp-hilang/")
    assert page.get_by_role("heading", level=1).inner_text() == "Penerbitan KTP-el karena Hilang atau Rusak"
    requirements = page.locator("ul.checklist li").all_inner_texts()
    assert requirements[0].startswith("Surat Keterangan Tanda Lapor Kehilangan")
    assert "Gratis" in page.locator(".facts").inner_text()
    assert "1 hari kerja" in page.locator(".facts").inner_text()
    assert_accessible(axe, page)
    screenshot(page, "portal-service-phone")


def test_keyboard_only_search(live_server, page, catalogue):
    page.goto(f"{live_server.url}/contoh/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent").strip() == "Langsung ke konten"
    page.keyboard.press("Enter")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    page.keyboard.type("akta lahir")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cari/?q=akta+lahir")


def test_english_switch_keeps_the_page(live_server, page, axe, catalogue):
    page.goto(f"{live_server.url}/contoh/layanan/dukcapil/ktp-hilang/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/contoh/layanan/dukcapil/ktp-hilang/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="1. Requirements").is_visible()
    assert_accessible(axe, page)


def test_print_layout_hides_navigation(live_server, page, catalogue):
    page.goto(f"{live_server.url}/contoh/layanan/dukcapil/ktp-hilang/")
    page.emulate_media(media="print")
    assert not page.locator(".main-nav").is_visible()
    assert not page.locator(".print-button").is_visible()
    assert page.get_by_role("heading", level=1).is_visible()
