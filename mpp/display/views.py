from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from mpp.queueing import selectors
from mpp.tenancy.models import Site


def live_origin(request) -> str:
    """Where boards find the live feed: this origin (behind a proxy) or the live port."""
    if settings.MPP_LIVE_URL == "same-origin":
        return ""
    if settings.MPP_LIVE_URL:
        return settings.MPP_LIVE_URL.rstrip("/")
    host = request.get_host().rsplit(":", 1)[0]
    return f"{request.scheme}://{host}:{settings.MPP_LIVE_PORT}"


@require_safe
@never_cache
def board(request, site):
    """A hall TV: current calls, earlier calls, now serving; spoken in Bahasa Indonesia."""
    site = get_object_or_404(Site, slug=site, is_active=True)
    zone = request.GET.get("zona", "")[:60]
    origin = live_origin(request)
    response = render(
        request,
        "display/board.html",
        {
            "site": site,
            "zone": zone,
            "state": selectors.board_state(site, zone=zone),
            "live_url": f"{origin}/live/{site.slug}/board/",
        },
    )
    if origin:
        response._csp_update = {"connect-src": [origin]}
    return response


@require_safe
@never_cache
def board_state(request, site):
    """The same state as JSON, for a board that wants to start over."""
    site = get_object_or_404(Site, slug=site, is_active=True)
    return JsonResponse(selectors.board_state(site, zone=request.GET.get("zona", "")[:60]))
