"""The outbox's life: sent once committed, retried with back-off, failed in the end, and
never sent for a change that was rolled back."""

import datetime as dt
import signal
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from mpp.core.db import write_transaction
from mpp.notify import delivery
from mpp.notify.delivery import LEASE, deliver, deliver_due
from mpp.notify.models import Delivery, Message
from mpp.notify.services import notify_citizen, notify_staff
from tests.halls import MONDAY_9
from tests.notify.conftest import free_port

MINUTE = dt.timedelta(minutes=1)


def text(body="Permohonan P-1: selesai."):
    return lambda: ("Permohonan Anda", body)


def sms(body="Permohonan P-1: selesai.", **kwargs):
    return notify_citizen(phone="081234567890", kind="application.done", render=text(body), **kwargs)


@pytest.mark.django_db
def test_a_gateway_failure_is_retried_after_the_back_off(gateway, clock_at):
    gateway.answers = [500]
    message = sms()
    assert deliver_due(now=MONDAY_9) == 0
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("pending", 1, "HTTP 500")
    assert message.next_attempt_at == MONDAY_9 + MINUTE
    # Not before its time.
    assert deliver_due(now=MONDAY_9 + MINUTE - dt.timedelta(seconds=1)) == 0
    assert len(gateway.requests) == 1
    assert deliver_due(now=MONDAY_9 + MINUTE) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("sent", 2, "")
    assert message.sent_at == MONDAY_9 + MINUTE
    assert message.next_attempt_at is None
    assert [(d.at, d.ok, d.detail) for d in message.deliveries.all()] == [
        (MONDAY_9, False, "HTTP 500"),
        (MONDAY_9 + MINUTE, True, "HTTP 200"),
    ]
    # The same text both times, and never again once sent.
    assert gateway.bodies()[0] == gateway.bodies()[1]
    assert deliver_due(now=MONDAY_9 + 60 * MINUTE) == 0
    assert len(gateway.requests) == 2


@pytest.mark.django_db
def test_failed_after_max_attempts_with_doubling_waits(gateway, clock_at, settings):
    """The worker's own clock: each sweep runs when the clock reaches the next attempt."""
    assert settings.MPP_NOTIFY_MAX_ATTEMPTS == 6
    gateway.answers = [502] * 10
    message = sms()
    waits = []
    for attempt in range(1, 7):
        assert deliver_due() == 0
        message.refresh_from_db()
        assert message.attempts == attempt
        if message.next_attempt_at:
            last = message.deliveries.last()
            waits.append((message.next_attempt_at - last.at) / MINUTE)
            clock_at(message.next_attempt_at + dt.timedelta(seconds=1))
    assert waits == [1, 2, 4, 8, 16]
    assert (message.status, message.next_attempt_at, message.last_error) == ("failed", None, "HTTP 502")
    assert message.deliveries.filter(ok=False).count() == 6
    clock_at(MONDAY_9 + dt.timedelta(days=2))
    assert deliver_due() == 0
    assert len(gateway.requests) == 6


@pytest.mark.django_db
def test_a_dead_channel_is_left_for_the_next_sweep_after_one_failure(settings, gateway, clock_at):
    settings.MPP_NOTIFY_GATEWAYS["sms"]["URL"] = f"http://127.0.0.1:{free_port()}/sms"
    for _ in range(3):
        sms()
    email = notify_citizen(email="a@example.org", kind="x", render=text())
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver_due(now=MONDAY_9) == 1
    assert Delivery.objects.filter(message__channel="sms").count() == 1
    assert list(Message.objects.filter(channel="sms").order_by("pk").values_list("attempts", flat=True)) == [
        1,
        0,
        0,
    ]
    email.refresh_from_db()
    assert email.status == "sent"


@pytest.mark.django_db
def test_a_message_level_failure_does_not_stop_the_sweep(gateway, clock_at):
    gateway.answers = [400]
    for _ in range(3):
        sms()
    assert deliver_due(now=MONDAY_9) == 2
    assert len(gateway.requests) == 3


@pytest.mark.django_db
def test_a_worker_that_died_mid_send_gives_the_message_back_after_the_lease(gateway, clock_at):
    message = sms()
    assert delivery._claim(message.pk, MONDAY_9) == MONDAY_9 + LEASE  # ... and then the worker died
    assert deliver_due(now=MONDAY_9 + LEASE - MINUTE) == 0
    assert gateway.requests == []
    assert deliver_due(now=MONDAY_9 + LEASE) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 2)


@pytest.mark.django_db
def test_a_last_attempt_that_never_finished_fails_the_message(gateway, clock_at, settings):
    settings.MPP_NOTIFY_MAX_ATTEMPTS = 1
    message = sms()
    delivery._claim(message.pk, MONDAY_9)
    assert deliver_due(now=MONDAY_9 + LEASE) == 0
    message.refresh_from_db()
    assert (message.status, message.last_error) == (
        "failed",
        "the last attempt did not finish (worker stopped)",
    )
    assert gateway.requests == []


@pytest.mark.django_db
def test_deliver_sends_one_message_once(gateway, clock_at):
    message = sms()
    attempt = deliver(message.pk, now=MONDAY_9)
    assert (attempt.ok, attempt.detail, attempt.message_id) == (True, "HTTP 200", message.pk)
    assert deliver(message.pk, now=MONDAY_9) is None
    assert len(gateway.requests) == 1


@pytest.mark.django_db
def test_staff_messages_are_in_the_inbox_and_never_sent(world, gateway, smtp_server):
    [message] = notify_staff(users=[world.admin_a], kind="x", subject="Terlambat", body="...")
    assert message.status == "sent"
    assert deliver_due() == 0
    assert gateway.requests == []
    assert smtp_server.envelopes == []


@pytest.mark.django_db
def test_the_command_queues_the_sweep_or_runs_it(gateway, clock_at, immediate_tasks, settings, capsys):
    sms()
    call_command("deliver_messages", "--now")
    assert "1 messages sent." in capsys.readouterr().out
    sms()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    call_command("deliver_messages")
    assert "Queued:" in capsys.readouterr().out
    assert len(gateway.requests) == 1  # queued, not run
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    call_command("deliver_messages")
    assert len(gateway.requests) == 2


@pytest.mark.django_db(transaction=True)
def test_never_sent_for_a_rolled_back_change(gateway, immediate_tasks):
    """Real commits and rollbacks: the worker is asked only once the change has committed."""

    def change_that_fails():
        with transaction.atomic():
            sms("Dibatalkan")
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert Message.objects.count() == 0
    assert gateway.requests == []
    with transaction.atomic():
        message = sms("Jadi")
        assert gateway.requests == []  # not before the commit
    assert [body["message"]["text"] for body in gateway.bodies()] == ["Jadi"]
    message.refresh_from_db()
    assert message.status == "sent"


@pytest.mark.django_db(transaction=True)
def test_a_message_queued_in_a_write_transaction_is_delivered(gateway, immediate_tasks):
    """Services write with core.db.write_transaction; delivering in its on_commit (the
    immediate backend) must not wait for that transaction's own writer queue."""

    def service():
        try:
            with write_transaction():
                sms("Dari layanan")
        finally:
            connection.close()

    worker = threading.Thread(target=service, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "delivery waited for the writer queue its own service held"
    assert [body["message"]["text"] for body in gateway.bodies()] == ["Dari layanan"]


def run_db_worker():
    """``manage.py db_worker --batch`` here; it installs signal handlers, which are put back."""
    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    saved = {number: signal.getsignal(number) for number in signals}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_what_was_queued_and_the_sweep_retries(gateway, settings, clock_at):
    """The production path: the task row is written on commit, ``db_worker`` runs it, and
    the minutely ``deliver_messages`` queues the sweep that sends the retry."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    gateway.answers = [500]
    message = sms("Lewat antrean")
    assert gateway.requests == []  # queued only
    run_db_worker()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("pending", 1, "HTTP 500")
    clock_at(message.next_attempt_at + dt.timedelta(seconds=1))
    call_command("deliver_messages")
    run_db_worker()
    message.refresh_from_db()
    assert message.status == "sent"
    assert [body["message"]["text"] for body in gateway.bodies()] == ["Lewat antrean"] * 2
