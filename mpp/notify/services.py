"""Writing messages to the outbox (docs/notifications.md).

Staff messages land in the back-office inbox at once. Messages to citizens wait in
the outbox for their channel (SMS, WhatsApp or e-mail gateways deliver them).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from mpp.core import clock
from mpp.core.phone import normalize_phone
from mpp.notify.models import Message
from mpp.tenancy.models import User


def notify_staff(*, users: list[User], kind: str, subject: str, body: str) -> list[Message]:
    now = clock.now()
    with transaction.atomic():
        return [
            Message.objects.create(
                channel=Message.Channel.STAFF,
                user=user,
                kind=kind,
                subject=subject[:200],
                body=body[:2000],
                status=Message.Status.SENT,
                created_at=now,
                sent_at=now,
            )
            for user in users
        ]


def notify_citizen(
    *, phone: str = "", email: str = "", kind: str, language: str = "id", render
) -> Message | None:
    """Queue a message to a citizen; ``render()`` gives (subject, body) in ``language``."""
    if not phone and not email:
        return None
    if phone:
        try:
            address, channel = normalize_phone(phone), Message.Channel.SMS
        except ValidationError:
            return None
    else:
        address, channel = email, Message.Channel.EMAIL
    with translation.override(language):
        subject, body = render()
    with transaction.atomic():
        return Message.objects.create(
            channel=channel,
            address=address,
            language=language,
            kind=kind,
            subject=str(subject)[:200],
            body=str(body)[:2000],
            created_at=clock.now(),
        )
