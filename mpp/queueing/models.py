"""The hall: visits, their service requests, counters at work, and the event log.

A Visit is one person's presence at a site with one printed number; it holds one
or more ServiceRequests (one per service), each queued at the agency giving it.
Every transition of a request appends an Event: boards, audit, reports and the
simulator read events, never guess from current state.
"""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mpp.catalog.models import Service
from mpp.privacy.fields import EncryptedTextField
from mpp.tenancy.models import Agency, Counter, Site, User

prefix_validator = RegexValidator(r"^[A-Z]{1,2}$", _("One or two capital letters, for example A or KB."))


class PriorityReason(models.TextChoices):
    """Kelompok rentan of UU 25/2009 Pasal 29 and its elucidation: served first."""

    DISABILITAS = "disabilitas", _("Person with a disability")
    LANSIA = "lansia", _("Elderly person")
    HAMIL = "hamil", _("Pregnant woman")
    ANAK = "anak", _("Child, or adult with a small child")
    BENCANA_ALAM = "bencana_alam", _("Victim of a natural disaster")
    BENCANA_SOSIAL = "bencana_sosial", _("Victim of a social disaster")


class Channel(models.TextChoices):
    KIOSK = "kiosk", _("Kiosk")
    FRONT_DESK = "front_desk", _("Front desk")
    API = "api", _("API")


class NumberStyle(models.TextChoices):
    DIGITS = "digits", _("Digit by digit (A nol satu tujuh)")
    NUMBER = "number", _("As a number (A tujuh belas)")


class HallSettings(models.Model):
    """How a site's hall runs; one row per site, created with defaults when first read."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="hall_settings")
    ticket_cutoff_minutes = models.PositiveSmallIntegerField(
        _("last ticket, minutes before closing"), default=30, validators=[MaxValueValidator(600)]
    )
    recalls_before_no_show = models.PositiveSmallIntegerField(
        _("recalls before a no-show may be marked"), default=2, validators=[MaxValueValidator(10)]
    )
    number_style = models.CharField(
        _("how numbers are spoken"), max_length=10, choices=NumberStyle.choices, default=NumberStyle.DIGITS
    )
    default_service_minutes = models.PositiveSmallIntegerField(
        _("expected minutes per visitor when there is no history"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    board_recent_calls = models.PositiveSmallIntegerField(
        _("earlier calls shown on boards"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    notify_ahead = models.PositiveSmallIntegerField(
        _("tell visitors with a telephone when they are this far from the front"),
        default=3,
        validators=[MaxValueValidator(20)],
        help_text=_(
            "A visitor who gave a telephone number gets one message when they become this far "
            "from the front of their service's queue (1: when they are next), and one when "
            "called. 0: the hall sends no queue messages."
        ),
    )

    class Meta:
        verbose_name = _("hall settings")
        verbose_name_plural = _("hall settings")

    def __str__(self) -> str:
        return str(self.site)


class ServiceOffer(models.Model):
    """A service as the hall of one site offers it: its ticket letters and daily quota."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="offers", verbose_name=_("site"))
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="offers", verbose_name=_("service")
    )
    prefix = models.CharField(
        _("ticket letters"),
        max_length=2,
        validators=[prefix_validator],
        help_text=_("Services sharing letters share one number sequence."),
    )
    daily_quota = models.PositiveIntegerField(
        _("daily quota"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit."),
        validators=[MaxValueValidator(10_000)],
    )
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["site", "prefix", "service__name"]
        verbose_name = _("service in the hall")
        verbose_name_plural = _("services in the hall")
        constraints = [models.UniqueConstraint(fields=["site", "service"], name="one_offer_per_site_service")]

    def __str__(self) -> str:
        return f"{self.prefix} {self.service}"

    def clean(self) -> None:
        # Only an agency that serves at the mall has its services offered there.
        if (
            self.site_id
            and self.service_id
            and not self.service.agency.sites.filter(pk=self.site_id).exists()
        ):
            raise ValidationError({"service": _("The agency of this service does not serve at this site.")})


class CounterService(models.Model):
    """Which services a counter calls."""

    counter = models.ForeignKey(
        Counter, on_delete=models.CASCADE, related_name="served", verbose_name=_("counter")
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="counters", verbose_name=_("service")
    )

    class Meta:
        verbose_name = _("service of a counter")
        verbose_name_plural = _("services of a counter")
        constraints = [models.UniqueConstraint(fields=["counter", "service"], name="counter_service_once")]

    def __str__(self) -> str:
        return f"{self.counter}: {self.service}"

    def clean(self) -> None:
        # A counter calls its own agency's visitors only.
        counter = self.counter if self.counter_id or CounterService.counter.is_cached(self) else None
        if counter is not None and self.service_id and self.service.agency_id != counter.agency_id:
            raise ValidationError({"service": _("A counter calls only the services of its own agency.")})


class NumberSequence(models.Model):
    """The last number given for one letter prefix at one site on one day."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(max_length=2)
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "prefix", "day"], name="one_sequence_per_prefix_day")
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.day}: {self.last_number}"


def new_token() -> str:
    return secrets.token_urlsafe(12)


class Visit(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="visits", verbose_name=_("site"))
    day = models.DateField(_("day"), help_text=_("The site's local date."))
    prefix = models.CharField(_("letters"), max_length=2)
    number = models.PositiveIntegerField(_("number"))
    arrived_at = models.DateTimeField(_("arrived at"), db_index=True)
    priority_reason = models.CharField(
        _("priority reason"), max_length=20, choices=PriorityReason.choices, blank=True
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    phone = EncryptedTextField(_("telephone"), blank=True)
    # The language the visitor chose (the kiosk's, the booking's, or asked at the front
    # desk): messages about this visit are written in it.
    language = models.CharField(_("language"), max_length=5, default="id")
    # The status page's address: random, so that numbers cannot be enumerated.
    token = models.CharField(max_length=24, unique=True, default=new_token, editable=False)
    issued_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The key of the form (or the API call) that asked for this ticket: the same form sent
    # twice (a double tap at the kiosk) gives this ticket again, not a second number.
    submit_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-arrived_at"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "prefix", "day", "number"], name="ticket_number_unique_per_day"
            ),
            models.UniqueConstraint(
                fields=["site", "submit_key"], condition=~Q(submit_key=""), name="visit_submit_key_once"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        return f"{self.prefix}{self.number:03d}"

    @property
    def is_priority(self) -> bool:
        return bool(self.priority_reason)

    @property
    def check_code(self) -> str:
        """Four digits printed under the number: with it, a number typed in proves the ticket
        is in hand (numbers run in order and show on the boards; this cannot be guessed
        from them)."""
        from mpp.privacy.crypto import blind_index

        return f"{int(blind_index(self.token, purpose='ticket-check')[:8], 16) % 10000:04d}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending an earlier step")
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    SERVING = "serving", _("Being served")
    PARKED = "parked", _("Parked")
    DONE = "done", _("Done")
    NO_SHOW = "no_show", _("Did not come")
    CANCELLED = "cancelled", _("Cancelled")
    TRANSFERRED = "transferred", _("Transferred")


OPEN_STATUSES = (
    RequestStatus.PENDING,
    RequestStatus.WAITING,
    RequestStatus.CALLED,
    RequestStatus.SERVING,
    RequestStatus.PARKED,
)
AT_COUNTER = (RequestStatus.CALLED, RequestStatus.SERVING)


class Outcome(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    INCOMPLETE = "incomplete", _("Documents incomplete")
    REFERRED = "referred", _("Referred elsewhere")
    INFORMATION = "information", _("Information given")
    OTHER = "other", _("Other")


class ServiceRequest(models.Model):
    """One service for one visit, queued at the agency that gives it.

    Queue order: ``priority`` first (1 for kelompok rentan), then ``queue_time``,
    then id. ``queue_time`` is when the visitor's place began: the arrival for a
    walk-in, and the visit's arrival again for a transferred request, so a transfer
    never sends anyone to the back (docs/queue.md).
    """

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="requests", verbose_name=_("visit")
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    step = models.PositiveSmallIntegerField(_("step"), default=1)
    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices)
    priority = models.PositiveSmallIntegerField(_("priority"), default=0)
    queue_time = models.DateTimeField(_("place in the queue since"))
    counter = models.ForeignKey(Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    officer = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recalls = models.PositiveSmallIntegerField(_("recalls"), default=0)
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    transferred_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("transferred from"),
    )
    # When the visitor was told "your turn is near" (once per request; docs/queue.md).
    near_notified_at = models.DateTimeField(_("told the turn is near at"), null=True, blank=True)

    class Meta:
        ordering = ["-priority", "queue_time", "id"]
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        indexes = [
            # call_next: the waiting requests of a site's services in queue order.
            models.Index(
                fields=["site", "status", "service", "-priority", "queue_time", "id"], name="queue_order"
            ),
            models.Index(fields=["visit", "step"], name="visit_steps"),
            # Wait estimates: the latest finished requests of a service (the status page polls).
            models.Index(fields=["site", "service", "status", "-finished_at"], name="service_history"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(priority__in=[0, 1]), name="priority_is_0_or_1"),
        ]

    def __str__(self) -> str:
        return f"{self.visit.code} {self.service}"


class EventKind(models.TextChoices):
    ISSUED = "issued", _("Ticket issued")
    CALLED = "called", _("Called")
    RECALLED = "recalled", _("Called again")
    STARTED = "started", _("Service started")
    FINISHED = "finished", _("Service finished")
    NO_SHOW = "no_show", _("Did not come")
    PARKED = "parked", _("Parked")
    RESUMED = "resumed", _("Resumed")
    TRANSFERRED = "transferred", _("Transferred")
    CANCELLED = "cancelled", _("Cancelled")
    NEXT_STEP = "next_step", _("On to the next step")


class Event(models.Model):
    """An appended fact: what happened to which request, when, where and by whom."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="events")
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    at = models.DateTimeField()
    counter = models.ForeignKey(Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    officer = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["site", "id"], name="site_events")]

    def __str__(self) -> str:
        return f"{self.at:%H:%M:%S} {self.kind} {self.request_id}"


class CounterSession(models.Model):
    """An officer at work at a counter. One open session per counter and per officer.

    ``client_key`` names the browser (or API token) that opened it, so a second
    browser is told the counter is busy instead of silently sharing it.
    """

    counter = models.ForeignKey(Counter, on_delete=models.CASCADE, related_name="sessions")
    officer = models.ForeignKey(User, on_delete=models.CASCADE, related_name="counter_sessions")
    client_key = models.CharField(max_length=64)
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["counter"], condition=Q(closed_at__isnull=True), name="one_open_session_per_counter"
            ),
            models.UniqueConstraint(
                fields=["officer"], condition=Q(closed_at__isnull=True), name="one_open_session_per_officer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.counter} {self.officer}"
