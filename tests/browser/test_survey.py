"""The satisfaction survey end to end in Chromium: a visitor is served, opens the survey
from the ticket's QR link on a phone, answers, and the agency's IKM page counts it."""

from mpp.queueing import kiosks
from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_hall import login_cookie, new_page


def test_a_served_visitor_rates_the_service_and_the_agency_sees_it(
    live_server, browser, axe, hall, nine, transactional_db
):
    world = hall.world
    visit = issue_ticket(site=world.site, services=[world.service_a], phone="081234567890")
    session = hall.session(hall.counter_a1)
    request = desk.call_next(session=session)
    desk.finish_service(session=session, request_id=request.pk, outcome="completed")

    phone_context, phone = new_page(browser, viewport={"width": 390, "height": 844}, has_touch=True)
    phone.goto(f"{live_server.url}/tiket/{visit.token}/")  # where the ticket's QR code leads
    assert phone.get_by_role("heading", name="Bagaimana pelayanannya?").is_visible()
    assert_accessible(axe, phone)
    phone.get_by_role("link", name=f"Nilai: {world.service_a.name}").click()
    questions = phone.locator(".skm-question")
    assert questions.count() == 9
    picks = ["Sesuai", "Sangat mudah", "Cepat", "Gratis", "Sangat sesuai", "Kompeten", "Sangat sopan dan ramah",
             "Baik", "Dikelola dengan baik"]  # fmt: skip
    for index, label in enumerate(picks):
        questions.nth(index).get_by_label(label, exact=True).check()
    phone.get_by_label("Umur (tahun)").fill("63")
    phone.get_by_label("Perempuan").check()
    assert_accessible(axe, phone)
    screenshot(phone, "survey-phone")
    phone.get_by_role("button", name="Kirim jawaban saya").click()
    assert phone.get_by_role("heading", name="Terima kasih").is_visible()
    assert_accessible(axe, phone)

    expected = round((3 + 4 + 3 + 4 + 4 + 3 + 4 + 3 + 4) / 9 * 25, 2)  # 90.28, mutu A
    staff_context, staff = new_page(browser, viewport={"width": 1366, "height": 900})
    staff_context.add_cookies([login_cookie(live_server, world.admin_a)])
    staff.goto(f"{live_server.url}/skm/?agency={world.agency_a.slug}&periode=2026-11")
    head = staff.locator(".ikm-head").inner_text()
    assert f"{expected:.2f}".replace(".", ",") in head
    assert "1 responden" in head
    assert "Mutu A" in head
    screenshot(staff, "ikm-report")

    # The exit kiosk for the next visitor: large targets, and accessible too.
    kiosk_context, kiosk = new_page(browser, viewport={"width": 1080, "height": 1920}, has_touch=True)
    kiosk_context.add_cookies(
        [{"name": kiosks.COOKIE, "value": kiosks.enrolment_value(world.site.pk), "url": live_server.url}]
    )
    kiosk.goto(f"{live_server.url}/{world.site.slug}/anjungan/survei/")
    assert_accessible(axe, kiosk)
    for context in (phone_context, staff_context, kiosk_context):
        context.close()
