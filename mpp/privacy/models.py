from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mpp.privacy.fields import EncryptedTextField
from mpp.tenancy.models import Agency, Site, User


class Person(models.Model):
    """A citizen the platform must remember: for a booking, an application, a complaint.

    Every identifying value is encrypted at rest; ``nik_hash`` and ``phone_hash``
    (keyed hashes) find a person without decrypting anything. Screens show the
    masks from ``mpp.privacy.masking``; reading the plain value goes through
    ``mpp.privacy.services.reveal_person``, which writes the access audit.
    """

    nik = EncryptedTextField(_("NIK"), blank=True)
    nik_hash = models.CharField(max_length=64, blank=True, editable=False)
    name = EncryptedTextField(_("name"), blank=True)
    phone = EncryptedTextField(_("telephone"), blank=True)
    phone_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            models.UniqueConstraint(fields=["nik_hash"], condition=~Q(nik_hash=""), name="person_nik_unique"),
        ]

    def __str__(self) -> str:
        return _("Person %(id)s") % {"id": self.pk}


class AccessLog(models.Model):
    """One staff read of personal data: who, when, whose, which fields and why."""

    at = models.DateTimeField(_("time"), db_index=True)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("user"))
    site = models.ForeignKey(Site, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    subject = models.CharField(_("whose data"), max_length=80, help_text=_("For example privacy.person:42."))
    fields = models.CharField(_("fields"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=200)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        indexes = [models.Index(fields=["subject", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.subject}"
