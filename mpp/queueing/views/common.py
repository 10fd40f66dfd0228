"""Pieces shared by the kiosk and the front desk."""

import segno
from django.urls import reverse

from mpp.catalog.models import Service
from mpp.queueing import selectors
from mpp.queueing.models import CounterService, Visit
from mpp.tenancy.models import Counter, Site


def counters_for(site: Site, service: Service) -> list[Counter]:
    """The counters of the hall that call this service (printed on the ticket)."""
    rows = CounterService.objects.filter(service=service, counter__site=site, counter__is_active=True)
    return [row.counter for row in rows.select_related("counter").order_by("counter__number")]


def qr_svg(url: str) -> str:
    """An inline SVG QR code: segno draws it in pure Python, no image library, no network."""
    return segno.make(url, error="m").svg_inline(scale=3, border=2, title="QR", omitsize=True)


def ticket_context(request, visit: Visit) -> dict:
    status = selectors.ticket_status(visit)
    first = status.steps[0] if status.steps else None
    status_url = request.build_absolute_uri(reverse("queueing:ticket-status", args=[visit.token]))
    return {
        "site": visit.site,
        "visit": visit,
        "status": status,
        "first": first,
        "counters": counters_for(visit.site, first.service) if first else [],
        "status_url": status_url,
        "qr": qr_svg(status_url),
    }
