"""The SP4N-LAPOR! export: its columns and values, local dates, and text from the public
that never runs as a spreadsheet formula."""

import csv
import datetime as dt
import io

from openpyxl import load_workbook

from mpp.complaints import exports
from mpp.complaints.models import Complaint
from mpp.complaints.services import handling
from tests.complaints.conftest import file


def test_columns_and_values_follow_sp4n_lapor(world, clock_at):
    complaint, _pin = file(world, service=world.service_a, incident_date=dt.date(2026, 10, 1))
    handling.forward_complaint(
        user=world.manager, complaint=complaint, agency=world.agency_a, note="Internal"
    )
    handling.answer_complaint(user=world.admin_a, complaint=complaint, text="Petugas ditambah.")
    row = dict(
        zip(
            exports.HEADERS,
            exports.rows(user=world.manager, queryset=Complaint.objects.all())[0],
            strict=True,
        )
    )
    assert row["Tracking ID"] == complaint.tracking_id
    assert row["Tanggal Laporan"].replace(second=0) == dt.datetime(
        2026, 11, 30, 9, 0
    )  # the hall's time (WIB)
    assert (row["Klasifikasi"], row["Kanal"], row["Status"]) == ("Pengaduan", "Website", "Ditindaklanjuti")
    assert (row["Instansi Dilaporkan"], row["Instansi Tujuan Disposisi"]) == (
        world.agency_a.name,
        world.agency_a.name,
    )
    assert row["Layanan"] == world.service_a.name
    assert (row["Batas Disposisi"], row["Batas Tindak Lanjut"]) == (
        dt.date(2026, 12, 3),
        dt.date(2026, 12, 7),
    )
    assert row["Tindak Lanjut"] == "Petugas ditambah."
    assert row["Keterangan Status"] == "Petugas ditambah."
    assert (row["Lebih dari 30 Hari"], row["Rahasia"], row["Terlambat"]) == ("Ya", "Tidak", "Tidak")
    assert row["Tanggal Disposisi"].replace(second=0) == dt.datetime(2026, 11, 30, 9, 0)
    assert row["Tanggal Selesai"] is None


def test_formulas_from_the_public_stay_text(world, clock_at):
    file(
        world,
        subject='=HYPERLINK("http://x","klik")',
        description="+62 cmd|' /C calc'!A0 dan lain-lain panjang",
    )
    data = exports.rows(user=world.manager, queryset=Complaint.objects.all())
    text = exports.to_csv(data).decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[exports.HEADERS.index("Judul Laporan")].startswith("'=")
    assert row[exports.HEADERS.index("Isi Laporan")].startswith("'+62")
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(data))).active
    cell = sheet.cell(row=2, column=exports.HEADERS.index("Judul Laporan") + 1)
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")
    assert sheet.cell(row=2, column=2).is_date


def test_control_characters_do_not_break_the_workbook(world, clock_at):
    file(world, description="Baris satu\x0bbaris dua\x1b dengan karakter kendali yang aneh")
    data = exports.rows(user=world.manager, queryset=Complaint.objects.all())
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(data))).active
    assert "\x0b" not in sheet.cell(row=2, column=exports.HEADERS.index("Isi Laporan") + 1).value


def test_the_export_reads_only_the_callers_scope_in_a_few_queries(
    world, clock_at, django_assert_max_num_queries
):
    for n in range(15):
        complaint, _pin = file(world, subject=f"Pengaduan nomor {n}")
        if n % 3 == 0:
            handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    with django_assert_max_num_queries(8):
        rows = exports.rows(
            user=world.manager,
            queryset=Complaint.objects.all(),
            with_identity=True,
            purpose="Laporan bulanan",
        )
    assert len(rows) == 15
    assert len(exports.rows(user=world.officer_a, queryset=Complaint.objects.all())) == 5
    assert exports.rows(user=world.officer_b, queryset=Complaint.objects.all()) == []
    assert exports.rows(user=world.other_manager, queryset=Complaint.objects.all()) == []
