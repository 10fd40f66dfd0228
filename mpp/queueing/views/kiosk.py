"""The kiosk (anjungan): choose an agency, a service, see what to bring, take a number."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods, require_safe

from mpp.catalog import selectors as catalog
from mpp.queueing import extensions, kiosks, rules, selectors
from mpp.queueing.forms import TicketForm
from mpp.queueing.models import Channel, Visit
from mpp.queueing.services.tickets import issue_ticket
from mpp.queueing.views.common import counters_for, ticket_context
from mpp.tenancy.access import front_desk_sites
from mpp.tenancy.models import Site


def kiosk_site(request, slug: str) -> Site | None:
    """The site, if this browser is one of its kiosks; None otherwise."""
    site = get_object_or_404(Site, slug=slug, is_active=True)
    return site if kiosks.enrolled_site_id(request) == site.pk else None


def not_a_kiosk(request, slug: str):
    site = get_object_or_404(Site, slug=slug, is_active=True)
    return render(request, "queueing/kiosk_not_enrolled.html", {"site": site}, status=403)


@require_safe
def home(request, site):
    kiosk = kiosk_site(request, site)
    if kiosk is None:
        return not_a_kiosk(request, site)
    agencies: dict = {}
    for offer in selectors.offers_for_kiosk(kiosk).distinct():
        agencies.setdefault(offer.service.agency, []).append(offer)
    return render(
        request,
        "queueing/kiosk_home.html",
        {"site": kiosk, "agencies": list(agencies), "sections": extensions.kiosk_sections(kiosk)},
    )


@require_safe
def agency(request, site, agency):
    kiosk = kiosk_site(request, site)
    if kiosk is None:
        return not_a_kiosk(request, site)
    offers = list(selectors.offers_for_kiosk(kiosk).filter(service__agency__slug=agency).distinct())
    if not offers:
        raise Http404
    return render(
        request,
        "queueing/kiosk_agency.html",
        {"site": kiosk, "agency": offers[0].service.agency, "offers": offers},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def service(request, site, offer):
    """What to bring, then the number: "know before you wait"."""
    kiosk = kiosk_site(request, site)
    if kiosk is None:
        return not_a_kiosk(request, site)
    offer = get_object_or_404(selectors.offers_for_kiosk(kiosk).distinct(), pk=offer)
    form = TicketForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            visit = issue_ticket(
                site=kiosk,
                services=[offer.service],
                channel=Channel.KIOSK,
                priority_reason=form.cleaned_data["priority_reason"],
                language=translation.get_language(),
                submit_key=form.cleaned_data["submit_key"],
            )
        except rules.Refusal as exc:
            refusal = exc.message
        else:
            return redirect(reverse("queueing:kiosk-ticket", args=[kiosk.slug, visit.token]) + "?cetak=1")
    standard = catalog.current_standard(offer.service)
    return render(
        request,
        "queueing/kiosk_service.html",
        {
            "site": kiosk,
            "offer": offer,
            "service": offer.service,
            "standard": standard,
            "form": form,
            "refusal": refusal,
            "counters": counters_for(kiosk, offer.service),
        },
        status=409 if refusal else 200,
    )


@require_safe
def ticket(request, site, token):
    """The printed ticket (80 mm) as the kiosk shows and prints it."""
    kiosk = kiosk_site(request, site)
    if kiosk is None:
        return not_a_kiosk(request, site)
    visit = get_object_or_404(Visit.objects.select_related("site"), token=token, site=kiosk)
    context = ticket_context(request, visit)
    context["autoprint"] = request.GET.get("cetak") == "1"
    return render(request, "queueing/ticket.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request, site):
    """A front-desk member or manager makes this browser a kiosk of the site."""
    site = get_object_or_404(front_desk_sites(request.user), slug=site)
    if request.method == "POST":
        response = redirect("queueing:kiosk-home", site=site.slug)
        response.set_cookie(
            kiosks.COOKIE,
            kiosks.enrolment_value(site.pk),
            max_age=kiosks.MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
        return response
    return render(request, "queueing/kiosk_enrol.html", {"site": site})


@require_safe
def status(request, token):
    """The visitor's live status page (the QR code on the ticket): no personal data."""
    visit = get_object_or_404(Visit.objects.select_related("site"), token=token)
    context = {
        "site": visit.site,
        "visit": visit,
        "status": selectors.ticket_status(visit),
        "sections": extensions.status_sections(visit),
    }
    template = "queueing/_status_panel.html" if request.htmx else "queueing/status.html"
    return render(request, template, context)
