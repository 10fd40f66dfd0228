"""The front desk: tickets on a visitor's behalf (with a phone number if they want messages)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from mpp.core import clock
from mpp.queueing import extensions, rules, selectors
from mpp.queueing.forms import FrontDeskForm
from mpp.queueing.models import Channel, Visit
from mpp.queueing.services.tickets import issue_ticket
from mpp.queueing.views.common import ticket_context
from mpp.tenancy.access import front_desk_sites


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def front_desk(request, site):
    site = get_object_or_404(front_desk_sites(request.user), slug=site)
    form = FrontDeskForm(request.POST or None, offers=selectors.offers_for_kiosk(site).distinct())
    if request.method == "POST" and form.is_valid():
        try:
            visit = issue_ticket(
                site=site,
                services=[form.cleaned_data["offer"].service],
                channel=Channel.FRONT_DESK,
                priority_reason=form.cleaned_data["priority_reason"],
                phone=form.cleaned_data["phone"],
                language=form.cleaned_data["language"],
                submit_key=form.cleaned_data["submit_key"],
                user=request.user,
            )
        except rules.Refusal as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("queueing:front-desk-ticket", site=site.slug, token=visit.token)
    today = rules.site_day(site, clock.now())
    recent = Visit.objects.filter(site=site, day=today, issued_by__isnull=False).order_by("-arrived_at")[:15]
    return render(
        request,
        "queueing/front_desk.html",
        {
            "site": site,
            "form": form,
            "recent": recent,
            "sections": extensions.front_desk_sections(request, site),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def front_desk_ticket(request, site, token):
    site = get_object_or_404(front_desk_sites(request.user), slug=site)
    visit = get_object_or_404(Visit.objects.select_related("site"), token=token, site=site)
    context = ticket_context(request, visit)
    context["autoprint"] = True
    context["back_url"] = "front-desk"
    return render(request, "queueing/ticket.html", context)
