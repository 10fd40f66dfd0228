"""Who reads and moves which applications, and which of them are due."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from mpp.cases.models import OPEN, Application
from mpp.core import clock
from mpp.tenancy.calendar import site_calendar
from mpp.tenancy.models import Membership, Role, Site, User

DUE_SOON_WORKING_DAYS = 2


def _held(user: User, roles: list[str]) -> QuerySet[Membership]:
    # A deactivated site or agency gives its staff no rights any more (as tenancy.access).
    return Membership.objects.filter(user=user, role__in=roles, site__is_active=True).exclude(
        agency__is_active=False
    )


def _scoped(
    user: User, queryset: QuerySet[Application] | None, *, site_roles: list[str], agency_roles: list[str]
) -> QuerySet[Application]:
    """Applications of the (site, agency) pairs of the user's memberships.

    An agency serves at several sites, and its admin or officer at one of them works
    there only: the pair decides, never the agency alone. Site-wide roles (a manager, a
    site auditor) see every agency's files at their site and at no other.
    """
    queryset = Application.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    site_wide = _held(user, site_roles).filter(agency__isnull=True, site_id=OuterRef("site_id"))
    paired = _held(user, agency_roles).filter(site_id=OuterRef("site_id"), agency_id=OuterRef("agency_id"))
    return queryset.filter(Exists(site_wide) | Exists(paired))


def readable_applications(user: User, queryset: QuerySet[Application] | None = None) -> QuerySet[Application]:
    """Files the user may read: managers and auditors of the site, and the agency's admins,
    officers and auditors at the file's site."""
    return _scoped(
        user,
        queryset,
        site_roles=[Role.MANAGER, Role.AUDITOR],
        agency_roles=[Role.AGENCY_ADMIN, Role.OFFICER, Role.AUDITOR],
    )


def editable_applications(user: User, queryset: QuerySet[Application] | None = None) -> QuerySet[Application]:
    """Files whose status the user may change: the site's manager, and the agency's admins and
    officers at the file's site (auditors only read)."""
    return _scoped(user, queryset, site_roles=[Role.MANAGER], agency_roles=[Role.AGENCY_ADMIN, Role.OFFICER])


def worklist(*, user: User, site: Site | None = None) -> QuerySet[Application]:
    """Open applications the user may read, the soonest due first."""
    queryset = readable_applications(user).filter(status__in=OPEN)
    if site is not None:
        queryset = queryset.filter(site=site)
    return queryset.select_related("service", "agency", "site").order_by("due_date", "id")


def due_soon_limit(site: Site, now: dt.datetime | None = None) -> dt.date:
    """Files due on or before this day are "due soon" (two working days ahead)."""
    today = timezone.localdate(now or clock.now(), site.zone)
    return site_calendar(site).add_working_days(today, DUE_SOON_WORKING_DAYS)


def by_due(queryset: QuerySet[Application], due: str, *, now: dt.datetime) -> QuerySet[Application]:
    """The one meaning of the back office's and the API's due filters, for open files:

    - ``overdue``: due before today;
    - ``soon``: due today or within two working days (``due_soon_limit``);
    - anything else: every open file.

    "Today" and the working days are each site's own (its zone and its calendar), so a
    list spanning sites compares each file with its own site's day.
    """
    queryset = queryset.filter(status__in=OPEN)
    if due not in ("overdue", "soon"):
        return queryset
    condition = Q()
    matched = False
    for site in Site.objects.filter(pk__in=queryset.values("site_id")):
        today = timezone.localdate(now, site.zone)
        if due == "overdue":
            condition |= Q(site=site, due_date__lt=today)
        else:
            condition |= Q(site=site, due_date__gte=today, due_date__lte=due_soon_limit(site, now))
        matched = True
    return queryset.filter(condition) if matched else queryset.none()
