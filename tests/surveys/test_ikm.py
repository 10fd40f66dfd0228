"""The IKM arithmetic against the regulation's own table and worked values."""

from decimal import Decimal
from fractions import Fraction

import pytest

from mpp.surveys import ikm

NINE = [(f"u{n}", f"Unsur {n}") for n in range(1, 10)]


def everyone(value, respondents=10):
    return [{key: value for key, _name in NINE} for _ in range(respondents)]


@pytest.mark.parametrize(
    ("value", "converted", "mutu", "kinerja"),
    [
        (4, "100.00", "A", "Sangat baik"),
        (3, "75.00", "C", "Kurang baik"),  # every answer "baik" is still C: the table says so
        (2, "50.00", "D", "Tidak baik"),
        (1, "25.00", "D", "Tidak baik"),
    ],
)
def test_uniform_answers(value, converted, mutu, kinerja):
    result = ikm.compute(NINE, everyone(value))
    assert result.converted == Decimal(converted)
    assert (result.grade.mutu, result.grade.kinerja) == (mutu, kinerja)
    assert result.index == value


@pytest.mark.parametrize(
    ("converted", "mutu"),
    [
        ("100.00", "A"), ("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C"),
        ("65.00", "C"), ("64.99", "D"), ("25.00", "D"),
    ],
)  # fmt: skip
def test_every_boundary_of_the_converted_scale(converted, mutu):
    assert ikm.grade(Decimal(converted)).mutu == mutu


@pytest.mark.parametrize(
    ("interval", "mutu"),
    [
        ("4.00", "A"), ("3.5324", "A"), ("3.532", "B"), ("3.0644", "B"), ("3.064", "C"),
        ("2.60", "C"), ("2.5996", "D"), ("1.00", "D"),
    ],
)  # fmt: skip
def test_every_boundary_of_the_interval_scale(interval, mutu):
    assert ikm.grade_of_interval(Decimal(interval)).mutu == mutu


def test_the_converted_value_is_rounded_half_up_before_grading():
    assert ikm.grade(Fraction(88305, 1000)).mutu == "A"  # 88.305 prints as 88.31
    assert ikm.grade(Fraction(883049, 10000)).mutu == "B"
    assert ikm.rounded(Fraction(1, 8)) == Decimal("0.13")  # round() would give 0.12


def test_the_weight_is_exactly_one_ninth_not_0_111():
    result = ikm.compute(NINE, everyone(4))
    assert result.weight == Fraction(1, 9)
    assert result.converted == Decimal("100.00")  # 4 x 0.111 x 9 x 25 would be 99.90
    # A survey where 0.111 moves the printed value: exact 91.48, with 0.111 it would be 91.39.
    answers = [{key: 4 for key, _name in NINE} for _ in range(13)] + [
        {key: 3 for key, _name in NINE} for _ in range(7)
    ]
    answers[0]["u1"] = 2
    exact = ikm.compute(NINE, answers)
    with_0111 = sum(u.nrr for u in exact.answered) * Fraction(111, 1000) * 25
    assert exact.converted == ikm.rounded(sum(u.nrr for u in exact.answered) / 9 * 25)
    assert exact.converted != ikm.rounded(with_0111)


def test_unsur_are_joined_by_name_not_position():
    answers = [{f"u{n}": 1 + n % 4 for n in range(1, 10)} for _ in range(5)]
    swapped = [dict(reversed(list(answer.items()))) for answer in answers]
    assert ikm.compute(NINE, answers).converted == ikm.compute(list(reversed(NINE)), swapped).converted
    by_key = {u.key: u.nrr for u in ikm.compute(list(reversed(NINE)), swapped).unsur}
    assert by_key["u8"] == 1 + 8 % 4


def test_unanswered_items_count_only_where_answered():
    answers = everyone(4, respondents=3)
    answers[0]["u2"] = None  # skipped on one paper form
    del answers[1]["u3"]
    for answer in answers:
        answer["u9"] = None  # an unsur nobody answered leaves the weight
    result = ikm.compute(NINE, answers)
    nrr = {u.key: u for u in result.unsur}
    assert (nrr["u2"].respondents, nrr["u2"].nrr) == (2, 4)
    assert nrr["u9"].respondents == 0
    assert result.weight == Fraction(1, 8)
    assert result.converted == Decimal("100.00")
    assert result.respondents == 3


def test_answers_outside_one_to_four_are_refused():
    with pytest.raises(ValueError, match="1 to 4"):
        ikm.compute(NINE, [{"u1": 5}])


def test_no_answers_gives_no_index():
    result = ikm.compute(NINE, [])
    assert (result.index, result.converted, result.grade) == (None, None, None)


def krejcie_morgan_formula(population):
    chi, p, d = Fraction(3841, 1000), Fraction(1, 2), Fraction(5, 100)
    return chi * population * p * (1 - p) / (d * d * (population - 1) + chi * p * (1 - p))


def test_the_sample_table_is_the_published_one():
    assert len(ikm.KREJCIE_MORGAN) == 90
    differ = [n for n, s in ikm.KREJCIE_MORGAN if round(krejcie_morgan_formula(n)) != s]
    assert differ == [100000]  # the table's 384 against the formula's 382.6


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        (0, 0),
        (5, 5),
        (10, 10),
        (50, 44),
        (100, 80),
        (101, 86),
        (1000, 278),
        (2000, 322),
        (100000, 384),
        (2_000_000, 384),
    ],
)
def test_minimum_sample_rounds_the_population_up_to_the_next_row(population, sample):
    assert ikm.minimum_sample(population) == sample
