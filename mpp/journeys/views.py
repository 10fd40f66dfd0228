from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mpp.journeys import selectors, services
from mpp.journeys.forms import FrontDeskJourneyForm
from mpp.queueing import rules
from mpp.queueing.forms import TicketForm
from mpp.queueing.models import Channel
from mpp.queueing.views.console import own_session, panel_response
from mpp.queueing.views.kiosk import kiosk_site, not_a_kiosk
from mpp.tenancy.access import front_desk_sites
from mpp.tenancy.sites import active_site


@login_required
@require_POST
def handoff(request, counter_id):
    """The officer records the facts the next agency of the journey needs."""
    session = own_session(request, counter_id)
    if session is None:
        return panel_response(request, None, counter_id)
    values = {
        key: value for key, value in request.POST.items() if key not in {"csrfmiddlewaretoken", "request"}
    }
    try:
        services.record_handoff(session=session, request_id=request.POST.get("request", ""), values=values)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return panel_response(request, session, counter_id)


@require_http_methods(["GET", "HEAD", "POST"])
def kiosk(request, site, event):
    """A life event at the kiosk: the combined checklist, then one number for every step."""
    hall = kiosk_site(request, site)
    if hall is None:
        return not_a_kiosk(request, site)
    life_event = get_object_or_404(selectors.life_events_at(hall, in_hall=True), slug=event)
    form = TicketForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.start_journey(
                site=hall,
                life_event=life_event,
                channel=Channel.KIOSK,
                priority_reason=form.cleaned_data["priority_reason"],
                language=translation.get_language(),
            )
        except rules.Refusal as exc:
            refusal = exc.message
        except ValidationError as exc:
            refusal = " ".join(exc.messages)
        else:
            return redirect(reverse("queueing:kiosk-ticket", args=[hall.slug, visit.token]) + "?cetak=1")
    return render(
        request,
        "journeys/kiosk_event.html",
        {"site": hall, "plan": selectors.plan(life_event), "form": form, "refusal": refusal},
        status=409 if refusal else 200,
    )


@login_required
@require_POST
def front_desk(request, site):
    site = get_object_or_404(front_desk_sites(request.user), slug=site)
    slug = request.POST.get("life_event", "")
    if not slug_re.fullmatch(slug):
        raise Http404  # not a life event's address (a NUL character would upset PostgreSQL)
    life_event = get_object_or_404(selectors.life_events_at(site, in_hall=True), slug=slug)
    form = FrontDeskJourneyForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("queueing:front-desk", site=site.slug)
    try:
        visit = services.start_journey(
            site=site,
            life_event=life_event,
            channel=Channel.FRONT_DESK,
            priority_reason=form.cleaned_data["priority_reason"],
            phone=form.cleaned_data["phone"],
            language=form.cleaned_data["language"],
            user=request.user,
        )
    except rules.Refusal as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        return redirect("queueing:front-desk-ticket", site=site.slug, token=visit.token)
    return redirect("queueing:front-desk", site=site.slug)


@require_safe
def portal_list(request, site):
    site = active_site(site)
    life_events = selectors.with_steps(selectors.life_events_at(site))
    return render(request, "journeys/portal_list.html", {"site": site, "life_events": life_events})


@require_safe
def portal_detail(request, site, event):
    site = active_site(site)
    life_event = get_object_or_404(selectors.life_events_at(site), slug=event)
    return render(request, "journeys/portal_detail.html", {"site": site, "plan": selectors.plan(life_event)})
