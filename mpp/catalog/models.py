import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mpp.core.fields import LimitedTextField
from mpp.tenancy.models import Agency

_STEP_MARK = re.compile(r"^\s*(?:\d+[.)]|[-*\u2022])\s*")


class DocumentType(models.Model):
    """A kind of document: brought as a requirement, or handed over as a product."""

    name = models.CharField(_("name"), max_length=160, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("For example KK, SKTLK.")
    )
    description = LimitedTextField(_("description"), max_length=1000, blank=True)
    issuer = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="issued_document_types",
        verbose_name=_("issued by"),
        help_text=_("The agency that issues it, when it is one of the mall's."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """A jenis layanan of one agency. What it promises lives in its standards."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="services", verbose_name=_("agency")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=80)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    keywords = models.CharField(
        _("search words"),
        max_length=500,
        blank=True,
        help_text=_("Everyday words citizens use for this service, separated by commas, e.g. ktp hilang."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Derived by mpp.catalog.services.reindex_service: stemmed words of the name,
    # keywords, agency, requirements and products, space-delimited on both ends
    # so a token can be matched as " word". Never edited by hand.
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="service_slug_unique_per_agency"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = (self.name or "").strip()
        # Spaces or invisible characters alone would show the portal an empty title.
        if not any(ch.isalnum() for ch in self.name):
            raise ValidationError({"name": _("Give the service a name with letters or digits.")})


class ServiceStandard(models.Model):
    """One version of a service's Standar Pelayanan (PermenPAN-RB 15/2014, 14 components).

    A draft is edited; publishing stamps the SK number and date and freezes it.
    The current version is the one published; earlier ones become superseded and
    stay readable as history.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded")

    class TimeUnit(models.TextChoices):
        MINUTES = "minutes", _("minutes")
        WORKING_DAYS = "working_days", _("working days")

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="standards", verbose_name=_("service")
    )
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    sk_number = models.CharField(_("decree (SK) number"), max_length=120, blank=True)
    sk_date = models.DateField(_("decree (SK) date"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        "tenancy.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True, editable=False)

    # Service delivery components (published to citizens).
    requirements_note = LimitedTextField(
        _("requirements (notes)"),
        max_length=2000,
        blank=True,
        help_text=_("Anything the list of documents does not say."),
    )
    procedure = LimitedTextField(_("system, mechanism and procedure"), max_length=4000, blank=True)
    completion_time = models.PositiveIntegerField(
        _("completion time"), validators=[MinValueValidator(1), MaxValueValidator(10_000)], default=1
    )
    completion_unit = models.CharField(
        _("completion time unit"), max_length=12, choices=TimeUnit.choices, default=TimeUnit.MINUTES
    )
    fee = models.PositiveBigIntegerField(
        _("fee (rupiah)"), default=0, validators=[MaxValueValidator(1_000_000_000_000)]
    )
    fee_basis = models.CharField(
        _("legal basis of the fee"),
        max_length=300,
        blank=True,
        help_text=_("For example UU 24/2013 Pasal 79A."),
    )
    fee_note = models.CharField(_("fee notes"), max_length=300, blank=True)
    products_note = LimitedTextField(_("products (notes)"), max_length=1000, blank=True)
    complaints = LimitedTextField(
        _("handling of complaints, suggestions and input"), max_length=2000, blank=True
    )

    # Management components (internal to the agency, still public on request).
    legal_basis = LimitedTextField(_("legal basis"), max_length=4000, blank=True)
    facilities = LimitedTextField(_("facilities and infrastructure"), max_length=2000, blank=True)
    competence = LimitedTextField(_("competence of officers"), max_length=2000, blank=True)
    internal_supervision = LimitedTextField(_("internal supervision"), max_length=2000, blank=True)
    staff_count = models.CharField(_("number of officers"), max_length=200, blank=True)
    service_guarantee = LimitedTextField(_("service guarantee"), max_length=2000, blank=True)
    security_guarantee = LimitedTextField(_("security and safety guarantee"), max_length=2000, blank=True)
    performance_evaluation = LimitedTextField(
        _("evaluation of officer performance"), max_length=2000, blank=True
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["service", "-version"]
        verbose_name = _("service standard")
        verbose_name_plural = _("service standards")
        constraints = [
            models.UniqueConstraint(fields=["service", "version"], name="standard_version_unique"),
            models.UniqueConstraint(
                fields=["service"], condition=Q(status="draft"), name="one_draft_standard_per_service"
            ),
            models.UniqueConstraint(
                fields=["service"], condition=Q(status="published"), name="one_published_standard_per_service"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(sk_date__isnull=False) & ~Q(sk_number="")),
                name="published_standard_has_sk",
            ),
        ]

    def __str__(self) -> str:
        return _("%(service)s, version %(version)s") % {"service": self.service, "version": self.version}

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_free(self) -> bool:
        return self.fee == 0

    @property
    def procedure_steps(self) -> list[str]:
        """The procedure as steps, without the numbers or bullets typed in the text."""
        steps = (_STEP_MARK.sub("", line).strip() for line in self.procedure.splitlines())
        return [step for step in steps if step]

    @property
    def completion_display(self) -> str:
        n = self.completion_time
        if self.completion_unit == self.TimeUnit.WORKING_DAYS:
            return ngettext("%(n)d working day", "%(n)d working days", n) % {"n": n}
        return ngettext("%(n)d minute", "%(n)d minutes", n) % {"n": n}


# The 14 components in the order of UU 25/2009, with the field(s) holding each and
# whether it is one of the six service-delivery components shown to citizens.
# Requirements and products also have their own rows (Requirement, Product).
COMPONENTS = [
    ("legal_basis", _("Legal basis"), False),
    ("requirements", _("Requirements"), True),
    ("procedure", _("System, mechanism and procedure"), True),
    ("completion", _("Completion time"), True),
    ("fee", _("Cost / tariff"), True),
    ("products", _("Service products"), True),
    ("facilities", _("Facilities and infrastructure"), False),
    ("competence", _("Competence of officers"), False),
    ("internal_supervision", _("Internal supervision"), False),
    ("complaints", _("Handling of complaints, suggestions and input"), True),
    ("staff_count", _("Number of officers"), False),
    ("service_guarantee", _("Service guarantee"), False),
    ("security_guarantee", _("Security and safety guarantee"), False),
    ("performance_evaluation", _("Evaluation of officer performance"), False),
]


class Requirement(models.Model):
    """A document the citizen brings (persyaratan), with how and how many."""

    standard = models.ForeignKey(
        ServiceStandard, on_delete=models.CASCADE, related_name="requirements", verbose_name=_("standard")
    )
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="required_in", verbose_name=_("document")
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("For example: original and 1 copy.")
    )
    is_optional = models.BooleanField(_("only in some cases"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0, validators=[MaxValueValidator(999)])
    # The document's name when the version was published: renaming the document type
    # later must never rewrite what a published standard promised.
    document_name = models.CharField(max_length=160, blank=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "document_type"], name="requirement_once_per_standard"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name frozen at publication, or the document type's current name in a draft."""
        return self.document_name or self.document_type.name


class Product(models.Model):
    """A document the service hands over (produk pelayanan)."""

    standard = models.ForeignKey(
        ServiceStandard, on_delete=models.CASCADE, related_name="products", verbose_name=_("standard")
    )
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="produced_in", verbose_name=_("document")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0, validators=[MaxValueValidator(999)])
    document_name = models.CharField(max_length=160, blank=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.UniqueConstraint(fields=["standard", "document_type"], name="product_once_per_standard"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name frozen at publication, or the document type's current name in a draft."""
        return self.document_name or self.document_type.name
