import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mpp.cases import services
from mpp.cases.models import Application
from mpp.catalog.models import ServiceStandard
from mpp.notify.models import Message
from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket
from mpp.tenancy.models import CalendarOverride
from tests import factories

D = dt.date


def at_counter(hall, phone=""):
    issue_ticket(site=hall.world.site, services=[hall.world.service_a], phone=phone)
    session = hall.session(hall.counter_a1)
    return session, desk.call_next(session=session)


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (dt.datetime(2026, 3, 17, 2, tzinfo=dt.UTC), 3, D(2026, 3, 27)),  # Nyepi, Idul Fitri and cuti bersama
        (
            dt.datetime(2026, 12, 23, 2, tzinfo=dt.UTC),
            1,
            D(2026, 12, 28),
        ),  # cuti bersama 24, Natal 25, weekend
        (dt.datetime(2025, 8, 15, 2, tzinfo=dt.UTC), 1, D(2025, 8, 19)),  # 17 Aug Sunday, 18 Aug cuti bersama
        (dt.datetime(2026, 11, 27, 2, tzinfo=dt.UTC), 1, D(2026, 11, 30)),  # Friday to Monday
        (dt.datetime(2026, 11, 29, 2, tzinfo=dt.UTC), 1, D(2026, 12, 1)),  # received on a Sunday
    ],
)
def test_due_dates_follow_the_site_calendar(world, received, days, due):
    standard = ServiceStandard(completion_time=days, completion_unit="working_days")
    assert services.due_date(site=world.site, received=received, standard=standard) == due


def test_due_date_uses_the_sites_own_closures_and_local_day(world):
    CalendarOverride.objects.create(site=world.site, date=D(2026, 12, 1), kind="closed", note="Banjir")
    standard = ServiceStandard(completion_time=1, completion_unit="working_days")
    # 17:30 UTC on Sunday is already Monday 00:30 in Asia/Pontianak.
    received = dt.datetime(2026, 11, 29, 17, 30, tzinfo=dt.UTC)
    assert services.due_date(site=world.site, received=received, standard=standard) == D(2026, 12, 2)
    same_day = ServiceStandard(completion_time=15, completion_unit="minutes")
    assert services.due_date(site=world.site, received=received, standard=same_day) == D(2026, 11, 30)


def test_open_application_from_the_counter(hall):
    session, request_ = at_counter(hall, phone="081234567890")
    application, pin = services.open_application(session=session, request_id=request_.pk)
    assert re.fullmatch(r"P-[2-9A-HJ-NP-Z]{8}", application.tracking_number)
    assert re.fullmatch(r"[0-9]{6}", pin)
    assert pin not in application.pin_hash
    assert (application.status, application.agency, application.request) == (
        "received",
        hall.world.agency_a,
        request_,
    )
    assert application.history.get().status == "received"
    message = Message.objects.get(kind="application.received")
    assert (message.channel, message.address, message.kind) == (
        "sms",
        "+6281234567890",
        "application.received",
    )
    assert application.tracking_number in message.body


def test_application_messages_speak_the_visitors_language(hall):
    issue_ticket(site=hall.world.site, services=[hall.world.service_a], phone="081234567890", language="en")
    session = hall.session(hall.counter_a1)
    request_ = desk.call_next(session=session)
    application, _pin = services.open_application(session=session, request_id=request_.pk)
    assert application.language == "en"
    message = Message.objects.get(kind="application.received")
    assert message.language == "en"
    assert message.subject == f"Your application {application.tracking_number}"


def test_lifecycle_and_reasons(hall):
    session, request_ = at_counter(hall)
    application, _pin = services.open_application(session=session, request_id=request_.pk)
    admin = hall.world.admin_a
    with pytest.raises(ValidationError):
        services.change_status(user=admin, application=application, status="done")  # skips steps
    with pytest.raises(ValidationError) as info:
        services.change_status(user=admin, application=application, status="returned")
    assert "reason" in info.value.message_dict
    services.change_status(
        user=admin, application=application, status="returned", reason="Fotokopi KK kurang"
    )
    services.change_status(user=admin, application=application, status="received")
    for status in ("verified", "processing", "done", "collected"):
        services.change_status(user=hall.world.officer_a, application=application, status=status)
    application.refresh_from_db()
    assert application.status == "collected"
    assert application.finished_at is not None
    assert list(application.history.values_list("status", flat=True)) == [
        "received",
        "returned",
        "received",
        "verified",
        "processing",
        "done",
        "collected",
    ]
    with pytest.raises(ValidationError):
        services.change_status(user=admin, application=application, status="processing")


def test_another_agency_cannot_move_the_file(hall):
    session, request_ = at_counter(hall)
    application, _pin = services.open_application(session=session, request_id=request_.pk)
    for outsider in (hall.world.admin_b, hall.world.officer_b, hall.world.front_desk):
        with pytest.raises(PermissionDenied):
            services.change_status(user=outsider, application=application, status="verified")
    application.refresh_from_db()
    assert application.status == "received"


def test_overdue_check_marks_and_tells_the_agency_admins_once(hall, clock_at):
    session, request_ = at_counter(hall)
    application, _pin = services.open_application(session=session, request_id=request_.pk)
    assert application.due_date == D(2026, 11, 30)  # the test service is a same-day one
    assert services.check_overdue() == 0
    clock_at(dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC))
    assert services.check_overdue() == 1
    assert services.check_overdue() == 0  # told once
    application.refresh_from_db()
    assert application.is_overdue
    inbox = Message.objects.filter(channel="staff")
    assert [m.user for m in inbox] == [hall.world.admin_a]
    assert application.tracking_number in inbox.get().subject


def test_finished_files_are_never_overdue(hall, clock_at):
    session, request_ = at_counter(hall)
    application, _pin = services.open_application(session=session, request_id=request_.pk)
    for status in ("verified", "processing", "done"):
        services.change_status(user=hall.world.admin_a, application=application, status=status)
    clock_at(dt.datetime(2026, 12, 10, 2, tzinfo=dt.UTC))
    assert services.check_overdue() == 0


def test_overdue_check_as_a_background_task(hall, clock_at, settings):
    from django.core.management import call_command

    session, request_ = at_counter(hall)
    services.open_application(session=session, request_id=request_.pk)
    clock_at(dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC))
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    call_command("check_overdue")
    assert Application.objects.get().is_overdue


# Public tracking ------------------------------------------------------------------------------


@pytest.fixture
def tracked(hall):
    session, request_ = at_counter(hall, phone="081234567890")
    return services.open_application(session=session, request_id=request_.pk)


def test_tracking_with_the_pin_or_the_phones_last_digits(client, tracked):
    application, pin = tracked
    for secret in (pin, "7890"):
        response = client.post("/lacak/", {"number": application.tracking_number.lower(), "secret": secret})
        html = response.content.decode()
        assert response.status_code == 200
        assert "Diterima" in html
        assert "081234567890" not in html
        assert "6281234567890" not in html


@pytest.mark.parametrize("secret", ["1234", "000000", "abcd", "78901"])
def test_wrong_second_factor_reveals_nothing(client, tracked, secret):
    application, _pin = tracked
    response = client.post("/lacak/", {"number": application.tracking_number, "secret": secret})
    assert response.status_code in {200, 404}
    assert application.service.name not in response.content.decode()


def test_guessing_is_rate_limited_even_for_the_right_answer(client, tracked):
    application, pin = tracked
    for guess in range(5):
        response = client.post("/lacak/", {"number": application.tracking_number, "secret": f"{guess:06d}"})
        assert response.status_code == 404
    response = client.post("/lacak/", {"number": application.tracking_number, "secret": pin})
    assert response.status_code == 429
    assert "Terlalu banyak" in response.content.decode()


def test_guessing_many_numbers_from_one_address_is_limited(client, tracked):
    for n in range(20):
        client.post("/lacak/", {"number": f"P-AAAAAA{n:02d}", "secret": "123456"})
    application, pin = tracked
    assert client.post("/lacak/", {"number": application.tracking_number, "secret": pin}).status_code == 429


# Console ---------------------------------------------------------------------------------------


def test_the_officer_opens_an_application_from_the_console(client, hall):
    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    client.force_login(hall.world.officer_a)
    client.post("/konsol/", {"counter": hall.counter_a1.pk})
    html = client.post(
        f"/konsol/{hall.counter_a1.pk}/aksi/call-next/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Buka permohonan" in html
    request_id = re.search(r'name="request" value="(\d+)"', html).group(1)
    response = client.post(f"/konsol/{hall.counter_a1.pk}/permohonan/", {"request": request_id, "phone": ""})
    html = response.content.decode()
    application = Application.objects.get()
    assert application.tracking_number in html
    assert "PIN" in html
    panel = client.get(f"/konsol/{hall.counter_a1.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert application.tracking_number in panel


def test_the_worklist_in_the_back_office_is_scoped(client, hall):
    session, request_ = at_counter(hall)
    application, _pin = services.open_application(session=session, request_id=request_.pk)
    client.force_login(hall.world.admin_a)
    assert application.tracking_number in client.get("/admin/cases/application/?due=open").content.decode()
    response = client.post(
        f"/admin/cases/application/{application.pk}/status/", {"status": "verified", "reason": ""}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "verified"
    client.force_login(hall.world.admin_b)
    assert client.get(f"/admin/cases/application/{application.pk}/change/").status_code == 404
    assert (
        client.post(
            f"/admin/cases/application/{application.pk}/status/", {"status": "processing"}
        ).status_code
        == 404
    )
    application.refresh_from_db()
    assert application.status == "verified"


# Due soon: one meaning (working days on each site's calendar, in its zone) ----------------------


@pytest.fixture
def due_files(hall, clock_at):
    """Friday 27 November 2026, 09:00 WIB: two working days ahead is Tuesday 1 December."""
    from tests.cases.test_scope import application

    clock_at(dt.datetime(2026, 11, 27, 2, tzinfo=dt.UTC))
    w = hall.world
    return {
        due.isoformat(): application(w.site, w.agency_a, w.service_a, due=due)
        for due in (D(2026, 11, 26), D(2026, 11, 27), D(2026, 12, 1), D(2026, 12, 2))
    }


SOON = {"2026-11-27", "2026-12-01"}
OVERDUE = {"2026-11-26"}


def test_due_soon_and_overdue_in_the_api(client, due_files, hall):
    from mpp.api.services import issue_token

    token = issue_token(user=hall.world.admin_a, name="a")[1]
    for due, expected in (("soon", SOON), ("overdue", OVERDUE), ("all", set(due_files))):
        response = client.get(f"/api/v1/applications?due={due}", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert {a["due_date"] for a in response.json()} == expected


def test_due_soon_and_overdue_in_the_back_office(client, due_files, hall):
    client.force_login(hall.world.admin_a)
    for due, expected in (("soon", SOON), ("overdue", OVERDUE), ("open", set(due_files))):
        html = client.get(f"/admin/cases/application/?due={due}").content.decode()
        assert {d for d, app in due_files.items() if app.tracking_number in html} == expected


def test_due_filters_use_each_sites_day_and_calendar(hall, clock_at):
    from mpp.cases import selectors
    from tests.cases.test_scope import application

    w = hall.world
    east = factories.SiteFactory(slug="timur", timezone="Asia/Jayapura")  # UTC+9
    CalendarOverride.objects.create(site=east, date=D(2026, 11, 30), kind="closed", note="Banjir")
    # 15:30 UTC on Friday: still Friday 22.30 in Pontianak, already Saturday 00.30 in Jayapura.
    now = dt.datetime(2026, 11, 27, 15, 30, tzinfo=dt.UTC)
    west_friday = application(w.site, w.agency_a, w.service_a, due=D(2026, 11, 27))
    east_friday = application(east, w.agency_a, w.service_a, due=D(2026, 11, 27))
    east_tuesday = application(east, w.agency_a, w.service_a, due=D(2026, 12, 1))
    east_wednesday = application(east, w.agency_a, w.service_a, due=D(2026, 12, 2))
    queryset = Application.objects.all()
    assert set(selectors.by_due(queryset, "overdue", now=now)) == {east_friday}
    # In Jayapura, Monday is closed: two working days from Saturday are Tuesday and Wednesday.
    assert set(selectors.by_due(queryset, "soon", now=now)) == {west_friday, east_tuesday, east_wednesday}


# The public ticket page ---------------------------------------------------------------------------


def test_the_ticket_page_says_only_that_an_application_was_opened(client, hall):
    session, request_ = at_counter(hall, phone="081234567890")
    application, _pin = services.open_application(session=session, request_id=request_.pk)
    html = client.get(f"/tiket/{request_.visit.token}/").content.decode()
    assert application.tracking_number not in html
    assert "Diterima" not in html  # the status
    assert "30 November 2026" not in html  # the due date
    assert 'href="/lacak/"' in html


# Double submit and closed sessions ---------------------------------------------------------------


def test_opening_twice_gives_the_same_application_and_no_second_pin(hall):
    session, request_ = at_counter(hall, phone="081234567890")
    first, pin = services.open_application(session=session, request_id=request_.pk)
    again, no_pin = services.open_application(session=session, request_id=request_.pk)
    assert again == first
    assert pin is not None
    assert no_pin is None
    assert Application.objects.count() == 1
    assert Message.objects.filter(kind="application.received").count() == 1


def test_the_api_answers_a_retry_with_the_same_application(client, hall):
    from mpp.api.services import issue_token

    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    token = issue_token(user=hall.world.officer_a, name="a")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    base = f"/api/v1/counters/{hall.counter_a1.pk}"
    client.post(f"{base}/session", data="{}", content_type="application/json", **auth)
    called = client.post(f"{base}/call-next", **auth).json()
    url = f"{base}/requests/{called['id']}/applications"
    first = client.post(url, data="{}", content_type="application/json", **auth)
    again = client.post(url, data="{}", content_type="application/json", **auth)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["tracking_number"] == again.json()["tracking_number"]
    assert re.fullmatch(r"[0-9]{6}", first.json()["pin"])
    assert again.json()["pin"] is None


def test_the_console_answers_a_double_submit_with_a_receipt_without_pin(client, hall):
    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    client.force_login(hall.world.officer_a)
    client.post("/konsol/", {"counter": hall.counter_a1.pk})
    html = client.post(
        f"/konsol/{hall.counter_a1.pk}/aksi/call-next/", HTTP_HX_REQUEST="true"
    ).content.decode()
    request_id = re.search(r'name="request" value="(\d+)"', html).group(1)
    first = client.post(f"/konsol/{hall.counter_a1.pk}/permohonan/", {"request": request_id}).content.decode()
    again = client.post(f"/konsol/{hall.counter_a1.pk}/permohonan/", {"request": request_id}).content.decode()
    number = Application.objects.get().tracking_number
    assert number in first
    assert number in again
    assert "PIN:" in first
    assert "PIN:" not in again


def test_a_closed_session_opens_no_application(hall):
    from mpp.queueing.services import sessions

    session, request_ = at_counter(hall)
    sessions.open_session(
        counter=hall.counter_a1, officer=hall.world.officer_a, client_key="k2", takeover=True
    )
    with pytest.raises(ValidationError) as info:
        services.open_application(session=session, request_id=request_.pk)
    assert info.value.code == "session_closed"
    assert not Application.objects.exists()
