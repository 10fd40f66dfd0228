"""Life events as data: the steps of one visitor's trip across agencies, and what passes
from one agency to the next."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mpp.catalog.models import DocumentType, Service
from mpp.privacy.fields import EncryptedTextField
from mpp.queueing.models import ServiceRequest, Visit
from mpp.queueing.services.tickets import MAX_SERVICES_PER_VISIT
from mpp.tenancy.models import User

# A journey is one printed number, and one number holds at most this many services
# (the kiosk's and the front desk's limit): a life event has at most this many steps.
MAX_STEPS = MAX_SERVICES_PER_VISIT

key_validator = RegexValidator(r"^[a-z0-9_]+$", _("Lower-case letters, digits and underscores only."))


class LifeEvent(models.Model):
    """A template: for example "Kehilangan KTP-el" = police loss report, then the KTP-el reprint."""

    slug = models.SlugField(_("web address"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    keywords = models.CharField(_("search words"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("life event")
        verbose_name_plural = _("life events")

    def __str__(self) -> str:
        return self.name


class Step(models.Model):
    life_event = models.ForeignKey(
        LifeEvent, on_delete=models.CASCADE, related_name="steps", verbose_name=_("life event")
    )
    # 1..n without gaps (the life event's admin page checks the whole order); the order
    # only says which step comes first: a running journey follows its JourneyStep links.
    position = models.PositiveSmallIntegerField(
        _("order"), validators=[MinValueValidator(1), MaxValueValidator(MAX_STEPS)]
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="journey_steps", verbose_name=_("service")
    )
    note = models.CharField(_("note for the visitor"), max_length=300, blank=True)

    class Meta:
        ordering = ["life_event", "position"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [
            models.UniqueConstraint(fields=["life_event", "position"], name="step_position_unique"),
            models.UniqueConstraint(fields=["life_event", "service"], name="step_service_once"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.service}"


class HandoffField(models.Model):
    """A fact the officer of ``step`` records for the agencies of later steps (``visible_to``)."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        DATE = "date", _("Date")
        NUMBER = "number", _("Number")
        NIK = "nik", _("NIK")

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="handoff_fields")
    key = models.CharField(_("key"), max_length=40, validators=[key_validator])
    label = models.CharField(_("label"), max_length=80)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.TEXT)
    is_required = models.BooleanField(_("required"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    visible_to = models.ManyToManyField(
        Step, related_name="visible_handoff_fields", verbose_name=_("visible to the steps"), blank=True
    )

    class Meta:
        ordering = ["step", "position", "id"]
        verbose_name = _("hand-off field")
        verbose_name_plural = _("hand-off fields")
        constraints = [models.UniqueConstraint(fields=["step", "key"], name="handoff_key_unique_per_step")]

    def __str__(self) -> str:
        return self.label


class Satisfaction(models.Model):
    """A product of an earlier step that stands for a requirement of a later step."""

    from_step = models.ForeignKey(
        Step, on_delete=models.CASCADE, related_name="+", verbose_name=_("from step")
    )
    product = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    to_step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="+", verbose_name=_("to step"))
    requirement = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("requirement")
    )

    class Meta:
        verbose_name = _("document passed on")
        verbose_name_plural = _("documents passed on")

    def __str__(self) -> str:
        return f"{self.product} -> {self.requirement}"


class Journey(models.Model):
    """One visitor following a life event; the visit's requests are its steps."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="journey")
    life_event = models.ForeignKey(
        LifeEvent, on_delete=models.PROTECT, related_name="journeys", verbose_name=_("life event")
    )
    started_at = models.DateTimeField()

    class Meta:
        verbose_name = _("journey")
        verbose_name_plural = _("journeys")

    def __str__(self) -> str:
        return f"{self.visit} {self.life_event}"


class JourneyStep(models.Model):
    """The template step a request of a journey stands for, fixed when the journey starts.

    This link, never the request's position, decides what the request's officer reads and
    must record. A request added to the visit later (a transfer to another service) has
    no link, so its agency neither sees nor has to fill another agency's hand-off; and
    reordering or editing the life event does not move a running journey onto other steps.
    """

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="links")
    request = models.OneToOneField(ServiceRequest, on_delete=models.CASCADE, related_name="journey_step")
    # PROTECT: a step that journeys have followed is their history (as its hand-off fields
    # are for the values recorded): the admin refuses to delete it, with a reason.
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="links")

    class Meta:
        verbose_name = _("step of a journey")
        verbose_name_plural = _("steps of journeys")
        constraints = [models.UniqueConstraint(fields=["journey", "step"], name="journey_step_once")]

    def __str__(self) -> str:
        return f"{self.journey}: {self.step}"


class HandoffValue(models.Model):
    """A hand-off fact of one journey. Encrypted: it may hold a NIK or a document number."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="values")
    field = models.ForeignKey(HandoffField, on_delete=models.PROTECT, related_name="+")
    value = EncryptedTextField()
    request = models.ForeignKey(ServiceRequest, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["journey", "field"], name="one_value_per_field")]

    def __str__(self) -> str:
        return f"{self.journey_id}:{self.field_id}"
