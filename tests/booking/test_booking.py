import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mpp.booking import selectors, services
from mpp.booking.models import Booking, OnlineOffer
from mpp.core import clock
from mpp.notify.models import Message
from mpp.queueing.models import Visit
from mpp.queueing.rules import Refusal
from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket
from mpp.tenancy.models import CalendarOverride
from tests.booking.conftest import TUESDAY_9, last_code, nik

D = dt.date


def book(hall, n=1, start=TUESDAY_9, **kwargs):
    params = {
        "offer": hall.offer_a,
        "slot_start": start,
        "nik": nik(n),
        "name": "Siti",
        "phone": "081234567890",
        "ip": "10.0.0.1",
    }
    return services.book(**{**params, **kwargs})


def confirmed(hall, n=1, start=TUESDAY_9):
    booking = book(hall, n, start)
    return services.confirm(code=booking.code, otp=last_code())


# Slots ------------------------------------------------------------------------------------


def test_slots_follow_hours_and_the_calendar(booking_hall):
    offer = booking_hall.offer_a
    tuesday = selectors.slot_starts(offer, D(2026, 12, 1))
    assert len(tuesday) == 14  # 08:00 to 15:00 in 30-minute slots
    assert tuesday[0][0] == dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)  # 08:00 WIB
    for closed in (D(2026, 12, 24), D(2026, 12, 25), D(2026, 12, 5), D(2026, 3, 20)):
        assert selectors.slot_starts(offer, closed) == [], closed  # cuti bersama, Natal, Saturday, Idul Fitri
    days = selectors.bookable_days(offer, TUESDAY_9)
    assert D(2026, 12, 5) not in days
    assert D(2026, 12, 24) not in days


def test_capacity_is_derived_from_counters_and_service_time(booking_hall):
    offer = booking_hall.offer_a
    OnlineOffer.objects.filter(offer=offer).update(slot_quota=None)
    from mpp.catalog import services as catalog

    draft = catalog.start_draft(service=offer.service)
    catalog.update_draft(standard=draft, completion_time=10, completion_unit="minutes")
    catalog.publish_standard(standard=draft, sk_number="SK 3", sk_date=D(2026, 2, 1))
    # 2 counters x 30 minutes / 10 minutes per visitor = 6, half kept for walk-ins = 3.
    assert selectors.slot_capacity(offer) == 3
    offer.daily_quota = 10
    offer.save()
    assert selectors.day_capacity(offer, 14) == 5  # half of the hall's daily quota


def test_slots_that_started_are_not_offered(booking_hall, clock_at):
    clock_at(TUESDAY_9)
    assert all(
        slot.start > TUESDAY_9 for slot in selectors.slots(booking_hall.offer_a, D(2026, 12, 1), TUESDAY_9)
    )


# Booking and confirming ---------------------------------------------------------------------------


def test_book_holds_a_place_and_sends_a_code(booking_hall):
    booking = book(booking_hall)
    assert booking.status == "pending"
    message = Message.objects.get(kind="booking.code")
    assert (message.channel, message.address) == ("sms", "+6281234567890")
    assert booking.code in message.body
    [slot] = [
        s
        for s in selectors.slots(booking_hall.offer_a, D(2026, 12, 1), booking.created_at)
        if s.start == TUESDAY_9
    ]
    assert (slot.taken, slot.available) == (1, 2)
    services.confirm(code=booking.code, otp=last_code())
    booking.refresh_from_db()
    assert booking.status == "confirmed"
    assert Message.objects.filter(kind="booking.confirmed").exists()


def test_a_number_nobody_controls_cannot_hold_a_slot(booking_hall, clock_at):
    booking = book(booking_hall)
    clock_at(dt.datetime(2026, 11, 30, 2, 16, tzinfo=dt.UTC))  # the 15 minutes to confirm have passed
    with pytest.raises(services.BookingRefused) as info:
        services.confirm(code=booking.code, otp=last_code())
    assert info.value.code == "expired"
    assert (
        selectors.slots(
            booking_hall.offer_a, D(2026, 12, 1), dt.datetime(2026, 11, 30, 2, 16, tzinfo=dt.UTC)
        )[2].taken
        == 0
    )


def test_wrong_codes_end_the_attempt(booking_hall):
    booking = book(booking_hall)
    for _ in range(services.OTP_ATTEMPTS):
        with pytest.raises(services.BookingRefused):
            services.confirm(code=booking.code, otp="000000" if last_code() != "000000" else "111111")
    with pytest.raises(services.BookingRefused) as info:
        services.confirm(code=booking.code, otp=last_code())
    assert info.value.code == "locked"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"nik": "6203010101900000"}, "nik"),
        ({"nik": "123"}, "nik"),
        ({"name": ""}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"phone": "", "email": ""}, "phone"),
        ({"phone": "12"}, "phone"),
        ({"phone": "", "email": "bukan-surel"}, "email"),
        ({"language": "fr"}, "language"),
    ],
)
def test_bad_input_is_refused_with_the_field(booking_hall, kwargs, field):
    with pytest.raises(ValidationError) as info:
        book(booking_hall, **kwargs)
    assert field in info.value.message_dict
    assert not Booking.objects.exists()


def test_slot_quota_refuses_the_next_booking(booking_hall):
    for n in range(3):
        book(booking_hall, n + 1)
    with pytest.raises(services.BookingRefused) as info:
        book(booking_hall, 4)
    assert info.value.code == "full"
    book(booking_hall, 4, start=TUESDAY_9 + dt.timedelta(minutes=30))  # the next slot has room


def test_one_active_booking_per_nik_service_and_day(booking_hall):
    book(booking_hall, 1)
    with pytest.raises(services.BookingRefused) as info:
        book(booking_hall, 1, start=TUESDAY_9 + dt.timedelta(hours=1))
    assert info.value.code == "duplicate"
    book(booking_hall, 1, start=TUESDAY_9 + dt.timedelta(days=1))  # another day is fine


def test_off_grid_times_and_closed_days_are_refused(booking_hall):
    for start in (
        TUESDAY_9 + dt.timedelta(minutes=7),
        dt.datetime(2026, 12, 24, 2, tzinfo=dt.UTC),
        dt.datetime(2027, 6, 1, 2, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 30, 1, tzinfo=dt.UTC),
    ):
        with pytest.raises(services.BookingRefused) as info:
            book(booking_hall, start=start)
        assert info.value.code == "bad_slot"


def test_the_online_switch_is_per_service_and_leaves_walk_ins_alone(booking_hall):
    OnlineOffer.objects.filter(offer=booking_hall.offer_a).update(is_enabled=False)
    with pytest.raises(services.BookingRefused) as info:
        book(booking_hall)
    assert info.value.code == "not_online"
    assert issue_ticket(site=booking_hall.world.site, services=[booking_hall.world.service_a]).code == "A001"


def test_no_show_strikes_close_online_booking_for_a_while(booking_hall, clock_at):
    for day in (1, 2):
        confirmed(booking_hall, 1, start=TUESDAY_9 + dt.timedelta(days=day - 1))
    clock_at(dt.datetime(2026, 12, 3, 2, tzinfo=dt.UTC))
    assert services.sweep()["no_show"] == 2
    with pytest.raises(services.BookingRefused) as info:
        book(booking_hall, 1, start=dt.datetime(2026, 12, 4, 2, tzinfo=dt.UTC))
    assert info.value.code == "banned"
    book(booking_hall, 2, start=dt.datetime(2026, 12, 4, 2, tzinfo=dt.UTC))  # another NIK is not touched
    clock_at(dt.datetime(2026, 12, 17, 2, tzinfo=dt.UTC))  # 14 days after the last no-show
    book(booking_hall, 1, start=dt.datetime(2026, 12, 18, 2, tzinfo=dt.UTC))


def test_rate_limits_per_address_and_per_nik(booking_hall):
    policy = selectors.policy(booking_hall.world.site)
    policy.attempts_per_ip_hour = 3
    policy.bookings_per_nik_day = 2
    policy.save()
    book(booking_hall, 1, ip="10.0.0.9")
    book(booking_hall, 1, ip="10.0.0.8", start=TUESDAY_9 + dt.timedelta(days=1))
    with pytest.raises(services.BookingRefused) as info:
        book(booking_hall, 1, ip="10.0.0.7", start=TUESDAY_9 + dt.timedelta(days=2))
    assert info.value.code == "limited"  # the NIK's two bookings of the day
    book(booking_hall, 2, ip="10.0.0.9")
    book(booking_hall, 3, ip="10.0.0.9")
    with pytest.raises(services.BookingRefused) as info:
        book(booking_hall, 4, ip="10.0.0.9")
    assert info.value.code == "limited"  # the address's three attempts of the hour


# Check-in ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "code"),
    [
        (dt.datetime(2026, 12, 1, 1, 29, tzinfo=dt.UTC), "too_early"),  # 31 minutes before
        (dt.datetime(2026, 12, 1, 2, 16, tzinfo=dt.UTC), "too_late"),  # 16 minutes after
    ],
)
def test_check_in_window(booking_hall, clock_at, when, code):
    booking = confirmed(booking_hall)
    clock_at(when)
    with pytest.raises(services.BookingRefused) as info:
        services.check_in(code=booking.code, site=booking_hall.world.site)
    assert info.value.code == code
    assert not Visit.objects.exists()


def test_check_in_keeps_the_slot_as_the_place_and_twice_is_the_same_ticket(booking_hall, clock_at):
    booking = confirmed(booking_hall)
    clock_at(dt.datetime(2026, 12, 1, 1, 45, tzinfo=dt.UTC))  # 08:45, a walk-in
    walk_in = issue_ticket(site=booking_hall.world.site, services=[booking_hall.world.service_a])
    clock_at(dt.datetime(2026, 12, 1, 1, 50, tzinfo=dt.UTC))  # 08:50, the booked visitor checks in early
    visit = services.check_in(code=booking.code.lower(), site=booking_hall.world.site)
    assert services.check_in(code=booking.code, site=booking_hall.world.site) == visit
    request = visit.requests.get()
    assert request.queue_time == TUESDAY_9  # the slot's start: the walk-in of 08:45 goes first
    session = booking_hall.session(booking_hall.counter_a1)
    assert desk.call_next(session=session).visit == walk_in
    booking.refresh_from_db()
    assert (booking.status, booking.visit) == ("checked_in", visit)


def test_check_in_carries_the_bookings_language_to_the_visit(booking_hall, clock_at):
    booking = book(booking_hall, language="en")
    services.confirm(code=booking.code, otp=last_code())
    clock_at(dt.datetime(2026, 12, 1, 1, 55, tzinfo=dt.UTC))
    assert services.check_in(code=booking.code, site=booking_hall.world.site).language == "en"


def test_a_booking_checked_in_after_the_cut_off_is_still_served(booking_hall, clock_at):
    last = dt.datetime(2026, 12, 1, 7, 30, tzinfo=dt.UTC)  # 14:30 WIB, after the 30-minute cut-off
    booking = confirmed(booking_hall, start=last)
    clock_at(last + dt.timedelta(minutes=5))
    assert services.check_in(code=booking.code, site=booking_hall.world.site).code == "A001"


def test_unknown_cancelled_and_other_sites_bookings_are_refused(booking_hall, clock_at):
    booking = confirmed(booking_hall)
    clock_at(TUESDAY_9)
    with pytest.raises(services.BookingRefused):
        services.check_in(code="ZZZZZZZZ", site=booking_hall.world.site)
    with pytest.raises(services.BookingRefused):
        services.check_in(code=booking.code, site=booking_hall.world.other_site)
    services.cancel(booking=booking)
    with pytest.raises(services.BookingRefused) as info:
        services.check_in(code=booking.code, site=booking_hall.world.site)
    assert info.value.code == "not_active"


# Sweep ---------------------------------------------------------------------------------------


def test_sweep_expires_marks_no_shows_and_reminds_once(booking_hall, clock_at):
    clock_at(dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC))  # Saturday
    kept = confirmed(booking_hall, 1)
    book(booking_hall, 2)  # never confirmed
    clock_at(dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC))  # Monday 10:00, 23 hours before the slot
    assert services.sweep() == {"expired": 1, "cancelled": 0, "no_show": 0, "reminded": 1}
    assert services.sweep()["reminded"] == 0
    clock_at(dt.datetime(2026, 12, 1, 1, 30, tzinfo=dt.UTC))  # half an hour before
    assert services.sweep()["reminded"] == 1
    clock_at(dt.datetime(2026, 12, 1, 2, 20, tzinfo=dt.UTC))
    assert services.sweep()["no_show"] == 1
    kept.refresh_from_db()
    assert kept.status == "no_show"
    kinds = list(Message.objects.filter(kind__startswith="booking.reminder").values_list("kind", flat=True))
    assert sorted(kinds) == ["booking.reminder_day", "booking.reminder_hour"]


def test_a_booking_made_the_day_before_gets_no_day_reminder(booking_hall, clock_at):
    clock_at(dt.datetime(2026, 11, 30, 6, 0, tzinfo=dt.UTC))  # Monday 13:00, 20 hours before the slot
    confirmed(booking_hall, 1)
    assert services.sweep()["reminded"] == 0
    clock_at(dt.datetime(2026, 12, 1, 1, 15, tzinfo=dt.UTC))
    assert services.sweep()["reminded"] == 1
    assert list(
        Message.objects.filter(kind__startswith="booking.reminder").values_list("kind", flat=True)
    ) == ["booking.reminder_hour"]


def test_reschedule_and_cancel(booking_hall):
    booking = confirmed(booking_hall)
    later = TUESDAY_9 + dt.timedelta(hours=2)
    services.reschedule(booking=booking, slot_start=later)
    booking.refresh_from_db()
    assert booking.slot_start == later
    for n in range(2, 5):
        book(booking_hall, n, start=TUESDAY_9)
    with pytest.raises(services.BookingRefused):
        services.reschedule(booking=booking, slot_start=TUESDAY_9)  # now full
    services.cancel(booking=booking)
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_personal_data_of_a_booking_is_encrypted(booking_hall):
    from django.db import connection

    book(booking_hall)
    with connection.cursor() as cursor:
        cursor.execute("SELECT nik, name, phone FROM booking_booking")
        row = " ".join(cursor.fetchone())
    assert nik(1) not in row
    assert "Siti" not in row


def test_walk_ins_leave_the_places_held_by_bookings(booking_hall, clock_at):
    offer = booking_hall.offer_a
    offer.daily_quota = 4
    offer.save()
    OnlineOffer.objects.filter(offer=offer).update(slot_quota=None)  # derived: half of the quota online
    first = confirmed(booking_hall, 1)
    confirmed(booking_hall, 2, start=TUESDAY_9 + dt.timedelta(hours=1))
    with pytest.raises(services.BookingRefused) as info:
        book(booking_hall, 3, start=TUESDAY_9 + dt.timedelta(hours=2))
    assert info.value.code == "day_full"
    clock_at(TUESDAY_9 - dt.timedelta(hours=1))  # Tuesday 08:00
    for _ in range(2):
        issue_ticket(site=booking_hall.world.site, services=[booking_hall.world.service_a])
    with pytest.raises(Refusal) as refused:
        issue_ticket(site=booking_hall.world.site, services=[booking_hall.world.service_a])
    assert refused.value.code == "quota"
    clock_at(TUESDAY_9 - dt.timedelta(minutes=10))
    services.check_in(code=first.code, site=booking_hall.world.site)  # the booked place is there


# Edges the hall and the clock bring ----------------------------------------------------


def test_a_time_without_its_zone_is_a_clear_error(booking_hall):
    with pytest.raises(ValidationError) as refused:
        book(booking_hall, start=TUESDAY_9.replace(tzinfo=None))
    assert "slot_start" in refused.value.message_dict
    booking = confirmed(booking_hall)
    with pytest.raises(ValidationError):
        services.reschedule(booking=booking, slot_start=dt.datetime(2026, 12, 2, 10, 0))
    assert Booking.objects.count() == 1


def test_a_hold_past_its_time_to_confirm_does_not_block_booking_again(booking_hall, clock_at):
    """The code never came (a mistyped telephone): once the hold has lapsed, the citizen
    may book again at once, before any sweep."""
    lapsed = book(booking_hall)
    clock_at(dt.datetime(2026, 11, 30, 2, 30, tzinfo=dt.UTC))  # Monday 09:30: the hold lapsed
    again = book(booking_hall, phone="081234567891")
    lapsed.refresh_from_db()
    assert (lapsed.status, again.status) == ("expired", "pending")


def test_moving_onto_a_day_with_a_lapsed_hold_of_the_same_nik(booking_hall, clock_at):
    booking = confirmed(booking_hall)
    wednesday = dt.datetime(2026, 12, 2, 3, 0, tzinfo=dt.UTC)
    book(booking_hall, start=wednesday)  # never confirmed
    clock_at(dt.datetime(2026, 11, 30, 2, 30, tzinfo=dt.UTC))
    moved = services.reschedule(booking=booking, slot_start=wednesday)
    assert (moved.day, moved.status) == (D(2026, 12, 2), "confirmed")
    assert Booking.objects.filter(day=D(2026, 12, 2), status="expired").count() == 1


def test_check_in_on_a_day_the_hall_closed_since_is_refused_in_words(booking_hall, clock_at):
    booking = confirmed(booking_hall)
    CalendarOverride.objects.create(
        site=booking_hall.world.site, date=D(2026, 12, 1), kind="closed", note="Banjir"
    )
    clock_at(TUESDAY_9)
    with pytest.raises(services.BookingRefused) as refused:
        services.check_in(code=booking.code, site=booking_hall.world.site)
    assert "tutup" in refused.value.message
    booking.refresh_from_db()
    assert (booking.status, Visit.objects.count()) == ("confirmed", 0)
    booking_hall.offer_a.is_active = False
    booking_hall.offer_a.save()
    CalendarOverride.objects.all().delete()
    with pytest.raises(services.BookingRefused):
        services.check_in(code=booking.code, site=booking_hall.world.site)


def test_a_closure_cancels_the_days_bookings_and_tells_the_citizen_never_a_strike(booking_hall, clock_at):
    closed_day = confirmed(booking_hall)
    pending = book(booking_hall, 2)
    other_day = confirmed(booking_hall, 3, start=dt.datetime(2026, 12, 2, 3, 0, tzinfo=dt.UTC))
    CalendarOverride.objects.create(
        site=booking_hall.world.site, date=D(2026, 12, 1), kind="closed", note="Banjir"
    )
    assert services.sweep()["cancelled"] == 2
    for booking in (closed_day, pending, other_day):
        booking.refresh_from_db()
    assert (closed_day.status, pending.status, other_day.status) == ("cancelled", "cancelled", "confirmed")
    [told] = Message.objects.filter(kind="booking.cancelled")
    assert closed_day.code in told.body
    assert told.subject == f"Booking {closed_day.code} dibatalkan"
    clock_at(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC))  # the day is over
    assert services.sweep()["no_show"] == 0
    assert selectors.no_shows(closed_day.nik_hash, booking_hall.world.site, clock.now()) == 0
