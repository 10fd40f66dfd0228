import csv
import re

import pytest

from mpp.core import regions

KAPUAS_DISTRICTS = [
    ("620301", "Selat"),
    ("620302", "Kapuas Hilir"),
    ("620303", "Kapuas Timur"),
    ("620304", "Kapuas Kuala"),
    ("620305", "Kapuas Barat"),
    ("620306", "Pulau Petak"),
    ("620307", "Kapuas Murung"),
    ("620308", "Basarang"),
    ("620309", "Mantangai"),
    ("620310", "Timpah"),
    ("620311", "Kapuas Tengah"),
    ("620312", "Kapuas Hulu"),
    ("620313", "Tamban Catur"),
    ("620314", "Pasak Talawang"),
    ("620315", "Mandau Talawang"),
    ("620316", "Dadahup"),
    ("620317", "Bataguh"),
]


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("11", "Aceh"),
        ("36", "Banten"),
        ("62", "Kalimantan Tengah"),
        ("65", "Kalimantan Utara"),
        ("93", "Papua Selatan"),
        ("96", "Papua Barat Daya"),
    ],
)
def test_province_name(code, name):
    assert regions.province_name(code) == name


# Kemendagri order, which differs from BPS-derived lists (python-stdnum has
# 06 Sukamara ... 13 Murung Raya).
@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("6201", "Kabupaten Kotawaringin Barat"),
        ("6202", "Kabupaten Kotawaringin Timur"),
        ("6203", "Kabupaten Kapuas"),
        ("6204", "Kabupaten Barito Selatan"),
        ("6205", "Kabupaten Barito Utara"),
        ("6206", "Kabupaten Katingan"),
        ("6207", "Kabupaten Seruyan"),
        ("6208", "Kabupaten Sukamara"),
        ("6209", "Kabupaten Lamandau"),
        ("6210", "Kabupaten Gunung Mas"),
        ("6211", "Kabupaten Pulang Pisau"),
        ("6212", "Kabupaten Murung Raya"),
        ("6213", "Kabupaten Barito Timur"),
        ("6271", "Kota Palangkaraya"),
        # Kemendagri 36.02 is Lebak, not Serang (a news article had it wrong).
        ("3602", "Kabupaten Lebak"),
        ("3604", "Kabupaten Serang"),
    ],
)
def test_regency_name_follows_kemendagri(code, name):
    assert regions.regency_name(code) == name


def test_kalimantan_tengah_has_exactly_these_regencies():
    with regions.WILAYAH_CSV.open(newline="", encoding="utf-8") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    kalteng = [code for code in codes if len(code) == 4 and code.startswith("62")]
    assert kalteng == [f"62{n:02d}" for n in range(1, 14)] + ["6271"]


@pytest.mark.parametrize(("code", "name"), KAPUAS_DISTRICTS)
def test_district_name(code, name):
    assert regions.district_name(code) == name


@pytest.mark.parametrize(
    ("function", "code", "name"),
    [
        (regions.province_name, "6.2", "Kalimantan Tengah"),
        (regions.regency_name, "62.03", "Kabupaten Kapuas"),
        (regions.district_name, "62.03.01", "Selat"),
        (regions.district_name, "62.03.17", "Bataguh"),
        # A name with a quote in the source CSV survives the round trip.
        (regions.district_name, "35.29.22", 'Ra"as'),
    ],
)
def test_dots_are_ignored(function, code, name):
    assert function(code) == name


@pytest.mark.parametrize(
    ("function", "code"),
    [
        (regions.province_name, ""),
        (regions.province_name, "00"),
        (regions.province_name, "99"),
        (regions.province_name, "6"),
        (regions.province_name, "6203"),  # a regency code is not a province code
        (regions.province_name, "\u0666\u0662"),  # Arabic-Indic digits are not ASCII digits
        (regions.regency_name, "62"),
        (regions.regency_name, "6214"),
        (regions.regency_name, "9101"),  # Merauke moved to Papua Selatan (93.01) in 2022
        (regions.regency_name, "62a3"),
        (regions.regency_name, "620301"),
        (regions.district_name, "620300"),
        (regions.district_name, "620318"),
        (regions.district_name, "6203"),
        (regions.district_name, "62-03-01"),
    ],
)
def test_unknown_or_malformed_codes_give_none(function, code):
    assert function(code) is None


@pytest.mark.parametrize("code", ["6203", "62.03"])
def test_kapuas_has_its_17_districts_in_order(code):
    assert regions.districts_of(code) == KAPUAS_DISTRICTS


def test_districts_of_is_sorted_and_belongs_to_the_regency():
    districts = regions.districts_of("3171")  # Kota Administrasi Jakarta Pusat
    assert districts
    assert districts == sorted(districts)
    assert all(code.startswith("3171") and len(code) == 6 for code, _ in districts)


@pytest.mark.parametrize("code", ["", "62", "6299", "620301", "62x3"])
def test_districts_of_unknown_regency_is_empty(code):
    assert regions.districts_of(code) == []


def test_districts_of_returns_a_copy():
    regions.districts_of("6203").clear()
    assert len(regions.districts_of("6203")) == 17


@pytest.mark.parametrize(
    ("code", "formatted"),
    [
        ("62", "62"),
        ("6203", "62.03"),
        ("620301", "62.03.01"),
        ("62.03.01", "62.03.01"),
        ("6203011006", "62.03.01.1006"),
    ],
)
def test_format_code(code, formatted):
    assert regions.format_code(code) == formatted


@pytest.mark.parametrize("code", ["", "6", "62030", "62a301", "62030110", "62030110061"])
def test_format_code_rejects_what_is_not_a_code(code):
    with pytest.raises(ValueError, match="not a region code"):
        regions.format_code(code)


def test_table_is_consistent():
    with regions.WILAYAH_CSV.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["code", "name"]
        rows = [(row["code"], row["name"]) for row in reader]
    codes = [code for code, _ in rows]
    assert codes == sorted(set(codes))
    by_length = {n: sum(len(code) == n for code in codes) for n in (2, 4, 6)}
    # idn-area-data 4.0.1; update together with mpp/core/data/README.md.
    assert by_length == {2: 38, 4: 514, 6: 7285}
    known = set(codes)
    for code, name in rows:
        assert re.fullmatch(r"[0-9]{2}|[0-9]{4}|[0-9]{6}", code), code
        assert name, code
        assert name == name.strip(), code
        if len(code) > 2:
            assert code[:-2] in known, code
