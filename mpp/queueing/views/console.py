"""The counter console: an officer's screen at a busy counter (HTMX, works without it too).

Every action is a POST that calls one service and answers the refreshed panel (to
HTMX) or a redirect back to the console (without JavaScript).
"""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mpp.core.db import MAX_ID
from mpp.queueing import extensions, rules, selectors
from mpp.queueing.forms import CallNumberForm, FinishForm, OpenCounterForm, ParkForm, TransferForm
from mpp.queueing.models import CounterSession, ServiceOffer
from mpp.queueing.services import counter as desk
from mpp.queueing.services import sessions
from mpp.tenancy.access import workable_counters

SESSION_KEY = "mpp_client_key"


def client_key(request) -> str:
    """Names this browser: the same officer in a second browser gets another key."""
    key = request.session.get(SESSION_KEY)
    if not key:
        key = request.session[SESSION_KEY] = secrets.token_hex(16)
    return key


def own_session(request, counter_id) -> CounterSession | None:
    """The session of this officer in this browser at the counter, or None; also None once
    the officer no longer holds a role at the counter (checked on every request)."""
    if not 0 < counter_id <= MAX_ID:
        return None
    return (
        CounterSession.objects.select_related("counter__site__hall_settings", "counter__agency", "officer")
        .filter(
            counter_id=counter_id,
            officer=request.user,
            client_key=client_key(request),
            closed_at__isnull=True,
            counter__in=workable_counters(request.user).values("pk"),
        )
        .first()
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def choose(request):
    """Pick a counter and open it (or take it over from another browser)."""
    counters = workable_counters(request.user).order_by("site__name", "number")
    busy = None
    if request.method == "POST":
        form = OpenCounterForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose one of the counters below."))
        else:
            counter = get_object_or_404(counters, pk=form.cleaned_data["counter"])
            try:
                sessions.open_session(
                    counter=counter,
                    officer=request.user,
                    client_key=client_key(request),
                    takeover=form.cleaned_data["takeover"],
                )
            except sessions.CounterBusy as exc:
                busy = {"counter": counter, "message": exc.messages[0]}
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                return redirect("queueing:console", counter_id=counter.pk)
    if not counters and request.method != "POST":
        raise PermissionDenied
    return render(request, "queueing/console_choose.html", {"counters": counters, "busy": busy})


def _queue_context(session: CounterSession) -> dict:
    counter = session.counter
    service_ids = desk.served_service_ids(session)
    return {
        "counter": counter,
        "queue": selectors.counter_queue(counter=counter, service_ids=service_ids, limit=20),
        "waiting": selectors.waiting_count(counter=counter, service_ids=service_ids),
        "parked": selectors.counter_parked(counter),
    }


def panel_response(request, session: CounterSession | None, counter_id):
    """After an action: the refreshed panel for HTMX, a redirect back without JavaScript."""
    if session is None:
        if request.htmx:
            return render(request, "queueing/_console_closed.html", status=409)
        messages.error(request, _("This counter is not open in this browser."))
        return redirect("queueing:console-choose")
    if request.htmx:
        return render(request, "queueing/_console_panel.html", _panel_context(session, request=request))
    return redirect("queueing:console", counter_id=session.counter_id)


def _panel_context(session: CounterSession, forms: dict | None = None, *, request=None) -> dict:
    counter = session.counter
    current = selectors.counter_current(counter)
    offers = ServiceOffer.objects.filter(site=counter.site, is_active=True).select_related("service__agency")
    if current is not None:
        offers = offers.exclude(service=current.service_id)
    forms = forms or {}
    return {
        **_queue_context(session),
        "session": session,
        "current": current,
        "recalls_needed": rules.hall_settings(counter.site).recalls_before_no_show,
        "finish_form": forms.get("finish") or FinishForm(),
        "transfer_form": forms.get("transfer") or TransferForm(offers=offers),
        "park_form": ParkForm(),
        "call_form": forms.get("call") or CallNumberForm(),
        "sections": extensions.console_sections(request, session, current) if request is not None else [],
    }


@login_required
@require_safe
def console(request, counter_id):
    session = own_session(request, counter_id)
    if session is None:
        messages.info(request, _("Open the counter first."))
        return redirect("queueing:console-choose")
    if request.htmx and request.GET.get("part") == "queue":
        return render(request, "queueing/_console_queue.html", _queue_context(session))
    template = "queueing/_console_panel.html" if request.htmx else "queueing/console.html"
    return render(request, template, _panel_context(session, request=request))


def _bound(form_class, request, **kwargs):
    form = form_class(request.POST, **kwargs)
    if not form.is_valid():
        raise ValidationError([error for errors in form.errors.values() for error in errors])
    return form.cleaned_data


@login_required
@require_POST
def act(request, counter_id, action):
    session = own_session(request, counter_id)
    if session is None:
        return panel_response(request, None, counter_id)
    request_id = request.POST.get("request", "")
    try:
        if action == "call-next":
            called = desk.call_next(session=session)
            if called is None:
                messages.info(request, _("Nobody is waiting."))
        elif action == "call-number":
            desk.call_specific(session=session, code=_bound(CallNumberForm, request)["code"])
        elif action == "recall":
            desk.recall(session=session, request_id=request_id)
        elif action == "no-show":
            done = desk.mark_no_show(session=session, request_id=request_id)
            messages.success(request, _("%(code)s marked as not present.") % {"code": done.visit.code})
        elif action == "start":
            desk.start_service(session=session, request_id=request_id)
        elif action == "finish":
            data = _bound(FinishForm, request)
            done = desk.finish_service(
                session=session, request_id=request_id, outcome=data["outcome"], note=data["note"]
            )
            messages.success(request, _("%(code)s finished.") % {"code": done.visit.code})
        elif action == "transfer":
            offers = ServiceOffer.objects.filter(site=session.counter.site, is_active=True)
            data = _bound(TransferForm, request, offers=offers)
            moved = desk.transfer(
                session=session, request_id=request_id, service=data["offer"].service, note=data["note"]
            )
            messages.success(
                request,
                _("%(code)s sent to %(agency)s: %(service)s.")
                % {
                    "code": moved.visit.code,
                    "agency": moved.service.agency.short_name,
                    "service": moved.service.name,
                },
            )
        elif action == "park":
            parked = desk.park(session=session, request_id=request_id, note=_bound(ParkForm, request)["note"])
            messages.success(
                request,
                _("%(code)s paused; resume it from the list when the visitor is back.")
                % {"code": parked.visit.code},
            )
        elif action == "resume":
            desk.resume(session=session, request_id=request_id)
        elif action == "close":
            sessions.close_session(session=session)
            messages.success(request, _("Counter %(number)s is closed.") % {"number": session.counter.number})
            if request.htmx:
                response = render(request, "queueing/_console_closed.html")
                response["HX-Redirect"] = reverse("queueing:console-choose")
                return response
            return redirect("queueing:console-choose")
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return panel_response(request, session, counter_id)
