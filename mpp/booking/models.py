"""Online booking: a reservation of a place in a slot, never a way to jump the line.

Capacity is derived (docs/booking.md): a slot holds as many bookings as the counters
can serve in it, less the share kept for walk-ins; what is left is counted from the
bookings themselves, never kept in a counter that could drift.
"""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mpp.privacy.fields import EncryptedTextField
from mpp.queueing.models import ServiceOffer, Visit
from mpp.tenancy.models import Site

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


class BookingPolicy(models.Model):
    """How a site's online booking works; one row per site, with defaults when first read."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="booking_policy")
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=30, validators=[MinValueValidator(10), MaxValueValidator(240)]
    )
    walk_in_share = models.PositiveSmallIntegerField(
        _("share kept for walk-ins (%)"), default=50, validators=[MaxValueValidator(100)]
    )
    days_ahead = models.PositiveSmallIntegerField(
        _("bookable days ahead"), default=14, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    confirm_minutes = models.PositiveSmallIntegerField(
        _("minutes to confirm with the code"),
        default=15,
        validators=[MinValueValidator(2), MaxValueValidator(120)],
    )
    checkin_before_minutes = models.PositiveSmallIntegerField(
        _("check-in opens, minutes before the slot"), default=30, validators=[MaxValueValidator(240)]
    )
    checkin_after_minutes = models.PositiveSmallIntegerField(
        _("check-in closes, minutes after the slot starts"), default=15, validators=[MaxValueValidator(240)]
    )
    strike_no_shows = models.PositiveSmallIntegerField(
        _("no-shows that block online booking"), default=2, validators=[MinValueValidator(1)]
    )
    strike_window_days = models.PositiveSmallIntegerField(_("counted over days"), default=30)
    strike_ban_days = models.PositiveSmallIntegerField(_("blocked for days"), default=14)
    attempts_per_ip_hour = models.PositiveSmallIntegerField(
        _("booking attempts per address and hour"), default=30
    )
    bookings_per_nik_day = models.PositiveSmallIntegerField(_("bookings per NIK and day"), default=5)

    class Meta:
        verbose_name = _("booking policy")
        verbose_name_plural = _("booking policies")

    def __str__(self) -> str:
        return str(self.site)


class OnlineOffer(models.Model):
    """Online booking for one service in the hall: on or off, and optional fixed quotas."""

    offer = models.OneToOneField(ServiceOffer, on_delete=models.CASCADE, related_name="online")
    is_enabled = models.BooleanField(_("bookable online"), default=True)
    slot_quota = models.PositiveSmallIntegerField(
        _("bookings per slot"),
        null=True,
        blank=True,
        help_text=_("Empty: derived from counters and service time."),
    )
    daily_quota = models.PositiveSmallIntegerField(
        _("bookings per day"), null=True, blank=True, help_text=_("Empty: the sum of the slots.")
    )

    class Meta:
        verbose_name = _("online booking of a service")
        verbose_name_plural = _("online booking of services")

    def __str__(self) -> str:
        return str(self.offer)


class Booking(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the confirmation code")
        CONFIRMED = "confirmed", _("Confirmed")
        CHECKED_IN = "checked_in", _("Checked in")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Not confirmed in time")
        NO_SHOW = "no_show", _("Did not come")

    code = models.CharField(_("booking code"), max_length=8, unique=True, default=new_code)
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    offer = models.ForeignKey(ServiceOffer, on_delete=models.PROTECT, related_name="bookings")
    day = models.DateField(_("day"))
    slot_start = models.DateTimeField(_("slot starts"))
    slot_end = models.DateTimeField(_("slot ends"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    nik = EncryptedTextField(_("NIK"))
    nik_hash = models.CharField(max_length=64, editable=False)
    name = EncryptedTextField(_("name"))
    phone = EncryptedTextField(_("telephone"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="id")
    otp_hash = models.CharField(max_length=64, editable=False)
    otp_expires_at = models.DateTimeField(editable=False)
    otp_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    visit = models.OneToOneField(
        Visit, on_delete=models.SET_NULL, null=True, blank=True, related_name="booking"
    )
    reminded_day_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_hour_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["slot_start", "id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            # Counting a slot's bookings under the offer's lock.
            models.Index(fields=["offer", "slot_start", "status"], name="booking_slot_count"),
            models.Index(fields=["nik_hash", "status"], name="booking_by_nik"),
        ]
        constraints = [
            # At most one active booking per NIK, service and day, whatever the race.
            models.UniqueConstraint(
                fields=["nik_hash", "offer", "day"],
                condition=Q(status__in=["pending", "confirmed", "checked_in"]),
                name="one_active_booking_per_nik_service_day",
            ),
        ]

    def __str__(self) -> str:
        return self.code
