"""A double submit of "open an application" (two clicks, two tabs, an API retry) opens one
file with one PIN. Real threads against the real database, with a control that switches
the protection off and shows two files with two PINs."""

import contextlib
import threading

import pytest
from django.db import connection

from mpp.cases import services
from mpp.cases.models import Application
from mpp.notify.models import Message
from mpp.queueing.models import CounterSession, ServiceRequest
from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket
from tests.halls import make_hall
from tests.threads import run_threads

SUBMITS = 2
pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def at_counter(world, clock_at):
    hall = make_hall(world)
    issue_ticket(site=world.site, services=[world.service_a], phone="081234567890")
    session = hall.session(hall.counter_a1)
    request_ = desk.call_next(session=session)
    return session, request_


def submit(session, request_):
    """One submit, as a request of its own loads the session."""
    same = CounterSession.objects.select_related("counter__site").get(pk=session.pk)
    return services.open_application(session=same, request_id=request_.pk)


def test_a_double_submit_opens_one_application_with_one_pin(at_counter):
    session, request_ = at_counter
    results, errors = run_threads(SUBMITS, lambda _i: submit(session, request_))
    assert errors == []
    assert Application.objects.count() == 1
    assert {application.pk for application, _pin in results} == {Application.objects.get().pk}
    assert sorted(pin is None for _application, pin in results) == [False, True]  # one PIN, once
    assert Message.objects.filter(kind="application.received").count() == 1


def test_control_without_the_lock_and_the_check_a_double_submit_opens_two(at_counter, monkeypatch):
    """Switch the protection off: no transaction, no lock of the session or the request, no
    unique constraint; both submits read "nothing opened yet" before either writes."""
    session, request_ = at_counter
    both_read = threading.Barrier(SUBMITS)
    real_opened = services._opened

    def opened_then_wait(request):
        found = real_opened(request)
        both_read.wait(timeout=30)  # the gap between looking and writing, made certain
        return found

    def unlocked_request_at(session, request_id):
        return session, ServiceRequest.objects.select_related("service", "visit__site").get(pk=request_id)

    monkeypatch.setattr(services, "write_transaction", contextlib.nullcontext)
    monkeypatch.setattr(services, "_request_at", unlocked_request_at)
    monkeypatch.setattr(services, "_lock", lambda request: None)
    monkeypatch.setattr(services, "_opened", opened_then_wait)
    constraint = next(c for c in Application._meta.constraints if c.name == "one_application_per_request")
    with connection.schema_editor() as editor:
        editor.remove_constraint(Application, constraint)
    try:
        results, errors = run_threads(SUBMITS, lambda _i: submit(session, request_))
        assert errors == []
        assert Application.objects.filter(request=request_).count() == 2
        assert len({pin for _application, pin in results if pin}) == 2, "expected two files, two PINs"
    finally:
        Application.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(Application, constraint)
