import datetime as dt

import pytest
from django.utils import translation
from django.utils.functional import Promise

from mpp.core.nik import NIK, NIKError, mask_nik, normalize_nik, parse_nik

TODAY = dt.date(2026, 11, 28)

# Kabupaten Kapuas, Kecamatan Selat (62.03.01).
WOMAN = "6203014101900001"  # day 41 = 01 + 40: a woman born 1990-01-01
MAN = "6203010101900001"


def nik(dd: str, mm: str, yy: str, *, region: str = "620301", serial: str = "0001") -> str:
    return f"{region}{dd}{mm}{yy}{serial}"


def rejection(value: str, today: dt.date = TODAY) -> NIKError:
    with pytest.raises(NIKError) as excinfo:
        parse_nik(value, today=today)
    return excinfo.value


# --- normalising -------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "6203014101900001",
        "6203 0141 0190 0001",
        "  6203014101900001\n",
        "62.03.01.410190.0001",
        "620301-410190-0001",
        "6203\u00a00141\u00a00190\u00a00001",  # non-breaking spaces from a pasted text
        "620301\u2013410190\u20130001",  # en dashes
        "6203 . 0141 - 0190 0001",
    ],
)
def test_normalize_nik_strips_spaces_dots_dashes(value):
    assert normalize_nik(value) == WOMAN


@pytest.mark.parametrize(("value", "normalized"), [("", ""), ("62O3", "62O3"), ("62/03", "62/03")])
def test_normalize_nik_keeps_everything_else(value, normalized):
    assert normalize_nik(value) == normalized


@pytest.mark.parametrize("value", ["6203 0141 0190 0001", "62.03.01.410190.0001", "620301-410190-0001"])
def test_parse_nik_accepts_typed_separators(value):
    assert parse_nik(value, today=TODAY).value == WOMAN


# --- valid NIKs --------------------------------------------------------------


def test_woman_from_selat():
    parsed = parse_nik(WOMAN, today=TODAY)
    assert parsed == NIK(
        value=WOMAN,
        province_code="62",
        regency_code="6203",
        district_code="620301",
        birth_date=dt.date(1990, 1, 1),
        sex="F",
        serial="0001",
    )
    assert parsed.province_name == "Kalimantan Tengah"
    assert parsed.regency_name == "Kabupaten Kapuas"
    assert parsed.district_name == "Selat"
    assert parsed.masked == "6203********0001"


def test_man_from_selat():
    parsed = parse_nik(MAN, today=TODAY)
    assert parsed.sex == "M"
    assert parsed.birth_date == dt.date(1990, 1, 1)
    assert parsed.district_name == "Selat"


@pytest.mark.parametrize(
    ("value", "birth_date", "sex", "district"),
    [
        (nik("31", "12", "85", region="620317", serial="9999"), dt.date(1985, 12, 31), "M", "Bataguh"),
        (nik("71", "12", "85", region="620317"), dt.date(1985, 12, 31), "F", "Bataguh"),
        (nik("01", "07", "60", region="620309"), dt.date(1960, 7, 1), "M", "Mantangai"),
        (nik("41", "07", "60", region="620309"), dt.date(1960, 7, 1), "F", "Mantangai"),
        (nik("30", "04", "10", region="620302"), dt.date(2010, 4, 30), "M", "Kapuas Hilir"),
        (nik("70", "04", "10", region="620302"), dt.date(2010, 4, 30), "F", "Kapuas Hilir"),
    ],
)
def test_valid_niks(value, birth_date, sex, district):
    parsed = parse_nik(value, today=TODAY)
    assert (parsed.birth_date, parsed.sex, parsed.district_name) == (birth_date, sex, district)
    assert parsed.serial == value[-4:]


def test_nik_is_frozen():
    parsed = parse_nik(WOMAN, today=TODAY)
    with pytest.raises(AttributeError):
        parsed.sex = "M"


def test_repr_does_not_leak_the_nik():
    parsed = parse_nik(WOMAN, today=TODAY)
    assert repr(parsed) == "NIK('6203********0001')"
    assert "1990" not in repr(parsed)


# --- rejections --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "required"),
        ("   ", "required"),
        (" - . ", "required"),
        ("6203O14101900001", "not_digits"),  # letter O
        ("62030141019000O1", "not_digits"),
        ("620301410190000\u0661", "not_digits"),  # Arabic-Indic digit one
        ("6203/0141/0190/0001", "not_digits"),
        ("620301410190001", "length"),
        ("62030141019000011", "length"),
        ("6", "length"),
        ("0003014101900001", "province"),
        ("9903014101900001", "province"),
        ("6214014101900001", "regency"),
        ("6200014101900001", "regency"),
        ("9101014101900001", "regency"),  # old Merauke code: not in the current table
        ("6203184101900001", "district"),
        ("6203004101900001", "district"),
        ("6203010001900001", "date"),
        ("6203019901900001", "date"),
        ("6203010101900000", "serial"),
        ("6203014101900000", "serial"),
    ],
)
def test_rejection_codes(value, code):
    assert rejection(value).code == code


@pytest.mark.parametrize(
    ("dd", "mm", "yy"),
    [
        ("00", "01", "90"),  # day 00
        ("32", "01", "90"),  # between men's and women's days
        ("35", "01", "90"),
        ("40", "01", "90"),  # women's day 00
        ("72", "01", "90"),  # women's day 32
        ("99", "01", "90"),
        ("01", "00", "90"),  # month 00
        ("01", "13", "90"),
        ("41", "99", "90"),
        ("30", "02", "00"),  # 30 February never exists
        ("31", "02", "96"),
        ("71", "02", "96"),  # women's 31 February
        ("31", "04", "90"),  # 31 April
        ("71", "06", "90"),  # women's 31 June
        ("31", "09", "90"),
        ("31", "11", "90"),
        ("29", "02", "01"),  # 2001 is a common year
        ("69", "02", "01"),  # women's 29 February 2001
        ("29", "02", "26"),  # 2026 and 1926 are common years
        ("29", "02", "25"),
    ],
)
def test_date_must_be_real(dd, mm, yy):
    assert rejection(nik(dd, mm, yy)).code == "date"


@pytest.mark.parametrize(
    ("dd", "mm", "yy", "birth_date"),
    [
        ("29", "02", "00", dt.date(2000, 2, 29)),  # 2000 is a leap year (divisible by 400)
        ("69", "02", "00", dt.date(2000, 2, 29)),
        ("29", "02", "96", dt.date(1996, 2, 29)),
        ("29", "02", "24", dt.date(2024, 2, 29)),
        ("31", "01", "90", dt.date(1990, 1, 31)),
        ("30", "06", "90", dt.date(1990, 6, 30)),
        ("28", "02", "01", dt.date(2001, 2, 28)),
    ],
)
def test_leap_years_and_month_ends(dd, mm, yy, birth_date):
    assert parse_nik(nik(dd, mm, yy), today=TODAY).birth_date == birth_date


@pytest.mark.parametrize(
    "today",
    [
        dt.date(1999, 12, 31),  # "00" can only be 1900 yet
        dt.date(2000, 2, 28),  # 2000-02-29 is tomorrow, so the century before: 1900
    ],
)
def test_29_february_1900_is_rejected(today):
    # 1900 is not a leap year (divisible by 100, not by 400).
    assert rejection(nik("29", "02", "00"), today=today).code == "date"
    assert rejection(nik("69", "02", "00"), today=today).code == "date"


def test_29_february_2000_from_the_day_itself():
    parsed = parse_nik(nik("29", "02", "00"), today=dt.date(2000, 2, 29))
    assert parsed.birth_date == dt.date(2000, 2, 29)


# --- century rule -------------------------------------------------------------


@pytest.mark.parametrize(
    ("dd", "mm", "yy", "today", "birth_date"),
    [
        # The latest year ending in YY whose DD-MM is not after today.
        ("01", "01", "26", TODAY, dt.date(2026, 1, 1)),
        ("28", "11", "26", TODAY, dt.date(2026, 11, 28)),  # born today
        ("68", "11", "26", TODAY, dt.date(2026, 11, 28)),
        ("29", "11", "26", TODAY, dt.date(1926, 11, 29)),  # tomorrow: a century earlier
        ("15", "12", "26", TODAY, dt.date(1926, 12, 15)),
        ("01", "01", "27", TODAY, dt.date(1927, 1, 1)),
        ("01", "01", "25", TODAY, dt.date(2025, 1, 1)),
        ("31", "12", "25", TODAY, dt.date(2025, 12, 31)),
        ("01", "01", "00", TODAY, dt.date(2000, 1, 1)),  # python-stdnum would say 1900
        ("01", "01", "99", TODAY, dt.date(1999, 1, 1)),
        ("01", "01", "00", dt.date(2000, 1, 1), dt.date(2000, 1, 1)),
        ("02", "01", "00", dt.date(2000, 1, 1), dt.date(1900, 1, 2)),
        ("31", "12", "99", dt.date(2000, 1, 1), dt.date(1999, 12, 31)),
        ("01", "01", "05", dt.date(2099, 12, 31), dt.date(2005, 1, 1)),
        ("01", "01", "05", dt.date(2105, 1, 1), dt.date(2105, 1, 1)),
    ],
)
def test_century_rule(dd, mm, yy, today, birth_date):
    assert parse_nik(nik(dd, mm, yy), today=today).birth_date == birth_date


# --- order of the checks -----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("6203O1000000000", "not_digits"),  # before length
        ("990301000000", "length"),  # before province
        ("9999000000000000", "province"),  # before regency, district, date, serial
        ("6299000000000000", "regency"),  # before district, date, serial
        ("6203990000000000", "district"),  # before date and serial
        ("6203010000000000", "date"),  # before serial
        ("6203013102900000", "date"),  # 31 February, before serial
    ],
)
def test_checks_run_in_order(value, code):
    assert rejection(value).code == code


# --- error objects -----------------------------------------------------------


CASES_BY_CODE = {
    "required": ("", TODAY),
    "not_digits": ("6203O14101900001", TODAY),
    "length": ("620301410190001", TODAY),
    "province": ("9903014101900001", TODAY),
    "regency": ("6214014101900001", TODAY),
    "district": ("6203184101900001", TODAY),
    "date": ("6203013201900001", TODAY),
    "serial": ("6203014101900000", TODAY),
}


@pytest.mark.parametrize(("code", "case"), CASES_BY_CODE.items())
def test_error_is_a_value_error_with_code_and_lazy_message(code, case):
    error = rejection(*case)
    assert isinstance(error, ValueError)
    assert error.code == code
    assert isinstance(error.message, Promise)
    assert str(error) == str(error.message)
    assert str(error)


def test_every_code_has_its_own_message():
    messages = {code: str(rejection(*case)) for code, case in CASES_BY_CODE.items()}
    assert len(set(messages.values())) == len(messages)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("620301410190001", "15 digits were given"),
        ("62030141019000011", "17 digits were given"),
        ("6", "1 digit was given"),
    ],
)
def test_length_message_says_how_many_digits(value, text):
    with translation.override("en"):
        assert text in str(rejection(value))


def test_messages_are_indonesian_by_default():
    assert str(rejection("620301410190001")) == "NIK terdiri atas 16 digit, tetapi yang dimasukkan 15 digit."
    assert str(rejection("6203014101900000")) == "Empat digit terakhir NIK tidak boleh 0000."


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("9903014101900001", "99"),
        ("6214014101900001", "62.14"),
        ("6214014101900001", "Kalimantan Tengah"),
        ("6203184101900001", "62.03.18"),
        ("6203184101900001", "Kabupaten Kapuas"),
    ],
)
def test_region_messages_name_the_code(value, text):
    assert text in str(rejection(value))


def test_messages_do_not_leak_the_nik():
    for value, today in CASES_BY_CODE.values():
        if len(value) >= 12:
            assert value[6:] not in str(rejection(value, today))


# --- masking -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        (WOMAN, "6203********0001"),
        ("6203 0141 0190 0001", "6203********0001"),
        ("62.03.01.410190.0001", "6203********0001"),
        ("9999999999999999", "9999********9999"),
        ("620301410190001", "*************01"),  # 15 digits
        ("62030141019000012", "***************12"),  # 17 digits
        ("6203O14101900001", "**************01"),  # 16 characters, not all digits
        ("12345", "***45"),
        ("1234", "****"),
        ("12", "**"),
        ("", ""),
    ],
)
def test_mask_nik(value, masked):
    assert mask_nik(value) == masked


@pytest.mark.parametrize("value", ["620301410190001", "62030141019000012", "6203O14101900001"])
def test_mask_of_a_mistyped_nik_hides_the_region_and_birth_date(value):
    assert "6203" not in mask_nik(value)
    assert "4101" not in mask_nik(value)
