import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from mpp.display import selectors as display_selectors
from mpp.journeys import selectors, services
from mpp.journeys.models import MAX_STEPS, HandoffValue, Journey, JourneyStep, LifeEvent, Step
from mpp.privacy.models import AccessLog
from mpp.queueing import rules
from mpp.queueing.models import CounterService, CounterSession, Event, ServiceOffer
from mpp.queueing.services import counter as desk
from mpp.queueing.services import sessions
from mpp.queueing.services.tickets import issue_ticket
from mpp.tenancy.models import Membership, Role
from tests import factories
from tests.halls import make_lost_ktp_journey

NIK = "6203014101900001"
# The console with a journey step: the queue's panel, the journey block (link, hand-off
# read and its audit, own fields and values, order), the application block.
CONSOLE_QUERIES = 23


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


@pytest.fixture
def samsat(hall):
    """A third agency in the hall that is no step of the journey: Samsat at counter 7."""
    site = hall.world.site
    agency = factories.AgencyFactory(slug="samsat", short_name="Samsat", sites=[site])
    service = factories.ServiceFactory(agency=agency, slug="stnk", name="Pengesahan STNK")
    ServiceOffer.objects.create(site=site, service=service, prefix="C")
    counter = factories.CounterFactory(site=site, agency=agency, number="7")
    CounterService.objects.create(counter=counter, service=service)
    officer = factories.UserFactory(username="petugas_samsat")
    Membership.objects.create(user=officer, site=site, agency=agency, role=Role.OFFICER)
    return SimpleNamespace(agency=agency, service=service, counter=counter, officer=officer)


def test_each_request_is_linked_to_its_step_when_the_journey_starts(hall, lost_ktp):
    visit = services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police, dukcapil = lost_ktp.steps.order_by("position")
    links = {link.request.service_id: link.step for link in JourneyStep.objects.select_related("request")}
    assert links == {police.service_id: police, dukcapil.service_id: dukcapil}
    assert {link.request.visit_id for link in JourneyStep.objects.all()} == {visit.pk}


def test_a_third_agency_that_receives_the_visitor_by_transfer_sees_nothing_of_the_journey(
    client, hall, lost_ktp, samsat
):
    services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police = hall.session(hall.counter_b)
    request = desk.call_next(session=police)
    services.record_handoff(
        session=police,
        request_id=request.pk,
        values={
            "nomor_sktlk": "SKTLK/9",
            "tanggal_sktlk": "2026-11-30",
            "nik_pelapor": NIK,
            "catatan_penyidik": "RAHASIA-PENYIDIK",
        },
    )
    desk.transfer(session=police, request_id=request.pk, service=samsat.service)

    client.force_login(samsat.officer)
    client.post("/konsol/", {"counter": samsat.counter.pk})
    html = client.post(
        f"/konsol/{samsat.counter.pk}/aksi/call-next/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "B001" in html  # the visitor is here
    for private in ("RAHASIA-PENYIDIK", "Catatan penyidik", "SKTLK/9", "Nomor SKTLK", "6203********0001"):
        assert private not in html
    assert not AccessLog.objects.filter(user=samsat.officer).exists()


def test_a_transferred_visitor_is_not_held_for_another_agencys_hand_off(hall, lost_ktp, samsat):
    services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police = hall.session(hall.counter_b)
    request = desk.call_next(session=police)
    desk.transfer(session=police, request_id=request.pk, service=samsat.service)  # nothing recorded
    counter = sessions.open_session(counter=samsat.counter, officer=samsat.officer, client_key="k")
    moved = desk.call_next(session=counter)
    with pytest.raises(ValidationError) as info:
        services.record_handoff(session=counter, request_id=moved.pk, values={"nomor_sktlk": "x"})
    assert info.value.code == "no_handoff"
    # The police step's required facts are not Samsat's to give.
    desk.finish_service(session=counter, request_id=moved.pk, outcome="completed")
    assert not HandoffValue.objects.exists()


def test_a_life_event_numbered_before_the_rule_still_enforces_and_never_fails(client, hall, lost_ktp):
    """Positions 10 and 20 (the back office allowed them once): nothing depends on them now."""
    Step.objects.filter(life_event=lost_ktp, position=2).update(position=20)
    Step.objects.filter(life_event=lost_ktp, position=1).update(position=10)
    services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police = hall.session(hall.counter_b)
    request = desk.call_next(session=police)
    with pytest.raises(ValidationError) as info:
        desk.finish_service(session=police, request_id=request.pk, outcome="completed")
    assert "Nomor SKTLK" in " ".join(info.value.messages)
    services.record_handoff(
        session=police,
        request_id=request.pk,
        values={"nomor_sktlk": "SKTLK/10", "tanggal_sktlk": "2026-11-30"},
    )
    desk.finish_service(session=police, request_id=request.pk, outcome="completed")

    client.force_login(hall.world.officer_a)
    client.post("/konsol/", {"counter": hall.counter_a1.pk})
    html = client.post(
        f"/konsol/{hall.counter_a1.pk}/aksi/call-next/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "SKTLK/10" in html
    assert "langkah 2 dari 2" in html
    dukcapil = Journey.objects.get().visit.requests.get(service=hall.world.service_a)
    session = CounterSession.objects.get(counter=hall.counter_a1, closed_at__isnull=True)
    # Dukcapil's step records nothing of its own: an empty hand-off is no error (it was a 500).
    assert services.record_handoff(session=session, request_id=dukcapil.pk, values={}) == []


def test_reordering_the_life_event_does_not_remap_a_running_journey(hall, lost_ktp):
    services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police_step, dukcapil_step = lost_ktp.steps.order_by("position")
    # The manager swaps the steps while the visitor is at the police.
    Step.objects.filter(pk=police_step.pk).update(position=9)
    Step.objects.filter(pk=dukcapil_step.pk).update(position=1)
    Step.objects.filter(pk=police_step.pk).update(position=2)
    police = hall.session(hall.counter_b)
    request = desk.call_next(session=police)
    with pytest.raises(ValidationError) as info:
        desk.finish_service(session=police, request_id=request.pk, outcome="completed")
    assert "Nomor SKTLK" in " ".join(info.value.messages)  # still the police's own facts
    services.record_handoff(
        session=police,
        request_id=request.pk,
        values={"nomor_sktlk": "SKTLK/3", "tanggal_sktlk": "2026-11-30"},
    )
    desk.finish_service(session=police, request_id=request.pk, outcome="completed")
    dukcapil = desk.call_next(session=hall.session(hall.counter_a1))
    link = selectors.journey_step_of(dukcapil)
    assert link.step == dukcapil_step
    assert [v.value for v in selectors.visible_values(link.journey, link.step)] == ["SKTLK/3", "2026-11-30"]


def test_a_hand_off_from_a_closed_session_is_refused(hall, lost_ktp):
    services.start_journey(site=hall.world.site, life_event=lost_ktp)
    old = hall.session(hall.counter_b)
    request = desk.call_next(session=old)
    # The officer opens the counter in another browser: the old one may no longer act.
    sessions.open_session(
        counter=hall.counter_b, officer=hall.world.officer_b, client_key="k2", takeover=True
    )
    with pytest.raises(ValidationError) as info:
        services.record_handoff(session=old, request_id=request.pk, values={"nomor_sktlk": "SKTLK/1"})
    assert info.value.code == "session_closed"
    with pytest.raises(ValidationError) as info:
        services.read_handoff(user=hall.world.officer_b, session=old, request_id=request.pk)
    assert info.value.code == "session_closed"
    assert not HandoffValue.objects.exists()


def test_record_handoff_never_raises_does_not_exist(hall, lost_ktp):
    issue_ticket(site=hall.world.site, services=[hall.world.service_b])  # a walk-in, no journey
    police = hall.session(hall.counter_b)
    request = desk.call_next(session=police)
    for request_id in (request.pk, 10**6, "x", None, 2**70):
        with pytest.raises(ValidationError):
            services.record_handoff(session=police, request_id=request_id, values={})


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
        display_selectors.event_payload(e, number_style="digits")
        for e in display_selectors.board_events(hall.world.site.pk, after=0)
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
    # The printed ticket lists every step, in order: the visitor knows the whole way.
    ticket = client.get(response["Location"]).content.decode()
    steps = re.findall(r"<li>([^<]+)</li>", ticket.split('class="ticket-steps"')[1].split("</ol>")[0])
    assert [step.split(":")[0] for step in steps] == ["Polres", "Dukcapil"]


def test_the_kiosk_shows_life_events_below_the_agencies_and_other_tasks_above(client, hall, lost_ktp):
    """The main task (an agency, then a number) stays first; life events, with longer
    texts, come after the agencies (queueing.extensions: "below")."""
    from mpp.queueing import kiosks

    client.cookies[kiosks.COOKIE] = kiosks.enrolment_value(hall.world.site.pk)
    html = client.get("/contoh/anjungan/").content.decode()
    shortcuts, agencies, life_events = (
        html.index('class="kiosk-shortcuts"'),
        html.index('class="kiosk-grid"'),
        html.index('class="kiosk-life-events"'),
    )
    assert shortcuts < agencies < life_events
    assert "kiosk-life-events" not in html[shortcuts:agencies]


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


def test_front_desk_gives_priority_for_a_journey(client, hall, lost_ktp):
    client.force_login(hall.world.front_desk)
    html = client.get("/contoh/meja-depan/").content.decode()
    assert 'id="fd-life-priority_reason_0"' in html
    response = client.post(
        "/contoh/meja-depan/peristiwa/",
        {"life_event": "kehilangan-ktp-el", "priority_reason": "lansia", "phone": "081234567890"},
    )
    assert response.status_code == 302
    visit = Journey.objects.get().visit
    assert (visit.priority_reason, visit.phone) == ("lansia", "+6281234567890")
    assert set(visit.requests.values_list("priority", flat=True)) == {1}


@pytest.mark.parametrize(
    "data",
    [
        {"life_event": "kehilangan-ktp-el", "priority_reason": "vip"},
        {"life_event": "kehilangan-ktp-el", "phone": "1"},
        {"life_event": "kehilangan-ktp-el", "phone": "x" * 31},
        {"life_event": "kehilangan\x00ktp"},
    ],
    ids=["priority", "phone", "long-phone", "nul"],
)
def test_front_desk_refuses_bad_input_clearly(client, hall, lost_ktp, data):
    client.force_login(hall.world.front_desk)
    response = client.post("/contoh/meja-depan/peristiwa/", data)
    assert response.status_code in {302, 404}
    if response.status_code == 302:
        page = client.get(response["Location"]).content.decode()
        assert 'class="message error"' in page or "error" in page
    assert not Journey.objects.exists()


def six_step_life_event(hall):
    """A life event saved before the back office limited steps (straight into the database)."""
    life_event = LifeEvent.objects.create(slug="enam-langkah", name="Enam langkah")
    for n in range(MAX_STEPS + 1):
        service = factories.ServiceFactory(agency=hall.world.agency_a, slug=f"langkah-{n}")
        ServiceOffer.objects.create(site=hall.world.site, service=service, prefix="C")
        Step.objects.create(life_event=life_event, position=n + 1, service=service)
    return life_event


def test_a_life_event_with_too_many_steps_is_refused_in_words(client, hall):
    from mpp.queueing import kiosks

    life_event = six_step_life_event(hall)
    with pytest.raises(rules.Refusal) as info:
        services.start_journey(site=hall.world.site, life_event=life_event)
    assert info.value.code == "too_many_steps"
    assert str(MAX_STEPS) in info.value.message

    client.cookies[kiosks.COOKIE] = kiosks.enrolment_value(hall.world.site.pk)
    response = client.post("/contoh/anjungan/peristiwa/enam-langkah/", {"priority_reason": ""})
    assert response.status_code == 409
    assert info.value.message in response.content.decode()
    assert 'role="alert"' in response.content.decode()

    client.force_login(hall.world.front_desk)
    response = client.post("/contoh/meja-depan/peristiwa/", {"life_event": "enam-langkah"}, follow=True)
    assert response.status_code == 200
    assert info.value.message in response.content.decode()
    assert not Journey.objects.exists()


def test_the_console_of_a_journey_step_has_a_bounded_number_of_queries(
    client, hall, lost_ktp, django_assert_max_num_queries
):
    services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police = hall.session(hall.counter_b)
    request = desk.call_next(session=police)
    services.record_handoff(
        session=police,
        request_id=request.pk,
        values={"nomor_sktlk": "SKTLK/1", "tanggal_sktlk": "2026-11-30"},
    )
    desk.finish_service(session=police, request_id=request.pk, outcome="completed")
    client.force_login(hall.world.officer_a)
    client.post("/konsol/", {"counter": hall.counter_a1.pk})
    client.post(f"/konsol/{hall.counter_a1.pk}/aksi/call-next/", HTTP_HX_REQUEST="true")
    with django_assert_max_num_queries(CONSOLE_QUERIES):
        html = client.get(f"/konsol/{hall.counter_a1.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "SKTLK/1" in html
