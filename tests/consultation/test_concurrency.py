"""Opening a consultation and publishing the same draft at once: a published standard never
has a consultation that is not concluded.

open_consultation locks the draft row, as publish_standard does, and checks its status
under the lock. The open thread below stops between its check and its insert until the
publication has finished or a second has passed: with the lock, publishing cannot finish
in that second (it waits for the row) and then sees the consultation and refuses; the
control takes the lock away and shows the publication slipping in between.
"""

import contextlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from mpp.catalog import services as catalog_services
from mpp.catalog.models import Service, ServiceStandard
from mpp.consultation import services
from mpp.consultation.models import Consultation
from tests.consultation.conftest import NOW

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def race(draft, monkeypatch):
    published = threading.Event()
    checked = threading.Event()
    outcome = {}
    snapshot = services._snapshot

    def slow_snapshot(standard):
        # Called after the status check, before the insert: let the publisher try now.
        checked.set()
        published.wait(timeout=1)
        return snapshot(standard)

    monkeypatch.setattr(services, "_snapshot", slow_snapshot)

    def open_it():
        try:
            outcome["opened"] = services.open_consultation(
                standard=draft, closes_at=NOW + 14 * services.MIN_PERIOD
            )
        except Exception as exc:  # collected and asserted by the caller
            outcome["open_error"] = exc
        finally:
            checked.set()
            connections.close_all()

    def publish_it():
        checked.wait(timeout=10)
        try:
            catalog_services.publish_standard(standard=draft, sk_number="SK 1", sk_date=NOW.date())
            outcome["published"] = True
        except ValidationError as exc:
            outcome["publish_error"] = exc
        finally:
            published.set()
            connections.close_all()

    threads = [threading.Thread(target=open_it), threading.Thread(target=publish_it)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcome


def test_a_draft_being_opened_for_consultation_is_not_published_meanwhile(draft, monkeypatch):
    outcome = race(draft, monkeypatch)
    assert "open_error" not in outcome
    assert "published" not in outcome
    assert "consultation" in outcome["publish_error"].message_dict
    draft.refresh_from_db()
    assert draft.status == ServiceStandard.Status.DRAFT


def test_control_without_the_lock_a_published_standard_gets_an_open_consultation(draft, monkeypatch):
    monkeypatch.setattr(services, "write_transaction", contextlib.nullcontext)
    for model in (Service, ServiceStandard):
        monkeypatch.setattr(model.objects, "select_for_update", model.objects.all)
    outcome = race(draft, monkeypatch)
    assert outcome.get("published") is True
    draft.refresh_from_db()
    assert draft.status == ServiceStandard.Status.PUBLISHED
    assert Consultation.objects.filter(standard=draft).exclude(status="concluded").exists()
