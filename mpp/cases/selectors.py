import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from mpp.cases.models import OPEN, Application
from mpp.core import clock
from mpp.tenancy.access import readable_agencies
from mpp.tenancy.calendar import site_calendar
from mpp.tenancy.models import Site, User

DUE_SOON_WORKING_DAYS = 2


def worklist(*, user: User, site: Site | None = None) -> QuerySet[Application]:
    """Open applications of the agencies the user may read, the soonest due first."""
    queryset = Application.objects.filter(status__in=OPEN, agency__in=readable_agencies(user))
    if site is not None:
        queryset = queryset.filter(site=site)
    return queryset.select_related("service", "agency", "site").order_by("due_date", "id")


def due_soon_limit(site: Site, now: dt.datetime | None = None) -> dt.date:
    """Files due on or before this day are "due soon" (two working days ahead)."""
    today = timezone.localdate(now or clock.now(), site.zone)
    return site_calendar(site).add_working_days(today, DUE_SOON_WORKING_DAYS)
