"""The Indeks Kepuasan Masyarakat, exactly as PermenPAN-RB 14/2017 computes it.

1. NRR per unsur = sum of its answers / respondents who answered it.
2. Weight = 1 / X, X the number of unsur answered ("total unsur yang terisi"): 1/9
   for the nine of the regulation, exactly (not 0.111: a perfect survey must give 100).
3. IKM (scale 1-4) = sum of NRR x weight; IKM unit pelayanan (25-100) = IKM x 25.
4. Mutu and kinerja from the 25-100 value rounded half up to two decimals:
   >= 88.31 A Sangat baik, >= 76.61 B Baik, >= 65.00 C Kurang baik, else D Tidak baik.

Arithmetic is in fractions until the one rounding at the end, so no intermediate
rounding can move a unit across a grade boundary.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

TWO_PLACES = Decimal("0.01")
FOUR_PLACES = Decimal("0.0001")

# (lowest converted value, mutu, kinerja): the regulation's table, 25-100 scale.
GRADES = (
    (Decimal("88.31"), "A", _("Sangat baik")),
    (Decimal("76.61"), "B", _("Baik")),
    (Decimal("65.00"), "C", _("Kurang baik")),
    (Decimal("25.00"), "D", _("Tidak baik")),
)


def rounded(value: Fraction, places: Decimal = TWO_PLACES) -> Decimal:
    """Half up, as the reports print it (Python's round() would round half to even)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(places, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Grade:
    mutu: str
    kinerja: str


def grade(converted: Decimal | Fraction) -> Grade | None:
    """Mutu and kinerja of a value on the 25-100 scale."""
    value = (
        rounded(converted)
        if isinstance(converted, Fraction)
        else converted.quantize(TWO_PLACES, ROUND_HALF_UP)
    )
    for lowest, mutu, kinerja in GRADES:
        if value >= lowest:
            return Grade(mutu, str(kinerja))
    return None


def grade_of_interval(value_1_4: Decimal | Fraction) -> Grade | None:
    """Mutu of a value on the 1-4 scale (nilai interval): the same table, through x 25."""
    return grade(Fraction(value_1_4) * 25)


@dataclass(frozen=True)
class UnsurResult:
    key: str
    name: str
    respondents: int
    total: int
    weight: Fraction | None = None  # 1 / X when answered

    @property
    def nrr(self) -> Fraction:
        return Fraction(self.total, self.respondents)

    @property
    def weighted(self) -> Fraction | None:
        """NRR tertimbang: NRR x 1/X."""
        return self.nrr * self.weight if self.respondents and self.weight else None

    @property
    def weighted_display(self) -> Decimal | None:
        return rounded(self.weighted, FOUR_PLACES) if self.weighted is not None else None

    @property
    def nrr_display(self) -> Decimal:
        return rounded(self.nrr)

    @property
    def converted(self) -> Decimal:
        return rounded(self.nrr * 25)

    @property
    def grade(self) -> Grade | None:
        return grade(self.nrr * 25)


@dataclass(frozen=True)
class Result:
    respondents: int
    unsur: tuple[UnsurResult, ...]

    @property
    def answered(self) -> tuple[UnsurResult, ...]:
        return tuple(u for u in self.unsur if u.respondents)

    @property
    def weight(self) -> Fraction | None:
        """1 / X, X the unsur with at least one answer."""
        return Fraction(1, len(self.answered)) if self.answered else None

    @property
    def index(self) -> Fraction | None:
        """IKM on the 1-4 scale: the weighted sum of the NRR (exact)."""
        if not self.answered:
            return None
        return sum((u.nrr * self.weight for u in self.answered), Fraction(0))

    @property
    def converted_exact(self) -> Fraction | None:
        return self.index * 25 if self.index is not None else None

    @property
    def converted(self) -> Decimal | None:
        """IKM unit pelayanan, 25-100, two decimals."""
        return rounded(self.converted_exact) if self.converted_exact is not None else None

    @property
    def index_display(self) -> Decimal | None:
        return rounded(self.index, FOUR_PLACES) if self.index is not None else None

    @property
    def grade(self) -> Grade | None:
        return grade(self.converted_exact) if self.converted_exact is not None else None


def compute(
    unsur: Iterable[tuple[str, str]],
    answers: Iterable[Mapping[str, int | None]],
) -> Result:
    """IKM of ``answers`` (one mapping unsur key -> 1..4 or None per respondent) over
    ``unsur`` ((key, name) in report order). Keys, not positions, join the two."""
    order = list(unsur)
    totals = {key: [0, 0] for key, _name in order}
    respondents = 0
    for answer in answers:
        respondents += 1
        for key, value in answer.items():
            if value is None or key not in totals:
                continue
            if not 1 <= value <= 4:
                raise ValueError(f"an answer is 1 to 4, not {value!r}")
            totals[key][0] += 1
            totals[key][1] += value
    answered = sum(1 for key, _name in order if totals[key][0])
    weight = Fraction(1, answered) if answered else None
    return Result(
        respondents=respondents,
        unsur=tuple(
            UnsurResult(key, name, totals[key][0], totals[key][1], weight if totals[key][0] else None)
            for key, name in order
        ),
    )


# Krejcie & Morgan (1970): the sample for a population N, as the regulation's annex and
# the reports reproduce it. Looked up, N rounded up to the next row: the formula behind
# it differs at N = 100,000 (382.6 against the table's 384).
KREJCIE_MORGAN = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44),
    (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76),
    (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118),
    (180, 123), (190, 127), (200, 132), (210, 136), (220, 140), (230, 144), (240, 148),
    (250, 152), (260, 155), (270, 159), (280, 162), (290, 165), (300, 169), (320, 175),
    (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210),
    (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254),
    (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278), (1100, 285), (1200, 291),
    (1300, 297), (1400, 302), (1500, 306), (1600, 310), (1700, 313), (1800, 317), (1900, 320),
    (2000, 322), (2200, 327), (2400, 331), (2600, 335), (2800, 338), (3000, 341), (3500, 346),
    (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368),
    (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381),
    (75000, 382), (100000, 384),
)  # fmt: skip


def minimum_sample(population: int) -> int:
    """Respondents a period needs for its population of served visitors (0 for none)."""
    if population <= 0:
        return 0
    for rows, sample in KREJCIE_MORGAN:
        if population <= rows:
            return min(sample, population)
    return KREJCIE_MORGAN[-1][1]
