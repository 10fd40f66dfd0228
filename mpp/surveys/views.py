"""The survey for visitors (by the ticket's link or QR code, or at the exit kiosk), paper
entry for staff, and the IKM reports."""

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from mpp.catalog.models import Service
from mpp.core import clock
from mpp.queueing.models import RequestStatus, ServiceRequest, Visit
from mpp.queueing.views.kiosk import kiosk_site, not_a_kiosk
from mpp.surveys import access, export, periods, selectors, services
from mpp.surveys.forms import CodeForm, PaperForm, SurveyForm
from mpp.surveys.models import Response
from mpp.tenancy.models import Agency, Site
from mpp.tenancy.sites import active_site

KIOSK_SALT = "skm-kiosk"
KIOSK_PASS_SECONDS = 20 * 60


def _answer(request, service_request: ServiceRequest, unsur, channel, template, context):
    """Show the questionnaire for one finished service; on a valid POST record it."""
    form = SurveyForm(request.POST or None, unsur=unsur)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_for_request(
                request=service_request, answers=form.answers(), profile=form.profile(), channel=channel
            )
        except services.AlreadyAnswered as exc:
            return None, str(exc)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                name = f"u_{field}" if f"u_{field}" in form.fields else field
                form.add_error(name if name in form.fields else None, errors)
        else:
            return "thanks", None
    return render(
        request,
        template,
        {**context, "form": form, "service_request": service_request},
        status=200 if request.method != "POST" else 422,
    ), None


# By link --------------------------------------------------------------------------------


def _visit(token: str) -> Visit:
    return get_object_or_404(Visit.objects.select_related("site"), token=token[:40])


@require_safe
def choose(request, token):
    visit = _visit(token)
    open_ = selectors.open_requests(visit)
    if len(open_) == 1:
        return redirect("surveys:answer", token=visit.token, request_id=open_[0].pk)
    return render(request, "surveys/choose.html", {"site": visit.site, "visit": visit, "open": open_})


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, token, request_id):
    visit = _visit(token)
    service_request = get_object_or_404(
        visit.requests.select_related("service", "agency", "site"), pk=request_id, status=RequestStatus.DONE
    )
    if service_request not in selectors.open_requests(visit):
        return render(request, "surveys/thanks.html", {"site": visit.site, "visit": visit, "already": True})
    page, refusal = _answer(
        request,
        service_request,
        selectors.unsur_for(service_request.agency),
        Response.Channel.LINK,
        "surveys/answer.html",
        {"site": visit.site, "visit": visit},
    )
    if page == "thanks" or refusal:
        return render(
            request,
            "surveys/thanks.html",
            {
                "site": visit.site,
                "visit": visit,
                "already": bool(refusal),
                "more": selectors.open_requests(visit),
            },
        )
    return page


# At the exit kiosk -------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def kiosk(request, site):
    hall = kiosk_site(request, site)
    if hall is None:
        return not_a_kiosk(request, site)
    form = CodeForm(request.POST or None)
    found, refusal = None, None
    if request.method == "POST" and form.is_valid():
        found = selectors.kiosk_requests(hall, form.cleaned_data["code"], form.cleaned_data["check"])
        if not found:
            refusal = _(
                "No finished service to rate was found for this ticket. A number typed in needs the "
                "4-digit ticket code printed under it and works for two hours after the service; the "
                "QR code on the ticket works longer."
            )
            found = None
    passes = [(r, signing.dumps({"r": r.pk, "s": hall.pk}, salt=KIOSK_SALT)) for r in (found or [])]
    return render(
        request,
        "surveys/kiosk_start.html",
        {"site": hall, "form": form, "passes": passes, "refusal": refusal},
        status=409 if refusal else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def kiosk_answer(request, site, ticket):
    hall = kiosk_site(request, site)
    if hall is None:
        return not_a_kiosk(request, site)
    try:
        data = signing.loads(ticket, salt=KIOSK_SALT, max_age=KIOSK_PASS_SECONDS)
    except signing.BadSignature:
        return redirect("surveys:kiosk", site=hall.slug)
    service_request = get_object_or_404(
        ServiceRequest.objects.select_related("service", "agency", "site", "visit"),
        pk=data.get("r"),
        site=hall,
        status=RequestStatus.DONE,
    )
    if data.get("s") != hall.pk or service_request not in selectors.open_requests(service_request.visit):
        return render(request, "surveys/kiosk_thanks.html", {"site": hall, "already": True})
    page, refusal = _answer(
        request,
        service_request,
        selectors.unsur_for(service_request.agency),
        Response.Channel.KIOSK,
        "surveys/kiosk_answer.html",
        {"site": hall, "ticket": ticket},
    )
    if page == "thanks" or refusal:
        return render(request, "surveys/kiosk_thanks.html", {"site": hall, "already": bool(refusal)})
    return page


# Staff ---------------------------------------------------------------------------------------


def _pick(options, wanted: str | None, key: str = "slug"):
    return next((o for o in options if getattr(o, key) == wanted), None) if wanted else None


def _scope(request, reach: access.Reach) -> tuple[selectors.Scope, list[Site], list[Agency]]:
    """The site, agency and service asked for, within the user's reach (404 outside it)."""
    sites = [
        s
        for s in Site.objects.filter(is_active=True).order_by("name")
        if reach.everything or s.pk in reach.sites
    ]
    if not sites:
        raise PermissionDenied
    site = _pick(sites, request.GET.get("site")) or sites[0]
    if request.GET.get("site") and site.slug != request.GET.get("site"):
        raise Http404
    agencies = [a for a in selectors.agencies_of(site) if reach.allows(site.pk, a.pk)]
    agency = _pick(agencies, request.GET.get("agency"))
    if request.GET.get("agency") and agency is None:
        raise Http404
    if agency is None and not reach.whole_site(site.pk):
        if not agencies:
            raise PermissionDenied
        agency = agencies[0]
    service = None
    if agency is not None and request.GET.get("service"):
        try:
            service = Service.objects.get(agency=agency, pk=int(request.GET["service"]))
        except (ValueError, Service.DoesNotExist) as exc:
            raise Http404 from exc
    return selectors.Scope(site, agency, service), sites, agencies


def _period(request, site: Site) -> tuple[periods.Period, str | None]:
    raw = request.GET.get("periode", "")
    if raw:
        try:
            return periods.parse(raw), None
        except ValueError as exc:
            fallback = periods.containing(clock.now().astimezone(site.zone).date(), "quarter")
            return fallback, str(exc)
    return periods.containing(clock.now().astimezone(site.zone).date(), "quarter"), None


@login_required
@require_safe
def report(request):
    """The IKM of a site, an agency or a service for a period, with its unsur and trend."""
    scope, sites, agencies = _scope(request, access.readers(request.user))
    period, problem = _period(request, scope.site)
    context = {
        "report": selectors.report(scope, period),
        "scope": scope,
        "sites": sites,
        "agencies": agencies,
        "services": Service.objects.filter(agency=scope.agency).order_by("name") if scope.agency else [],
        "period_problem": problem,
        "per_agency": selectors.per_agency(scope.site, period) if scope.agency is None else [],
        "can_enter": access.enterers(request.user).allows(
            scope.site.pk, scope.agency.pk if scope.agency else None
        ),
    }
    return render(request, "surveys/report.html", context, status=400 if problem else 200)


@login_required
@require_safe
def download(request):
    """The report as the spreadsheet agencies submit: recapitulation and the data grid."""
    scope, _sites, _agencies = _scope(request, access.readers(request.user))
    period, problem = _period(request, scope.site)
    if problem:
        return HttpResponse(problem, status=400, content_type="text/plain; charset=utf-8")
    content = export.workbook(selectors.report(scope, period), selectors.responses(scope, period))
    name = f"ikm-{scope.site.slug}-{scope.agency.slug + '-' if scope.agency else ''}{period.code}.xlsx"
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def paper(request):
    """Type in a paper questionnaire for an agency of the site."""
    reach = access.enterers(request.user)
    scope, sites, agencies = _scope(request, reach)
    agency = scope.agency or (agencies[0] if agencies else None)
    if agency is None or not reach.allows(scope.site.pk, agency.pk):
        raise PermissionDenied
    today = clock.now().astimezone(scope.site.zone).date()
    form = PaperForm(request.POST or None, agency=agency, today=today)
    saved = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.enter_paper_form(
                site=scope.site,
                agency=agency,
                service=form.cleaned_data["service"],
                served_on=form.cleaned_data["served_on"],
                answers=form.answers(),
                profile=form.profile(),
                user=request.user,
                submit_key=form.cleaned_data["submit_key"],
            )
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                target = f"u_{name}" if f"u_{name}" in form.fields else name
                form.add_error(target if target in form.fields else None, errors)
        else:
            url = reverse("surveys:paper") + f"?site={scope.site.slug}&agency={agency.slug}&ok={saved.pk}"
            return redirect(url)
    return render(
        request,
        "surveys/paper.html",
        {
            "form": form,
            "site": scope.site,
            "agency": agency,
            "agencies": agencies,
            "sites": sites,
            "saved": request.GET.get("ok"),
        },
        status=422 if request.method == "POST" else 200,
    )


# Public ---------------------------------------------------------------------------------------


@require_safe
def public(request, site):
    """The site's IKM for the public: the current and previous period, per agency."""
    site = active_site(site)
    period, problem = _period(request, site)
    whole = selectors.report(selectors.Scope(site), period, trend_length=4)
    return render(
        request,
        "surveys/public.html",
        {
            "site": site,
            "report": whole,
            "per_agency": selectors.per_agency(site, period),
            "period_problem": problem,
        },
        status=400 if problem else 200,
    )
