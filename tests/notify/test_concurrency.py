"""Several workers sweep the outbox at once; each message reaches the gateway once."""

import threading

import pytest
from django.db import connection

from mpp.notify import delivery
from mpp.notify.models import Delivery, Message
from mpp.notify.services import notify_citizen

WORKERS = 4
MESSAGES = 12


def _sweep_together(monkeypatch):
    """Every worker picks its candidates, then all start sending at the same moment:
    the widest window for a double send."""
    barrier = threading.Barrier(WORKERS, timeout=20)
    pick = delivery._candidates

    def candidates_then_wait(now, limit):
        rows = pick(now, limit)
        barrier.wait()
        return rows

    monkeypatch.setattr(delivery, "_candidates", candidates_then_wait)
    errors = []

    def worker():
        try:
            delivery.deliver_due()
        except Exception as exc:  # reported below, with the worker's own failure
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []


def _queue_messages(settings):
    # Queued without a task per message: only the sweeping workers send.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return [
        notify_citizen(phone="081234567890", kind="x", render=lambda n=n: ("Tes", f"Pesan {n}")).pk
        for n in range(MESSAGES)
    ]


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_send_each_message_once(gateway, settings, monkeypatch):
    ids = _queue_messages(settings)
    _sweep_together(monkeypatch)
    refs = sorted(body["ref"] for body in gateway.bodies())
    assert refs == sorted(f"mpp-{pk}" for pk in ids)
    assert set(Message.objects.values_list("status", flat=True)) == {"sent"}
    assert set(Message.objects.values_list("attempts", flat=True)) == {1}
    assert Delivery.objects.count() == MESSAGES


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_control_without_the_claim_messages_are_sent_twice(gateway, settings, monkeypatch):
    """The same sweep with the claim taken out: the race is real, the claim is what stops it."""
    _queue_messages(settings)
    monkeypatch.setattr(delivery, "_claim", lambda message_id, now: now + delivery.LEASE)
    _sweep_together(monkeypatch)
    assert len(gateway.requests) == WORKERS * MESSAGES
