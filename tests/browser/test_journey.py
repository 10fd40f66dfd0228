"""The lost-KTP journey end to end in Chromium: one number, two agencies, an application."""

import re

from mpp.cases.models import Application
from mpp.journeys.models import Journey
from mpp.queueing import kiosks
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_hall import login_cookie, new_page
from tests.halls import make_lost_ktp_journey


def open_counter(browser, live_server, user, counter_label):
    context, page = new_page(browser, viewport={"width": 1366, "height": 900})
    context.add_cookies([login_cookie(live_server, user)])
    page.goto(f"{live_server.url}/konsol/")
    page.get_by_role("button", name=counter_label).click()
    return context, page


def test_lost_ktp_journey_from_kiosk_to_tracking_page(live_server, browser, axe, hall, transactional_db):
    make_lost_ktp_journey(hall)
    site = hall.world.site

    kiosk_context, kiosk = new_page(browser, viewport={"width": 1080, "height": 1920}, has_touch=True)
    kiosk_context.add_cookies(
        [{"name": kiosks.COOKIE, "value": kiosks.enrolment_value(site.pk), "url": live_server.url}]
    )
    kiosk.goto(f"{live_server.url}/{site.slug}/anjungan/")
    kiosk.get_by_role("link", name=re.compile("Kehilangan KTP-el")).click()
    assert kiosk.get_by_role("heading", name="Yang perlu dibawa, sekali untuk seluruh kunjungan").is_visible()
    assert_accessible(axe, kiosk)
    screenshot(kiosk, "kiosk-journey")
    kiosk.get_by_role("button", name="Ambil satu nomor untuk semua langkah").click()
    assert kiosk.locator("#ticket-number").inner_text() == "B001"

    # Polres (SPKT): the loss report, and the facts for Disdukcapil.
    police_context, police = open_counter(browser, live_server, hall.world.officer_b, "Loket 5")
    police.get_by_role("button", name="Panggil berikutnya").click()
    police.wait_for_selector(".console-code")
    police.get_by_label("Nomor SKTLK *").fill("SKTLK/123/XI/2026/SPKT")
    police.get_by_label("Tanggal SKTLK *").fill("2026-11-30")
    police.get_by_label("Catatan penyidik").fill("Hanya untuk kepolisian")
    police.get_by_role("button", name="Simpan untuk instansi berikutnya").click()
    police.wait_for_selector("text=Masih diperlukan sebelum selesai", state="detached")
    police.get_by_role("button", name="Selesai", exact=True).click()
    police.wait_for_selector("text=Tidak ada pengunjung di loket.")

    # Disdukcapil: the same number comes up, with the police facts and nothing else.
    dukcapil_context, dukcapil = open_counter(browser, live_server, hall.world.officer_a, "Loket 1")
    dukcapil.get_by_role("button", name="Panggil berikutnya").click()
    dukcapil.wait_for_selector(".console-code")
    assert dukcapil.locator(".console-code").inner_text().startswith("B001")
    handoff = dukcapil.locator(".handoff").inner_text()
    assert "SKTLK/123/XI/2026/SPKT" in handoff
    assert "Hanya untuk kepolisian" not in dukcapil.content()
    screenshot(dukcapil, "console-journey")
    with dukcapil_context.expect_page() as receipt_info:
        dukcapil.get_by_role("button", name="Buka permohonan dan cetak tanda terima").click()
    receipt = receipt_info.value
    receipt.wait_for_load_state()
    number = receipt.locator(".receipt-number").inner_text()
    pin = re.search(r"PIN: (\d{6})", receipt.locator(".ticket").inner_text()).group(1)
    application = Application.objects.get(tracking_number=number)
    assert application.due_date.isoformat() == "2026-12-03"  # Monday + 3 working days
    dukcapil.get_by_role("button", name="Selesai", exact=True).click()
    dukcapil.wait_for_selector("text=Tidak ada pengunjung di loket.")

    # The ticket's QR status page: only that an application was opened, and where to follow it.
    visit = Journey.objects.get().visit
    status_context, status_page = new_page(browser, viewport={"width": 390, "height": 844})
    status_page.goto(f"{live_server.url}/tiket/{visit.token}/")
    shown = status_page.locator(".applications-status").inner_text()
    assert number not in status_page.content()
    assert "3 Desember 2026" not in shown
    status_page.locator(".applications-status a").click()
    status_page.wait_for_url(f"{live_server.url}/lacak/")
    status_context.close()

    # The citizen follows the file at home.
    public_context, public = new_page(browser, viewport={"width": 390, "height": 844})
    public.goto(f"{live_server.url}/lacak/")
    assert_accessible(axe, public)
    public.get_by_label("Nomor pelacakan").fill(number)
    public.get_by_label("PIN dari tanda terima, atau 4 digit terakhir nomor telepon Anda").fill(pin)
    public.get_by_role("button", name="Tampilkan").click()
    status = public.locator(".status").inner_text()
    assert "Diterima" in status
    assert "3 Desember 2026" in status
    assert_accessible(axe, public)
    screenshot(public, "tracking-phone")
    for context in (kiosk_context, police_context, dukcapil_context, public_context):
        context.close()
