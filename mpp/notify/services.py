"""Writing messages to the outbox (docs/notifications.md).

Staff messages land in the back-office inbox at once. Messages to citizens wait in
the outbox for their channel; when the change that wrote them commits, the background
worker is asked to send them (``tasks.deliver_message``). A rolled-back change takes
its messages with it, and nothing is ever sent for it.
"""

from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from mpp.core import clock
from mpp.core.phone import normalize_phone
from mpp.notify.models import Message
from mpp.notify.tasks import deliver_message
from mpp.tenancy.models import Site, User


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
    *,
    phone: str = "",
    email: str = "",
    kind: str,
    language: str = "id",
    render,
    site: Site | None = None,
    phone_channel: str = "",
) -> Message | None:
    """Queue a message to a citizen; ``render()`` gives (subject, body) in ``language``.

    A telephone goes to ``phone_channel`` (``"sms"`` or ``"whatsapp"``; by default
    ``settings.MPP_NOTIFY_PHONE_CHANNEL``), otherwise the e-mail address is used. The
    ``site`` lets that site's managers and auditors see the message in the outbox.
    """
    if not phone and not email:
        return None
    if phone:
        try:
            address = normalize_phone(phone)
        except ValidationError:
            return None
        channel = phone_channel or settings.MPP_NOTIFY_PHONE_CHANNEL
        if channel not in (Message.Channel.SMS, Message.Channel.WHATSAPP):
            raise ValueError(f"not a telephone channel: {channel!r}")
    else:
        address, channel = email, Message.Channel.EMAIL
    # The language the person chose, if the platform speaks it; Bahasa Indonesia otherwise.
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        subject, body = render()
    with transaction.atomic():
        message = Message.objects.create(
            channel=channel,
            site=site,
            address=address,
            language=language,
            kind=kind,
            subject=str(subject)[:200],
            body=str(body)[:2000],
            created_at=clock.now(),
        )
        # Robust: if queueing fails, the change still stands and the sweep sends it later.
        transaction.on_commit(partial(deliver_message.enqueue, message.pk), robust=True)
    return message
