"""The IKM report as a spreadsheet, laid out as agencies submit it.

Sheet "Rekapitulasi": the unit, period and respondents, then per unsur the sum of the
answers, the respondents who answered, NRR, the weight, NRR tertimbang, the converted
value and its mutu; the IKM and its kinerja at the foot. Sheet "Data": one row per
respondent with the profile and U1..Un, as the tabulation sheets of the reports do.
openpyxl writes it (docs/decisions.md).
"""

import io
from collections import defaultdict

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from mpp.core.sheets import append_row
from mpp.surveys.models import Answer, Response
from mpp.surveys.selectors import Report

BOLD = Font(bold=True)


def _as_float(value) -> float | None:
    return float(value) if value is not None else None


def workbook(report: Report, responses: QuerySet[Response]) -> bytes:
    book = Workbook()
    recap = book.active
    recap.title = "Rekapitulasi"
    result = report.result
    recap.append([_("Community satisfaction index (IKM)")])
    recap["A1"].font = Font(bold=True, size=14)
    recap.append([_("Service unit"), report.scope.label])
    recap.append(
        [_("Period"), report.period.label, report.period.start.isoformat(), report.period.end.isoformat()]
    )
    recap.append([_("Respondents"), result.respondents])
    recap.append([_("Visitors served (population)"), report.population])
    recap.append([_("Minimum sample (Krejcie and Morgan)"), report.minimum])
    recap.append([])
    header = [
        _("No."),
        _("Unsur"),
        _("Sum of values"),
        _("Respondents answering"),
        "NRR",
        _("Weight"),
        _("Weighted NRR"),
        _("Converted (25-100)"),
        _("Mutu"),
    ]
    recap.append(header)
    for cell in recap[recap.max_row]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    weight = result.weight
    for number, unsur in enumerate(result.unsur, start=1):
        answered = unsur.respondents > 0
        recap.append(
            [
                f"U{number}",
                unsur.name,
                unsur.total,
                unsur.respondents,
                float(unsur.nrr) if answered else None,
                float(weight) if answered and weight else None,
                float(unsur.nrr * weight) if answered and weight else None,
                _as_float(unsur.converted) if answered else None,
                unsur.grade.mutu if answered and unsur.grade else "",
            ]
        )
    recap.append([])
    recap.append([_("IKM (scale 1-4)"), None, None, None, None, None, _as_float(result.index_display)])
    recap.append(
        [
            _("IKM of the service unit (25-100)"),
            None,
            None,
            None,
            None,
            None,
            None,
            _as_float(result.converted),
        ]
    )
    grade = result.grade
    recap.append([_("Service quality (mutu)"), grade.mutu if grade else ""])
    recap.append([_("Performance (kinerja)"), grade.kinerja if grade else ""])
    for row in recap.iter_rows(min_row=recap.max_row - 3, max_row=recap.max_row):
        row[0].font = BOLD
    for column, width in zip("ABCDEFGHI", (34, 40, 12, 14, 10, 10, 12, 14, 8), strict=True):
        recap.column_dimensions[column].width = width
    for row in recap.iter_rows(min_row=9, min_col=5, max_col=8):
        for cell in row:
            cell.number_format = "0.0000" if cell.column_letter in "EFG" else "0.00"

    data = book.create_sheet("Data")
    keys = [u.key for u in result.unsur]
    data.append(
        [_("No."), _("Day of the service"), _("Channel"), _("Age"), _("Sex"), _("Education"), _("Occupation")]
        + [f"U{n}" for n in range(1, len(keys) + 1)]
        + [_("Comment")]
    )
    for cell in data[1]:
        cell.font = BOLD
    values: dict[int, dict[str, int]] = defaultdict(dict)
    rows = list(responses.order_by("served_on", "id"))
    answers = Answer.objects.filter(response__in=[r.pk for r in rows]).values_list(
        "response_id", "unsur__key", "unsur__agency_id", "value"
    )
    for response_id, key, agency_id, value in answers:
        values[response_id][key if agency_id is None else f"{agency_id}:{key}"] = value
    for number, response in enumerate(rows, start=1):
        append_row(
            data,
            [
                number,
                response.served_on,
                response.get_channel_display(),
                response.age,
                response.sex,
                response.get_education_display() if response.education else "",
                response.get_occupation_display() if response.occupation else "",
            ]
            + [values[response.pk].get(key) for key in keys]
            + [response.comment],
        )
    for index in range(1, data.max_column + 1):
        data.column_dimensions[get_column_letter(index)].width = 12
    data.column_dimensions[get_column_letter(data.max_column)].width = 50
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
