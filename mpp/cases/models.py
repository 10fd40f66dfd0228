"""Applications (permohonan): files whose product is not handed over at the counter."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from mpp.catalog.models import Service
from mpp.privacy.fields import EncryptedTextField
from mpp.queueing.models import ServiceRequest
from mpp.tenancy.models import Agency, Site, User

# Tracking numbers avoid letters and digits that look alike (0/O, 1/I/L) on a receipt.
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_tracking_number() -> str:
    return "P-" + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    VERIFIED = "verified", _("Verified")
    PROCESSING = "processing", _("In process")
    DONE = "done", _("Ready for pick-up")
    COLLECTED = "collected", _("Collected")
    RETURNED = "returned", _("Returned for completion")
    REJECTED = "rejected", _("Rejected")


# The lifecycle: which status may follow which. Returned files come back as received.
TRANSITIONS = {
    Status.RECEIVED: {Status.VERIFIED, Status.RETURNED, Status.REJECTED},
    Status.VERIFIED: {Status.PROCESSING, Status.RETURNED, Status.REJECTED},
    Status.PROCESSING: {Status.DONE, Status.RETURNED, Status.REJECTED},
    Status.DONE: {Status.COLLECTED},
    Status.RETURNED: {Status.RECEIVED, Status.REJECTED},
    Status.COLLECTED: set(),
    Status.REJECTED: set(),
}
NEEDS_REASON = {Status.RETURNED, Status.REJECTED}
OPEN = (Status.RECEIVED, Status.VERIFIED, Status.PROCESSING, Status.RETURNED)


class Application(models.Model):
    tracking_number = models.CharField(
        _("tracking number"), max_length=12, unique=True, default=new_tracking_number
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site"))
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="applications", verbose_name=_("agency")
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    request = models.ForeignKey(
        ServiceRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField(_("received at"))
    due_date = models.DateField(_("due date"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    phone = EncryptedTextField(_("telephone"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="id")  # of its messages
    # Second factors of the public tracking page, as keyed hashes: the receipt's PIN and
    # the last four digits of the telephone.
    pin_hash = models.CharField(max_length=64, editable=False)
    phone_tail_hash = models.CharField(max_length=64, blank=True, editable=False)
    is_overdue = models.BooleanField(_("overdue"), default=False)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [models.Index(fields=["agency", "status", "due_date"], name="application_worklist")]
        constraints = [
            # One file per service request: a double submit at the counter must not open a
            # second file with a second PIN (services.open_application locks, this guards).
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(request__isnull=False),
                name="one_application_per_request",
            )
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


class ApplicationEvent(models.Model):
    """One step of an application's history, shown to the citizen on the tracking page."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    at = models.DateTimeField(_("time"))
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.application_id} {self.status}"
