import datetime as dt
import re

import pytest

from mpp.booking.models import Booking, OnlineOffer
from mpp.queueing import kiosks
from mpp.queueing.models import Visit
from tests.booking.conftest import TUESDAY_9, last_code, nik

BOOK = "/contoh/booking/{offer}/"


def form(n=1, slot=TUESDAY_9, **overrides):
    return {
        "tanggal": "2026-12-01",
        "slot": slot.isoformat() if isinstance(slot, dt.datetime) else slot,
        "nik": nik(n),
        "name": "Siti Aminah",
        "phone": "081234567890",
        "language": "id",
        **overrides,
    }


def post_booking(client, hall, **overrides):
    return client.post(BOOK.format(offer=hall.offer_a.pk), form(**overrides))


def confirmed_code(client, hall, n=1, slot=TUESDAY_9):
    response = post_booking(client, hall, n=n, slot=slot)
    code = response["Location"].rstrip("/").rsplit("/", 1)[1]
    client.post(f"/booking/{code}/", {"otp": last_code()})
    return code


def test_the_link_of_a_booking_that_is_over_says_so_without_a_form(client, booking_hall):
    code = confirmed_code(client, booking_hall)
    Booking.objects.filter(code=code).update(status="cancelled")
    html = client.get(f"/booking/{code}/").content.decode()
    assert f"Booking {code} berstatus dibatalkan" in html
    assert 'name="otp"' not in html
    client.post(f"/booking/{code}/", {"otp": "123456"})
    assert Booking.objects.get(code=code).status == "cancelled"


def test_the_service_list_shows_only_bookable_services(client, booking_hall):
    OnlineOffer.objects.create(offer=booking_hall.offer_b, is_enabled=False)
    page = client.get("/contoh/booking/").content.decode()
    assert booking_hall.world.service_a.name in page
    assert booking_hall.world.service_b.name not in page
    assert client.get(BOOK.format(offer=booking_hall.offer_b.pk)).status_code == 404


def test_the_day_page_shows_places_left_and_odd_dates_fall_back(client, booking_hall):
    page = client.get(BOOK.format(offer=booking_hall.offer_a.pk) + "?tanggal=2026-12-01").content.decode()
    assert "Selasa, 1 Desember 2026" in page
    assert "09.00 (sisa 3)" in page
    for odd in ("2026-12-25", "bukan-tanggal", "9999-99-99", "2026-12-01\x00"):
        assert client.get(BOOK.format(offer=booking_hall.offer_a.pk), {"tanggal": odd}).status_code in (
            200,
            400,
        )


def test_booking_and_confirming_through_the_pages(client, booking_hall):
    response = post_booking(client, booking_hall)
    assert response.status_code == 302
    code = response["Location"].rstrip("/").rsplit("/", 1)[1]
    wrong = client.post(f"/booking/{code}/", {"otp": "000000" if last_code() != "000000" else "111111"})
    assert wrong.status_code == 409
    assert "Kode konfirmasi tidak benar." in wrong.content.decode()
    page = client.post(f"/booking/{code}/", {"otp": last_code()}).content.decode()
    assert "Booking terkonfirmasi" in page
    assert code in page
    assert "<svg" in page
    assert Booking.objects.get(code=code).status == "confirmed"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"nik": "1234"}, "NIK"),
        ({"slot": "2026-12-01T02:07:00+00:00"}, "Waktu ini bukan jadwal layanan ini."),
        ({"slot": "bukan-waktu"}, "Waktu ini bukan jadwal layanan ini."),
        ({"name": "x" * 200}, "200"),
        ({"phone": "", "email": ""}, "nomor telepon atau alamat surel"),
    ],
)
def test_bad_input_is_shown_on_the_form_and_books_nothing(client, booking_hall, overrides, message):
    response = post_booking(client, booking_hall, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Booking.objects.exists()


def test_a_full_slot_is_refused_with_a_clear_message(client, booking_hall):
    for n in range(1, 4):
        assert post_booking(client, booking_hall, n=n).status_code == 302
    response = post_booking(client, booking_hall, n=4)
    assert response.status_code == 409
    assert "Slot ini sudah penuh. Silakan pilih waktu lain." in response.content.decode()


def test_manage_moves_to_another_day_and_cancels(client, booking_hall):
    code = confirmed_code(client, booking_hall)
    owner = {"code": code, "nik_tail": nik(1)[-4:]}
    wrong = client.post("/booking/ubah/", {**owner, "nik_tail": "9999"})
    assert wrong.status_code == 409
    found = client.post("/booking/ubah/", {**owner, "tanggal": "2026-12-02"}).content.decode()
    assert "Rabu, 2 Desember 2026" in found, found[found.index("<main") :]
    wednesday = dt.datetime(2026, 12, 2, 3, 0, tzinfo=dt.UTC)
    client.post("/booking/ubah/", {**owner, "action": "move", "slot": wednesday.isoformat()})
    assert Booking.objects.get(code=code).slot_start == wednesday
    bad = client.post("/booking/ubah/", {**owner, "action": "move", "slot": "2026-12-02T03:00:00\x00"})
    assert bad.status_code in (400, 409)
    client.post("/booking/ubah/", {**owner, "action": "cancel"})
    assert Booking.objects.get(code=code).status == "cancelled"


def test_kiosk_check_in_needs_an_enrolled_kiosk_and_the_window(client, booking_hall, clock_at):
    code = confirmed_code(client, booking_hall)
    assert client.post("/contoh/anjungan/booking/", {"code": code}).status_code == 403
    client.cookies[kiosks.COOKIE] = kiosks.enrolment_value(booking_hall.world.site.pk)
    early = client.post("/contoh/anjungan/booking/", {"code": code})
    assert early.status_code == 409
    assert "Check-in dibuka pukul 08.30" in early.content.decode()
    clock_at(TUESDAY_9 - dt.timedelta(minutes=5))
    response = client.post("/contoh/anjungan/booking/", {"code": code.lower()})
    assert response.status_code == 302
    assert "?cetak=1" in response["Location"]
    assert client.post("/contoh/anjungan/booking/", {"code": code})["Location"] == response["Location"]
    assert Visit.objects.count() == 1


def test_front_desk_check_in(client, booking_hall, clock_at):
    code = confirmed_code(client, booking_hall)
    clock_at(TUESDAY_9)
    client.force_login(booking_hall.world.front_desk)
    response = client.post("/contoh/meja-depan/booking/", {"code": code})
    assert response.status_code == 302
    assert Visit.objects.get().channel == "front_desk"
    refused = client.post("/contoh/meja-depan/booking/", {"code": "AAAAAAAA"}, follow=True)
    assert "Tidak ada booking dengan kode ini di sini." in refused.content.decode()
    malformed = client.post("/contoh/meja-depan/booking/", {"code": ""}, follow=True)
    said = re.search(r'<li class="message error">([^<]*)</li>', malformed.content.decode())
    assert said is not None
    assert said.group(1).strip()  # a malformed code is answered in words
    assert Visit.objects.count() == 1
    client.force_login(booking_hall.world.officer_a)
    assert client.post("/contoh/meja-depan/booking/", {"code": code}).status_code == 404
