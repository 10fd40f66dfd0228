"""Complaints end to end in Chromium: file one on a phone, the agency answers, follow it
with the tracking ID and the PIN and reply; the same form by keyboard only, and at an
enrolled kiosk. Fields are found by their ids, so the test holds in either language."""

import re

import pytest

from mpp.complaints.models import Complaint
from mpp.complaints.services import handling
from mpp.queueing import kiosks
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_hall import login_cookie, new_page

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def complaint_world(transactional_db, world, clock_at):
    return world


def test_file_on_a_phone_then_track_and_reply(live_server, page, axe, complaint_world):
    world = complaint_world
    page.goto(f"{live_server.url}/contoh/pengaduan/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert_accessible(axe, page)
    assert page.locator("#id_classification_0").is_checked()
    page.locator("#id_subject").fill("Antrean KTP-el terlalu lama")
    page.locator("#id_description").fill(
        "Saya menunggu tiga jam di loket Dukcapil dan nomor saya tidak dipanggil."
    )
    page.locator("#id_agency").select_option(label=world.agency_a.name)
    page.locator("#id_incident_date").fill("2026-11-27")
    page.locator("#id_name").fill("Siti Aminah")
    page.locator("#id_phone").fill("0812 3456 7890")
    screenshot(page, "complaint-form-phone")
    page.locator("form.complaint-form button[type=submit]").click()

    page.wait_for_selector("#tracking-id")
    number = page.locator("#tracking-id").inner_text()
    pin = page.locator("#tracking-pin").inner_text()
    assert re.fullmatch(r"ADU-261130-[2-9A-HJ-NP-Z]{6}", number)
    assert re.fullmatch(r"\d{6}", pin)
    assert_accessible(axe, page)
    screenshot(page, "complaint-receipt-phone")
    complaint = Complaint.objects.get(tracking_id=number)
    assert (complaint.channel, complaint.reported_agency) == ("portal", world.agency_a)

    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    handling.answer_complaint(
        user=world.officer_a, complaint=complaint, text="Mulai Senin loket KTP-el dilayani dua petugas."
    )

    page.locator(f"a[href$='?id={number}']").click()
    assert page.locator("#id_tracking_id").input_value() == number
    page.locator("#id_secret").fill(pin)
    page.locator("#id_secret").press("Enter")
    page.wait_for_selector("ol.timeline")
    assert "Mulai Senin loket KTP-el dilayani dua petugas." in page.locator("ol.timeline").inner_text()
    assert "Siti" not in page.content()
    assert_accessible(axe, page)
    screenshot(page, "complaint-tracking-phone")

    page.locator("#id_text").fill("Terima kasih, tetapi hari ini masih satu petugas.")
    page.locator("form.track-form button[type=submit]").click()
    page.wait_for_selector("p.notice")
    assert "hari ini masih satu petugas" in page.locator("ol.timeline").inner_text()
    complaint.refresh_from_db()
    assert complaint.status == "forwarded"  # the reply reopened it for the agency
    assert_accessible(axe, page)


def test_the_form_works_by_keyboard_alone(live_server, page, complaint_world):
    page.goto(f"{live_server.url}/contoh/pengaduan/")
    typed = {
        "subject": "Loket tutup lebih awal",
        "description": "Loket Polres tutup pukul 13.00 padahal jadwalnya sampai 15.00.",
        "phone": "081298765432",
    }
    reached = []
    for _press in range(60):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.name || document.activeElement.tagName")
        reached.append(name)
        if name in typed:
            page.keyboard.type(typed.pop(name))
        if name == "BUTTON" and page.evaluate(
            "document.activeElement.closest('form.complaint-form') !== null"
        ):
            page.keyboard.press("Enter")
            break
    assert typed == {}, reached
    assert {"classification", "agency", "service", "incident_date", "is_anonymous", "is_confidential"} <= set(
        reached
    )
    page.wait_for_selector("#tracking-id")
    assert Complaint.objects.get().phone == "+6281298765432"


def test_a_kiosk_takes_a_complaint_and_prints_the_receipt(live_server, browser, axe, complaint_world):
    world = complaint_world
    context, kiosk = new_page(browser, viewport={"width": 1080, "height": 1920}, has_touch=True)
    context.add_cookies(
        [{"name": kiosks.COOKIE, "value": kiosks.enrolment_value(world.site.pk), "url": live_server.url}]
    )
    kiosk.goto(f"{live_server.url}/contoh/anjungan/pengaduan/")
    assert_accessible(axe, kiosk)
    target = kiosk.locator("label[for=id_classification_1]").bounding_box()
    assert target["height"] >= 60  # a touch target an elderly visitor can hit
    kiosk.locator("label[for=id_classification_1]").tap()
    kiosk.locator("#id_subject").fill("Tambah kursi tunggu")
    kiosk.locator("#id_description").fill("Kursi di ruang tunggu lantai 1 kurang pada jam sibuk pagi hari.")
    kiosk.locator("label[for=id_is_anonymous]").tap()
    screenshot(kiosk, "complaint-kiosk-form")
    kiosk.locator("form.complaint-form button[type=submit]").tap()
    kiosk.wait_for_selector("#tracking-id")
    assert kiosk.locator("#tracking-pin").inner_text().isdigit()
    assert kiosk.locator(".ticket-qr svg").is_visible()
    assert_accessible(axe, kiosk)
    screenshot(kiosk, "complaint-kiosk-receipt")
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.classification, complaint.is_anonymous) == (
        "kiosk",
        "aspiration",
        True,
    )
    context.close()


def test_the_desk_reads_the_complaint_in_the_back_office(live_server, browser, complaint_world):
    from tests.complaints.conftest import file

    world = complaint_world
    complaint, _pin = file(world, classification="whistleblowing", subject="Pungli di loket")
    context, desk = new_page(browser, viewport={"width": 1366, "height": 900})
    context.add_cookies([login_cookie(live_server, world.manager)])
    desk.goto(f"{live_server.url}/admin/complaints/complaint/{complaint.pk}/change/")
    assert "S*** A*****" in desk.locator("#complainant").inner_text()
    screenshot(desk, "complaint-admin-desk")
    context.close()
    context, agency = new_page(browser, viewport={"width": 1366, "height": 900})
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    context.add_cookies([login_cookie(live_server, world.officer_a)])
    agency.goto(f"{live_server.url}/admin/complaints/complaint/{complaint.pk}/change/")
    assert "Siti" not in agency.content()
    assert "S***" not in agency.content()
    screenshot(agency, "complaint-admin-agency")
    context.close()
