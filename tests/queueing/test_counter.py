import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mpp.queueing import selectors
from mpp.queueing.models import CounterService, Event, RequestStatus, ServiceOffer, ServiceRequest
from mpp.queueing.services import counter as desk
from mpp.queueing.services import sessions
from mpp.queueing.services.tickets import issue_ticket


def ticket(hall, service=None, **kwargs):
    return issue_ticket(site=hall.world.site, services=[service or hall.world.service_a], **kwargs)


def test_call_next_follows_priority_then_arrival(hall, clock_at):
    first = ticket(hall)
    clock_at(dt.datetime(2026, 11, 30, 2, 5, tzinfo=dt.UTC))
    second = ticket(hall)
    clock_at(dt.datetime(2026, 11, 30, 2, 10, tzinfo=dt.UTC))
    elderly = ticket(hall, priority_reason="lansia")
    session = hall.session(hall.counter_a1)
    order = []
    for _ in range(3):
        request = desk.call_next(session=session)
        order.append(request.visit.code)
        desk.finish_service(session=session, request_id=request.pk, outcome="completed")
    assert order == [elderly.code, first.code, second.code]
    assert desk.call_next(session=session) is None


def test_a_counter_calls_only_its_own_services(hall):
    ticket(hall, hall.world.service_b)
    assert desk.call_next(session=hall.session(hall.counter_a1)) is None
    assert desk.call_next(session=hall.session(hall.counter_b)).visit.code == "B001"


def test_call_next_refuses_while_a_ticket_is_at_the_counter(hall):
    ticket(hall)
    ticket(hall)
    session = hall.session(hall.counter_a1)
    desk.call_next(session=session)
    with pytest.raises(ValidationError) as info:
        desk.call_next(session=session)
    assert info.value.code == "busy"


def test_full_cycle_writes_every_event(hall):
    visit = ticket(hall)
    session = hall.session(hall.counter_a1)
    request = desk.call_next(session=session)
    desk.start_service(session=session, request_id=request.pk)
    desk.finish_service(session=session, request_id=request.pk, outcome="completed", note="Berkas lengkap")
    request.refresh_from_db()
    assert (request.status, request.outcome, request.note) == ("done", "completed", "Berkas lengkap")
    assert request.called_at <= request.started_at <= request.finished_at
    assert list(Event.objects.filter(visit=visit).values_list("kind", flat=True)) == [
        "issued",
        "called",
        "started",
        "finished",
    ]
    assert Event.objects.filter(kind="called").get().counter == hall.counter_a1


def test_recall_then_no_show_after_the_configured_recalls(hall):
    ticket(hall)
    session = hall.session(hall.counter_a1)
    request = desk.call_next(session=session)
    with pytest.raises(ValidationError) as info:
        desk.mark_no_show(session=session, request_id=request.pk)
    assert info.value.code == "too_early"
    desk.recall(session=session, request_id=request.pk)
    desk.recall(session=session, request_id=request.pk)
    desk.mark_no_show(session=session, request_id=request.pk)
    request.refresh_from_db()
    assert request.status == "no_show"
    assert Event.objects.filter(kind="recalled").count() == 2
    assert desk.call_next(session=session) is None  # the counter is free again


def test_transfer_keeps_the_visitors_place(hall, clock_at):
    early = ticket(hall)  # 09:00, Disdukcapil
    clock_at(dt.datetime(2026, 11, 30, 2, 20, tzinfo=dt.UTC))
    later_b = ticket(hall, hall.world.service_b)  # 09:20, waiting at Polres
    session_a = hall.session(hall.counter_a1)
    request = desk.call_next(session=session_a)
    moved = desk.transfer(
        session=session_a, request_id=request.pk, service=hall.world.service_b, note="Perlu SKTLK"
    )
    assert moved.queue_time == early.arrived_at
    request.refresh_from_db()
    assert request.status == "transferred"
    # At Polres, the transferred visitor (arrived 09:00) goes before the 09:20 walk-in.
    called = desk.call_next(session=hall.session(hall.counter_b))
    assert called.visit == early
    assert called.visit != later_b
    assert Event.objects.filter(kind="transferred").get().data["to_service"] == hall.world.service_b.pk


def test_transfer_follows_the_opening_rules_of_the_target(hall, clock_at):
    """Polres serves on Tuesdays only: on a Monday nobody is sent to wait there all day."""
    from mpp.tenancy.models import OpeningHours

    OpeningHours.objects.create(
        site=hall.world.site,
        agency=hall.world.agency_b,
        weekday=1,
        opens_at=dt.time(8),
        closes_at=dt.time(12),
    )
    ticket(hall)
    session = hall.session(hall.counter_a1)
    request = desk.call_next(session=session)
    with pytest.raises(ValidationError) as refused:
        desk.transfer(session=session, request_id=request.pk, service=hall.world.service_b)
    assert "jam pelayanan" in " ".join(refused.value.messages)
    request.refresh_from_db()
    assert request.status == "called"
    assert ServiceRequest.objects.count() == 1
    # Tuesday 12:10, after Polres closed at 12:00 (and after the cut-off): refused too.
    clock_at(dt.datetime(2026, 12, 1, 5, 10, tzinfo=dt.UTC))
    ticket(hall)
    session = hall.session(hall.counter_a1)
    desk.finish_service(session=session, request_id=request.pk, outcome="completed")
    request = desk.call_next(session=session)
    with pytest.raises(ValidationError) as refused:
        desk.transfer(session=session, request_id=request.pk, service=hall.world.service_b)
    assert "12.00" in " ".join(refused.value.messages)
    # Tuesday 11:50: after the ticket cut-off, but the visitor is inside: sent on.
    clock_at(dt.datetime(2026, 12, 1, 4, 50, tzinfo=dt.UTC))
    moved = desk.transfer(session=session, request_id=request.pk, service=hall.world.service_b)
    assert moved.status == "waiting"


def test_transfer_to_a_service_not_in_the_hall_is_refused(hall):
    from tests import factories

    ticket(hall)
    session = hall.session(hall.counter_a1)
    request = desk.call_next(session=session)
    with pytest.raises(ValidationError):
        desk.transfer(session=session, request_id=request.pk, service=factories.ServiceFactory())
    request.refresh_from_db()
    assert request.status == "called"


def test_park_and_resume(hall):
    ticket(hall)
    ticket(hall)
    session = hall.session(hall.counter_a1)
    first = desk.call_next(session=session)
    desk.park(session=session, request_id=first.pk, note="Fotokopi KK")
    second = desk.call_next(session=session)  # the counter is free while the first is away
    with pytest.raises(ValidationError):
        desk.resume(session=session, request_id=first.pk)
    desk.finish_service(session=session, request_id=second.pk, outcome="completed")
    desk.resume(session=session, request_id=first.pk)
    first.refresh_from_db()
    assert first.status == "called"
    assert selectors.counter_parked(hall.counter_a1) == []


def test_call_a_specific_number(hall):
    ticket(hall)
    wanted = ticket(hall)
    session = hall.session(hall.counter_a1)
    request = desk.call_specific(session=session, code=" a002 ")
    assert request.visit == wanted
    assert Event.objects.get(kind="called").data == {"out_of_order": True}
    desk.finish_service(session=session, request_id=request.pk, outcome="completed")
    with pytest.raises(ValidationError):
        desk.call_specific(session=session, code="A002")  # already served
    with pytest.raises(ValidationError):
        desk.call_specific(session=session, code="B001")  # not this counter's service
    with pytest.raises(ValidationError):
        desk.call_specific(session=session, code="???")


def test_finishing_a_step_releases_the_next_one_at_the_visit_arrival(hall, clock_at):
    visit = issue_ticket(site=hall.world.site, services=[hall.world.service_b, hall.world.service_a])
    clock_at(dt.datetime(2026, 11, 30, 2, 30, tzinfo=dt.UTC))
    walk_in = ticket(hall)
    session_b = hall.session(hall.counter_b)
    request = desk.call_next(session=session_b)
    desk.finish_service(session=session_b, request_id=request.pk, outcome="completed")
    step_two = visit.requests.get(step=2)
    assert step_two.status == "waiting"
    assert step_two.queue_time == visit.arrived_at
    assert desk.call_next(session=hall.session(hall.counter_a1)).visit == visit
    assert walk_in.requests.get().status == "waiting"


def test_another_counters_ticket_is_not_found(hall):
    ticket(hall)
    session_1 = hall.session(hall.counter_a1)
    session_2 = hall.session(hall.counter_a2, officer=hall.world.admin_a, key="browser-2")
    request = desk.call_next(session=session_1)
    for action in (desk.recall, desk.start_service, desk.park):
        with pytest.raises(desk.NotFound):
            action(session=session_2, request_id=request.pk)
    with pytest.raises(desk.NotFound):
        desk.finish_service(session=session_2, request_id=request.pk, outcome="completed")
    with pytest.raises(desk.NotFound):
        desk.recall(session=session_1, request_id="bukan-angka")
    request.refresh_from_db()
    assert (request.status, request.recalls) == ("called", 0)


def test_finish_needs_a_known_outcome_and_a_short_note(hall):
    ticket(hall)
    session = hall.session(hall.counter_a1)
    request = desk.call_next(session=session)
    with pytest.raises(ValidationError):
        desk.finish_service(session=session, request_id=request.pk, outcome="hore")
    with pytest.raises(ValidationError):
        desk.finish_service(session=session, request_id=request.pk, outcome="completed", note="x" * 501)
    request.refresh_from_db()
    assert request.status == "called"


def test_a_counter_without_services_says_so(hall):
    CounterService.objects.filter(counter=hall.counter_a1).delete()
    with pytest.raises(ValidationError) as info:
        desk.call_next(session=hall.session(hall.counter_a1))
    assert info.value.code == "no_services"


# Sessions --------------------------------------------------------------------------


def test_one_officer_one_counter_one_browser(hall):
    officer = hall.world.officer_a
    session = sessions.open_session(counter=hall.counter_a1, officer=officer, client_key="browser-1")
    assert sessions.open_session(counter=hall.counter_a1, officer=officer, client_key="browser-1") == session
    with pytest.raises(sessions.CounterBusy) as info:
        sessions.open_session(counter=hall.counter_a1, officer=officer, client_key="browser-2")
    assert "browser" in str(info.value.messages[0]) or "peramban" in str(info.value.messages[0])
    with pytest.raises(sessions.CounterBusy):  # a colleague at the same counter
        sessions.open_session(counter=hall.counter_a1, officer=hall.world.admin_a, client_key="browser-3")
    with pytest.raises(sessions.CounterBusy):  # the same officer at a second counter
        sessions.open_session(counter=hall.counter_a2, officer=officer, client_key="browser-1")
    taken = sessions.open_session(
        counter=hall.counter_a1, officer=officer, client_key="browser-2", takeover=True
    )
    session.refresh_from_db()
    assert session.closed_at is not None
    assert taken.client_key == "browser-2"
    with pytest.raises(ValidationError) as info:
        desk.call_next(session=session)  # the old browser's session is closed
    assert info.value.code == "session_closed"


def test_officers_open_only_their_agencys_counters(hall):
    with pytest.raises(PermissionDenied):
        sessions.open_session(counter=hall.counter_b, officer=hall.world.officer_a, client_key="x")
    with pytest.raises(PermissionDenied):
        sessions.open_session(counter=hall.counter_a1, officer=hall.world.front_desk, client_key="x")
    hall.counter_a1.is_active = False
    hall.counter_a1.save()
    with pytest.raises(PermissionDenied):
        sessions.open_session(counter=hall.counter_a1, officer=hall.world.officer_a, client_key="x")


def test_closing_a_counter_with_a_ticket_called_is_refused(hall):
    ticket(hall)
    session = hall.session(hall.counter_a1)
    request = desk.call_next(session=session)
    with pytest.raises(ValidationError):
        sessions.close_session(session=session)
    desk.finish_service(session=session, request_id=request.pk, outcome="completed")
    assert sessions.close_session(session=session).closed_at is not None


# Status and estimates --------------------------------------------------------------------------


def test_ticket_status_counts_people_ahead_and_estimates_the_wait(hall, clock_at):
    for _ in range(4):
        ticket(hall)
    mine = ticket(hall)
    status = selectors.ticket_status(mine)
    assert status.ahead == 4
    assert status.open_counters == 0
    assert status.wait_minutes == 40  # no history yet: 10 minutes per visitor, one counter assumed
    hall.session(hall.counter_a1)
    hall.session(hall.counter_a2, officer=hall.world.admin_a, key="b2")
    assert selectors.ticket_status(mine).wait_minutes == 20


def test_wait_estimate_learns_from_recent_service_times(hall, clock_at):
    session = hall.session(hall.counter_a1)
    for minute in (0, 4):
        clock_at(dt.datetime(2026, 11, 30, 2, minute, tzinfo=dt.UTC))
        ticket(hall)
        request = desk.call_next(session=session)
        clock_at(dt.datetime(2026, 11, 30, 2, minute + 4, tzinfo=dt.UTC))
        desk.finish_service(session=session, request_id=request.pk, outcome="completed")
    ticket(hall)
    mine = ticket(hall)
    status = selectors.ticket_status(mine)
    assert status.ahead == 1
    assert 4 <= status.wait_minutes <= 5


def test_status_of_a_called_ticket(hall):
    mine = ticket(hall)
    desk.call_next(session=hall.session(hall.counter_a1))
    status = selectors.ticket_status(mine)
    assert status.is_called
    assert status.request.counter == hall.counter_a1


# Steps after a no-show, an outcome, a transfer --------------------------------------------------


def two_steps(hall):
    """A visit for Polres (step 1) then Dukcapil (step 2), called at Polres's counter."""
    visit = issue_ticket(site=hall.world.site, services=[hall.world.service_b, hall.world.service_a])
    session = hall.session(hall.counter_b)
    return visit, session, desk.call_next(session=session)


def test_a_no_show_cancels_the_later_steps_in_the_same_transaction(hall):
    visit, session, first = two_steps(hall)
    desk.recall(session=session, request_id=first.pk)
    desk.recall(session=session, request_id=first.pk)
    desk.mark_no_show(session=session, request_id=first.pk)
    step_two = visit.requests.get(step=2)
    assert step_two.status == RequestStatus.CANCELLED
    assert step_two.finished_at is not None
    event = Event.objects.get(kind="cancelled")
    assert (event.request, event.counter, event.data) == (
        step_two,
        hall.counter_b,
        {"reason": "no_show", "after_request": first.pk},
    )
    status = selectors.ticket_status(visit)
    assert status.ended_unserved  # "no longer in the queue", not "your visit is finished"


def test_a_pending_step_keeps_the_visit_open(hall):
    visit, _session, first = two_steps(hall)
    ServiceRequest.objects.filter(pk=first.pk).update(status=RequestStatus.DONE)  # released by nobody
    status = selectors.ticket_status(visit)
    assert not status.is_finished
    assert status.is_pending
    assert status.request.step == 2


@pytest.mark.parametrize("outcome", ["incomplete", "referred", "information", "other"])
def test_only_a_completed_step_moves_the_visitor_on(hall, outcome):
    visit, session, first = two_steps(hall)
    desk.finish_service(session=session, request_id=first.pk, outcome=outcome)
    assert visit.requests.get(step=2).status == RequestStatus.CANCELLED
    assert Event.objects.get(kind="cancelled").data["reason"] == outcome
    assert not Event.objects.filter(kind="next_step").exists()
    assert desk.call_next(session=hall.session(hall.counter_a1)) is None


def test_a_completed_step_releases_the_next_one_exactly_once(hall):
    visit, session, first = two_steps(hall)
    desk.finish_service(session=session, request_id=first.pk, outcome="completed")
    with pytest.raises(desk.NotFound):  # the second click of a double "Finish"
        desk.finish_service(session=session, request_id=first.pk, outcome="completed")
    assert visit.requests.get(step=2).status == RequestStatus.WAITING
    assert Event.objects.filter(kind="next_step").count() == 1


def test_a_transfer_to_a_later_step_moves_the_visitor_on_to_it_once(hall):
    """Polres sends the visitor straight to Dukcapil, which is the visit's step 2: the visitor
    queues at Dukcapil once, as step 2, and finishing there releases nothing more."""
    visit, session, first = two_steps(hall)
    moved = desk.transfer(session=session, request_id=first.pk, service=hall.world.service_a)
    step_two = visit.requests.get(step=2)
    assert moved == step_two
    assert (step_two.status, step_two.queue_time) == (RequestStatus.WAITING, visit.arrived_at)
    assert Event.objects.get(kind="transferred").data["to_step"] == 2
    session_a = hall.session(hall.counter_a1)
    called = desk.call_next(session=session_a)
    assert called == step_two
    desk.finish_service(session=session_a, request_id=called.pk, outcome="completed")
    assert visit.requests.filter(service=hall.world.service_a).count() == 1
    assert not visit.requests.filter(status__in=["waiting", "pending"]).exists()
    assert desk.call_next(session=session_a) is None


def test_a_transferred_step_releases_the_next_step_once(hall):
    from tests import factories

    third = factories.ServiceFactory(agency=hall.world.agency_b)
    ServiceOffer.objects.create(site=hall.world.site, service=third, prefix="C")
    CounterService.objects.create(counter=hall.counter_b, service=third)
    visit, session, first = two_steps(hall)
    moved = desk.transfer(session=session, request_id=first.pk, service=third)
    assert (moved.step, visit.requests.get(step=2, service=hall.world.service_a).status) == (1, "pending")
    called = desk.call_next(session=session)
    assert called == moved
    desk.finish_service(session=session, request_id=called.pk, outcome="completed")
    assert visit.requests.get(service=hall.world.service_a).status == RequestStatus.WAITING
    assert Event.objects.filter(kind="next_step").count() == 1


def test_park_refuses_a_long_note_like_finish_and_transfer(hall):
    ticket(hall)
    session = hall.session(hall.counter_a1)
    request = desk.call_next(session=session)
    with pytest.raises(ValidationError) as info:
        desk.park(session=session, request_id=request.pk, note="x" * 501)
    assert "note" in info.value.message_dict
    request.refresh_from_db()
    assert request.status == "called"


# One counter, one officer -----------------------------------------------------------------


def test_closing_a_counter_with_a_paused_ticket_is_refused_with_its_number(hall):
    ticket(hall)
    session = hall.session(hall.counter_a1)
    request = desk.call_next(session=session)
    desk.park(session=session, request_id=request.pk, note="Fotokopi KK")
    with pytest.raises(ValidationError) as info:
        sessions.close_session(session=session)
    assert info.value.code == "parked"
    assert "A001" in info.value.messages[0]
    session.refresh_from_db()
    assert session.closed_at is None
    desk.resume(session=session, request_id=request.pk)
    desk.finish_service(session=session, request_id=request.pk, outcome="completed")
    assert sessions.close_session(session=session).closed_at is not None


def test_moving_to_another_counter_is_refused_while_a_ticket_is_paused_at_the_first(hall):
    ticket(hall)
    session = hall.session(hall.counter_a1)
    desk.park(session=session, request_id=desk.call_next(session=session).pk)
    with pytest.raises(ValidationError) as info:
        sessions.open_session(
            counter=hall.counter_a2, officer=hall.world.officer_a, client_key="browser-1", takeover=True
        )
    assert info.value.code == "parked"
    session.refresh_from_db()
    assert session.closed_at is None


def test_an_officer_whose_role_was_revoked_can_do_nothing_more_at_the_counter(hall):
    from mpp.tenancy.models import Membership

    ticket(hall)
    session = hall.session(hall.counter_a1)
    request = desk.call_next(session=session)
    Membership.objects.filter(user=hall.world.officer_a).delete()
    for action in (
        lambda: desk.call_next(session=session),
        lambda: desk.recall(session=session, request_id=request.pk),
        lambda: desk.finish_service(session=session, request_id=request.pk, outcome="completed"),
    ):
        with pytest.raises(ValidationError) as info:
            action()
        assert info.value.code == "session_closed"
    request.refresh_from_db()
    assert (request.status, request.recalls) == ("called", 0)


# Days --------------------------------------------------------------------------------------


def test_yesterdays_leftovers_are_neither_called_nor_counted_today(hall, clock_at):
    clock_at(dt.datetime(2026, 11, 30, 7, 0, tzinfo=dt.UTC))  # Monday 14:00
    ticket(hall)  # A001 of Monday, left waiting
    ticket(hall)
    session = hall.session(hall.counter_a1)
    stale = desk.call_next(session=session)  # left called at the counter overnight
    clock_at(dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC))  # Tuesday 09:00
    today = ticket(hall)
    assert today.code == "A001"
    assert selectors.counter_current(hall.counter_a1) is None
    assert [
        r.visit
        for r in selectors.counter_queue(counter=hall.counter_a1, service_ids=[hall.world.service_a.pk])
    ] == [today]
    assert selectors.waiting_count(counter=hall.counter_a1, service_ids=[hall.world.service_a.pk]) == 1
    assert selectors.ticket_status(today).ahead == 0
    called = desk.call_next(session=session)  # yesterday's called ticket does not make it busy
    assert called.visit == today
    desk.finish_service(session=session, request_id=called.pk, outcome="completed")
    with pytest.raises(desk.NotFound):
        desk.call_specific(session=session, code="A002")  # Monday's A002 is not today's
    stale.refresh_from_db()
    assert stale.status == "called"  # left for the day close (test_days.py)


def test_a_ticket_of_an_earlier_day_is_no_longer_in_the_queue(hall, clock_at):
    mine = ticket(hall)
    served = ticket(hall)
    session = hall.session(hall.counter_a1)
    desk.finish_service(
        session=session,
        request_id=desk.call_specific(session=session, code=served.code).pk,
        outcome="completed",
    )
    clock_at(dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC))
    status = selectors.ticket_status(mine)
    assert (status.expired, status.ended_unserved, status.is_finished) == (True, True, True)
    status = selectors.ticket_status(served)
    assert (status.expired, status.ended_unserved, status.is_finished) == (False, False, True)


# Wait estimates ----------------------------------------------------------------------------------


def test_the_wait_counts_every_service_the_open_counters_call(hall, clock_at):
    """Counter 1 calls Dukcapil and Polres services alike: Polres visitors before me delay me too."""
    CounterService.objects.create(counter=hall.counter_a1, service=hall.world.service_b)
    ticket(hall, hall.world.service_b)
    ticket(hall, hall.world.service_b)
    ticket(hall)
    mine = ticket(hall)
    hall.session(hall.counter_a1)
    status = selectors.ticket_status(mine)
    assert status.ahead == 3
    assert status.open_counters == 1
    assert status.wait_minutes == 30


def test_the_history_of_waits_has_an_index():
    indexes = {index.name: index.fields for index in ServiceRequest._meta.indexes}
    assert indexes["service_history"] == ["site", "service", "status", "-finished_at"]


def test_works_at_decides_exactly_what_workable_counters_lists(hall):
    """live_session checks the role with counter.works_at, the rule of
    tenancy.access.workable_counters for one counter: both must agree, whatever the case."""
    from mpp.queueing.services.counter import works_at
    from mpp.tenancy.access import workable_counters
    from mpp.tenancy.models import Agency, Counter, Membership, Role, User

    w = hall.world
    # The same agency at another site, another agency's role, an inactive account, a
    # deactivated counter, and an agency deactivated at a site where it has a counter.
    elsewhere = Counter.objects.create(site=w.other_site, agency=w.agency_a, number="9")
    Membership.objects.create(user=w.officer_b, site=w.other_site, agency=w.agency_a, role=Role.OFFICER)
    idle = User.objects.create(username="nonaktif", is_active=False)
    Membership.objects.create(user=idle, site=w.site, agency=w.agency_a, role=Role.OFFICER)
    Counter.objects.filter(pk=hall.counter_a2.pk).update(is_active=False)
    closed = Agency.objects.create(name="Dinas Tutup", short_name="Tutup", slug="tutup", is_active=False)
    Counter.objects.create(site=w.site, agency=closed, number="8")
    Membership.objects.create(user=w.admin_a, site=w.site, agency=closed, role=Role.AGENCY_ADMIN)
    users = [w.superuser, w.manager, w.admin_a, w.officer_a, w.front_desk, w.auditor, w.admin_b]
    users += [w.officer_b, w.other_manager, idle]
    counters = list(Counter.objects.select_related("site", "agency"))
    assert elsewhere in counters
    for user in users:
        listed = set(workable_counters(user).values_list("pk", flat=True))
        assert {c.pk for c in counters if works_at(user, c)} == listed, user.username
    assert any(works_at(w.officer_b, c) for c in counters)  # the case is not empty
