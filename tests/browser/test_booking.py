"""Booking end to end in Chromium: book in the portal on a phone, confirm with the code
that was sent, check in at the kiosk, and be called at the counter."""

import re

from mpp.booking.models import Booking, BookingPolicy, OnlineOffer
from mpp.notify.models import Message
from mpp.queueing import kiosks
from tests.booking.conftest import nik
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_hall import login_cookie, new_page


def test_book_confirm_check_in_and_be_called(live_server, browser, axe, hall, transactional_db):
    # Monday 30 November, 09:00 in the hall: the 09.30 slot is bookable and its check-in open.
    site = hall.world.site
    BookingPolicy.objects.create(site=site)
    OnlineOffer.objects.create(offer=hall.offer_a, slot_quota=4)

    phone_context, phone = new_page(browser, viewport={"width": 390, "height": 844}, has_touch=True)
    phone.goto(f"{live_server.url}/{site.slug}/")
    phone.get_by_role("link", name="Booking jadwal secara daring").click()
    assert_accessible(axe, phone)
    phone.get_by_role("link", name=hall.world.service_a.name).click()
    phone.get_by_label(re.compile(r"09\.30 \(sisa")).check()
    phone.get_by_label("NIK (16 digit, seperti di KTP atau KK)").fill(nik(7))
    phone.get_by_label("Nama").fill("Siti Aminah")
    phone.get_by_label("Nomor telepon (kode dikirim lewat SMS)").fill("0812 3456 7890")
    assert_accessible(axe, phone)
    screenshot(phone, "booking-form-phone")
    phone.get_by_role("button", name="Booking dan kirimkan kode").click()

    assert phone.get_by_role("heading", name="Konfirmasi booking Anda").is_visible()
    message = Message.objects.get(kind="booking.code")
    assert message.address == "+6281234567890"
    otp = re.search(r"\b(\d{6})\b", message.body).group(1)
    phone.get_by_label("Kode konfirmasi").fill(otp)
    phone.get_by_role("button", name="Konfirmasi").click()
    assert phone.get_by_role("heading", name="Booking terkonfirmasi").is_visible()
    code = phone.locator(".status-big").inner_text()
    booking = Booking.objects.get(code=code)
    assert booking.status == "confirmed"
    assert phone.locator(".booking-qr svg").is_visible()
    assert_accessible(axe, phone)
    screenshot(phone, "booking-confirmed-phone")

    kiosk_context, kiosk = new_page(browser, viewport={"width": 1080, "height": 1920}, has_touch=True)
    kiosk_context.add_cookies(
        [{"name": kiosks.COOKIE, "value": kiosks.enrolment_value(site.pk), "url": live_server.url}]
    )
    kiosk.goto(f"{live_server.url}/{site.slug}/anjungan/")
    kiosk.get_by_role("link", name="Saya punya booking: check-in").click()
    kiosk.get_by_label("Kode booking (ketik atau pindai kode QR)").fill(code.lower())
    assert_accessible(axe, kiosk)
    screenshot(kiosk, "kiosk-booking-check-in")
    kiosk.get_by_role("button", name="Check-in").click()
    number = kiosk.locator("#ticket-number").inner_text()
    assert number == "A001"
    assert_accessible(axe, kiosk)

    console_context, console = new_page(browser, viewport={"width": 1366, "height": 768})
    console_context.add_cookies([login_cookie(live_server, hall.world.officer_a)])
    console.goto(f"{live_server.url}/konsol/")
    console.get_by_role("button", name="Loket 1").click()
    console.get_by_role("button", name="Panggil berikutnya").click()
    console.wait_for_selector(".console-code")
    assert console.locator(".console-code").inner_text().startswith("A001")
    booking.refresh_from_db()
    assert booking.status == "checked_in"
    assert booking.visit.requests.get().status == "called"
    for context in (phone_context, kiosk_context, console_context):
        context.close()
