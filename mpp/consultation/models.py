"""Public consultation of a draft Standar Pelayanan (UU 25/2009 Pasal 20 ayat 2).

An agency opens its draft for comment for a period; citizens comment per component
without an account; the agency answers every comment and records the Forum
Konsultasi Publik; then it concludes the consultation, and only then may the draft
be published (docs/consultation.md).
"""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from mpp.catalog.models import COMPONENTS, Service, ServiceStandard
from mpp.core.fields import LimitedTextField
from mpp.privacy.fields import EncryptedTextField
from mpp.privacy.masking import mask_email, mask_phone
from mpp.tenancy.models import User

GENERAL = "general"
# Citizens comment on the six service-delivery components (the ones published to
# them), keyed by the catalogue's stable names, or on the draft as a whole.
COMPONENT_CHOICES = [(key, label) for key, label, public in COMPONENTS if public] + [
    (GENERAL, _("The draft as a whole"))
]
COMPONENT_KEYS = [key for key, _label in COMPONENT_CHOICES]


class State(models.TextChoices):
    """What the public sees: derived from the stored status, the period and the clock."""

    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed")
    CONCLUDED = "concluded", _("Concluded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Consultation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        CONCLUDED = "concluded", _("Concluded")

    # The draft consulted. Publishing turns the same row into the published version;
    # discarding the draft leaves the record (and the citizens' comments) behind.
    standard = models.ForeignKey(
        ServiceStandard,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("draft standard"),
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="consultations", verbose_name=_("service")
    )
    version = models.PositiveIntegerField(_("version"))
    introduction = LimitedTextField(
        _("introduction"),
        max_length=2000,
        blank=True,
        help_text=_("What changes in this draft and what the agency would like to hear about."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    # The public components as they were opened: what citizens commented on, even after
    # the agency revises the draft or publishes it.
    consulted_text = models.JSONField(_("consulted text"), default=dict, editable=False)
    opened_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("opened by")
    )
    created_at = models.DateTimeField(_("created at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("closed by")
    )
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    concluded_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("concluded by"),
    )

    class Meta:
        ordering = ["-opens_at", "-id"]
        verbose_name = _("public consultation")
        verbose_name_plural = _("public consultations")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="consultation_closes_after_opening"
            ),
            # One consultation at a time per draft: a second round starts after the first is concluded.
            models.UniqueConstraint(
                fields=["standard"],
                condition=~Q(status="concluded"),
                name="one_running_consultation_per_draft",
            ),
        ]
        indexes = [models.Index(fields=["status", "closes_at"])]

    def __str__(self) -> str:
        return _("Consultation on %(service)s, draft version %(version)s") % {
            "service": self.service,
            "version": self.version,
        }

    def state_at(self, now: dt.datetime) -> str:
        if self.status == self.Status.CONCLUDED:
            return State.CONCLUDED
        if self.standard_id is None:
            return State.WITHDRAWN
        if self.status == self.Status.CLOSED or now >= self.closes_at:
            return State.CLOSED
        if now < self.opens_at:
            return State.UPCOMING
        return State.OPEN

    def accepts_comments(self, now: dt.datetime) -> bool:
        return self.state_at(now) == State.OPEN

    @cached_property
    def text(self) -> "ConsultedText":
        return ConsultedText(self.consulted_text)


class ConsultedText:
    """The snapshot of the draft's public components, shaped like a standard for the templates."""

    def __init__(self, data: dict) -> None:
        self.data = data
        # An unsaved standard lends its derived properties (steps, completion time, fee).
        self.standard = ServiceStandard(
            requirements_note=data.get("requirements_note", ""),
            procedure=data.get("procedure", ""),
            completion_time=data.get("completion_time", 1),
            completion_unit=data.get("completion_unit", ServiceStandard.TimeUnit.MINUTES),
            fee=data.get("fee", 0),
            fee_basis=data.get("fee_basis", ""),
            fee_note=data.get("fee_note", ""),
            products_note=data.get("products_note", ""),
            complaints=data.get("complaints", ""),
        )
        self.requirements = data.get("requirements", [])
        self.products = data.get("products", [])


class Comment(models.Model):
    """One citizen's comment on one component of the draft, and the agency's answer."""

    class Answer(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted: the draft is changed")
        EXPLAINED = "explained", _("Explained: the draft stays as it is")
        NO_ANSWER = "no_answer", _("No answer, for the reason given")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments", verbose_name=_("consultation")
    )
    component = models.CharField(_("component"), max_length=30, choices=COMPONENT_CHOICES)
    # Published with the comment when given (the form says so); never required, so that
    # anyone may take part (UU 25/2009 Pasal 20 ayat 4: without discrimination).
    name = models.CharField(_("name"), max_length=100, blank=True)
    # For the agency only: encrypted at rest, masked on every screen.
    contact = EncryptedTextField(_("telephone or e-mail"), blank=True)
    text = LimitedTextField(_("comment"), max_length=2000)
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)

    answer_kind = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    answer = LimitedTextField(_("answer text"), max_length=4000, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("hidden by")
    )

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        constraints = [
            models.CheckConstraint(
                condition=Q(answer_kind="") | ~Q(answer=""), name="comment_answer_has_text"
            ),
        ]

    def __str__(self) -> str:
        return _("Comment %(id)s") % {"id": self.pk}

    @property
    def is_hidden(self) -> bool:
        return bool(self.hidden_at)

    @property
    def is_handled(self) -> bool:
        """Answered, or hidden with a reason: nothing more is owed to the commenter."""
        return bool(self.answer_kind) or self.is_hidden

    @property
    def contact_masked(self) -> str:
        if not self.contact:
            return ""
        return mask_email(self.contact) if "@" in self.contact else mask_phone(self.contact)


class Forum(models.Model):
    """The Forum Konsultasi Publik held on the draft: when, where, who took part, what it decided."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="forum", verbose_name=_("consultation")
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200)
    participant_count = models.PositiveIntegerField(
        _("number of participants"), validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    participants = LimitedTextField(
        _("participants"),
        max_length=2000,
        help_text=_(
            "The groups that took part, for example: community leaders, organisations of people "
            "with disabilities, business owners, village heads."
        ),
    )
    outcome = LimitedTextField(_("outcome"), max_length=4000, help_text=_("What the forum agreed."))
    minutes_reference = models.CharField(
        _("minutes (berita acara)"),
        max_length=300,
        blank=True,
        help_text=_("Number of the minutes, or where they are published."),
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("Forum Konsultasi Publik")
        verbose_name_plural = _("Forum Konsultasi Publik")

    def __str__(self) -> str:
        return _("Forum Konsultasi Publik of %(date)s") % {"date": self.held_on}
