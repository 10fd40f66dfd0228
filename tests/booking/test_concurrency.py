"""Two hundred people press "book" for the same slot at the same moment.

Through the portal's own view, on the suite's database (SQLite or PostgreSQL): the slot
takes exactly its quota, everybody else gets a clear refusal, nobody an error page. The
control switches the lock off and shows the overbooking it prevents.
"""

import contextlib
import time

import pytest
from django.test.client import ClientHandler, RequestFactory
from django.urls import reverse

from mpp.booking import selectors, services
from mpp.booking.models import Booking, BookingPolicy, OnlineOffer
from tests.booking.conftest import TUESDAY_9, nik
from tests.halls import make_hall
from tests.threads import run_threads

PEOPLE = 200
QUOTA = 20
pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rush(world, clock_at):
    clock_at(TUESDAY_9.replace(day=28, month=11))  # Saturday 28 November, booking for Tuesday
    hall = make_hall(world)
    BookingPolicy.objects.create(site=world.site)
    OnlineOffer.objects.create(offer=hall.offer_a, slot_quota=QUOTA)
    return hall


def press_book_together(hall) -> tuple[list[int], list[bytes]]:
    url = reverse("booking:book", args=[hall.world.site.slug, hall.offer_a.pk])

    # Django's handler without the test client's per-request template instrumentation,
    # which copies every rendered context for every concurrent request.
    handler = ClientHandler(enforce_csrf_checks=False)

    def person(index):
        form = {
            "tanggal": "2026-12-01",
            "slot": TUESDAY_9.isoformat(),
            "nik": nik(index + 1),
            "name": f"Warga {index}",
            "phone": f"0812000{index:05d}",
            "language": "id",
        }
        response = handler(RequestFactory().post(url, form, REMOTE_ADDR=f"10.1.0.{index + 1}").environ)
        return response.status_code, response.content

    answers, errors = run_threads(PEOPLE, person, timeout=300)
    assert errors == []
    statuses = [status for status, _body in answers]
    bodies = [body for _status, body in answers]
    return statuses, bodies


def test_two_hundred_at_once_for_a_quota_of_twenty(rush):
    statuses, bodies = press_book_together(rush)
    assert len(statuses) == PEOPLE
    assert statuses.count(302) == QUOTA  # booked: on to the confirmation page
    assert statuses.count(409) == PEOPLE - QUOTA  # refused, and told why
    refused = [body for status, body in zip(statuses, bodies, strict=True) if status == 409]
    assert all(b"Slot ini sudah penuh" in body for body in refused), [
        b[b.find(b'role="alert"') :][:200] for b in refused[:3]
    ]
    assert Booking.objects.filter(offer=rush.offer_a, slot_start=TUESDAY_9).count() == QUOTA
    [slot] = [
        s
        for s in selectors.slots(rush.offer_a, TUESDAY_9.date(), TUESDAY_9.replace(day=28, month=11))
        if s.start == TUESDAY_9
    ]
    assert slot.available == 0


def test_control_without_the_lock_the_slot_is_overbooked(rush, monkeypatch):
    """Switch the protection off: no transaction, no lock, and the gap between count and insert."""
    capacity = selectors.slot_capacity

    def slow_capacity(offer):
        time.sleep(0.01)  # called between counting the slot and inserting the booking
        return capacity(offer)

    monkeypatch.setattr(services, "write_transaction", contextlib.nullcontext)
    monkeypatch.setattr(services, "_lock_offer", lambda offer: None)
    monkeypatch.setattr(selectors, "slot_capacity", slow_capacity)
    statuses, _bodies = press_book_together(rush)
    assert Booking.objects.filter(offer=rush.offer_a, slot_start=TUESDAY_9).count() > QUOTA, (
        "expected the race to let more bookings into the slot than its quota"
    )
    assert statuses.count(302) > QUOTA
