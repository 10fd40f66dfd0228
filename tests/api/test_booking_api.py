import datetime as dt

import pytest

from mpp.api.services import issue_token
from mpp.booking.models import Booking
from mpp.privacy.models import AccessLog
from mpp.queueing.models import Visit
from tests.api.test_queue_api import call
from tests.booking.conftest import TUESDAY_9, last_code, nik

SLOT = TUESDAY_9.isoformat()


@pytest.fixture
def front_desk_token(booking_hall):
    return issue_token(user=booking_hall.world.front_desk, name="meja")[1]


def book(client, hall, n=1, **overrides):
    body = {
        "offer_id": hall.offer_a.pk,
        "slot_start": SLOT,
        "nik": nik(n),
        "name": "Siti Aminah",
        "phone": "081234567890",
        **overrides,
    }
    return call(client, "post", "/sites/contoh/bookings", body=body)


def test_book_confirm_look_up_and_check_in_through_the_api(client, booking_hall, front_desk_token, clock_at):
    services = call(client, "get", "/sites/contoh/booking/services").json()
    assert [s["offer_id"] for s in services] == [booking_hall.offer_a.pk, booking_hall.offer_b.pk]
    days = call(
        client, "get", f"/sites/contoh/booking/services/{booking_hall.offer_a.pk}/days?date=2026-12-01"
    )
    [day] = days.json()
    assert day["date"] == "2026-12-01"
    assert {
        "start": "2026-12-01T02:00:00Z",
        "end": "2026-12-01T02:30:00Z",
        "capacity": 3,
        "available": 3,
    } in day["slots"]
    response = book(client, booking_hall)
    assert response.status_code == 201, response.content
    booking = response.json()
    assert booking["status"] == "pending"
    assert booking["confirm_by"]
    code = booking["code"]
    confirmed = call(client, "post", f"/bookings/{code}/confirm", body={"otp": last_code()})
    assert confirmed.json()["status"] == "confirmed"
    mine = call(client, "post", f"/bookings/{code}/lookup", body={"nik_tail": nik(1)[-4:]})
    assert mine.json()["slot_start"] == "2026-12-01T02:00:00Z"
    listed = call(client, "get", "/sites/contoh/bookings?date=2026-12-01", front_desk_token).json()
    assert [(b["code"], b["nik"], b["phone"]) for b in listed] == [
        (code, "6203********0001", "6281******890")
    ]
    clock_at(TUESDAY_9 - dt.timedelta(minutes=10))
    ticket = call(client, "post", f"/sites/contoh/bookings/{code}/check-in", front_desk_token)
    assert ticket.status_code == 201, ticket.content
    again = call(client, "post", f"/sites/contoh/bookings/{code}/check-in", front_desk_token)
    assert again.json()["token"] == ticket.json()["token"]
    assert Visit.objects.count() == 1


def test_refusals_have_the_shared_error_shape(client, booking_hall):
    invalid = book(client, booking_hall, nik="6203010101900000")
    assert invalid.status_code == 422
    assert invalid.json()["errors"][0]["field"] == "nik"
    code = book(client, booking_hall).json()["code"]
    twice = book(client, booking_hall)
    assert twice.status_code == 409
    assert twice.json()["errors"][0]["code"] == "duplicate"
    wrong = call(client, "post", f"/bookings/{code}/confirm", body={"otp": "12345x"})
    assert wrong.status_code == 422
    off_grid = book(client, booking_hall, 2, slot_start="2026-12-01T02:07:00Z")
    assert off_grid.json()["errors"][0]["code"] == "bad_slot"
    unknown = call(client, "post", "/bookings/ZZZZZZZZ/lookup", body={"nik_tail": "0001"})
    assert unknown.status_code == 404
    extra = book(client, booking_hall, 3, admin=True)
    assert extra.status_code == 422
    naive = book(client, booking_hall, 4, slot_start="2026-12-01T09:00:00")
    assert naive.status_code == 422
    assert naive.json()["errors"][0]["field"] == "slot_start"
    assert Booking.objects.count() == 1
    call(client, "post", f"/bookings/{code}/confirm", body={"otp": last_code()})
    moved = call(
        client,
        "post",
        f"/bookings/{code}/move",
        body={"nik_tail": nik(1)[-4:], "slot_start": "2026-12-01T10:00:00"},
    )
    assert moved.status_code == 422
    assert Booking.objects.get(code=code).slot_start == TUESDAY_9


def test_reading_the_days_bookings_is_in_the_access_audit(client, booking_hall, front_desk_token):
    assert call(client, "get", "/sites/contoh/bookings?date=2026-12-01", front_desk_token).json() == []
    assert not AccessLog.objects.exists()  # nothing was shown
    book(client, booking_hall)
    for _ in range(2):  # a refreshing screen is one reading
        [row] = call(client, "get", "/sites/contoh/bookings?date=2026-12-01", front_desk_token).json()
    assert row["name"] == "Siti Aminah"
    [log] = AccessLog.objects.all()
    assert (log.user, log.subject) == (booking_hall.world.front_desk, "booking.day:contoh:2026-12-01")


def test_another_sites_offer_and_staff_are_refused(client, booking_hall, world):
    other = issue_token(user=world.other_manager, name="lain")[1]
    assert call(client, "get", "/sites/contoh/bookings", other).status_code == 404
    wrong_site = call(
        client,
        "post",
        "/sites/lain/bookings",
        body={
            "offer_id": booking_hall.offer_a.pk,
            "slot_start": SLOT,
            "nik": nik(1),
            "name": "Siti",
            "phone": "0812345678",
        },
    )
    assert wrong_site.status_code == 404
    assert call(client, "post", "/sites/contoh/bookings/ABCDEFGH/check-in").status_code == 401


def test_cancel_and_move_need_the_nik_digits(client, booking_hall):
    code = book(client, booking_hall).json()["code"]
    call(client, "post", f"/bookings/{code}/confirm", body={"otp": last_code()})
    assert call(client, "post", f"/bookings/{code}/cancel", body={"nik_tail": "9999"}).status_code == 404
    later = (TUESDAY_9 + dt.timedelta(hours=1)).isoformat()
    moved = call(
        client, "post", f"/bookings/{code}/move", body={"nik_tail": nik(1)[-4:], "slot_start": later}
    )
    assert moved.json()["slot_start"] == "2026-12-01T03:00:00Z"
    cancelled = call(client, "post", f"/bookings/{code}/cancel", body={"nik_tail": nik(1)[-4:]})
    assert cancelled.json()["status"] == "cancelled"
