import zoneinfo

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mpp.core.fields import LimitedTextField

# Top-level URL segments the platform uses itself; a site slug may not take one.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "en",
        "id",
        "static",
        "media",
        "i18n",
        "akun",
        "lacak",
        "health",
        "s",
        "live",
        "konsol",
        "tiket",
        "permohonan",
        "booking",
        "survei",
        "skm",
        "pengaduan",
    }
)

MAKLUMAT_DEFAULT = (
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan "
    "yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi "
    "sesuai peraturan perundang-undangan yang berlaku."
)


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(value)s"), params={"value": value})


def validate_site_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("This address is reserved; choose another."))


weekdays_validator = RegexValidator(
    r"^[0-6]{0,7}$", _("Use the digits 0 (Monday) to 6 (Sunday), for example 01234.")
)


class User(AbstractUser):
    """A staff account. Citizens never have one: they use codes and tracking numbers."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Site(models.Model):
    class Kind(models.TextChoices):
        MALL = "mall", _("Public service mall")
        OUTLET = "outlet", _("Outlet (mini MPP)")
        MOBILE = "mobile", _("Mobile unit")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("web address"), max_length=40, unique=True, validators=[validate_site_slug])
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MALL)
    operator = models.CharField(
        _("operator"), max_length=160, blank=True, help_text=_("Usually the regency's DPMPTSP.")
    )
    region_code = models.CharField(
        _("region code"),
        max_length=8,
        blank=True,
        help_text=_("Kemendagri code of the regency or city, for example 62.03."),
    )
    address = LimitedTextField(_("address"), max_length=500, blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    timezone = models.CharField(
        _("time zone"), max_length=40, default="Asia/Pontianak", validators=[validate_timezone]
    )
    working_weekdays = models.CharField(
        _("service days"),
        max_length=7,
        default="01234",
        validators=[weekdays_validator],
        help_text=_("Days of the week the site serves: 0 is Monday, 5 Saturday."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def open_weekdays(self) -> frozenset[int]:
        return frozenset(int(d) for d in self.working_weekdays)


class Agency(models.Model):
    """A tenant of the mall: an office that serves under its own standards."""

    class Kind(models.TextChoices):
        PEMDA = "pemda", _("Regional government (pemda)")
        VERTIKAL = "vertikal", _("Central government office (instansi vertikal)")
        BUMN = "bumn", _("State-owned enterprise (BUMN)")
        BUMD = "bumd", _("Region-owned enterprise (BUMD)")
        SWASTA = "swasta", _("Private (swasta)")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60)
    slug = models.SlugField(_("web address"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = LimitedTextField(_("description"), max_length=2000, blank=True)
    maklumat = LimitedTextField(
        _("maklumat pelayanan"),
        max_length=2000,
        default=MAKLUMAT_DEFAULT,
        help_text=_("The agency's public service pledge (UU 25/2009), shown on every service page."),
    )
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    sites = models.ManyToManyField(Site, related_name="agencies", verbose_name=_("serves at"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.short_name or self.name


class Counter(models.Model):
    """A loket: one agency's service point at one site."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="counters", verbose_name=_("site"))
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="counters", verbose_name=_("agency")
    )
    number = models.CharField(_("counter number"), max_length=10, help_text=_("As painted above the desk."))
    name = models.CharField(_("name"), max_length=80, blank=True)
    zone = models.CharField(
        _("zone"), max_length=60, blank=True, help_text=_("Floor or area, for example Lantai 1.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["site", "number"]
        verbose_name = _("counter")
        verbose_name_plural = _("counters")
        constraints = [
            models.UniqueConstraint(fields=["site", "number"], name="counter_number_unique_per_site"),
        ]

    def __str__(self) -> str:
        return _("Counter %(number)s") % {"number": self.number}


class OpeningHours(models.Model):
    """Service hours of a site, or of one agency at a site, on one weekday.

    Rows with a date range (``valid_from``/``valid_until``) override the plain
    weekly hours inside that range, for Ramadan hours or an event evening.
    """

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("site")
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opening_hours",
        verbose_name=_("agency"),
        help_text=_("Empty for the whole site."),
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))
    valid_from = models.DateField(_("from date"), null=True, blank=True)
    valid_until = models.DateField(_("until date"), null=True, blank=True)
    label = models.CharField(_("label"), max_length=60, blank=True, help_text=_("For example Ramadan."))

    class Meta:
        ordering = ["site", "agency", "valid_from", "weekday", "opens_at"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="hours_close_after_open"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True, valid_until__isnull=True)
                | Q(
                    valid_from__isnull=False,
                    valid_until__isnull=False,
                    valid_until__gte=models.F("valid_from"),
                ),
                name="hours_range_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Closing time must be after opening time.")})
        if bool(self.valid_from) != bool(self.valid_until):
            raise ValidationError({"valid_until": _("Give both dates of the range, or neither.")})
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The range must not end before it starts.")})


class CalendarOverride(models.Model):
    """A site's own exception to the national calendar."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("Closed")
        OPEN = "open", _("Open")

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="calendar_overrides", verbose_name=_("site")
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=120, blank=True)

    class Meta:
        ordering = ["site", "date"]
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        constraints = [
            models.UniqueConstraint(fields=["site", "date"], name="one_override_per_site_day"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"


class Role(models.TextChoices):
    MANAGER = "manager", _("MPP manager")
    AGENCY_ADMIN = "agency_admin", _("Agency admin")
    OFFICER = "officer", _("Officer")
    FRONT_DESK = "front_desk", _("Front desk")
    AUDITOR = "auditor", _("Auditor")


# Roles that act for one agency and must name it; the others act for the site.
AGENCY_ROLES = frozenset({Role.AGENCY_ADMIN, Role.OFFICER})


class Membership(models.Model):
    """What a staff account may do, where, and for which agency."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("site")
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("agency"),
        help_text=_("Required for agency admins and officers; an auditor with an agency sees only it."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "site", "agency", "role"],
                condition=Q(agency__isnull=False),
                name="membership_unique_agency",
            ),
            models.UniqueConstraint(
                fields=["user", "site", "role"],
                condition=Q(agency__isnull=True),
                name="membership_unique_site",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=[Role.AGENCY_ADMIN, Role.OFFICER]) | Q(agency__isnull=False),
                name="agency_role_names_agency",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=[Role.MANAGER, Role.FRONT_DESK]) | Q(agency__isnull=True),
                name="site_role_names_no_agency",
            ),
        ]

    def __str__(self) -> str:
        scope = self.agency or self.site
        return f"{self.user} - {self.get_role_display()} ({scope})"

    def clean(self) -> None:
        if self.role in AGENCY_ROLES and not self.agency_id:
            raise ValidationError({"agency": _("This role acts for one agency: choose it.")})
        if self.role in (Role.MANAGER, Role.FRONT_DESK) and self.agency_id:
            raise ValidationError({"agency": _("This role acts for the whole site: leave the agency empty.")})
