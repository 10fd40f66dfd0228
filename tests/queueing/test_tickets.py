import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mpp.queueing import rules
from mpp.queueing.models import Event, NumberSequence, RequestStatus, ServiceRequest, Visit
from mpp.queueing.rules import Refusal
from mpp.queueing.services.tickets import issue_ticket
from mpp.tenancy.models import CalendarOverride, OpeningHours
from tests import factories


def test_numbers_count_up_per_prefix_and_day(hall, clock_at):
    site = hall.world.site
    codes = [issue_ticket(site=site, services=[hall.world.service_a]).code for _ in range(3)]
    assert codes == ["A001", "A002", "A003"]
    assert issue_ticket(site=site, services=[hall.world.service_b]).code == "B001"
    clock_at(dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC))  # Tuesday: a new day starts again at 1
    assert issue_ticket(site=site, services=[hall.world.service_a]).code == "A001"


def test_ticket_creates_a_waiting_request_and_an_event(hall):
    visit = issue_ticket(
        site=hall.world.site,
        services=[hall.world.service_a],
        priority_reason="lansia",
        phone="0812 3456 7890",
    )
    request = visit.requests.get()
    assert (request.status, request.priority, request.agency) == ("waiting", 1, hall.world.agency_a)
    assert request.queue_time == visit.arrived_at
    assert visit.phone == "+6281234567890"
    assert visit.day == dt.date(2026, 11, 30)
    assert Event.objects.get().kind == "issued"
    assert len(visit.token) >= 16


def test_several_services_wait_one_after_the_other(hall):
    visit = issue_ticket(site=hall.world.site, services=[hall.world.service_b, hall.world.service_a])
    assert list(visit.requests.order_by("step").values_list("status", flat=True)) == ["waiting", "pending"]
    assert visit.code == "B001"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"services": []}, "services"),
        ({"priority_reason": "vip"}, "priority_reason"),
        ({"channel": "sms"}, "channel"),
        ({"phone": "12345"}, None),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(hall, kwargs, field):
    params = {"site": hall.world.site, "services": [hall.world.service_a], **kwargs}
    with pytest.raises(ValidationError) as info:
        issue_ticket(**params)
    if field:
        assert field in info.value.message_dict
    assert not Visit.objects.exists()
    assert not NumberSequence.objects.filter(last_number__gt=0).exists()


def test_a_service_not_offered_in_the_hall_is_refused(hall):
    other = factories.ServiceFactory(agency=hall.world.agency_a)
    with pytest.raises(Refusal) as info:
        issue_ticket(site=hall.world.site, services=[other])
    assert info.value.code == "not_offered"
    hall.offer_a.is_active = False
    hall.offer_a.save()
    with pytest.raises(Refusal):
        issue_ticket(site=hall.world.site, services=[hall.world.service_a])


@pytest.mark.parametrize(
    ("when", "code"),
    [
        (dt.datetime(2026, 12, 24, 2, 0, tzinfo=dt.UTC), "closed_day"),  # cuti bersama Natal
        (dt.datetime(2026, 12, 25, 2, 0, tzinfo=dt.UTC), "closed_day"),  # Natal
        (dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC), "closed_day"),  # Saturday
        (dt.datetime(2026, 11, 30, 0, 30, tzinfo=dt.UTC), "not_yet"),  # 07:30 local
        (
            dt.datetime(2026, 11, 30, 7, 31, tzinfo=dt.UTC),
            "cut_off",
        ),  # 14:31 local, closes 15:00, cut-off 30 min
    ],
)
def test_opening_rules_refuse_with_a_reason(hall, clock_at, when, code):
    clock_at(when)
    with pytest.raises(Refusal) as info:
        issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    assert info.value.code == code
    assert info.value.message
    assert not Visit.objects.exists()


def test_no_ticket_for_an_agency_no_longer_in_service(hall):
    """A deactivated agency's counters call nobody: a ticket for its service would wait forever."""
    hall.world.agency_a.is_active = False
    hall.world.agency_a.save()
    with pytest.raises(rules.Refusal) as info:
        issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    assert info.value.code == "not_offered"
    assert not Visit.objects.exists()
    issue_ticket(site=hall.world.site, services=[hall.world.service_b])  # the other agency serves on


def test_the_last_minute_before_cut_off_is_still_served(hall, clock_at):
    clock_at(dt.datetime(2026, 11, 30, 7, 29, tzinfo=dt.UTC))  # 14:29 local
    assert issue_ticket(site=hall.world.site, services=[hall.world.service_a]).code == "A001"


def test_site_override_closes_or_opens_a_day(hall, clock_at):
    CalendarOverride.objects.create(
        site=hall.world.site, date=dt.date(2026, 11, 30), kind="closed", note="Banjir"
    )
    with pytest.raises(Refusal) as info:
        issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    assert "Banjir" in info.value.message
    CalendarOverride.objects.create(
        site=hall.world.site, date=dt.date(2026, 12, 5), kind="open", note="Sabtu"
    )
    factories.HoursFactory(site=hall.world.site, weekday=5, opens_at=dt.time(8), closes_at=dt.time(12))
    clock_at(dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC))
    assert issue_ticket(site=hall.world.site, services=[hall.world.service_a]).code == "A001"


def test_ramadan_hours_replace_the_weekly_hours_in_their_range(hall, clock_at):
    OpeningHours.objects.create(
        site=hall.world.site,
        weekday=0,
        opens_at=dt.time(8),
        closes_at=dt.time(12),
        valid_from=dt.date(2026, 11, 23),
        valid_until=dt.date(2026, 12, 6),
        label="Ramadan",
    )
    clock_at(dt.datetime(2026, 11, 30, 4, 45, tzinfo=dt.UTC))  # 11:45 local: after the 11:30 cut-off
    with pytest.raises(Refusal) as info:
        issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    assert info.value.code == "cut_off"
    clock_at(dt.datetime(2026, 12, 7, 4, 45, tzinfo=dt.UTC))  # the next Monday, regular hours again
    assert issue_ticket(site=hall.world.site, services=[hall.world.service_a]).code == "A001"


def test_agency_hours_narrow_the_site_hours(hall, clock_at):
    # Kejaksaan-style schedule: this agency serves only on Tuesdays, 08:30-12:00.
    OpeningHours.objects.create(
        site=hall.world.site,
        agency=hall.world.agency_b,
        weekday=1,
        opens_at=dt.time(8, 30),
        closes_at=dt.time(12),
    )
    with pytest.raises(Refusal) as info:
        issue_ticket(site=hall.world.site, services=[hall.world.service_b])
    assert info.value.code == "no_hours"
    assert issue_ticket(site=hall.world.site, services=[hall.world.service_a]).code == "A001"
    clock_at(dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC))  # Tuesday 09:00
    assert issue_ticket(site=hall.world.site, services=[hall.world.service_b]).code == "B001"


def test_an_agencys_hours_for_another_date_range_leave_today_to_the_site(hall):
    """Polres enters its Ramadan 2027 hours months ahead: today it still follows the hall."""
    for weekday in range(5):
        OpeningHours.objects.create(
            site=hall.world.site,
            agency=hall.world.agency_b,
            weekday=weekday,
            opens_at=dt.time(8),
            closes_at=dt.time(12),
            valid_from=dt.date(2027, 2, 8),
            valid_until=dt.date(2027, 3, 9),
            label="Ramadan 2027",
        )
    assert issue_ticket(site=hall.world.site, services=[hall.world.service_b]).code == "B001"
    assert rules.periods_on(hall.world.site, dt.date(2027, 2, 8), hall.world.agency_b) == [
        rules.Period(dt.time(8), dt.time(12))
    ]


def test_the_halls_ramadan_hours_shorten_an_agencys_own_weekly_hours(hall, clock_at):
    site, polres = hall.world.site, hall.world.agency_b
    OpeningHours.objects.create(
        site=site, agency=polres, weekday=0, opens_at=dt.time(8), closes_at=dt.time(15)
    )
    OpeningHours.objects.create(
        site=site,
        weekday=0,
        opens_at=dt.time(8),
        closes_at=dt.time(12),
        valid_from=dt.date(2026, 11, 23),
        valid_until=dt.date(2026, 12, 6),
        label="Ramadan",
    )
    assert rules.periods_on(site, dt.date(2026, 11, 30), polres) == [rules.Period(dt.time(8), dt.time(12))]
    clock_at(dt.datetime(2026, 11, 30, 6, 0, tzinfo=dt.UTC))  # 13:00 local: the hall closed at 12:00
    for service in (hall.world.service_a, hall.world.service_b):
        with pytest.raises(Refusal) as info:
            issue_ticket(site=site, services=[service])
        assert info.value.code == "cut_off"
    # Outside Ramadan the agency's own, longer day holds.
    assert rules.periods_on(site, dt.date(2026, 12, 7), polres) == [rules.Period(dt.time(8), dt.time(15))]


def test_an_agencys_narrower_hours_stay_inside_the_halls(hall):
    site, polres = hall.world.site, hall.world.agency_b
    OpeningHours.objects.create(
        site=site, agency=polres, weekday=0, opens_at=dt.time(7), closes_at=dt.time(10)
    )
    OpeningHours.objects.create(
        site=site, agency=polres, weekday=0, opens_at=dt.time(13), closes_at=dt.time(18)
    )
    hall_day = rules.periods_on(site, dt.date(2026, 11, 30))
    assert rules.periods_on(site, dt.date(2026, 11, 30), polres) == [
        rules.Period(hall_day[0].opens, dt.time(10)),
        rules.Period(dt.time(13), hall_day[-1].closes),
    ]


def test_ranges_opening_alike_keep_the_order_of_their_dates_whatever_the_entry_order(hall):
    """Two ranges cover the day and open at the same time: as through the ORM's ordering,
    the later range comes last, so its closing time bounds the day (and the cut-off)."""
    site = hall.world.site
    for valid_from, closes in ((dt.date(2026, 11, 25), 14), (dt.date(2026, 11, 20), 12)):
        OpeningHours.objects.create(
            site=site,
            weekday=0,
            opens_at=dt.time(8),
            closes_at=dt.time(closes),
            valid_from=valid_from,
            valid_until=dt.date(2026, 12, 6),
        )
    periods = rules.periods_on(site, dt.date(2026, 11, 30))
    assert periods == [rules.Period(dt.time(8), dt.time(12)), rules.Period(dt.time(8), dt.time(14))]


def test_daily_quota(hall):
    hall.offer_a.daily_quota = 2
    hall.offer_a.save()
    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    with pytest.raises(Refusal) as info:
        issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    assert info.value.code == "quota"
    assert ServiceRequest.objects.filter(service=hall.world.service_a).count() == 2
    assert issue_ticket(site=hall.world.site, services=[hall.world.service_b]).code == "B001"


def test_priority_reasons_are_kept(hall):
    visit = issue_ticket(site=hall.world.site, services=[hall.world.service_a], priority_reason="disabilitas")
    assert visit.get_priority_reason_display()
    assert visit.requests.get().priority == 1
    assert visit.requests.get().status == RequestStatus.WAITING


# Tickets for several services: every one is checked --------------------------------------------


def test_a_later_service_no_longer_offered_refuses_the_ticket(hall):
    hall.offer_b.is_active = False
    hall.offer_b.save()
    with pytest.raises(Refusal) as info:
        issue_ticket(site=hall.world.site, services=[hall.world.service_a, hall.world.service_b])
    assert info.value.code == "not_offered"
    assert not Visit.objects.exists()


def test_a_later_service_outside_its_agencys_hours_refuses_the_ticket(hall):
    OpeningHours.objects.create(
        site=hall.world.site,
        agency=hall.world.agency_b,
        weekday=1,
        opens_at=dt.time(8),
        closes_at=dt.time(12),
    )  # Polres serves on Tuesdays only; today is Monday
    with pytest.raises(Refusal) as info:
        issue_ticket(site=hall.world.site, services=[hall.world.service_a, hall.world.service_b])
    assert info.value.code == "no_hours"
    assert not Visit.objects.exists()


def test_a_later_step_cannot_overshoot_its_services_quota(hall):
    hall.offer_a.daily_quota = 2
    hall.offer_a.save()
    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    issue_ticket(site=hall.world.site, services=[hall.world.service_b, hall.world.service_a])
    with pytest.raises(Refusal) as info:
        issue_ticket(site=hall.world.site, services=[hall.world.service_b, hall.world.service_a])
    assert info.value.code == "quota"
    with pytest.raises(Refusal):
        issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    assert ServiceRequest.objects.filter(service=hall.world.service_a).count() == 2
    assert issue_ticket(site=hall.world.site, services=[hall.world.service_b]).code == "B002"


def test_a_ticket_for_two_prefixes_locks_both_sequences_in_order(hall):
    visit = issue_ticket(site=hall.world.site, services=[hall.world.service_b, hall.world.service_a])
    assert visit.code == "B001"
    # Both rows exist (locked while the ticket was issued); only B's number was taken.
    assert dict(NumberSequence.objects.values_list("prefix", "last_number")) == {"A": 0, "B": 1}
