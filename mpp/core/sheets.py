"""Spreadsheet rows from citizens' text: what a cell can hold, and never a formula.

A comment or a complaint is text a citizen wrote. Written into a workbook as it is, a
control character makes openpyxl refuse the whole file, and a text that starts with
"=" becomes a live formula in the officer's spreadsheet program.
"""

import re

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Characters that are not text (the C0 controls but tab, line feed and carriage return).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def append_row(sheet, values) -> None:
    """Append ``values`` to ``sheet``: strings cleaned of what a cell cannot hold, and
    strings that look like formulas kept as text."""
    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"
