import datetime as dt

import pytest
from django.utils import translation

from mpp.core.calendar import WorkingCalendar, cuti_bersama, estimated_dates, national_holidays

D = dt.date

# SKB 3 Menteri lists as verified against the scanned decrees (shared/reference/domain.md, section 7).
LIBUR_NASIONAL = {
    2024: [
        D(2024, 1, 1),
        D(2024, 2, 8),
        D(2024, 2, 10),
        D(2024, 2, 14),
        D(2024, 3, 11),
        D(2024, 3, 29),
        D(2024, 3, 31),
        D(2024, 4, 10),
        D(2024, 4, 11),
        D(2024, 5, 1),
        D(2024, 5, 9),
        D(2024, 5, 23),
        D(2024, 6, 1),
        D(2024, 6, 17),
        D(2024, 7, 7),
        D(2024, 8, 17),
        D(2024, 9, 16),
        D(2024, 11, 27),
        D(2024, 12, 25),
    ],
    2025: [
        D(2025, 1, 1),
        D(2025, 1, 27),
        D(2025, 1, 29),
        D(2025, 3, 29),
        D(2025, 3, 31),
        D(2025, 4, 1),
        D(2025, 4, 18),
        D(2025, 4, 20),
        D(2025, 5, 1),
        D(2025, 5, 12),
        D(2025, 5, 29),
        D(2025, 6, 1),
        D(2025, 6, 6),
        D(2025, 6, 27),
        D(2025, 8, 17),
        D(2025, 9, 5),
        D(2025, 12, 25),
    ],
    2026: [
        D(2026, 1, 1),
        D(2026, 1, 16),
        D(2026, 2, 17),
        D(2026, 3, 19),
        D(2026, 3, 21),
        D(2026, 3, 22),
        D(2026, 4, 3),
        D(2026, 4, 5),
        D(2026, 5, 1),
        D(2026, 5, 14),
        D(2026, 5, 27),
        D(2026, 5, 31),
        D(2026, 6, 1),
        D(2026, 6, 16),
        D(2026, 8, 17),
        D(2026, 8, 25),
        D(2026, 12, 25),
    ],
}
CUTI_BERSAMA = {
    2024: [
        D(2024, 2, 9),
        D(2024, 3, 12),
        D(2024, 4, 8),
        D(2024, 4, 9),
        D(2024, 4, 12),
        D(2024, 4, 15),
        D(2024, 5, 10),
        D(2024, 5, 24),
        D(2024, 6, 18),
        D(2024, 12, 26),
    ],
    2025: [
        D(2025, 1, 28),
        D(2025, 3, 28),
        D(2025, 4, 2),
        D(2025, 4, 3),
        D(2025, 4, 4),
        D(2025, 4, 7),
        D(2025, 5, 13),
        D(2025, 5, 30),
        D(2025, 6, 9),
        D(2025, 8, 18),
        D(2025, 12, 26),
    ],
    2026: [
        D(2026, 2, 16),
        D(2026, 3, 18),
        D(2026, 3, 20),
        D(2026, 3, 23),
        D(2026, 3, 24),
        D(2026, 5, 15),
        D(2026, 5, 28),
        D(2026, 12, 24),
    ],
}


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_national_holidays_match_the_decrees(year):
    assert sorted(national_holidays(year)) == LIBUR_NASIONAL[year]


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_cuti_bersama_match_the_decrees(year):
    assert sorted(cuti_bersama(year)) == CUTI_BERSAMA[year]


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_mpp_is_closed_on_every_holiday_and_cuti_bersama(year):
    calendar = WorkingCalendar()
    for day in LIBUR_NASIONAL[year] + CUTI_BERSAMA[year]:
        assert not calendar.is_working_day(day), day


def test_ordinary_weekdays_are_working_days_and_weekends_are_not():
    calendar = WorkingCalendar()
    assert calendar.is_working_day(D(2026, 11, 27))  # Friday
    assert not calendar.is_working_day(D(2026, 11, 28))  # Saturday
    assert not calendar.is_working_day(D(2026, 11, 29))  # Sunday
    assert calendar.is_working_day(D(2026, 11, 30))  # Monday


def test_closure_reasons_name_the_day():
    calendar = WorkingCalendar()
    with translation.override("id"):
        assert "cuti bersama" in calendar.closure_reason(D(2025, 8, 18)).lower()
        # The day's own name already says it: not "Cuti bersama: Cuti Bersama ...".
        assert calendar.closure_reason(D(2025, 12, 26)) == "Cuti Bersama Hari Raya Natal"
        assert "Kemerdekaan" in calendar.closure_reason(D(2026, 8, 17))
    assert calendar.closure_reason(D(2026, 11, 30)) is None


def test_add_working_days_skips_the_lebaran_block_of_2026():
    # 18 Mar cuti, 19 Nyepi, 20 cuti, 21-22 Idul Fitri (weekend), 23-24 cuti: the
    # third working day after Tuesday 17 March 2026 is Friday 27 March.
    assert WorkingCalendar().add_working_days(D(2026, 3, 17), 3) == D(2026, 3, 27)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2026, 11, 27), 1, D(2026, 11, 30)),  # Friday + 1 = Monday
        (D(2026, 11, 28), 0, D(2026, 11, 30)),  # a Saturday file starts on Monday
        (D(2026, 11, 30), 0, D(2026, 11, 30)),
        (D(2026, 12, 23), 1, D(2026, 12, 28)),  # 24 cuti bersama, 25 Natal, weekend
        (D(2025, 8, 15), 1, D(2025, 8, 19)),  # 17 Aug Sunday, 18 Aug cuti bersama (SKB 2025 rev.)
        (D(2024, 4, 5), 1, D(2024, 4, 16)),  # Idul Fitri 1445 H and its cuti bersama
    ],
)
def test_add_working_days(start, days, expected):
    assert WorkingCalendar().add_working_days(start, days) == expected


def test_negative_days_are_refused():
    with pytest.raises(ValueError, match="negative"):
        WorkingCalendar().add_working_days(D(2026, 1, 5), -1)


def test_site_closure_and_saturday_opening_override_the_national_calendar():
    calendar = WorkingCalendar(
        closed_dates={D(2026, 11, 30): "Banjir"},
        open_dates={D(2026, 11, 28): "Pelayanan Sabtu", D(2026, 12, 24): "Layanan khusus"},
    )
    assert calendar.closure_reason(D(2026, 11, 30)) == "Banjir"
    assert calendar.is_working_day(D(2026, 11, 28))
    assert calendar.is_working_day(D(2026, 12, 24))
    assert calendar.add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 28)


def test_six_day_week():
    calendar = WorkingCalendar(open_weekdays=frozenset(range(6)))
    assert calendar.is_working_day(D(2026, 11, 28))
    assert not calendar.is_working_day(D(2026, 11, 29))
    assert calendar.is_working_day(D(2026, 12, 26))  # the Saturday after Natal is a normal Saturday


def test_working_days_between_counts_the_end_not_the_start():
    calendar = WorkingCalendar()
    assert calendar.working_days_between(D(2026, 3, 17), D(2026, 3, 27)) == 3
    assert calendar.working_days_between(D(2026, 3, 27), D(2026, 3, 17)) == 0


def test_a_calendar_that_never_opens_does_not_loop_forever():
    with pytest.raises(ValueError, match="no working day"):
        WorkingCalendar(open_weekdays=frozenset()).add_working_days(D(2026, 1, 1), 1)


def test_decreed_years_have_no_estimated_dates_and_later_years_say_so():
    for year in (2024, 2025, 2026):
        assert estimated_dates(year) == frozenset()
    assert estimated_dates(2027)  # Idul Fitri 1448 H is not decreed yet
    with translation.override("id"):
        reason = WorkingCalendar().closure_reason(min(estimated_dates(2027)))
    assert "perkiraan" in reason
