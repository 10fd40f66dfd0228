"""Survei Kepuasan Masyarakat (PermenPAN-RB 14/2017): unsur, responses, answers.

Unsur are keyed by name (``key``), never by position: reports that swap U8 and U9
still add up to the same IKM (docs/surveys.md). The nine of the regulation are rows
without an agency; an agency may add its own.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mpp.catalog.models import Service
from mpp.tenancy.models import Agency, Site, User


class Unsur(models.Model):
    key = models.SlugField(_("key"), max_length=60)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
        help_text=_("Empty: one of the regulation's nine, asked by every agency."),
    )
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position on the form"), default=10)
    question = models.CharField(_("question"), max_length=300)
    answer_1 = models.CharField(_("answer worth 1"), max_length=80)
    answer_2 = models.CharField(_("answer worth 2"), max_length=80)
    answer_3 = models.CharField(_("answer worth 3"), max_length=80)
    answer_4 = models.CharField(_("answer worth 4"), max_length=80)
    question_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    answers_en = models.CharField(
        _("answers 1 to 4 (English)"), max_length=330, blank=True, help_text=_("Four answers separated by |.")
    )
    is_active = models.BooleanField(_("asked"), default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("survey element (unsur)")
        verbose_name_plural = _("survey elements (unsur)")
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=Q(agency=None), name="national_unsur_key"),
            models.UniqueConstraint(fields=["agency", "key"], name="agency_unsur_key"),
        ]

    def __str__(self) -> str:
        return self.name

    def answers(self, language: str = "id") -> list[tuple[int, str]]:
        """The four answers with their value, in the order of the form (1 first)."""
        labels = [self.answer_1, self.answer_2, self.answer_3, self.answer_4]
        english = [part.strip() for part in self.answers_en.split("|")] if self.answers_en else []
        if language == "en" and len(english) == 4 and all(english):
            labels = english
        return list(enumerate(labels, start=1))

    def question_in(self, language: str = "id") -> str:
        return self.question_en if language == "en" and self.question_en else self.question


class Response(models.Model):
    """One respondent's answers. Anonymous: nothing links it to the visitor (docs/surveys.md)."""

    class Channel(models.TextChoices):
        LINK = "link", _("Link or QR code after the service")
        KIOSK = "kiosk", _("Survey kiosk at the exit")
        PAPER = "paper", _("Paper form entered by staff")
        API = "api", _("API")

    class Sex(models.TextChoices):
        MALE = "L", _("Male")
        FEMALE = "P", _("Female")

    class Education(models.TextChoices):
        SD = "sd", _("Primary school or less")
        SMP = "smp", _("Junior high school (SMP)")
        SMA = "sma", _("Senior high school (SMA/SMK)")
        DIPLOMA = "d1_d3", _("Diploma (D1-D3)")
        S1 = "d4_s1", _("Bachelor (D4/S1)")
        S2 = "s2", _("Master (S2)")
        S3 = "s3", _("Doctorate (S3)")

    class Occupation(models.TextChoices):
        PNS = "pns", _("Civil servant (PNS)")
        TNI = "tni", _("Military (TNI)")
        POLRI = "polri", _("Police (Polri)")
        SWASTA = "swasta", _("Private employee")
        WIRAUSAHA = "wirausaha", _("Self-employed")
        PELAJAR = "pelajar", _("Pupil or student")
        LAINNYA = "lainnya", _("Other")

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("service")
    )
    served_on = models.DateField(
        _("served on"), help_text=_("The day of the service: it decides the period.")
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    # A keyed hash of the service request answered: one response per request, and no way
    # back from the response to the visitor without the key (mpp.privacy.crypto.blind_index).
    request_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    age = models.PositiveSmallIntegerField(
        _("age"), null=True, blank=True, validators=[MinValueValidator(10), MaxValueValidator(110)]
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    education = models.CharField(_("education"), max_length=8, choices=Education.choices, blank=True)
    occupation = models.CharField(_("occupation"), max_length=10, choices=Occupation.choices, blank=True)
    comment = models.TextField(_("comment or suggestion"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("answered at"))
    entered_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("entered by")
    )

    class Meta:
        ordering = ["-served_on", "-id"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [models.Index(fields=["site", "agency", "served_on"], name="response_period")]

    def __str__(self) -> str:
        return f"{self.agency} {self.served_on}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    unsur = models.ForeignKey(Unsur, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "unsur"], name="one_answer_per_unsur"),
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=4), name="answer_is_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.unsur}: {self.value}"
