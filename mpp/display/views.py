from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from mpp.display import selectors
from mpp.tenancy.models import Site


def live_origin(request) -> str:
    """Where boards find the live feed: this origin (behind a proxy) or the live port."""
    if settings.MPP_LIVE_URL == "same-origin":
        return ""
    if settings.MPP_LIVE_URL:
        return settings.MPP_LIVE_URL.rstrip("/")
    host = request.get_host().rsplit(":", 1)[0]
    return f"{request.scheme}://{host}:{settings.MPP_LIVE_PORT}"


def _zone(request) -> str:
    """The floor or area a board shows (``?zona=``); a NUL never gets here (core.middleware)."""
    return request.GET.get("zona", "")[:60]


@require_safe
@never_cache
def board(request, site):
    """A hall TV: current calls, earlier calls, now serving; spoken in Bahasa Indonesia."""
    site = get_object_or_404(Site, slug=site, is_active=True)
    zone = _zone(request)
    origin = live_origin(request)
    state_url = reverse("display:board-state", args=[site.slug])
    response = render(
        request,
        "display/board.html",
        {
            "site": site,
            "zone": zone,
            "state": selectors.board_state(site, zone=zone),
            "live_url": f"{origin}/live/{site.slug}/board/",
            "state_url": f"{state_url}?{urlencode({'zona': zone})}" if zone else state_url,
        },
    )
    if origin:
        response._csp_update = {"connect-src": [origin]}
    return response


@require_safe
@never_cache
def board_state(request, site):
    """The same state as JSON, for a board that starts over (after a reset of the feed)."""
    site = get_object_or_404(Site, slug=site, is_active=True)
    zone = _zone(request)
    return JsonResponse(selectors.board_state(site, zone=zone))
