import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from mpp.queueing import kiosks
from mpp.queueing.services.tickets import issue_ticket
from mpp.surveys import ikm, periods, selectors, services
from mpp.surveys.models import Answer, Response, Unsur
from tests.surveys.conftest import ALL_FOUR, served, survey_form


def test_the_nine_unsur_are_installed_keyed_by_name(nine):
    assert [u.key for u in Unsur.objects.filter(agency=None)] == [
        "persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "sarana", "pengaduan",
    ]  # fmt: skip
    assert Unsur.objects.get(key="biaya").answers() == [(1, "Sangat mahal"), (2, "Cukup mahal"), (3, "Murah"),
                                                        (4, "Gratis")]  # fmt: skip


def test_the_status_page_offers_the_survey_once_the_service_is_finished(client, hall, nine):
    request = served(hall)
    page = client.get(f"/tiket/{request.visit.token}/").content.decode()
    assert "Bagaimana pelayanannya?" in page
    assert f"/survei/{request.visit.token}/{request.pk}/" in page


def test_a_visitor_answers_once_and_nothing_links_the_answers_to_them(client, hall, nine):
    request = served(hall, phone="081234567890")
    url = f"/survei/{request.visit.token}/{request.pk}/"
    form = client.get(url).content.decode()
    assert "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?" in form
    response = client.post(
        url, survey_form(age="67", sex="P", education="sd", occupation="lainnya", comment="Ramah")
    )
    assert "Jawaban Anda sudah dicatat." in response.content.decode()
    saved = Response.objects.get()
    assert (saved.agency, saved.service, saved.channel, saved.age) == (
        hall.world.agency_a,
        hall.world.service_a,
        "link",
        67,
    )
    assert saved.served_on == dt.date(2026, 11, 30)
    assert Answer.objects.filter(response=saved).count() == 9
    columns = {f.name for f in Response._meta.get_fields()}
    assert not columns & {"request", "visit", "phone", "nik", "officer"}
    again = client.post(url, survey_form())
    assert "sudah dinilai" in again.content.decode()
    assert Response.objects.count() == 1
    assert "Bagaimana pelayanannya?" not in client.get(f"/tiket/{request.visit.token}/").content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"u_waktu": ""}, "Pilih salah satu dari empat jawaban."),
        ({"u_waktu": "5"}, "Pilih salah satu"),
        ({"age": "7"}, "10"),
        ({"comment": "x" * 1001}, "1000"),
        ({"sex": "X"}, "Pilih"),
    ],
)
def test_bad_answers_are_shown_and_record_nothing(client, hall, nine, change, message):
    request = served(hall)
    response = client.post(f"/survei/{request.visit.token}/{request.pk}/", {**survey_form(), **change})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Response.objects.exists()


def test_unfinished_services_and_other_tickets_cannot_be_rated(client, hall, nine):
    finished = served(hall)
    waiting = issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    request = waiting.requests.get()
    assert client.get(f"/survei/{waiting.token}/{request.pk}/").status_code == 404
    assert client.get(f"/survei/{waiting.token}/{finished.pk}/").status_code == 404
    assert client.get("/survei/bukan-token/").status_code == 404
    with pytest.raises(ValidationError, match="belum selesai"):
        services.answer_for_request(request=request, answers=ALL_FOUR, profile={})


def test_an_agency_may_add_its_own_unsur(client, hall, nine):
    Unsur.objects.create(
        agency=hall.world.agency_a, key="antrean", name="Kenyamanan antrean", position=20,
        question="Bagaimana kenyamanan ruang tunggu?", answer_1="Tidak nyaman", answer_2="Kurang nyaman",
        answer_3="Nyaman", answer_4="Sangat nyaman",
    )  # fmt: skip
    request = served(hall)
    url = f"/survei/{request.visit.token}/{request.pk}/"
    assert "Bagaimana kenyamanan ruang tunggu?" in client.get(url).content.decode()
    client.post(url, survey_form({**ALL_FOUR, "antrean": 2}))
    result = selectors.result(selectors.Scope(hall.world.site, hall.world.agency_a), _quarter())
    assert result.weight == ikm.Fraction(1, 10)
    assert result.converted == ikm.rounded(ikm.Fraction(4 * 9 + 2, 10) * 25)
    # The whole mall's IKM stands on the regulation's nine only.
    mall = selectors.result(selectors.Scope(hall.world.site), _quarter())
    assert (mall.weight, mall.converted) == (ikm.Fraction(1, 9), ikm.rounded(ikm.Fraction(100)))


def _quarter():
    return periods.parse("2026-Q4")


# The exit kiosk ---------------------------------------------------------------------------


def enrol(client, hall):
    client.cookies[kiosks.COOKIE] = kiosks.enrolment_value(hall.world.site.pk)


def test_the_exit_kiosk_takes_the_ticket_number_for_two_hours(client, hall, nine, clock_at):
    assert client.get("/contoh/anjungan/survei/").status_code == 403
    enrol(client, hall)
    first = served(hall)
    check = first.visit.check_code
    assert re.fullmatch(r"\d{4}", check)
    start = client.post("/contoh/anjungan/survei/", {"code": "a-1", "check": check}).content.decode()
    assert hall.world.service_a.name in start
    link = start.split('href="/contoh/anjungan/survei/isi/')[1].split('"')[0]
    page = client.post(f"/contoh/anjungan/survei/isi/{link}", survey_form())
    assert "Terima kasih" in page.content.decode()
    assert Response.objects.get().channel == "kiosk"
    assert "sudah dinilai" in client.get(f"/contoh/anjungan/survei/isi/{link}").content.decode()
    later = served(hall)
    clock_at(later.finished_at + dt.timedelta(hours=2, minutes=1))
    refused = client.post(
        "/contoh/anjungan/survei/", {"code": later.visit.code, "check": later.visit.check_code}
    )
    assert refused.status_code == 409
    by_qr = client.post(
        "/contoh/anjungan/survei/", {"code": f"https://mpp.example/tiket/{later.visit.token}/"}
    )
    assert hall.world.service_a.name in by_qr.content.decode()


def test_a_typed_number_needs_the_ticket_code_printed_under_it(client, hall, nine):
    """Numbers run in order and show on the boards: one person at the exit kiosk must not
    rate the services of every visitor of the day by typing A001, A002, ..."""
    enrol(client, hall)
    done = [served(hall) for _ in range(3)]
    for request_ in done:
        code = request_.visit.code
        wrong = f"{(int(request_.visit.check_code) + 1) % 10000:04d}"
        for check in ("", wrong, "12x4", "\u0661\u0662\u0663\u0664"):  # Arabic-Indic digits too
            refused = client.post("/contoh/anjungan/survei/", {"code": code, "check": check})
            assert refused.status_code in (200, 409)
            assert "/anjungan/survei/isi/" not in refused.content.decode()
    ticket = client.post(
        "/contoh/anjungan/survei/", {"code": done[1].visit.code, "check": done[1].visit.check_code}
    )
    assert "/anjungan/survei/isi/" in ticket.content.decode()
    codes = {served(hall).visit.check_code for _ in range(12)}
    assert len(codes) > 1  # the code follows the ticket, not the number


def test_the_printed_ticket_shows_its_code(client, hall):
    enrol(client, hall)
    visit = issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    html = client.get(f"/contoh/anjungan/tiket/{visit.token}/").content.decode()
    assert f'<strong class="ticket-check">{visit.check_code}</strong>' in html


def test_a_forged_kiosk_pass_leads_back_to_the_start(client, hall, nine):
    enrol(client, hall)
    served(hall)
    response = client.get("/contoh/anjungan/survei/isi/eyJyIjoxLCJzIjoxfQ:forged:sig/")
    assert response.status_code == 302
    assert response["Location"] == "/contoh/anjungan/survei/"


# Paper forms and reports ----------------------------------------------------------------------


def test_staff_enter_paper_forms_with_blank_items(client, hall, nine):
    client.force_login(hall.world.officer_a)
    url = "/skm/kertas/?site=contoh&agency=dukcapil"
    shown = re.search(
        r'<input type="date" name="served_on" value="([^"]*)"', client.get(url).content.decode()
    )
    assert shown.group(1) == "2026-11-30"  # the format a date input takes
    form = survey_form({**ALL_FOUR, "sarana": "", "pengaduan": ""}, served_on="2026-11-27")
    response = client.post(url, form)
    assert response.status_code == 302
    saved = Response.objects.get()
    assert (saved.channel, saved.entered_by, saved.answers.count()) == ("paper", hall.world.officer_a, 7)
    future = client.post(url, survey_form(served_on="2026-12-25"))
    assert future.status_code == 422
    assert "tidak boleh di masa depan" in future.content.decode()
    other = client.post(url, survey_form(served_on="2026-11-27", service=str(hall.world.service_b.pk)))
    assert other.status_code == 422
    # One form shown, submitted twice (a double click, a reload): saved once.
    key = re.search(r'name="submit_key" value="([^"]+)"', client.get(url).content.decode()).group(1)
    twice = survey_form(ALL_FOUR, served_on="2026-11-26", submit_key=key)
    assert client.post(url, twice).status_code == 302
    assert client.post(url, twice).status_code == 302
    assert Response.objects.filter(served_on="2026-11-26").count() == 1
    assert client.get("/skm/kertas/?site=contoh&agency=polres").status_code == 404


def test_who_reads_which_report(client, hall, nine, world):
    client.force_login(world.officer_a)
    assert client.get("/skm/?agency=dukcapil").status_code == 200
    assert client.get("/skm/?agency=polres").status_code == 404
    assert "Seluruh mal" not in client.get("/skm/").content.decode()
    client.force_login(world.manager)
    page = client.get("/skm/").content.decode()
    assert "Per instansi" in page
    client.force_login(world.auditor)
    assert client.get("/skm/?agency=polres").status_code == 200
    client.force_login(world.front_desk)
    assert client.get("/skm/").status_code == 403
    client.force_login(world.other_manager)
    assert client.get("/skm/?site=contoh").status_code == 404
    assert client.get("/skm/?periode=2026-Q9").status_code == 400


def test_the_report_and_its_spreadsheet_agree(client, hall, nine, world):
    for values in (ALL_FOUR, {**ALL_FOUR, "waktu": 2, "biaya": 3}, {key: 3 for key in ALL_FOUR}):
        services.answer_for_request(request=served(hall), answers=values, profile={"sex": "L"})
    served(hall)  # served, not rated: part of the population
    result = selectors.result(selectors.Scope(world.site, world.agency_a), _quarter())
    expected = ikm.rounded((ikm.Fraction(4 * 9 * 1 + (4 * 7 + 2 + 3) + 3 * 9, 27)) * 25)
    assert result.converted == expected
    client.force_login(world.admin_a)
    page = client.get("/skm/?agency=dukcapil&periode=2026-Q4").content.decode()
    assert str(expected).replace(".", ",") in page  # Indonesian decimal comma
    assert "3 responden, dari 4 pengunjung yang dilayani" in page
    book = load_workbook(io.BytesIO(client.get("/skm/unduh/?agency=dukcapil&periode=2026-Q4").content))
    recap = book["Rekapitulasi"]
    values = {row[0]: row for row in recap.iter_rows(values_only=True) if row and row[0]}
    assert values["IKM unit pelayanan (25-100)"][7] == float(expected)
    assert values["U3"][1] == "Waktu Penyelesaian"
    assert values["U3"][4] == pytest.approx((4 + 2 + 3) / 3)
    data = list(book["Data"].iter_rows(values_only=True))
    assert len(data) == 4  # the header and three respondents
    assert data[1][4] == "L"


def test_a_comment_is_text_in_the_spreadsheet_never_a_formula(client, hall, nine, world):
    formula = '=HYPERLINK("http://x.example","klik")'
    services.answer_for_request(request=served(hall), answers=ALL_FOUR, profile={"comment": formula})
    client.force_login(world.admin_a)
    book = load_workbook(io.BytesIO(client.get("/skm/unduh/?agency=dukcapil&periode=2026-Q4").content))
    cell = book["Data"].cell(row=2, column=book["Data"].max_column)
    assert (cell.value, cell.data_type) == (formula, "s")


def test_a_comment_with_control_characters_is_refused_and_saves_nothing(hall, nine):
    with pytest.raises(ValidationError) as refused:
        services.answer_for_request(request=served(hall), answers=ALL_FOUR, profile={"comment": "bagus\x01"})
    assert "comment" in refused.value.message_dict
    assert not Response.objects.exists()


@pytest.mark.parametrize("period", ["2000", "2000-Q1", "2000-01", "2000-S1"])
def test_the_first_periods_there_are_have_a_shorter_trend(client, hall, nine, world, period):
    assert periods.parse(period).previous(6)[0].start == dt.date(2000, 1, 1)
    assert client.get(f"/contoh/ikm/?periode={period}").status_code == 200
    client.force_login(world.admin_a)
    assert client.get(f"/skm/?agency=dukcapil&periode={period}").status_code == 200
    assert client.get(f"/skm/unduh/?agency=dukcapil&periode={period}").status_code == 200


def test_the_public_page_shows_the_index_without_respondent_data(client, hall, nine):
    services.answer_for_request(request=served(hall), answers=ALL_FOUR, profile={"comment": "rahasia kecil"})
    page = client.get("/contoh/ikm/?periode=2026-Q4").content.decode()
    assert "100.00" in page or "100,00" in page
    assert "rahasia kecil" not in page
    assert client.get("/contoh/ikm/?periode=bukan").status_code == 400
