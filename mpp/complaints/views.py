"""Complaints in the portal (no account), at the kiosk, and entered by staff at the desk;
public tracking with the tracking ID and a secret."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from mpp.complaints.forms import ComplaintForm, ReplyForm, TrackingForm
from mpp.complaints.models import Channel, Complaint
from mpp.complaints.services import filing
from mpp.complaints.services.common import ComplaintRefused
from mpp.core.ratelimit import client_ip
from mpp.queueing.views.common import qr_svg
from mpp.queueing.views.kiosk import kiosk_site, not_a_kiosk
from mpp.tenancy.access import front_desk_sites
from mpp.tenancy.models import Site
from mpp.tenancy.sites import active_site, default_site

REFUSAL_STATUS = {"limited": 429, "not_found": 404, "final": 409}


def _file(
    request, form: ComplaintForm, site: Site, channel: str
) -> tuple[Complaint | None, str | None, str | None]:
    """Submit a valid form: the complaint and its PIN, or the refusal; field errors go to the form."""
    data = form.cleaned_data
    try:
        complaint, pin = filing.submit_complaint(
            site=site,
            channel=channel,
            classification=data["classification"],
            subject=data["subject"],
            description=data["description"],
            agency=data["agency"],
            service=data["service"],
            incident_date=data["incident_date"],
            incident_place=data["incident_place"],
            is_anonymous=data["is_anonymous"],
            is_confidential=data["is_confidential"],
            name=data["name"],
            nik=data["nik"],
            phone=data["phone"],
            email=data["email"],
            language=(get_language() or "id")[:2],
            ip=client_ip(request),
            submit_key=data["submit_key"],
            user=request.user if channel == Channel.DESK else None,
        )
    except ComplaintRefused as exc:
        return None, None, exc.message
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None, None, None
    return complaint, pin, None


def _receipt_context(request, complaint: Complaint, pin: str | None) -> dict:
    track_url = request.build_absolute_uri(reverse("complaints:track")) + f"?id={complaint.tracking_id}"
    return {"site": complaint.site, "complaint": complaint, "pin": pin, "track_url": track_url}


@require_safe
def choose_site(request):
    site = default_site()
    if site is not None:
        return redirect("complaints:submit", site=site.slug)
    return render(request, "complaints/choose_site.html", {"sites": Site.objects.filter(is_active=True)})


@require_http_methods(["GET", "HEAD", "POST"])
def submit(request, site):
    """The portal's complaint form; the answer is the receipt with the PIN, shown once."""
    site = active_site(site)
    form = ComplaintForm(request.POST or None, site=site)
    refusal = None
    if request.method == "POST" and form.is_valid():
        complaint, pin, refusal = _file(request, form, site, Channel.PORTAL)
        if complaint is not None:
            return render(request, "complaints/receipt.html", _receipt_context(request, complaint, pin))
    return render(
        request,
        "complaints/submit.html",
        {"site": site, "form": form, "refusal": refusal},
        status=429 if refusal else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def kiosk_submit(request, site):
    """The same at an enrolled kiosk of the hall, with a printed receipt."""
    kiosk = kiosk_site(request, site)
    if kiosk is None:
        return not_a_kiosk(request, site)
    form = ComplaintForm(request.POST or None, site=kiosk)
    refusal = None
    if request.method == "POST" and form.is_valid():
        complaint, pin, refusal = _file(request, form, kiosk, Channel.KIOSK)
        if complaint is not None:
            context = _receipt_context(request, complaint, pin)
            context["qr"] = qr_svg(context["track_url"])
            return render(request, "complaints/kiosk_receipt.html", context)
    return render(
        request,
        "complaints/kiosk_submit.html",
        {"site": kiosk, "form": form, "refusal": refusal},
        status=429 if refusal else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def desk_submit(request, site):
    """Staff at the front desk or the complaint desk enter a complaint given in person or by telephone."""
    site = get_object_or_404(front_desk_sites(request.user), slug=site)
    form = ComplaintForm(request.POST or None, site=site)
    if request.method == "POST" and form.is_valid():
        complaint, pin, _refusal = _file(request, form, site, Channel.DESK)
        if complaint is not None:
            return render(request, "complaints/desk_receipt.html", _receipt_context(request, complaint, pin))
    return render(request, "complaints/desk_submit.html", {"site": site, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def track(request):
    """Public tracking: the tracking ID and the receipt's PIN (or the telephone's last four
    digits); the timeline, the answers, and a reply form."""
    replying = request.method == "POST" and "text" in request.POST
    form_class = ReplyForm if replying else TrackingForm
    form = form_class(request.POST or None, initial={"tracking_id": request.GET.get("id", "")[:30]})
    complaint, refusal, replied = None, None, False
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            complaint = filing.track(
                tracking_id=form.cleaned_data["tracking_id"],
                secret=form.cleaned_data["secret"],
                ip=client_ip(request),
            )
            if replying:
                complaint = filing.citizen_reply(complaint=complaint, text=form.cleaned_data["text"])
                replied = True
        except ComplaintRefused as exc:
            refusal = exc.message
            status = REFUSAL_STATUS.get(exc.code, 409)
            if exc.code == "not_found":
                complaint = None
        except ValidationError as exc:
            refusal = " ".join(exc.messages)
            status = 422
    elif request.method == "POST":
        status = 422 if replying else 200
    context = {"form": form, "complaint": complaint, "refusal": refusal, "replied": replied}
    if complaint is not None:
        context.update(
            site=complaint.site,
            timeline=filing.public_timeline(complaint),
            reply_form=ReplyForm(
                initial={"tracking_id": complaint.tracking_id, "secret": form.cleaned_data["secret"]}
            ),
            secret=form.cleaned_data["secret"],
        )
    return render(request, "complaints/track.html", context, status=status)
