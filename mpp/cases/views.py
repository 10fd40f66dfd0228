from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_POST

from mpp.cases import services
from mpp.cases.forms import TrackingForm
from mpp.cases.models import Application
from mpp.core.ratelimit import client_ip
from mpp.queueing.views.console import own_session, panel_response


@login_required
@require_POST
def open_from_console(request, counter_id):
    """The officer opens an application for the visitor at the counter and prints the receipt."""
    session = own_session(request, counter_id)
    if session is None:
        return panel_response(request, None, counter_id)
    phone = request.POST.get("phone", "")[:30]
    try:
        application, pin = services.open_application(
            session=session, request_id=request.POST.get("request", ""), phone=phone
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return panel_response(request, session, counter_id)
    # The PIN exists only now: it is shown once, on the receipt.
    return render(
        request, "cases/receipt.html", {"application": application, "pin": pin, "site": application.site}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def track(request):
    """Public tracking: the tracking number and the receipt's PIN (or the phone's last four digits)."""
    form = TrackingForm(request.POST or None)
    application = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            application = services.track(
                number=form.cleaned_data["number"], secret=form.cleaned_data["secret"], ip=client_ip(request)
            )
        except services.TrackingRefused as exc:
            form.add_error(None, exc.message)
            status = 429 if exc.code == "limited" else 404
    history = list(application.history.order_by("at", "id")) if application else []
    return render(
        request,
        "cases/track.html",
        {"form": form, "application": application, "history": history},
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def receipt(request, number):
    """A receipt again, without the PIN (which was shown once)."""
    application = get_object_or_404(Application, tracking_number=number, created_by=request.user)
    return render(
        request, "cases/receipt.html", {"application": application, "pin": None, "site": application.site}
    )
