"""Background work of the outbox, run by ``manage.py db_worker``."""

from django_tasks import task

from mpp.notify import delivery


@task()
def deliver_message(message_id: int) -> bool | None:
    """Send one message (queued when its change commits); None if nothing was due."""
    attempt = delivery.deliver(message_id)
    return None if attempt is None else attempt.ok


@task()
def deliver_due_messages() -> int:
    """The sweep: retries whose time has come, and anything whose own task was lost."""
    return delivery.deliver_due()
