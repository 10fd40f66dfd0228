"""Messages to visitors who gave a telephone: "your turn is near" once, and "called"."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from mpp.notify.models import Message
from mpp.queueing.models import HallSettings, ServiceRequest, Visit
from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket

PHONE = "0812 3456 7890"


def ticket(hall, phone="", **kwargs):
    return issue_ticket(site=hall.world.site, services=[hall.world.service_a], phone=phone, **kwargs)


def messages(kind):
    return list(Message.objects.filter(kind=kind).order_by("id"))


def set_notify_ahead(site, value):
    HallSettings.objects.update_or_create(site=site, defaults={"notify_ahead": value})


def test_the_called_visitor_hears_where_to_go(hall):
    ticket(hall, PHONE)
    desk.call_next(session=hall.session(hall.counter_a1))
    [called] = messages("queue.called")
    assert (called.address, called.channel, called.site, called.language) == (
        "+6281234567890",
        "sms",
        hall.world.site,
        "id",
    )
    assert "A001" in called.body
    assert re.search(r"\b1\b", called.body)  # counter 1
    assert "Dukcapil" in called.body


def test_messages_speak_the_visitors_language(hall):
    """English where the visitor chose it; a language the platform does not speak gives Indonesian."""
    ticket(hall, PHONE, language="en")
    ticket(hall, "0812 3456 7891", language="fr")
    assert list(Visit.objects.order_by("id").values_list("language", flat=True)) == ["en", "id"]
    session = hall.session(hall.counter_a1)
    first = desk.call_next(session=session)
    desk.finish_service(session=session, request_id=first.pk, outcome="completed")
    desk.call_next(session=session)
    english, indonesian = messages("queue.called")
    assert (english.language, english.subject) == ("en", "Your number is called")
    assert "please go to counter 1" in english.body
    assert (indonesian.language, indonesian.subject) == ("id", "Nomor Anda dipanggil")


def test_the_visitor_who_becomes_third_hears_it_once(hall):
    """notify_ahead = 3 (the default): the third in call order after a call is told, once."""
    ticket(hall)  # A001
    ticket(hall)  # A002
    ticket(hall)  # A003
    mine = ticket(hall, PHONE)  # A004
    ticket(hall)  # A005
    session = hall.session(hall.counter_a1)
    request = desk.call_next(session=session)  # A001 called; A002, A003, A004 next: A004 is third
    [near] = messages("queue.near")
    assert "A004" in near.body
    assert re.search(r"\b2\b", near.body)  # two more before you
    told = mine.requests.get()
    assert told.near_notified_at is not None
    # A priority visitor arrives: A004 is fourth again, then third again after the next call.
    ticket(hall, priority_reason="lansia")
    desk.finish_service(session=session, request_id=request.pk, outcome="completed")
    desk.call_next(session=session)
    assert len(messages("queue.near")) == 1
    assert messages("queue.called") == []  # nobody called so far had a telephone
    # When A004 is called at last, it hears that too.
    for _ in range(3):
        desk.finish_service(
            session=session,
            request_id=ServiceRequest.objects.get(counter=hall.counter_a1, status="called").pk,
            outcome="completed",
        )
        desk.call_next(session=session)
    assert ServiceRequest.objects.get(counter=hall.counter_a1, status="called").visit == mine
    assert len(messages("queue.called")) == 1
    assert len(messages("queue.near")) == 1


def test_only_visitors_with_a_telephone_get_messages(hall):
    for _ in range(5):
        ticket(hall)
    session = hall.session(hall.counter_a1)
    for _ in range(5):
        request = desk.call_next(session=session)
        desk.finish_service(session=session, request_id=request.pk, outcome="completed")
    assert not Message.objects.exists()
    assert not ServiceRequest.objects.filter(near_notified_at__isnull=False).exists()


def test_one_ahead_means_you_are_next(hall):
    set_notify_ahead(hall.world.site, 1)
    ticket(hall)
    ticket(hall, PHONE)
    desk.call_next(session=hall.session(hall.counter_a1))
    [near] = messages("queue.near")
    assert "A002" in near.body


def test_a_call_that_rolls_back_sends_nothing(hall):
    ticket(hall, PHONE)
    ticket(hall)
    ticket(hall)
    ticket(hall, PHONE)
    session = hall.session(hall.counter_a1)

    class Abort(Exception):
        pass

    written = []

    def call_then_fail():
        with transaction.atomic():
            desk.call_next(session=session)
            written.append(Message.objects.count())  # inside the call's transaction
            raise Abort

    with pytest.raises(Abort):
        call_then_fail()
    assert written == [2]
    assert not Message.objects.exists()
    assert not ServiceRequest.objects.filter(near_notified_at__isnull=False).exists()
    assert not ServiceRequest.objects.filter(status="called").exists()


def test_no_messages_at_all_when_switched_off(hall):
    set_notify_ahead(hall.world.site, 0)
    ticket(hall, PHONE)
    ticket(hall)
    ticket(hall)
    ticket(hall, PHONE)
    session = hall.session(hall.counter_a1)
    request = desk.call_next(session=session)
    desk.finish_service(session=session, request_id=request.pk, outcome="completed")
    desk.call_specific(session=session, code="A004")
    assert not Message.objects.exists()


def test_calling_a_number_out_of_order_tells_too(hall):
    ticket(hall)
    ticket(hall)
    ticket(hall, PHONE)
    ticket(hall, PHONE)
    ticket(hall, PHONE)
    desk.call_specific(session=hall.session(hall.counter_a1), code="A003")
    assert "A003" in messages("queue.called")[0].body
    # A001, A002, A004 wait now: A004 is third.
    assert "A004" in messages("queue.near")[0].body


def queries_of_a_call(hall, session):
    ticket(hall)
    with CaptureQueriesContext(connection) as queries:
        request = desk.call_next(session=session)
    desk.finish_service(session=session, request_id=request.pk, outcome="completed")
    return len(queries)


def test_a_call_without_telephones_costs_one_query_more(hall, django_assert_max_num_queries):
    for _ in range(5):
        ticket(hall)
    session = hall.session(hall.counter_a1)
    set_notify_ahead(hall.world.site, 0)
    switched_off = queries_of_a_call(hall, session)
    set_notify_ahead(hall.world.site, 3)
    switched_on = queries_of_a_call(hall, session)
    assert switched_on == switched_off + 1
    ticket(hall)
    with django_assert_max_num_queries(switched_on):
        desk.call_next(session=session)
