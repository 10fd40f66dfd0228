"""Version numbers of a standard are a sequence: ten editors starting a draft at once get one."""

import contextlib
import time

import pytest

from mpp.catalog import services
from mpp.catalog.models import ServiceStandard
from tests import factories
from tests.threads import run_threads

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]
EDITORS = 10


def test_ten_editors_starting_a_draft_share_one(db):
    service = factories.ServiceFactory()
    drafts, errors = run_threads(EDITORS, lambda _i: services.start_draft(service=service).pk)
    assert errors == []
    assert len(set(drafts)) == 1
    assert service.standards.count() == 1


def test_control_without_the_lock_editors_collide(db, monkeypatch):
    service = factories.ServiceFactory()
    original_save = ServiceStandard.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.01)  # between "no draft yet" and the insert, the others look too
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(services.transaction, "atomic", contextlib.nullcontext)
    monkeypatch.setattr(ServiceStandard, "save", slow_save)
    monkeypatch.setattr(services.Service.objects, "select_for_update", lambda: services.Service.objects.all())
    _drafts, errors = run_threads(EDITORS, lambda _i: services.start_draft(service=service).pk)
    # The one-draft constraint turns the race into errors; without it, drafts would multiply.
    assert errors
