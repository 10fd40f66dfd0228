"""Scarce things under many hands: the next visitor, the next number, one counter.

Each test runs real threads against the real database (SQLite or PostgreSQL, as the
suite runs) and has a control that switches the protection off and shows the race.
"""

import contextlib
import itertools
import threading
import time
from collections import Counter as Tally

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection

from mpp.notify.models import Message
from mpp.queueing.models import (
    CounterService,
    CounterSession,
    Event,
    HallSettings,
    NumberSequence,
    RequestStatus,
    ServiceRequest,
    Visit,
)
from mpp.queueing.services import counter as desk
from mpp.queueing.services import sessions, tickets
from mpp.tenancy.models import Membership, Role
from tests import factories
from tests.queueing.conftest import make_hall
from tests.threads import run_threads

COUNTERS = 20
TICKETS = 80
pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def unlocked_live_session(session):
    """``desk.live_session`` without its row lock: the protection the controls switch off."""
    return CounterSession.objects.select_related("counter__site", "officer").get(
        pk=session.pk, closed_at__isnull=True
    )


def without_the_transaction_on_sqlite(monkeypatch, module):
    """SQLite has one writer: its transaction alone serialises the hall, so a control there
    switches the transaction off too. PostgreSQL keeps it (its row locks need one)."""
    if connection.vendor == "sqlite":
        monkeypatch.setattr(module, "write_transaction", contextlib.nullcontext)


def meet_after(function, barrier):
    """``function``, then wait for the other thread: both have read before either writes."""

    def wrapped(*args, **kwargs):
        result = function(*args, **kwargs)
        barrier.wait(timeout=30)
        return result

    return wrapped


@pytest.fixture
def busy_hall(world, clock_at):
    hall = make_hall(world)
    open_sessions = []
    for n in range(COUNTERS):
        counter = factories.CounterFactory(site=world.site, agency=world.agency_a, number=str(100 + n))
        CounterService.objects.create(counter=counter, service=world.service_a)
        officer = factories.UserFactory(username=f"petugas{n}")
        Membership.objects.create(user=officer, site=world.site, agency=world.agency_a, role=Role.OFFICER)
        open_sessions.append(sessions.open_session(counter=counter, officer=officer, client_key=f"k{n}"))
    for _ in range(TICKETS):
        tickets.issue_ticket(site=world.site, services=[world.service_a])
    return hall, open_sessions


def drain(session, got):
    while True:
        request = desk.call_next(session=session)
        if request is None:
            return
        got.append(request.pk)
        desk.finish_service(session=session, request_id=request.pk, outcome="completed")


def test_twenty_counters_call_every_ticket_exactly_once(busy_hall):
    _hall, open_sessions = busy_hall
    got: list[int] = []
    _results, errors = run_threads(COUNTERS, lambda i: drain(open_sessions[i], got))
    assert errors == []
    assert len(got) == TICKETS
    assert len(set(got)) == TICKETS  # nobody called twice
    assert ServiceRequest.objects.filter(status=RequestStatus.DONE).count() == TICKETS  # nobody lost
    calls = Tally(Event.objects.filter(kind="called").values_list("request_id", flat=True))
    assert set(calls.values()) == {1}


def test_control_without_the_claim_two_counters_get_the_same_ticket(busy_hall, monkeypatch):
    """Switch the protection off: no transaction, no lock, an unconditional update."""
    _hall, open_sessions = busy_hall

    def unprotected_claim(request_id, session, now):
        time.sleep(0.005)  # the gap between reading and writing that real load provides
        ServiceRequest.objects.filter(pk=request_id).update(
            status=RequestStatus.CALLED, counter=session.counter, officer=session.officer, called_at=now
        )
        return True

    def first_waiting_without_lock(service_ids, site_id, day):
        return (
            ServiceRequest.objects.filter(
                site_id=site_id, status=RequestStatus.WAITING, service_id__in=service_ids, visit__day=day
            )
            .order_by("-priority", "queue_time", "id")
            .values_list("pk", flat=True)
            .first()
        )

    monkeypatch.setattr(desk, "write_transaction", contextlib.nullcontext)
    monkeypatch.setattr(desk, "live_session", unlocked_live_session)
    monkeypatch.setattr(desk, "_claim", unprotected_claim)
    monkeypatch.setattr(desk, "_first_waiting", first_waiting_without_lock)
    got: list[int] = []

    def call_once_each(i):
        request = desk.call_next(session=open_sessions[i])
        if request is not None:
            got.append(request.pk)

    _results, errors = run_threads(COUNTERS, call_once_each)
    assert errors == []
    assert len(got) > len(set(got)), "expected the race to hand one ticket to several counters"


@pytest.fixture
def phoned_hall(busy_hall):
    """The busy hall with every waiting visitor reachable by telephone, so each call also
    tells the visitor now third in line that their turn is near."""
    ServiceRequest.objects.all().delete()
    Visit.objects.all().delete()
    _hall, open_sessions = busy_hall
    world = _hall.world
    for n in range(TICKETS):
        tickets.issue_ticket(site=world.site, services=[world.service_a], phone=f"0812 3400 {n:04d}")
    return open_sessions


def near_messages_per_visitor() -> Tally:
    return Tally(Message.objects.filter(kind="queue.near").values_list("address", flat=True))


def test_counters_calling_at_once_tell_each_visitor_near_their_turn_once(phoned_hall):
    got: list[int] = []
    _results, errors = run_threads(COUNTERS, lambda i: drain(phoned_hall[i], got))
    assert errors == []
    assert sorted(got) == sorted(set(got))
    assert len(got) == TICKETS
    told = near_messages_per_visitor()
    assert told, "the calls should have told someone that their turn is near"
    assert set(told.values()) == {1}
    assert len(told) == ServiceRequest.objects.filter(near_notified_at__isnull=False).count()


def crossing_calls(phoned_hall, monkeypatch):
    """Two counters call at once with notify_ahead = 1. On PostgreSQL both claim before
    either tells anyone (a barrier): each then sees the ticket the other just claimed,
    uncommitted, as the next in line to tell, and that row is locked by the other. SQLite
    has one writer, so its two calls run one after the other (a barrier would wait forever)."""
    HallSettings.objects.filter(site=phoned_hall[0].counter.site).update(notify_ahead=1)
    if connection.vendor == "postgresql":
        barrier = threading.Barrier(2)
        tell = desk._tell_visitors

        def after_both_claimed(*args, **kwargs):
            barrier.wait(timeout=30)
            return tell(*args, **kwargs)

        monkeypatch.setattr(desk, "_tell_visitors", after_both_claimed)
    return run_threads(2, lambda i: desk.call_next(session=phoned_hall[i]))


def test_two_counters_each_next_to_the_others_call_both_call(phoned_hall, monkeypatch):
    called, errors = crossing_calls(phoned_hall, monkeypatch)
    assert errors == []
    assert len({request.pk for request in called}) == 2
    assert set(near_messages_per_visitor().values()) <= {1}


def test_control_waiting_for_the_near_visitors_row_deadlocks_on_postgresql(phoned_hall, monkeypatch):
    """Switch the protection off: mark the near visitor with a plain conditional UPDATE,
    which waits for a row another counter holds. Each counter holds the row it called and
    waits for the other's: PostgreSQL kills one call as a deadlock. On SQLite nothing
    waits (one writer), and the plain UPDATE is what it runs anyway."""

    def waiting_mark(request_id, now):
        marked = ServiceRequest.objects.filter(pk=request_id, near_notified_at__isnull=True)
        return marked.update(near_notified_at=now) == 1

    monkeypatch.setattr(desk, "_mark_near", waiting_mark)
    called, errors = crossing_calls(phoned_hall, monkeypatch)
    if connection.vendor == "postgresql":
        assert len(errors) == 1, errors
        assert "deadlock" in str(errors[0])
    else:
        assert errors == []
        assert len(called) == 2


def issue_many(world, count):
    codes: list[str] = []

    def issue(_index):
        codes.append(tickets.issue_ticket(site=world.site, services=[world.service_a]).code)

    return codes, run_threads(count, issue)[1]


def test_twenty_kiosks_never_duplicate_a_number(world, clock_at):
    make_hall(world)
    codes, errors = issue_many(world, 20)
    assert errors == []
    assert sorted(codes) == [f"A{n:03d}" for n in range(1, 21)]
    assert NumberSequence.objects.get(prefix="A").last_number == 20


def test_control_without_the_sequence_lock_kiosks_collide(world, clock_at, monkeypatch):
    """Switch the protection off: read the last number, add one in Python, write it back."""
    make_hall(world)

    def unlocked_sequence(site, prefix, day):
        NumberSequence.objects.bulk_create(
            [NumberSequence(site=site, prefix=prefix, day=day)], ignore_conflicts=True
        )
        return NumberSequence.objects.get(site=site, prefix=prefix, day=day)

    def read_then_write(sequence):
        number = sequence.last_number + 1
        time.sleep(0.005)
        NumberSequence.objects.filter(pk=sequence.pk).update(last_number=number)
        return number

    monkeypatch.setattr(tickets, "write_transaction", contextlib.nullcontext)
    monkeypatch.setattr(tickets, "_lock_sequence", unlocked_sequence)
    monkeypatch.setattr(tickets, "_take_number", read_then_write)
    codes, errors = issue_many(world, 20)
    # The unique constraint turns the race into refusals; without it there would be duplicates.
    assert any(isinstance(error, IntegrityError) for error in errors) or len(set(codes)) < len(codes)
    assert Visit.objects.count() < 20


def test_quota_holds_under_concurrent_kiosks(world, clock_at):
    hall = make_hall(world)
    hall.offer_a.daily_quota = 7
    hall.offer_a.save()
    codes, errors = issue_many(world, 20)
    assert len(codes) == 7
    assert len(errors) == 13
    assert all(getattr(error, "code", "") == "quota" for error in errors)


def test_control_quota_counted_without_the_lock_overbooks(world, clock_at, monkeypatch):
    hall = make_hall(world)
    hall.offer_a.daily_quota = 7
    hall.offer_a.save()
    original_check = tickets._check_quota

    def slow_check(offer, day):
        original_check(offer, day)
        time.sleep(0.01)  # between counting and inserting, others count the same

    monkeypatch.setattr(tickets, "write_transaction", contextlib.nullcontext)
    monkeypatch.setattr(
        tickets,
        "_lock_sequence",
        lambda site, prefix, day: NumberSequence.objects.get_or_create(site=site, prefix=prefix, day=day)[0],
    )
    monkeypatch.setattr(tickets, "_check_quota", slow_check)
    numbers = itertools.count(1)  # unique numbers, so that only the quota is left unprotected
    number_lock = threading.Lock()

    def next_number(sequence):
        with number_lock:
            return next(numbers)

    monkeypatch.setattr(tickets, "_take_number", next_number)
    _codes, errors = issue_many(world, 20)
    assert ServiceRequest.objects.count() > 7, errors[:3]


# One counter, two clicks ------------------------------------------------------------------


@pytest.fixture
def one_counter(world, clock_at):
    hall = make_hall(world)
    session = hall.session(hall.counter_a1)
    for _ in range(10):
        tickets.issue_ticket(site=world.site, services=[world.service_a])
    return hall, session


def same_session(session):
    """The session as another request (a second click, a second tab) loads it."""
    return CounterSession.objects.select_related("counter__site").get(pk=session.pk)


def test_double_call_next_on_one_counter_calls_one_ticket(one_counter):
    hall, session = one_counter
    called, busy = [], []

    def click(_index):
        try:
            called.append(desk.call_next(session=same_session(session)).pk)
        except ValidationError as exc:
            busy.append(exc.code)

    _results, errors = run_threads(6, click)
    assert errors == []
    assert len(called) == 1
    assert busy == ["busy"] * 5
    assert ServiceRequest.objects.filter(counter=hall.counter_a1, status=RequestStatus.CALLED).count() == 1


def test_control_without_the_session_lock_one_counter_calls_two_tickets(one_counter, monkeypatch):
    hall, session = one_counter
    without_the_transaction_on_sqlite(monkeypatch, desk)
    monkeypatch.setattr(desk, "live_session", unlocked_live_session)
    monkeypatch.setattr(desk, "_busy", meet_after(desk._busy, threading.Barrier(2)))
    _results, errors = run_threads(2, lambda _i: desk.call_next(session=same_session(session)))
    assert errors == []
    assert ServiceRequest.objects.filter(counter=hall.counter_a1, status=RequestStatus.CALLED).count() == 2


@pytest.fixture
def two_step_visit_at_the_counter(world, clock_at):
    """A visit for Polres then Dukcapil, called at Polres's counter 5."""
    hall = make_hall(world)
    visit = tickets.issue_ticket(site=world.site, services=[world.service_b, world.service_a])
    session = hall.session(hall.counter_b)
    first = desk.call_next(session=session)
    return visit, session, first


def double_finish(session, request_id):
    finished, refused = [], []

    def click(_index):
        try:
            desk.finish_service(session=same_session(session), request_id=request_id, outcome="completed")
            finished.append(1)
        except desk.NotFound:
            refused.append(1)

    _results, errors = run_threads(2, click)
    return finished, refused, errors


def test_double_finish_finishes_once_and_releases_the_next_step_once(two_step_visit_at_the_counter):
    visit, session, first = two_step_visit_at_the_counter
    finished, refused, errors = double_finish(session, first.pk)
    assert errors == []
    assert (len(finished), len(refused)) == (1, 1)
    assert Event.objects.filter(request=first, kind="finished").count() == 1
    assert Event.objects.filter(visit=visit, kind="next_step").count() == 1
    assert visit.requests.get(step=2).status == RequestStatus.WAITING


def test_control_without_the_session_lock_a_double_finish_goes_through_twice(
    two_step_visit_at_the_counter, monkeypatch
):
    """The race the session lock stops; the release's own claim still releases once."""
    visit, session, first = two_step_visit_at_the_counter
    without_the_transaction_on_sqlite(monkeypatch, desk)
    monkeypatch.setattr(desk, "live_session", unlocked_live_session)
    monkeypatch.setattr(desk, "request_at_counter", meet_after(desk.request_at_counter, threading.Barrier(2)))
    finished, _refused, errors = double_finish(session, first.pk)
    assert errors == []
    assert len(finished) == 2
    assert Event.objects.filter(request=first, kind="finished").count() == 2
    assert Event.objects.filter(visit=visit, kind="next_step").count() == 1


# Quotas of later steps ---------------------------------------------------------------------


def test_quota_of_a_later_step_holds_under_concurrent_kiosks(world, clock_at):
    """Tickets for A alone, for B then A and for A then B: A's quota counts all of them,
    under A's lock, and the fixed lock order means no deadlock."""
    hall = make_hall(world)
    hall.offer_a.daily_quota = 7
    hall.offer_a.save()
    orders = [[world.service_a], [world.service_b, world.service_a], [world.service_a, world.service_b]]
    _results, errors = run_threads(
        21, lambda i: tickets.issue_ticket(site=world.site, services=orders[i % 3])
    )
    assert ServiceRequest.objects.filter(service=world.service_a).count() == 7
    assert len(errors) == 14
    assert all(getattr(error, "code", "") == "quota" for error in errors), errors[:3]


def test_control_locking_only_the_first_prefix_overshoots_a_later_steps_quota(world, clock_at, monkeypatch):
    hall = make_hall(world)
    hall.offer_a.daily_quota = 1
    hall.offer_a.save()
    without_the_transaction_on_sqlite(monkeypatch, tickets)
    monkeypatch.setattr(
        tickets,
        "_lock_sequences",
        lambda site, offers, day: tickets._lock_sequence(site, offers[0].prefix, day),
    )
    barrier = threading.Barrier(2)
    original_check = tickets._check_quota

    def check_then_meet(offer, day):
        original_check(offer, day)
        if offer.daily_quota is not None:  # both tickets counted A before either wrote
            barrier.wait(timeout=30)

    monkeypatch.setattr(tickets, "_check_quota", check_then_meet)
    orders = [[world.service_a], [world.service_b, world.service_a]]
    _results, errors = run_threads(2, lambda i: tickets.issue_ticket(site=world.site, services=orders[i]))
    assert errors == []
    assert ServiceRequest.objects.filter(service=world.service_a).count() == 2


def _tap_twenty_times(world, key):
    tokens = []

    def tap(_index):
        tokens.append(tickets.issue_ticket(site=world.site, services=[world.service_a], submit_key=key).token)

    return tokens, run_threads(20, tap)[1]


def test_one_form_tapped_twenty_times_at_once_is_one_ticket(world, clock_at):
    make_hall(world)
    tokens, errors = _tap_twenty_times(world, "form-key-1")
    assert errors == []
    assert len(tokens) == 20
    assert len(set(tokens)) == 1
    assert Visit.objects.count() == 1


def test_control_without_the_key_index_a_repeat_becomes_a_second_ticket(world, clock_at, monkeypatch):
    """Switch the protection off (drop the unique index on the key): two taps that both
    looked before either wrote each issue a number."""
    make_hall(world)
    barrier = threading.Barrier(2)
    lookups = Visit.objects.filter

    def look_then_wait(*args, **kwargs):
        found = lookups(*args, **kwargs)
        if "submit_key" in kwargs:
            list(found)  # both look before either writes
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=5)
        return found

    monkeypatch.setattr(Visit.objects, "filter", look_then_wait)
    with connection.schema_editor() as editor:
        editor.remove_constraint(
            Visit, next(c for c in Visit._meta.constraints if c.name == "visit_submit_key_once")
        )
    try:
        tokens = []

        def tap(_index):
            tokens.append(
                tickets.issue_ticket(
                    site=world.site, services=[world.service_a], submit_key="form-key-2"
                ).token
            )

        _results, errors = run_threads(2, tap)
        assert errors == []
        assert len(set(tokens)) == 2  # the race: two numbers for one tap
    finally:
        Visit.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(
                Visit, next(c for c in Visit._meta.constraints if c.name == "visit_submit_key_once")
            )
