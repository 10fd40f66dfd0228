"""The outbox: every message to a person or a staff member is a row first.

It is written in the same transaction as the change it reports, so a rolled-back
change never sends anything; the background worker delivers pending rows through
their channel and records each attempt (docs/notifications.md).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mpp.core.fields import LimitedTextField
from mpp.privacy.fields import EncryptedTextField
from mpp.tenancy.models import Site, User


class Message(models.Model):
    class Channel(models.TextChoices):
        STAFF = "staff", _("Back-office inbox")
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")
        WHATSAPP = "whatsapp", _("WhatsApp")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    user = models.ForeignKey(User, on_delete=models.CASCADE, null=True, blank=True, related_name="messages")
    # The site whose staff may read the outbox row; messages without one are for superusers.
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("site")
    )
    address = EncryptedTextField(_("address"), blank=True, help_text=_("Telephone or e-mail of a citizen."))
    language = models.CharField(_("language"), max_length=5, default="id")
    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=200)
    body = LimitedTextField(_("text"), max_length=2000)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("created at"))
    # Null: due at once. While a worker sends, it holds a lease here (delivery.LEASE);
    # after a failure, the time of the next attempt.
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            # The worker's sweep reads only pending rows; sent ones are the great majority.
            models.Index(fields=["next_attempt_at"], condition=Q(status="pending"), name="outbox_due"),
        ]

    def __str__(self) -> str:
        return self.subject


class OutboxMessage(Message):
    """The same rows as the staff see them in the back office's outbox."""

    class Meta:
        proxy = True
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")


class Delivery(models.Model):
    """One attempt to hand a message to its channel: when, whether it worked, and the
    channel's short answer (an SMTP or HTTP status or an error), never the text or the
    address."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    at = models.DateTimeField(_("time"))
    ok = models.BooleanField(_("delivered"))
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self) -> str:
        return self.detail
