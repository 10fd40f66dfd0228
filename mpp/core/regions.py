"""Kemendagri region codes: provinces, regencies/cities and districts (kecamatan).

The table is ``mpp/core/data/wilayah.csv`` (built from idn-area-data, ODbL; see
``mpp/core/data/README.md``). These are the Kemendagri codes set by Keputusan
Menteri Dalam Negeri, the ones used in the NIK (PP 37/2007 Pasal 37), *not* BPS
codes: in Kalimantan Tengah, Kemendagri 62.06 is Katingan and 62.13 Barito
Timur, where BPS-derived lists differ.

Codes are given as digits: 2 for a province ("62"), 4 for a regency/city
("6203"), 6 for a district ("620301"). Dots are allowed and ignored, so
"62.03.01" works too. A code of the wrong length for the level asked for, or
one that is not in the table, gives ``None``.

The table holds current codes only. A regency that moved to a new province
(Papua 2022, Kalimantan Utara 2012) had other codes before; those old codes are
not in it.
"""

import csv
import functools
import re
from pathlib import Path

WILAYAH_CSV = Path(__file__).resolve().parent / "data" / "wilayah.csv"

_DIGITS = re.compile(r"[0-9]+")


@functools.cache
def _table() -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]]:
    """Load the CSV once: (name by code, districts by regency code)."""
    names: dict[str, str] = {}
    districts: dict[str, list[tuple[str, str]]] = {}
    with WILAYAH_CSV.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, name = row["code"], row["name"]
            names[code] = name
            if len(code) == 6:
                districts.setdefault(code[:4], []).append((code, name))
    for children in districts.values():
        children.sort()
    return names, districts


def _clean(code: str) -> str | None:
    """Drop the dots; ``None`` if anything but ASCII digits remains."""
    plain = code.replace(".", "")
    return plain if _DIGITS.fullmatch(plain) else None


def _name(code: str, digits: int) -> str | None:
    plain = _clean(code)
    if plain is None or len(plain) != digits:
        return None
    return _table()[0].get(plain)


def province_name(code: str) -> str | None:
    """``province_name("62")`` -> ``"Kalimantan Tengah"``."""
    return _name(code, 2)


def regency_name(code: str) -> str | None:
    """``regency_name("6203")`` -> ``"Kabupaten Kapuas"`` (official name, with its prefix)."""
    return _name(code, 4)


def district_name(code: str) -> str | None:
    """``district_name("620301")`` -> ``"Selat"``."""
    return _name(code, 6)


def districts_of(regency_code: str) -> list[tuple[str, str]]:
    """The districts of a regency/city as (6-digit code, name), sorted by code.

    An unknown or malformed regency code gives an empty list.
    """
    plain = _clean(regency_code)
    if plain is None or len(plain) != 4:
        return []
    return list(_table()[1].get(plain, ()))


def format_code(code: str) -> str:
    """Render a code the Kemendagri way: "620301" -> "62.03.01".

    Accepts 2, 4 and 6 digits, and 10 for a village ("6203011006" ->
    "62.03.01.1006"); dots in the input are ignored. Anything else raises
    ``ValueError``.
    """
    plain = _clean(code)
    if plain is None or len(plain) not in (2, 4, 6, 10):
        raise ValueError(f"not a region code: {code!r}")
    parts = [plain[i : i + 2] for i in range(0, min(len(plain), 6), 2)]
    if len(plain) == 10:
        parts.append(plain[6:])
    return ".".join(parts)
