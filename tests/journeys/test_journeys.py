import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mpp.journeys import selectors, services
from mpp.journeys.models import Journey
from mpp.privacy.models import AccessLog
from mpp.queueing.models import Event
from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket
from tests.halls import make_lost_ktp_journey

NIK = "6203014101900001"


@pytest.fixture
def lost_ktp(hall):
    return make_lost_ktp_journey(hall)


def test_the_plan_lists_each_document_once_and_not_what_an_earlier_step_gives(hall, lost_ktp):
    plan = selectors.plan(lost_ktp)
    assert [need.document.name for need in plan.bring] == ["Kartu Keluarga", "KTP-el"]
    assert plan.steps[1].passed_on == ["Surat Keterangan Tanda Lapor Kehilangan"]
    assert (plan.total_fee, plan.minutes, plan.working_days) == (0, 10, 3)


def test_one_number_for_the_whole_journey(hall, lost_ktp):
    visit = services.start_journey(site=hall.world.site, life_event=lost_ktp)
    assert visit.code == "B001"  # the first step's letters
    assert list(visit.requests.order_by("step").values_list("agency__slug", "status")) == [
        ("polres", "waiting"),
        ("dukcapil", "pending"),
    ]
    assert Journey.objects.get(visit=visit).life_event == lost_ktp


def test_the_next_agency_calls_the_visitor_before_later_walk_ins(hall, lost_ktp, clock_at):
    visit = services.start_journey(site=hall.world.site, life_event=lost_ktp)  # 09:00
    clock_at(dt.datetime(2026, 11, 30, 2, 20, tzinfo=dt.UTC))
    walk_in = issue_ticket(site=hall.world.site, services=[hall.world.service_a])  # 09:20 at Dukcapil
    police = hall.session(hall.counter_b)
    request = desk.call_next(session=police)
    services.record_handoff(
        session=police,
        request_id=request.pk,
        values={"nomor_sktlk": "SKTLK/123/XI/2026", "tanggal_sktlk": "2026-11-30"},
    )
    desk.finish_service(session=police, request_id=request.pk, outcome="completed")
    assert Event.objects.filter(kind="next_step", visit=visit).exists()
    called = desk.call_next(session=hall.session(hall.counter_a1))
    assert called.visit == visit
    assert walk_in.requests.get().status == "waiting"


def test_finishing_without_the_required_hand_off_is_refused(hall, lost_ktp):
    services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police = hall.session(hall.counter_b)
    request = desk.call_next(session=police)
    with pytest.raises(ValidationError) as info:
        desk.finish_service(session=police, request_id=request.pk, outcome="completed")
    assert "Nomor SKTLK" in " ".join(info.value.messages)
    request.refresh_from_db()
    assert request.status == "called"
    # An outcome other than "completed" (the visitor left, documents missing) may still end the step.
    desk.finish_service(session=police, request_id=request.pk, outcome="incomplete")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"tanggal_sktlk": "30-11-2026"}, "tanggal_sktlk"),
        ({"tanggal_sktlk": "2099-01-01"}, "tanggal_sktlk"),
        ({"nik_pelapor": "1234"}, "nik_pelapor"),
        ({"nomor_sktlk": "x" * 201}, "nomor_sktlk"),
        ({"rahasia": "x"}, None),
    ],
)
def test_hand_off_values_are_validated_and_nothing_is_saved_on_error(hall, lost_ktp, values, field):
    services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police = hall.session(hall.counter_b)
    request = desk.call_next(session=police)
    with pytest.raises(ValidationError) as info:
        services.record_handoff(
            session=police, request_id=request.pk, values={"nomor_sktlk": "SKTLK/1", **values}
        )
    if field:
        assert field in info.value.message_dict
    assert not Journey.objects.get().values.exists()


def test_the_next_officer_sees_the_declared_facts_and_nothing_else(client, hall, lost_ktp):
    services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police = hall.session(hall.counter_b)
    request = desk.call_next(session=police)
    services.record_handoff(
        session=police,
        request_id=request.pk,
        values={
            "nomor_sktlk": "SKTLK/123/XI/2026",
            "tanggal_sktlk": "2026-11-30",
            "nik_pelapor": NIK,
            "catatan_penyidik": "RAHASIA-PENYIDIK",
        },
    )
    desk.finish_service(session=police, request_id=request.pk, outcome="completed")

    client.force_login(hall.world.officer_a)
    client.post("/konsol/", {"counter": hall.counter_a1.pk})
    html = client.post(
        f"/konsol/{hall.counter_a1.pk}/aksi/call-next/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "SKTLK/123/XI/2026" in html
    assert "2026-11-30" in html
    assert "6203********0001" in html  # a NIK is masked even for the next agency
    assert NIK not in html
    assert "RAHASIA-PENYIDIK" not in html
    assert "Catatan penyidik" not in html
    log = AccessLog.objects.get()
    assert (log.user, log.agency) == (hall.world.officer_a, hall.world.agency_a)
    client.get(f"/konsol/{hall.counter_a1.pk}/", HTTP_HX_REQUEST="true")
    assert AccessLog.objects.count() == 1  # a refresh is the same reading


def test_an_officer_of_a_third_agency_sees_nothing_of_the_journey(client, hall, lost_ktp):
    from mpp.tenancy.models import Membership, Role
    from tests import factories

    services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police = hall.session(hall.counter_b)
    request = desk.call_next(session=police)
    services.record_handoff(
        session=police,
        request_id=request.pk,
        values={"nomor_sktlk": "SKTLK/9", "tanggal_sktlk": "2026-11-30"},
    )
    third = factories.AgencyFactory(slug="samsat", sites=[hall.world.site])
    officer = factories.UserFactory(username="petugas_samsat")
    Membership.objects.create(user=officer, site=hall.world.site, agency=third, role=Role.OFFICER)
    client.force_login(officer)
    assert "SKTLK/9" not in client.get("/konsol/").content.decode()
    journey = Journey.objects.get()
    police_step = lost_ktp.steps.get(position=1)
    assert (
        selectors.visible_values(journey, police_step) == []
    )  # the police step itself declares none for itself


def test_hand_off_is_encrypted_at_rest(hall, lost_ktp):
    from django.db import connection

    services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police = hall.session(hall.counter_b)
    request = desk.call_next(session=police)
    services.record_handoff(
        session=police,
        request_id=request.pk,
        values={"nomor_sktlk": "SKTLK/777", "tanggal_sktlk": "2026-11-30", "nik_pelapor": NIK},
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM journeys_handoffvalue")
        raw = " ".join(row[0] for row in cursor.fetchall())
    assert "SKTLK/777" not in raw
    assert NIK not in raw


def test_status_page_says_where_to_go_next(client, hall, lost_ktp):
    visit = services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police = hall.session(hall.counter_b)
    request = desk.call_next(session=police)
    services.record_handoff(
        session=police,
        request_id=request.pk,
        values={"nomor_sktlk": "SKTLK/1", "tanggal_sktlk": "2026-11-30"},
    )
    desk.finish_service(session=police, request_id=request.pk, outcome="completed")
    html = client.get(f"/tiket/{visit.token}/").content.decode()
    assert "Kehilangan KTP-el" in html
    assert "Berikutnya: Dukcapil" in html
    assert "Loket 1" in html


def test_board_shows_the_next_step(hall, lost_ktp):
    from mpp.queueing import selectors as queue_selectors

    services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police = hall.session(hall.counter_b)
    request = desk.call_next(session=police)
    services.record_handoff(
        session=police,
        request_id=request.pk,
        values={"nomor_sktlk": "SKTLK/1", "tanggal_sktlk": "2026-11-30"},
    )
    desk.finish_service(session=police, request_id=request.pk, outcome="completed")
    payloads = [
        queue_selectors.event_payload(e, number_style="digits")
        for e in queue_selectors.board_events(hall.world.site.pk, after=0)
    ]
    assert payloads[-1]["kind"] == "next_step"
    assert payloads[-1]["next_agency"] == "Dukcapil"


# Kiosk, front desk, portal ----------------------------------------------------------------


def test_kiosk_starts_a_journey(client, hall, lost_ktp):
    from mpp.queueing import kiosks

    client.cookies[kiosks.COOKIE] = kiosks.enrolment_value(hall.world.site.pk)
    html = client.get("/contoh/anjungan/").content.decode()
    assert "Kehilangan KTP-el" in html
    html = client.get("/contoh/anjungan/peristiwa/kehilangan-ktp-el/").content.decode()
    assert "Kartu Keluarga" in html
    assert "Diberikan oleh langkah sebelumnya" in html
    response = client.post("/contoh/anjungan/peristiwa/kehilangan-ktp-el/", {"priority_reason": ""})
    assert response.status_code == 302
    assert Journey.objects.get().visit.code == "B001"


def test_front_desk_starts_a_journey(client, hall, lost_ktp):
    client.force_login(hall.world.front_desk)
    assert "Kehilangan KTP-el" in client.get("/contoh/meja-depan/").content.decode()
    response = client.post("/contoh/meja-depan/peristiwa/", {"life_event": "kehilangan-ktp-el", "phone": ""})
    assert response.status_code == 302
    assert Journey.objects.get().visit.channel == "front_desk"
    assert client.post("/contoh/meja-depan/peristiwa/", {"life_event": "tidak-ada"}).status_code == 404


def test_portal_shows_the_combined_checklist(client, hall, lost_ktp):
    html = client.get("/contoh/peristiwa/").content.decode()
    assert "Kehilangan KTP-el" in html
    html = client.get("/contoh/peristiwa/kehilangan-ktp-el/").content.decode()
    assert html.count("Kartu Keluarga") == 1
    assert "Gratis" in html
    assert "10 menit" in html
    assert client.get("/contoh/peristiwa/tidak-ada/").status_code == 404


def test_a_life_event_whose_step_is_not_in_the_hall_is_not_offered(client, hall, lost_ktp):
    hall.offer_a.is_active = False
    hall.offer_a.save()
    assert not selectors.life_events_at(hall.world.site, in_hall=True).exists()
    assert selectors.life_events_at(hall.world.site).exists()  # the portal still explains it
