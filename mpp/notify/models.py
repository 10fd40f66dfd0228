"""The outbox: every message to a person or a staff member is a row first.

It is written in the same transaction as the change it reports, so a rolled-back
change never sends anything; channels deliver pending rows later (a worker).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from mpp.core.fields import LimitedTextField
from mpp.privacy.fields import EncryptedTextField
from mpp.tenancy.models import User


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
    address = EncryptedTextField(_("address"), blank=True, help_text=_("Telephone or e-mail of a citizen."))
    language = models.CharField(_("language"), max_length=5, default="id")
    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=200)
    body = LimitedTextField(_("text"), max_length=2000)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("created at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["status", "channel"], name="outbox_pending")]

    def __str__(self) -> str:
        return self.subject
