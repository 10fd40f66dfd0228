"""Complaints (pengaduan), aspirations and requests for information, as SP4N-LAPOR! handles them.

A complaint belongs to a site. The site's complaint desk (its managers) verifies it and
forwards it to the agency that must follow it up; the citizen follows it with the
tracking ID and a secret, and may reply. Deadlines are working days of the site's
calendar (docs/complaints.md).
"""

import datetime as dt
import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mpp.catalog.models import Service
from mpp.core.fields import LimitedTextField
from mpp.privacy.fields import EncryptedTextField
from mpp.tenancy.models import Agency, Site, User

# Tracking IDs avoid letters and digits that look alike (0/O, 1/I/L) when read aloud or
# copied from a receipt: "ADU-261130-7KQ4XM" is the prefix, the site's day of receipt and
# six random characters (31^6, about 887 million a day), so IDs cannot be enumerated.
TRACKING_PREFIX = "ADU"
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_RANDOM = 6


def draw_suffix() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_RANDOM))


def tracking_id_for(day: dt.date, suffix: str) -> str:
    return f"{TRACKING_PREFIX}-{day:%y%m%d}-{suffix}"


class Classification(models.TextChoices):
    """The classifications of the SP4N-LAPOR! V3 admin guide."""

    COMPLAINT = "complaint", _("Complaint (pengaduan)")
    ASPIRATION = "aspiration", _("Aspiration (aspirasi)")
    INFORMATION = "information", _("Request for information")
    WHISTLEBLOWING = "whistleblowing", _("Whistle-blowing (report of wrongdoing)")


class Channel(models.TextChoices):
    PORTAL = "portal", _("Portal")
    KIOSK = "kiosk", _("Kiosk")
    DESK = "desk", _("Complaint desk (entered by staff)")
    API = "api", _("API")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    VERIFIED = "verified", _("Verified")
    POSTPONED = "postponed", _("Postponed: waiting for more information")
    NOT_OUR_AUTHORITY = "not_our_authority", _("Not within our authority")
    ARCHIVED = "archived", _("Archived")
    FORWARDED = "forwarded", _("Forwarded to the agency")
    FOLLOWED_UP = "followed_up", _("Followed up")
    CLOSED = "closed", _("Closed")


# The lifecycle (docs/complaints.md). The desk decides on received and postponed
# complaints; a forwarded one is answered by its agency or handed back to the desk; a
# followed-up one closes, or the complainant's reply reopens it.
TRANSITIONS = {
    Status.RECEIVED: {
        Status.VERIFIED,
        Status.POSTPONED,
        Status.NOT_OUR_AUTHORITY,
        Status.ARCHIVED,
        Status.FORWARDED,
    },
    Status.POSTPONED: {Status.RECEIVED, Status.VERIFIED, Status.NOT_OUR_AUTHORITY, Status.ARCHIVED},
    Status.VERIFIED: {
        Status.FORWARDED,
        Status.FOLLOWED_UP,
        Status.POSTPONED,
        Status.NOT_OUR_AUTHORITY,
        Status.ARCHIVED,
    },
    Status.FORWARDED: {Status.FOLLOWED_UP, Status.VERIFIED, Status.FORWARDED},
    Status.FOLLOWED_UP: {Status.CLOSED, Status.FORWARDED, Status.VERIFIED},
    Status.CLOSED: set(),
    Status.NOT_OUR_AUTHORITY: set(),
    Status.ARCHIVED: set(),
}
FINAL = (Status.CLOSED, Status.NOT_OUR_AUTHORITY, Status.ARCHIVED)
# Waiting for the desk to forward (SP4N-LAPOR!: within 3 working days of submission).
AT_DESK = (Status.RECEIVED, Status.VERIFIED)

# SP4N-LAPOR! (KemenPAN-RB): forwarded to the agency within 3 working days, followed up
# by it within 5, closed 10 working days after the follow-up without a reply.
FORWARD_DAYS = 3
FOLLOW_UP_DAYS = 5
CLOSE_DAYS = 10
# UU 25/2009: a complaint is filed within 30 days of the service. Later ones are still
# accepted (the brief: a warning, not a block) and marked for the desk.
FILING_WINDOW_DAYS = 30


class Complaint(models.Model):
    tracking_id = models.CharField(_("tracking ID"), max_length=20, unique=True)
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site"))
    classification = models.CharField(_("classification"), max_length=16, choices=Classification.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    subject = models.CharField(_("subject"), max_length=150)
    description = LimitedTextField(_("description"), max_length=4000)
    incident_date = models.DateField(_("date of the incident"), null=True, blank=True)
    incident_place = models.CharField(_("place of the incident"), max_length=200, blank=True)
    # What the citizen named (they may not know); the desk decides where it goes.
    reported_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency named by the complainant"),
    )
    reported_service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service named by the complainant"),
    )
    # The agency that must follow it up: set when forwarded, cleared when handed back.
    # Its staff at this site see the complaint only while it is theirs.
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("responsible agency"),
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("service")
    )
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("The complainant's identity is seen by the complaint desk only, never by agencies."),
    )
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    # Identity, encrypted at rest (UU 27/2022); read through services.reveal_identity.
    name = EncryptedTextField(_("name"), blank=True)
    nik = EncryptedTextField(_("NIK"), blank=True)
    phone = EncryptedTextField(_("telephone"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="id")
    # Second factors of public tracking, as keyed hashes: the receipt's PIN and the last
    # four digits of the telephone.
    pin_hash = models.CharField(max_length=64, editable=False)
    phone_tail_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Keyed hash of the submitter's idempotency key: a repeated submit finds this row.
    submit_key = models.CharField(max_length=64, blank=True, editable=False)
    received_at = models.DateTimeField(_("received at"))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    followed_up_at = models.DateTimeField(_("followed up at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    forward_due = models.DateField(_("forward by"))
    follow_up_due = models.DateField(_("follow up by"), null=True, blank=True)
    close_due = models.DateField(_("closes after"), null=True, blank=True)
    is_overdue = models.BooleanField(_("overdue"), default=False)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [
            models.Index(fields=["site", "status", "received_at"], name="complaint_desk"),
            models.Index(fields=["agency", "status"], name="complaint_agency"),
        ]
        constraints = [
            # A repeated submit (double click, API retry) must not file a second complaint.
            models.UniqueConstraint(
                fields=["site", "submit_key"], condition=~Q(submit_key=""), name="complaint_submit_once"
            ),
            # Whistle-blowing is always confidential (the reporter's protection).
            models.CheckConstraint(
                condition=~Q(classification="whistleblowing") | Q(is_confidential=True),
                name="whistleblowing_is_confidential",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_id

    @property
    def is_final(self) -> bool:
        return self.status in FINAL

    @property
    def due_date(self) -> dt.date | None:
        """The deadline of the step the complaint waits in, if that step has one."""
        if self.status in AT_DESK:
            return self.forward_due
        if self.status == Status.FORWARDED:
            return self.follow_up_due
        if self.status == Status.FOLLOWED_UP:
            return self.close_due
        return None

    @property
    def filed_late(self) -> bool:
        """Filed more than 30 days after the incident (UU 25/2009): shown, not refused."""
        if self.incident_date is None:
            return False
        received = self.received_at.astimezone(self.site.zone).date()
        return (received - self.incident_date).days > FILING_WINDOW_DAYS


class Entry(models.Model):
    """One line of a complaint's timeline: a status change, a message, or an internal note."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status change")
        REPLY = "reply", _("Reply to the complainant")
        CITIZEN = "citizen", _("Message from the complainant")
        NOTE = "note", _("Internal note")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, blank=True)
    text = LimitedTextField(_("text"), max_length=4000, blank=True)
    # Whether the complainant reads the text (a status change itself is always shown).
    is_public = models.BooleanField(_("shown to the complainant"), default=False)
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The agency the entry speaks for (a follow-up names its agency to the complainant).
    agency = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind} {self.status}"
