"""Build ``wilayah.csv`` from the CSV files of the npm package ``idn-area-data``.

Standalone: standard library only, no Django. Usage::

    python mpp/core/data/build_wilayah.py SOURCE_DIR [OUTPUT_CSV]

SOURCE_DIR holds the package's ``provinces.csv`` (code,name), ``regencies.csv``
(code,province_code,name) and ``districts.csv`` (code,regency_code,name), with
dotted Kemendagri codes such as ``62.03.01``. The output (by default
``wilayah.csv`` next to this script) is one table ``code,name`` with the dots
removed: 2 digits for a province, 4 for a regency/city, 6 for a district
(kecamatan), sorted by code so every region follows its parent. Names are kept
exactly as published. See README.md in this directory for source and licence.
"""

import csv
import re
import sys
from pathlib import Path

# (file name, digits in the code without dots, name of the parent-code column or None)
LEVELS = (
    ("provinces.csv", 2, None),
    ("regencies.csv", 4, "province_code"),
    ("districts.csv", 6, "regency_code"),
)


def _undot(code: str, digits: int, where: str) -> str:
    """'62.03.01' -> '620301', checking the layout (pairs of digits joined by dots)."""
    if not re.fullmatch(r"\d{2}(\.\d{2})*", code):
        raise SystemExit(f"{where}: malformed code {code!r}")
    plain = code.replace(".", "")
    if len(plain) != digits:
        raise SystemExit(f"{where}: code {code!r} should have {digits} digits")
    return plain


def build(source: Path) -> list[tuple[str, str]]:
    names: dict[str, str] = {}
    for filename, digits, parent_column in LEVELS:
        path = source / filename
        with path.open(newline="", encoding="utf-8") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                where = f"{path}:{line}"
                code = _undot(row["code"], digits, where)
                if code in names:
                    raise SystemExit(f"{where}: duplicate code {row['code']!r}")
                if parent_column is not None:
                    parent = _undot(row[parent_column], digits - 2, where)
                    if parent != code[:-2] or parent not in names:
                        raise SystemExit(f"{where}: bad parent {row[parent_column]!r} for {row['code']!r}")
                if not row["name"]:
                    raise SystemExit(f"{where}: empty name")
                names[code] = row["name"]
    return sorted(names.items())


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    source = Path(argv[1])
    output = Path(argv[2]) if len(argv) == 3 else Path(__file__).with_name("wilayah.csv")
    rows = build(source)
    with output.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("code", "name"))
        writer.writerows(rows)
    counts = {digits: sum(len(code) == digits for code, _ in rows) for _, digits, _ in LEVELS}
    print(
        f"wrote {output}: {counts[2]} provinces, {counts[4]} regencies/cities, {counts[6]} districts",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
