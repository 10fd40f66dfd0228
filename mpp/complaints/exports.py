"""The complaints export (CSV and xlsx) with the fields SP4N-LAPOR! records.

Column names and values use SP4N-LAPOR!'s own Indonesian words whatever the reader's
language, so that the file can be compared with, or entered into, SP4N-LAPOR! and read
by the regent's office as it is. Identity columns are masked unless the reader may see
the identity and asks for it with a purpose (each row then written to the access
audit), and always empty for confidential and anonymous complaints.
"""

import csv
import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from mpp.complaints import selectors
from mpp.complaints.identity import IDENTITY_FIELDS, export_identity
from mpp.complaints.models import Complaint, Entry, Status
from mpp.core import clock
from mpp.core.sheets import append_row
from mpp.privacy.models import AccessLog

MAX_ROWS = 20000

CLASSIFICATION = {
    "complaint": "Pengaduan",
    "aspiration": "Aspirasi",
    "information": "Permintaan Informasi",
    "whistleblowing": "Whistle-blowing",
}
CHANNEL = {"portal": "Website", "kiosk": "Anjungan", "desk": "Loket Pengaduan", "api": "API"}
STATUS = {
    "received": "Diterima",
    "verified": "Terverifikasi",
    "postponed": "Ditunda",
    "not_our_authority": "Bukan Wewenang",
    "archived": "Diarsipkan",
    "forwarded": "Didisposisikan",
    "followed_up": "Ditindaklanjuti",
    "closed": "Selesai",
}
HEADERS = [
    "Tracking ID",
    "Tanggal Laporan",
    "Klasifikasi",
    "Kanal",
    "Rahasia",
    "Anonim",
    "Instansi Dilaporkan",
    "Layanan",
    "Judul Laporan",
    "Isi Laporan",
    "Tanggal Kejadian",
    "Lokasi Kejadian",
    "Lebih dari 30 Hari",
    "Status",
    "Keterangan Status",
    "Tanggal Verifikasi",
    "Batas Disposisi",
    "Instansi Tujuan Disposisi",
    "Tanggal Disposisi",
    "Batas Tindak Lanjut",
    "Tanggal Tindak Lanjut",
    "Tindak Lanjut",
    "Tanggal Selesai",
    "Terlambat",
    "Nama Pelapor",
    "NIK Pelapor",
    "Telepon Pelapor",
    "Email Pelapor",
]


def _yes(value: bool) -> str:
    return "Ya" if value else "Tidak"


def rows(
    *, user, queryset: QuerySet[Complaint], with_identity: bool = False, purpose: str = ""
) -> list[list[object]]:
    """The rows of the complaints the user may read in ``queryset`` (at most MAX_ROWS).

    Dates are the site's local dates and times. With ``with_identity``, identity is plain
    where the reader may see it, and each such row is written to the access audit.
    """
    purpose = (purpose or "").strip()
    if with_identity and not purpose:
        raise ValidationError({"purpose": _("Say why you need to see this data.")})
    if len(purpose) > 200:
        raise ValidationError({"purpose": _("At most %(max)s characters.") % {"max": 200}})
    status_entries = Entry.objects.filter(kind=Entry.Kind.STATUS).order_by("-at", "-id")
    complaints = list(
        selectors.readable_complaints(user, queryset)
        .select_related("site", "agency", "service", "reported_agency", "reported_service")
        .prefetch_related(Prefetch("entries", queryset=status_entries, to_attr="status_entries"))
        .order_by("received_at", "id")[:MAX_ROWS]
    )
    may_reveal: set[int] = set()
    if with_identity:
        # Ordinary complaints only: a confidential one is never exported with its identity.
        may_reveal = set(
            selectors.answerable_complaints(user, queryset)
            .filter(is_confidential=False, is_anonymous=False)
            .values_list("pk", flat=True)
        )
    # The desk reads for the mall; anyone else for the agency the complaint is forwarded to.
    desk = (
        set(selectors.desk_complaints(user, queryset).values_list("pk", flat=True)) if may_reveal else set()
    )
    now = clock.now()
    audit = []
    result = []
    for complaint in complaints:
        zone = complaint.site.zone
        revealed = complaint.pk in may_reveal

        def local(moment: dt.datetime | None, zone=zone) -> dt.datetime | None:
            return moment.astimezone(zone).replace(tzinfo=None, microsecond=0) if moment else None

        latest = complaint.status_entries[0] if complaint.status_entries else None
        follow_up = next((e for e in complaint.status_entries if e.status == Status.FOLLOWED_UP), None)
        identity = export_identity(complaint, revealed=revealed)
        if revealed:
            audit.append(
                AccessLog(
                    at=now,
                    user=user,
                    site=complaint.site,
                    agency=None if complaint.pk in desk else complaint.agency,
                    subject=f"complaints.complaint:{complaint.pk}",
                    fields=",".join(IDENTITY_FIELDS),
                    purpose=purpose[:200],
                )
            )
        result.append(
            [
                complaint.tracking_id,
                local(complaint.received_at),
                CLASSIFICATION[complaint.classification],
                CHANNEL[complaint.channel],
                _yes(complaint.is_confidential),
                _yes(complaint.is_anonymous),
                complaint.reported_agency.name if complaint.reported_agency_id else "",
                (complaint.service or complaint.reported_service).name
                if (complaint.service_id or complaint.reported_service_id)
                else "",
                complaint.subject,
                complaint.description,
                complaint.incident_date,
                complaint.incident_place,
                _yes(complaint.filed_late),
                STATUS[complaint.status],
                latest.text if latest is not None and latest.is_public else "",
                local(complaint.verified_at),
                complaint.forward_due,
                complaint.agency.name if complaint.agency_id else "",
                local(complaint.forwarded_at),
                complaint.follow_up_due,
                local(complaint.followed_up_at),
                follow_up.text if follow_up is not None else "",
                local(complaint.closed_at),
                _yes(complaint.is_overdue),
                *(identity[field] for field in IDENTITY_FIELDS),
            ]
        )
    if audit:
        AccessLog.objects.bulk_create(audit)
    return result


# A cell that starts with one of these is a formula to a spreadsheet program: text from
# the public must never run as one (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(data: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for row in data:
        writer.writerow([_csv_value(value) for value in row])
    # The byte order mark makes Excel read the file as UTF-8 (names, Indonesian text).
    return ("\ufeff" + buffer.getvalue()).encode()


def to_xlsx(data: list[list[object]]) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = "Pengaduan"
    sheet.append(HEADERS)
    for row in data:
        append_row(sheet, row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def response(data: list[list[object]], kind: str) -> HttpResponse:
    """The export as a download: ``kind`` is "csv" or "xlsx"."""
    stamp = timezone.localtime(clock.now()).strftime("%Y%m%d-%H%M")
    if kind == "csv":
        answer = HttpResponse(to_csv(data), content_type="text/csv; charset=utf-8")
    else:
        answer = HttpResponse(
            to_xlsx(data), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    answer["Content-Disposition"] = f'attachment; filename="pengaduan-{stamp}.{kind}"'
    answer["Cache-Control"] = "no-store"
    return answer
