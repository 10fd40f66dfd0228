"""The portal's complaint form and tracking page, the kiosk, and the desk's entry page."""

import re

import pytest

from mpp.complaints.models import Complaint
from mpp.complaints.services import handling
from mpp.queueing import extensions, kiosks
from tests.complaints.conftest import nik

FORM = {
    "classification": "complaint",
    "subject": "Antrean KTP-el lama",
    "description": "Saya menunggu tiga jam di loket Dukcapil dan tidak dipanggil.",
    "agency": "",
    "service": "",
    "incident_date": "2026-11-27",
    "incident_place": "Loket 2",
    "name": "Siti Aminah",
    "nik": "6203 0101 0190 0007",
    "phone": "0812-3456-7890",
    "email": "",
    "submit_key": "token-dari-formulir-123",
}


def receipt(response):
    html = response.content.decode()
    number = re.search(r'id="tracking-id">([^<]+)<', html).group(1)
    pin = re.search(r'id="tracking-pin">(\d{6})<', html)
    return number, pin.group(1) if pin else None


def test_the_portal_form_files_a_complaint_and_shows_the_pin_once(client, world, clock_at):
    page = client.get("/contoh/pengaduan/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="submit_key"' in html
    assert world.agency_b.name in html
    response = client.post("/contoh/pengaduan/", {**FORM, "service": world.service_a.pk})
    assert response.status_code == 200
    number, pin = receipt(response)
    complaint = Complaint.objects.get()
    assert (complaint.tracking_id, complaint.channel, complaint.reported_agency) == (
        number,
        "portal",
        world.agency_a,
    )
    assert complaint.nik == nik(7)
    assert complaint.language == "id"
    assert pin is not None
    # A reload (the same form again) shows the complaint without a new PIN or a second file.
    again = client.post("/contoh/pengaduan/", {**FORM, "service": world.service_a.pk})
    assert receipt(again) == (number, None)
    assert Complaint.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"subject": "KTP"}, "subject"),
        ({"nik": "6203010101900000"}, "nik"),
        ({"phone": "+1 555 0100"}, "phone"),
        ({"email": "bukan email"}, "email"),
        ({"incident_date": "2026-12-24"}, "incident_date"),
        ({"incident_date": "31-12-2026"}, "incident_date"),
        ({"classification": "keluhan"}, "classification"),
        ({"agency": "99999999999999999999"}, "agency"),
        ({"service": "abc"}, "service"),
        ({"is_anonymous": "on"}, "is_anonymous"),
    ],
)
def test_bad_input_is_shown_on_the_form_and_files_nothing(client, world, clock_at, change, field):
    response = client.post("/contoh/pengaduan/", {**FORM, **change})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'class="errorlist' in response.content.decode()
    assert Complaint.objects.count() == 0


def test_an_agency_of_another_site_cannot_be_chosen(client, world, clock_at):
    from tests import factories

    elsewhere = factories.AgencyFactory(sites=[world.other_site])
    response = client.post("/contoh/pengaduan/", {**FORM, "agency": elsewhere.pk})
    assert response.context["form"].errors["agency"]
    assert client.get("/tidak-ada/pengaduan/").status_code == 404


def test_choosing_the_site(client, world, settings):
    response = client.get("/pengaduan/")
    assert response.status_code == 200
    assert "/contoh/pengaduan/" in response.content.decode()
    settings.MPP_DEFAULT_SITE = "contoh"
    assert client.get("/pengaduan/").url == "/contoh/pengaduan/"


def test_tracking_shows_the_timeline_and_public_texts_only(client, world, filed):
    complaint, pin = filed
    handling.forward_complaint(
        user=world.manager, complaint=complaint, agency=world.agency_a, note="Periksa petugas loket 2 (Andi)"
    )
    handling.add_note(user=world.officer_a, complaint=complaint, text="Catatan internal CCTV")
    handling.answer_complaint(user=world.officer_a, complaint=complaint, text="Loket 2 kini dua petugas.")
    for secret in (pin, "7890"):
        response = client.post(
            "/pengaduan/lacak/", {"tracking_id": complaint.tracking_id.lower(), "secret": secret}
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "Loket 2 kini dua petugas." in html
        assert world.agency_a.name in html
        for hidden in ("Andi", "Catatan internal", "Siti", nik(7), "6281234567890", world.officer_a.username):
            assert hidden not in html
    # With the ID in the address (the receipt's QR code), the field is filled in.
    assert (
        complaint.tracking_id in client.get(f"/pengaduan/lacak/?id={complaint.tracking_id}").content.decode()
    )


def test_the_complainant_replies_on_the_tracking_page(client, world, filed):
    complaint, pin = filed
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    handling.answer_complaint(user=world.officer_a, complaint=complaint, text="Sudah.")
    response = client.post(
        "/pengaduan/lacak/", {"tracking_id": complaint.tracking_id, "secret": pin, "text": "Belum selesai."}
    )
    assert response.status_code == 200
    assert "Belum selesai." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == "forwarded"
    wrong = client.post(
        "/pengaduan/lacak/", {"tracking_id": complaint.tracking_id, "secret": "000000", "text": "Palsu"}
    )
    assert wrong.status_code == 404
    assert complaint.entries.filter(kind="citizen").count() == 1


@pytest.mark.parametrize("secret", ["1234", "000000", "abcd", "78901"])
def test_a_wrong_secret_reveals_nothing(client, world, filed, secret):
    complaint, _pin = filed
    response = client.post("/pengaduan/lacak/", {"tracking_id": complaint.tracking_id, "secret": secret})
    assert response.status_code in {200, 404}
    assert complaint.subject not in response.content.decode()


def test_guessing_is_limited_even_for_the_right_answer(client, world, filed):
    complaint, pin = filed
    for guess in range(5):
        response = client.post(
            "/pengaduan/lacak/", {"tracking_id": complaint.tracking_id, "secret": f"{guess:06d}"}
        )
        assert response.status_code == 404
    response = client.post("/pengaduan/lacak/", {"tracking_id": complaint.tracking_id, "secret": pin})
    assert response.status_code == 429
    assert complaint.subject not in response.content.decode()


def test_the_kiosk_form_is_for_enrolled_kiosks_and_prints_the_receipt(client, world, clock_at):
    assert client.get("/contoh/anjungan/pengaduan/").status_code == 403
    assert client.post("/contoh/anjungan/pengaduan/", FORM).status_code == 403
    client.cookies[kiosks.COOKIE] = kiosks.enrolment_value(world.other_site.pk)
    assert client.get("/contoh/anjungan/pengaduan/").status_code == 403
    client.cookies[kiosks.COOKIE] = kiosks.enrolment_value(world.site.pk)
    assert client.get("/contoh/anjungan/pengaduan/").status_code == 200
    response = client.post("/contoh/anjungan/pengaduan/", FORM)
    html = response.content.decode()
    number, pin = receipt(response)
    assert pin
    assert 'data-autoprint="1"' in html
    assert "<svg" in html
    assert Complaint.objects.get(tracking_id=number).channel == "kiosk"


def test_the_kiosk_and_the_front_desk_link_to_complaints(client, world, clock_at, settings):
    settings.MPP_HALL_EXTENSIONS = [*settings.MPP_HALL_EXTENSIONS, "mpp.complaints.hall.ComplaintExtension"]
    extensions._extensions.cache_clear()
    try:
        client.cookies[kiosks.COOKIE] = kiosks.enrolment_value(world.site.pk)
        assert "/contoh/anjungan/pengaduan/" in client.get("/contoh/anjungan/").content.decode()
        client.force_login(world.front_desk)
        assert "/contoh/meja-depan/pengaduan/" in client.get("/contoh/meja-depan/").content.decode()
    finally:
        extensions._extensions.cache_clear()


def test_the_desk_enters_a_complaint_for_a_visitor(client, world, clock_at):
    url = "/contoh/meja-depan/pengaduan/"
    assert client.get(url).status_code == 302  # log in first
    for outsider in (world.officer_a, world.admin_a, world.auditor, world.other_manager):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    for staff in (world.front_desk, world.manager):
        client.force_login(staff)
        response = client.post(url, {**FORM, "submit_key": f"desk-{staff.pk}-0123456789"})
        number, pin = receipt(response)
        complaint = Complaint.objects.get(tracking_id=number)
        assert (complaint.channel, complaint.created_by, pin is not None) == ("desk", staff, True)
