"""One response per finished service, whatever many taps or tabs send at once."""

import threading

import pytest
from django.db import connections

from mpp.surveys import selectors, services
from mpp.surveys.models import Response
from tests.surveys.conftest import ALL_FOUR, served

SENDERS = 20
pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def send_together(request):
    barrier = threading.Barrier(SENDERS)
    outcomes = []

    def sender(_index):
        try:
            barrier.wait()
            services.answer_for_request(request=request, answers=ALL_FOUR, profile={})
            outcomes.append("saved")
        except services.AlreadyAnswered:
            outcomes.append("already")
        except Exception as exc:  # collected and asserted by the caller
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sender, args=(i,)) for i in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_twenty_simultaneous_answers_record_one(hall, nine):
    request = served(hall)
    outcomes = send_together(request)
    assert sorted(outcomes) == ["already"] * (SENDERS - 1) + ["saved"]
    assert Response.objects.count() == 1


def test_control_without_the_request_key_every_answer_counts(hall, nine, monkeypatch):
    """Switch the protection off (no unique key per request): the survey is stuffed."""
    monkeypatch.setattr(selectors, "request_key", lambda request_id: None)
    request = served(hall)
    outcomes = send_together(request)
    assert outcomes.count("saved") == SENDERS
    assert Response.objects.count() > 1
