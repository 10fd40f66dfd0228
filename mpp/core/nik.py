"""NIK (Nomor Induk Kependudukan): normalising, parsing, validating, masking.

Layout, PP 37/2007 Pasal 37 (confirmed by Dukcapil Kemendagri): 16 digits
``PP KK CC DD MM YY SSSS``

- 1-2   kode provinsi,
- 3-4   kode kabupaten/kota,
- 5-6   kode kecamatan where the NIK was first registered (it does not change
        when the holder moves),
- 7-8   day of birth, 01-31; for women the day plus 40, 41-71,
- 9-10  month of birth, 01-12,
- 11-12 last two digits of the year of birth,
- 13-16 serial number issued by SIAK, starting at 0001.

The region codes are Kemendagri codes (Kepmendagri on kode wilayah), checked
against ``mpp.core.regions``; they are not BPS codes. There is no check digit.

Century rule. The NIK gives only YY. The year of birth is the latest year
ending in YY whose DD-MM in that year is not after ``today``: with today
2026-11-28, "26" with 01-01 is 2026 but "26" with 15-12 is 1926, and "27" is
always 1927. Someone born on ``today`` is accepted. The year is fixed from the
day and month alone, and only then must the date exist in it, so 29-02-00 is
2000-02-29 when today is 2000-02-29 or later and invalid (1900 was not a leap
year) when today is earlier. python-stdnum instead tries 1900 first, which
makes everyone born since 2000 a century older.

Because of this rule a birth date after ``today`` cannot come out of a NIK: a
date later this year falls back a century. There is therefore no "future"
rejection.

Limitation: the region table holds current codes only. NIKs keep the codes
of where they were issued, so a NIK issued before a regency moved to a new
province (Papua Selatan, Tengah, Pegunungan 2022; Papua Barat Daya 2022;
Kalimantan Utara 2012) carries a code the table no longer has and is rejected.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mpp.core import regions

NIK_LENGTH = 16

# Spaces (any whitespace, including the non-breaking space of pasted text),
# dots and dashes (ASCII hyphen-minus and the Unicode hyphens/dashes).
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015\u2212]+")
_ASCII_DIGITS = re.compile(r"[0-9]*")

FEMALE_DAY_OFFSET = 40  # PP 37/2007 Pasal 37: women's day of birth + 40


def _interpolate(message: str, params: dict[str, object]) -> str:
    return str(message) % params


# Lazy so that the message is rendered in the language active when it is shown,
# not when the NIK was checked.
_interpolate_lazy = lazy(_interpolate, str)


def _length_message(count: int) -> str:
    return ngettext(
        "A NIK has 16 digits, but %(count)d digit was given.",
        "A NIK has 16 digits, but %(count)d digits were given.",
        count,
    ) % {"count": count}


_length_message_lazy = lazy(_length_message, str)


class NIKError(ValueError):
    """A NIK was rejected. ``code`` is stable (for programs); ``message`` is for people."""

    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


def normalize_nik(value: str) -> str:
    """Remove the spaces, dots and dashes people type: "6203 0101-0190.0001" -> "6203010101900001"."""
    return _SEPARATORS.sub("", value)


def mask_nik(value: str) -> str:
    """Show a NIK without giving it away: "6203********0001".

    A well-formed NIK (16 digits after normalising) keeps its first 4 (the
    regency) and last 4 digits. Anything else keeps only its last 2 characters,
    or none when it is 4 characters or shorter, so that a mistyped NIK does not
    leak through a log or a confirmation screen.
    """
    plain = normalize_nik(value)
    if len(plain) == NIK_LENGTH and _ASCII_DIGITS.fullmatch(plain):
        return plain[:4] + "*" * (NIK_LENGTH - 8) + plain[-4:]
    if len(plain) <= 4:
        return "*" * len(plain)
    return "*" * (len(plain) - 2) + plain[-2:]


@dataclass(frozen=True)
class NIK:
    """A valid NIK and what it says. Build one with ``parse_nik``.

    The region codes are the full prefixes: province "62", regency "6203",
    district "620301". ``repr()`` shows the masked NIK only.
    """

    value: str
    province_code: str
    regency_code: str
    district_code: str
    birth_date: dt.date
    sex: str  # "F" or "M"
    serial: str

    def __repr__(self) -> str:
        return f"NIK({self.masked!r})"

    def __str__(self) -> str:
        return self.value

    @property
    def province_name(self) -> str | None:
        return regions.province_name(self.province_code)

    @property
    def regency_name(self) -> str | None:
        return regions.regency_name(self.regency_code)

    @property
    def district_name(self) -> str | None:
        return regions.district_name(self.district_code)

    @property
    def masked(self) -> str:
        return mask_nik(self.value)


def _birth_year(day: int, month: int, yy: int, today: dt.date) -> int:
    """The latest year ending in ``yy`` in which ``day``-``month`` is not after ``today``."""
    year = today.year - (today.year - yy) % 100
    if (month, day) > (today.month, today.day) and year == today.year:
        year -= 100
    return year


def parse_nik(value: str, *, today: dt.date) -> NIK:
    """Validate and decode a NIK, or raise ``NIKError``.

    ``today`` is the reference date for the century rule (see the module
    docstring); pass the local date of the operation. The checks run in this
    order, and the first that fails gives the error code: ``required``,
    ``not_digits``, ``length``, ``province``, ``regency``, ``district``,
    ``date``, ``serial``.
    """
    nik = normalize_nik(value)
    if not nik:
        raise NIKError("required", _("Enter a NIK."))
    if not _ASCII_DIGITS.fullmatch(nik):
        raise NIKError("not_digits", _("A NIK contains digits only."))
    if len(nik) != NIK_LENGTH:
        raise NIKError("length", _length_message_lazy(len(nik)))

    # Digits 1-6: Kemendagri region codes of the kecamatan of first registration.
    province_code, regency_code, district_code = nik[:2], nik[:4], nik[:6]
    if regions.province_name(province_code) is None:
        raise NIKError(
            "province",
            _interpolate_lazy(
                _("The NIK starts with %(code)s, which is not a province code."),
                {"code": province_code},
            ),
        )
    if regions.regency_name(regency_code) is None:
        raise NIKError(
            "regency",
            _interpolate_lazy(
                _("The NIK has regency code %(code)s, which does not exist in %(province)s."),
                {"code": regions.format_code(regency_code), "province": regions.province_name(province_code)},
            ),
        )
    if regions.district_name(district_code) is None:
        raise NIKError(
            "district",
            _interpolate_lazy(
                _("The NIK has district (kecamatan) code %(code)s, which does not exist in %(regency)s."),
                {"code": regions.format_code(district_code), "regency": regions.regency_name(regency_code)},
            ),
        )

    # Digits 7-12: DDMMYY, women's day + 40.
    date_error = NIKError(
        "date",
        _(
            "Digits 7 to 12 of the NIK are not a valid date of birth "
            "(day, month, year; for women the day plus 40)."
        ),
    )
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if 1 <= day <= 31:
        sex = "M"
    elif 1 + FEMALE_DAY_OFFSET <= day <= 31 + FEMALE_DAY_OFFSET:
        sex = "F"
        day -= FEMALE_DAY_OFFSET
    else:
        raise date_error
    if not 1 <= month <= 12:
        raise date_error
    year = _birth_year(day, month, yy, today)
    try:
        birth_date = dt.date(year, month, day)
    except ValueError:  # 31 April, 30 February, 29 February of a common year
        raise date_error from None

    # Digits 13-16: SIAK serial, "dimulai dari 0001".
    serial = nik[12:]
    if serial == "0000":
        raise NIKError("serial", _("The last four digits of a NIK cannot be 0000."))

    return NIK(
        value=nik,
        province_code=province_code,
        regency_code=regency_code,
        district_code=district_code,
        birth_date=birth_date,
        sex=sex,
        serial=serial,
    )
