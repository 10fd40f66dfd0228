"""One response per finished service, whatever many taps or tabs send at once."""

import pytest

from mpp.surveys import selectors, services
from mpp.surveys.models import Response
from tests.surveys.conftest import ALL_FOUR, served
from tests.threads import run_threads

SENDERS = 20
pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def send_together(request):
    def sender(_index):
        try:
            services.answer_for_request(request=request, answers=ALL_FOUR, profile={})
        except services.AlreadyAnswered:
            return "already"
        return "saved"

    outcomes, errors = run_threads(SENDERS, sender)
    return outcomes + [repr(exc) for exc in errors]


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
