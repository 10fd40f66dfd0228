"""The public portal: know before you go. Read-only pages, no personal data."""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from mpp.booking.selectors import online_offers
from mpp.catalog import selectors as catalog
from mpp.catalog.models import Service, ServiceStandard
from mpp.core import clock, regions
from mpp.portal.selectors import weekly_hours
from mpp.tenancy.calendar import site_calendar
from mpp.tenancy.models import Site
from mpp.tenancy.sites import active_site, default_site

MAX_QUERY = 200


@require_safe
def home(request):
    site = default_site()
    if site is not None:
        return redirect("portal:site-home", site=site.slug)
    return render(request, "portal/sites.html", {"sites": Site.objects.filter(is_active=True)})


def _closures(site: Site, today: dt.date, days: int = 45) -> list[tuple[dt.date, str]]:
    calendar = site_calendar(site)
    result = []
    for offset in range(days):
        day = today + dt.timedelta(days=offset)
        reason = calendar.closure_reason(day)
        if reason and day.weekday() in site.open_weekdays:
            result.append((day, reason))
    return result


@require_safe
def site_home(request, site):
    site = active_site(site)
    today = timezone.localdate(clock.now(), site.zone)
    region = site.region_code.replace(".", "")
    return render(
        request,
        "portal/site_home.html",
        {
            "site": site,
            "agencies": catalog.public_agencies(site),
            "hours": weekly_hours(site),
            "closures": _closures(site, today),
            "today": today,
            "region_name": regions.regency_name(region) if region else None,
            "districts": regions.districts_of(region) if region else [],
        },
    )


@require_safe
def search(request, site):
    site = active_site(site)
    query = request.GET.get("q", "")[:MAX_QUERY].strip()
    result = catalog.search_services(site=site, query=query) if query else None
    return render(request, "portal/search.html", {"site": site, "query": query, "result": result})


@require_safe
def agency_list(request, site):
    site = active_site(site)
    return render(
        request, "portal/agency_list.html", {"site": site, "agencies": catalog.public_agencies(site)}
    )


@require_safe
def agency_detail(request, site, agency):
    site = active_site(site)
    agency = get_object_or_404(catalog.public_agencies(site), slug=agency)
    services = catalog.with_current_standard(catalog.public_services(site).filter(agency=agency)).order_by(
        "name"
    )
    counters = agency.counters.filter(site=site, is_active=True)
    return render(
        request,
        "portal/agency_detail.html",
        {"site": site, "agency": agency, "services": services, "counters": counters},
    )


def _service(site: Site, agency: str, service: str) -> Service:
    return get_object_or_404(catalog.public_services(site), agency__slug=agency, slug=service)


@require_safe
def service_detail(request, site, agency, service, version=None):
    site = active_site(site)
    service = _service(site, agency, service)
    versions = list(service.standards.exclude(status=ServiceStandard.Status.DRAFT).order_by("-version"))
    if version is None:
        standard = next((v for v in versions if v.status == ServiceStandard.Status.PUBLISHED), None)
    else:
        standard = next((v for v in versions if v.version == version), None)
    if standard is None:
        raise Http404
    requirements = standard.requirements.select_related("document_type")
    products = standard.products.select_related("document_type")
    return render(
        request,
        "portal/service_detail.html",
        {
            "site": site,
            "service": service,
            "agency": service.agency,
            "standard": standard,
            "requirements": requirements,
            "products": products,
            "versions": versions,
            "counters": service.agency.counters.filter(site=site, is_active=True),
            "is_current": standard.status == ServiceStandard.Status.PUBLISHED,
            "bookable": online_offers(site).filter(service=service).first(),
        },
    )
