"""Sending the outbox: claim a due message, send it outside any transaction, record the
attempt, then mark it sent or schedule the next try (docs/notifications.md).

A pending message is due when its ``next_attempt_at`` is empty or has passed. Attempt
*n* that fails is retried after ``MPP_NOTIFY_RETRY_SECONDS * 2**(n-1)`` (1, 2, 4, 8, 16
minutes by default); after ``MPP_NOTIFY_MAX_ATTEMPTS`` attempts the message is failed.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet

from mpp.core import clock
from mpp.notify.channels import DeliveryError, channel_for
from mpp.notify.models import Delivery, Message

log = logging.getLogger(__name__)

# How long a claimed message belongs to the worker sending it. It must outlast the
# longest send (gateway and SMTP timeouts are seconds); a worker that dies mid-send
# gives the message back when the lease runs out.
LEASE = dt.timedelta(minutes=5)

# The writes here are single statements or short ``transaction.atomic()`` blocks, not
# ``core.db.write_transaction``: the worker is a process of its own, so the in-process
# writer queue gives it nothing; and with the immediate task backend, delivery runs in an
# on_commit callback of a service's write_transaction, whose queue is still held there
# and is not re-entrant.

OUTGOING = (Message.Channel.EMAIL, Message.Channel.SMS, Message.Channel.WHATSAPP)


def max_attempts() -> int:
    return settings.MPP_NOTIFY_MAX_ATTEMPTS


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th failed attempt: doubling from the base."""
    return dt.timedelta(seconds=settings.MPP_NOTIFY_RETRY_SECONDS * 2 ** (attempts - 1))


def due(now: dt.datetime) -> QuerySet[Message]:
    return Message.objects.filter(status=Message.Status.PENDING, channel__in=OUTGOING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def deliver_due(now: dt.datetime | None = None, limit: int = 100) -> int:
    """Send up to ``limit`` due messages, oldest first; returns how many were sent.

    Safe with any number of workers: each message is claimed before it is sent. A
    channel that is down (not configured, unreachable, 5xx) is skipped for the rest of
    the sweep after its first failure, so one dead gateway does not hold the worker for
    a timeout per message.
    """
    start = now or clock.now()
    _fail_abandoned(start)
    candidates = _candidates(start, limit)
    down: set[str] = set()
    sent = 0
    for message_id, channel in candidates:
        if channel in down:
            continue
        outcome = _deliver(message_id, now)
        if outcome is None:
            continue  # another worker has it, or it was sent meanwhile
        attempt, channel_down = outcome
        if attempt.ok:
            sent += 1
        elif channel_down:
            down.add(channel)
    return sent


def _candidates(now: dt.datetime, limit: int) -> list[tuple[int, str]]:
    rows = due(now).filter(attempts__lt=max_attempts()).order_by("created_at", "pk")
    return list(rows.values_list("pk", "channel")[:limit])


def deliver(message_id: int, *, now: dt.datetime | None = None) -> Delivery | None:
    """Send one message if it is due and no other worker holds it; returns the recorded
    attempt, or None when there was nothing to do."""
    outcome = _deliver(message_id, now)
    return None if outcome is None else outcome[0]


def _deliver(message_id: int, now: dt.datetime | None) -> tuple[Delivery, bool] | None:
    """The attempt and whether the channel itself is down."""
    lease = _claim(message_id, now or clock.now())
    if lease is None:
        return None
    message = Message.objects.get(pk=message_id)
    # Outside any transaction: a slow gateway must not hold the database's write lock.
    channel_down = False
    try:
        detail, ok = channel_for(message.channel).send(message), True
    except DeliveryError as exc:
        detail, ok, channel_down = exc.reason, False, exc.channel_down
    except Exception as exc:
        # A defect in a channel fails this attempt visibly instead of stopping the sweep.
        # The exception's text is not logged: it may quote the address.
        log.error("message %s: %s in channel %s", message_id, type(exc).__name__, message.channel)
        detail, ok = f"internal error ({type(exc).__name__})", False
    return _finish(message, lease=lease, ok=ok, detail=detail, at=now or clock.now()), channel_down


def _claim(message_id: int, now: dt.datetime) -> dt.datetime | None:
    """Take the message for one attempt; returns the lease (the token of this claim).

    Recipe: claim. A conditional UPDATE moves ``next_attempt_at`` past the lease and
    counts the attempt, only while the message is pending and due; the row count says
    which worker won. PostgreSQL re-checks the WHERE clause on the row a concurrent
    winner committed, and SQLite runs one write at a time, so exactly one worker gets 1
    on both. Counting the attempt here means a message that kills its worker still runs
    out of attempts.
    """
    lease = now + LEASE
    won = (
        due(now)
        .filter(pk=message_id, attempts__lt=max_attempts())
        .update(next_attempt_at=lease, attempts=F("attempts") + 1)
    )
    return lease if won else None


def _finish(message: Message, *, lease: dt.datetime, ok: bool, detail: str, at: dt.datetime) -> Delivery:
    with transaction.atomic():
        attempt = Delivery.objects.create(message=message, at=at, ok=ok, detail=detail[:200])
        # Only while this worker's lease stands: if it ran out and another worker took
        # the message, that worker's outcome is the one that counts.
        mine = Message.objects.filter(pk=message.pk, status=Message.Status.PENDING, next_attempt_at=lease)
        if ok:
            mine.update(status=Message.Status.SENT, sent_at=at, next_attempt_at=None, last_error="")
        elif message.attempts >= max_attempts():
            mine.update(status=Message.Status.FAILED, next_attempt_at=None, last_error=detail[:300])
        else:
            mine.update(next_attempt_at=at + retry_delay(message.attempts), last_error=detail[:300])
    return attempt


def _fail_abandoned(now: dt.datetime) -> None:
    """A message whose last allowed attempt never finished (its worker died) is failed."""
    due(now).filter(attempts__gte=max_attempts()).update(
        status=Message.Status.FAILED,
        next_attempt_at=None,
        last_error="the last attempt did not finish (worker stopped)",
    )
