import datetime as dt
import re

import pytest
from django.test import Client

from mpp.queueing import kiosks
from mpp.queueing.models import CounterSession, ServiceRequest, Visit
from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket


@pytest.fixture
def kiosk(client, hall):
    client.cookies[kiosks.COOKIE] = kiosks.enrolment_value(hall.world.site.pk)
    return client


# Kiosk --------------------------------------------------------------------------------


def test_only_an_enrolled_browser_is_a_kiosk(client, hall):
    for path in [
        "/contoh/anjungan/",
        "/contoh/anjungan/instansi/dukcapil/",
        f"/contoh/anjungan/layanan/{hall.offer_a.pk}/",
    ]:
        assert client.get(path).status_code == 403
    assert client.post(f"/contoh/anjungan/layanan/{hall.offer_a.pk}/").status_code == 403
    client.cookies[kiosks.COOKIE] = "forged-value"
    assert client.get("/contoh/anjungan/").status_code == 403
    client.cookies[kiosks.COOKIE] = kiosks.enrolment_value(hall.world.other_site.pk)  # another site's kiosk
    assert client.get("/contoh/anjungan/").status_code == 403
    assert not Visit.objects.exists()


def test_front_desk_enrols_a_kiosk(client, hall):
    client.force_login(hall.world.front_desk)
    response = client.post("/contoh/anjungan/daftarkan/")
    assert response.status_code == 302
    assert (
        kiosks.enrolled_site_id(
            type("R", (), {"COOKIES": {kiosks.COOKIE: response.cookies[kiosks.COOKIE].value}})
        )
        == hall.world.site.pk
    )
    client.force_login(hall.world.officer_a)  # officers do not enrol kiosks
    assert client.post("/contoh/anjungan/daftarkan/").status_code == 404


def test_kiosk_flow_shows_requirements_then_prints_a_ticket(kiosk, hall):
    html = kiosk.get("/contoh/anjungan/").content.decode()
    assert "Dukcapil" in html
    assert "Polres" in html
    html = kiosk.get(f"/contoh/anjungan/layanan/{hall.offer_a.pk}/").content.decode()
    assert "Mohon periksa" in html
    assert "Loket 1" in html
    response = kiosk.post(f"/contoh/anjungan/layanan/{hall.offer_a.pk}/", {"priority_reason": "hamil"})
    visit = Visit.objects.get()
    assert response["Location"] == f"/contoh/anjungan/tiket/{visit.token}/?cetak=1"
    html = kiosk.get(response["Location"]).content.decode()
    assert "A001" in html
    assert "Ibu hamil" in html
    assert "<svg" in html  # the QR code, drawn inline
    assert f"http://testserver/tiket/{visit.token}/" in html


def test_a_double_tap_at_the_kiosk_is_one_ticket(kiosk, hall):
    page = kiosk.get(f"/contoh/anjungan/layanan/{hall.offer_a.pk}/").content.decode()
    key = re.search(r'name="submit_key" value="([^"]+)"', page).group(1)
    assert "data-once" in page
    url = f"/contoh/anjungan/layanan/{hall.offer_a.pk}/"
    first = kiosk.post(url, {"priority_reason": "", "submit_key": key})
    second = kiosk.post(url, {"priority_reason": "", "submit_key": key})
    assert first["Location"] == second["Location"]
    assert Visit.objects.count() == 1
    kiosk.post(url, {"priority_reason": ""})  # a form without a key (an old page) still works
    assert Visit.objects.count() == 2


def test_kiosk_refusal_explains_and_issues_nothing(kiosk, hall, clock_at):
    clock_at(dt.datetime(2026, 12, 25, 2, 0, tzinfo=dt.UTC))
    response = kiosk.post(f"/contoh/anjungan/layanan/{hall.offer_a.pk}/", {"priority_reason": ""})
    assert response.status_code == 409
    assert "Ruang layanan tutup hari ini" in response.content.decode()
    assert not Visit.objects.exists()


@pytest.mark.parametrize("data", [{"priority_reason": "vip"}, {"priority_reason": "x" * 5000}])
def test_kiosk_bad_priority_is_a_form_error(kiosk, hall, data):
    assert kiosk.post(f"/contoh/anjungan/layanan/{hall.offer_a.pk}/", data).status_code == 200
    assert not Visit.objects.exists()


def test_kiosk_cannot_use_another_sites_offer(kiosk, hall):
    assert kiosk.get("/contoh/anjungan/layanan/999999/").status_code == 404
    assert kiosk.get("/contoh/anjungan/instansi/tidak-ada/").status_code == 404


# Status page --------------------------------------------------------------------------------


def test_status_page_follows_the_ticket_without_personal_data(client, hall):
    visit = issue_ticket(site=hall.world.site, services=[hall.world.service_a], phone="081234567890")
    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    later = issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    html = client.get(f"/tiket/{later.token}/").content.decode()
    assert "2 orang di depan Anda" in html
    assert "081234567890" not in html
    assert "6281234567890" not in html
    desk.call_next(session=hall.session(hall.counter_a1))
    html = client.get(f"/tiket/{visit.token}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Silakan menuju loket 1" in html
    assert "<html" not in html  # the partial for HTMX polling
    assert client.get("/tiket/bukan-token/").status_code == 404


# Console ------------------------------------------------------------------------------------


def test_console_full_cycle_with_htmx(client, hall):
    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    client.force_login(hall.world.officer_a)
    html = client.get("/konsol/").content.decode()
    assert "Loket 1" in html
    assert "Loket 5" not in html  # only the agency's counters
    assert client.post("/konsol/", {"counter": hall.counter_a1.pk}).status_code == 302
    base = f"/konsol/{hall.counter_a1.pk}/aksi"
    html = client.post(f"{base}/call-next/", HTTP_HX_REQUEST="true").content.decode()
    assert "A001" in html
    assert '<optgroup label="Polres">' in html  # where to send the visitor, by agency
    request = ServiceRequest.objects.get()
    client.post(f"{base}/recall/", {"request": request.pk}, HTTP_HX_REQUEST="true")
    client.post(f"{base}/start/", {"request": request.pk}, HTTP_HX_REQUEST="true")
    html = client.post(
        f"{base}/finish/",
        {"request": request.pk, "outcome": "completed", "note": "OK"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "A001 selesai dilayani." in html  # the officer sees the action was done
    assert 'accesskey="n" autofocus' in html  # and the next one has the keyboard
    request.refresh_from_db()
    assert (request.status, request.recalls, request.note) == ("done", 1, "OK")
    html = client.get(f"/konsol/{hall.counter_a1.pk}/?part=queue", HTTP_HX_REQUEST="true").content.decode()
    assert "Tidak ada yang menunggu" in html


def test_the_next_counter_reads_the_transfer_note(client, hall):
    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    session = hall.session(hall.counter_a1)
    request = desk.call_next(session=session)
    desk.transfer(session=session, request_id=request.pk, service=hall.world.service_b, note="Bawa KK asli")
    client.force_login(hall.world.officer_b)
    client.post("/konsol/", {"counter": hall.counter_b.pk})
    html = client.post(
        f"/konsol/{hall.counter_b.pk}/aksi/call-next/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "A001" in html
    assert "Catatan dari Dukcapil:" in html
    assert "Bawa KK asli" in html


def test_console_without_javascript_redirects_back(client, hall):
    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    client.force_login(hall.world.officer_a)
    client.post("/konsol/", {"counter": hall.counter_a1.pk})
    response = client.post(f"/konsol/{hall.counter_a1.pk}/aksi/call-next/")
    assert response.status_code == 302
    assert "A001" in client.get(response["Location"]).content.decode()


def test_console_errors_are_messages_not_500s(client, hall):
    client.force_login(hall.world.officer_a)
    client.post("/konsol/", {"counter": hall.counter_a1.pk})
    base = f"/konsol/{hall.counter_a1.pk}/aksi"
    for action, data in [
        ("recall", {"request": "999999"}),
        ("finish", {"request": "abc", "outcome": "x"}),
        ("call-number", {"code": "???"}),
        ("transfer", {"request": "1", "offer": "nope"}),
        ("no-show", {}),
        ("resume", {"request": "99999999999999999999999"}),
    ]:
        response = client.post(f"{base}/{action}/", data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, action
        assert 'class="message error"' in response.content.decode(), action
    assert client.post(f"{base}/explode/", HTTP_HX_REQUEST="true").status_code == 404


def test_another_agencys_officer_cannot_use_the_counter(client, hall):
    client.force_login(hall.world.officer_b)
    assert client.post("/konsol/", {"counter": hall.counter_a1.pk}).status_code == 404
    assert client.get(f"/konsol/{hall.counter_a1.pk}/").status_code == 302  # not open here: back to the list
    response = client.post(f"/konsol/{hall.counter_a1.pk}/aksi/call-next/")
    assert response.status_code == 302
    assert not CounterSession.objects.filter(counter=hall.counter_a1).exists()


def test_a_second_browser_is_told_the_counter_is_busy(hall):
    first, second = Client(), Client()
    for browser in (first, second):
        browser.force_login(hall.world.officer_a)
    first.post("/konsol/", {"counter": hall.counter_a1.pk})
    html = second.post("/konsol/", {"counter": hall.counter_a1.pk}).content.decode()
    assert "sedang dibuka di peramban lain" in html or "peramban atau tab lain" in html
    assert second.post(f"/konsol/{hall.counter_a1.pk}/aksi/call-next/").status_code == 302
    second.post("/konsol/", {"counter": hall.counter_a1.pk, "takeover": "1"})
    response = first.post(f"/konsol/{hall.counter_a1.pk}/aksi/call-next/", HTTP_HX_REQUEST="true")
    assert response.status_code == 409  # the first browser learns it lost the counter


def test_console_needs_a_login(client, hall):
    assert client.get("/konsol/").status_code == 302
    assert client.post(f"/konsol/{hall.counter_a1.pk}/aksi/call-next/").status_code == 302
    client.force_login(hall.world.front_desk)
    assert client.get("/konsol/").status_code == 403  # no counter to work at


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/konsol/99999999999999999999/"),
        ("post", "/konsol/99999999999999999999/aksi/call-next/"),
        ("post", "/konsol/99999999999999999999/permohonan/"),
        ("post", "/konsol/99999999999999999999/perjalanan/"),
    ],
)
def test_a_counter_id_too_large_for_the_database_is_not_open_here(client, hall, method, path):
    client.force_login(hall.world.officer_a)
    assert getattr(client, method)(path).status_code in (302, 404, 409)


def test_console_query_counts_are_pinned(client, hall, django_assert_max_num_queries):
    for _ in range(15):
        issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    client.force_login(hall.world.officer_a)
    client.post("/konsol/", {"counter": hall.counter_a1.pk})
    client.post(f"/konsol/{hall.counter_a1.pk}/aksi/call-next/")
    with django_assert_max_num_queries(25):
        client.get(f"/konsol/{hall.counter_a1.pk}/")
    with django_assert_max_num_queries(12):
        client.get(f"/konsol/{hall.counter_a1.pk}/?part=queue", HTTP_HX_REQUEST="true")


# Front desk -----------------------------------------------------------------------------------


def test_front_desk_issues_with_a_phone_number(client, hall):
    client.force_login(hall.world.front_desk)
    response = client.post(
        "/contoh/meja-depan/", {"offer": hall.offer_b.pk, "priority_reason": "", "phone": "0812 3456 7890"}
    )
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert (visit.code, visit.channel, visit.phone, visit.issued_by) == (
        "B001",
        "front_desk",
        "+6281234567890",
        hall.world.front_desk,
    )
    html = client.get(response["Location"]).content.decode()
    assert "B001" in html
    assert "6281234567890" not in html


def test_a_double_submit_at_the_front_desk_is_one_ticket(client, hall):
    client.force_login(hall.world.front_desk)
    data = {"offer": hall.offer_a.pk, "priority_reason": "", "submit_key": "meja-1"}
    assert (
        client.post("/contoh/meja-depan/", data)["Location"]
        == client.post("/contoh/meja-depan/", data)["Location"]
    )
    assert Visit.objects.count() == 1


def test_front_desk_asks_the_language_of_the_messages(client, hall):
    client.force_login(hall.world.front_desk)
    html = client.get("/contoh/meja-depan/").content.decode()
    assert 'name="language"' in html
    # Services are grouped under their agency, the agency's name said once.
    assert '<optgroup label="Dukcapil">' in html
    assert '<optgroup label="Polres">' in html
    client.post(
        "/contoh/meja-depan/",
        {"offer": hall.offer_a.pk, "priority_reason": "", "phone": "0812 3456 7890", "language": "en"},
    )
    assert Visit.objects.get().language == "en"


def test_a_kiosk_in_english_issues_an_english_visit(kiosk, hall):
    kiosk.post(f"/en/contoh/anjungan/layanan/{hall.offer_a.pk}/", {"priority_reason": ""})
    kiosk.post(f"/contoh/anjungan/layanan/{hall.offer_a.pk}/", {"priority_reason": ""})
    assert list(Visit.objects.order_by("id").values_list("language", flat=True)) == ["en", "id"]


@pytest.mark.parametrize(
    "data", [{"offer": "999999"}, {"phone": "12"}, {"priority_reason": "vip"}, {"language": "fr"}]
)
def test_front_desk_bad_input_is_a_form_error(client, hall, data):
    client.force_login(hall.world.front_desk)
    response = client.post("/contoh/meja-depan/", {"offer": hall.offer_a.pk, "priority_reason": "", **data})
    assert response.status_code == 200
    assert not Visit.objects.exists()


def test_front_desk_is_for_front_desk_staff_of_the_site(client, hall):
    client.force_login(hall.world.officer_a)
    assert client.get("/contoh/meja-depan/").status_code == 404
    client.force_login(hall.world.other_manager)
    assert client.get("/contoh/meja-depan/").status_code == 404
    client.force_login(hall.world.manager)
    assert client.get("/contoh/meja-depan/").status_code == 200


# Board page -----------------------------------------------------------------------------------


def test_board_page_and_state(client, hall, settings):
    settings.ALLOWED_HOSTS = ["hall.local", "testserver"]
    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    desk.call_next(session=hall.session(hall.counter_a1))
    response = client.get("/contoh/papan/", HTTP_HOST="hall.local:8000")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-live-url="http://hall.local:8001/live/contoh/board/"' in html
    assert "connect-src 'self' http://hall.local:8001" in response["Content-Security-Policy"]
    state = client.get("/contoh/papan/state.json").json()
    assert state["counters"][0]["code"] == "A001"
    settings.MPP_LIVE_URL = "same-origin"
    assert 'data-live-url="/live/contoh/board/"' in client.get("/contoh/papan/").content.decode()
    assert client.get("/tidak-ada/papan/").status_code == 404


@pytest.mark.parametrize("value", ["abc", "1\x00", "99999999999999999999999", "", "-1"])
def test_choosing_a_counter_with_a_bad_value_is_a_form_error(client, hall, value):
    client.force_login(hall.world.officer_a)
    response = client.post("/konsol/", {"counter": value})
    assert response.status_code == 200
    assert 'class="message error"' in response.content.decode()
    assert not CounterSession.objects.exists()


def test_a_revoked_officer_loses_the_console_at_once(client, hall):
    from mpp.tenancy.models import Membership

    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    client.force_login(hall.world.officer_a)
    client.post("/konsol/", {"counter": hall.counter_a1.pk})
    Membership.objects.filter(user=hall.world.officer_a).delete()
    assert client.get(f"/konsol/{hall.counter_a1.pk}/").status_code == 302
    response = client.post(f"/konsol/{hall.counter_a1.pk}/aksi/call-next/", HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    response = client.post(f"/konsol/{hall.counter_a1.pk}/aksi/call-next/")
    assert response.status_code == 302
    assert not ServiceRequest.objects.filter(status="called").exists()


def test_closing_the_console_with_a_paused_ticket_says_why(client, hall):
    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    client.force_login(hall.world.officer_a)
    client.post("/konsol/", {"counter": hall.counter_a1.pk})
    base = f"/konsol/{hall.counter_a1.pk}/aksi"
    client.post(f"{base}/call-next/")
    request = ServiceRequest.objects.get()
    client.post(f"{base}/park/", {"request": request.pk, "note": "KK"})
    html = client.post(f"{base}/close/", HTTP_HX_REQUEST="true").content.decode()
    assert 'class="message error"' in html
    assert "A001" in html
    assert CounterSession.objects.get().closed_at is None


def test_console_query_count_with_a_journey_step_is_pinned(client, hall, django_assert_max_num_queries):
    from mpp.journeys.services import start_journey
    from tests.halls import make_lost_ktp_journey

    life_event = make_lost_ktp_journey(hall)
    for _ in range(10):
        start_journey(site=hall.world.site, life_event=life_event)
    client.force_login(hall.world.officer_b)
    client.post("/konsol/", {"counter": hall.counter_b.pk})
    client.post(f"/konsol/{hall.counter_b.pk}/aksi/call-next/")
    with django_assert_max_num_queries(25):
        html = client.get(f"/konsol/{hall.counter_b.pk}/").content.decode()
    assert "Nomor SKTLK" in html  # the journey's section is there


def test_front_desk_lists_only_todays_tickets(client, hall, clock_at):
    client.force_login(hall.world.front_desk)
    client.post("/contoh/meja-depan/", {"offer": hall.offer_a.pk, "priority_reason": ""})
    clock_at(dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC))
    client.post("/contoh/meja-depan/", {"offer": hall.offer_b.pk, "priority_reason": ""})
    html = client.get("/contoh/meja-depan/").content.decode()
    assert "B001" in html
    assert "A001" not in html


def shown(msgid: str) -> str:
    """A sentence as the page shows it in Bahasa Indonesia (or in English, untranslated yet)."""
    from django.utils import translation
    from django.utils.html import escape

    with translation.override("id"):
        return escape(translation.gettext(msgid))


def test_status_page_says_you_are_next_only_while_a_counter_is_open(client, hall):
    visit = issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    nobody_open = shown(
        "You are first in the queue. No counter for this service is open at the moment; "
        "please wait and watch the board."
    )
    html = client.get(f"/tiket/{visit.token}/").content.decode()
    assert nobody_open in html
    assert shown("You are next. Watch the board.") not in html
    hall.session(hall.counter_a1)
    html = client.get(f"/tiket/{visit.token}/").content.decode()
    assert shown("You are next. Watch the board.") in html
    assert nobody_open not in html


def test_status_page_after_a_no_show_says_the_number_is_no_longer_queued(client, hall):
    visit = issue_ticket(site=hall.world.site, services=[hall.world.service_b, hall.world.service_a])
    session = hall.session(hall.counter_b)
    request = desk.call_next(session=session)
    desk.recall(session=session, request_id=request.pk)
    desk.recall(session=session, request_id=request.pk)
    desk.mark_no_show(session=session, request_id=request.pk)
    html = client.get(f"/tiket/{visit.token}/").content.decode()
    assert shown("This number is no longer in the queue.") in html
    assert shown("Your visit is finished.") not in html
