"""Booking in the portal (no account), and check-in at the kiosk and the front desk."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mpp.booking import selectors, services
from mpp.booking.forms import BookingForm, CheckInForm, ConfirmForm, ManageForm
from mpp.booking.models import Booking
from mpp.core import clock
from mpp.core.ratelimit import client_ip
from mpp.queueing.models import Channel
from mpp.queueing.views.common import qr_svg
from mpp.queueing.views.kiosk import kiosk_site, not_a_kiosk
from mpp.tenancy.access import front_desk_sites
from mpp.tenancy.sites import active_site


@require_http_methods(["GET", "HEAD"])
def choose(request, site):
    site = active_site(site)
    return render(request, "booking/choose.html", {"site": site, "offers": selectors.online_offers(site)})


def _day(request, offer, now) -> dt.date:
    days = selectors.bookable_days(offer, now)
    raw = request.GET.get("tanggal") or request.POST.get("tanggal") or ""
    try:
        wanted = dt.date.fromisoformat(raw[:10]) if raw else None
    except ValueError:
        wanted = None
    if wanted in days:
        return wanted
    return next((d for d in days if selectors.slots(offer, d, now)), days[0] if days else None)


@require_http_methods(["GET", "HEAD", "POST"])
def book(request, site, offer):
    """Date, slot and who: the code goes to the phone or e-mail given."""
    site = active_site(site)
    offer = get_object_or_404(selectors.online_offers(site), pk=offer)
    now = clock.now()
    day = _day(request, offer, now)
    if day is None:
        raise Http404
    slots = selectors.slots(offer, day, now)
    form = BookingForm(
        request.POST or None, slots=slots, zone=site.zone, initial={"language": (get_language() or "id")[:2]}
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.book(
                offer=offer,
                slot_start=data["slot"],
                nik=data["nik"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                language=data["language"],
                ip=client_ip(request),
            )
        except services.BookingRefused as exc:
            refusal = exc.message
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return redirect("booking:confirm", code=booking.code)
    return render(
        request,
        "booking/book.html",
        {
            "site": site,
            "offer": offer,
            "day": day,
            "days": selectors.bookable_days(offer, now),
            "slots": slots,
            "form": form,
            "refusal": refusal,
        },
        status=409 if refusal else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, code):
    booking = get_object_or_404(
        Booking.objects.select_related("site", "offer__service__agency"), code=code[:8]
    )
    form = ConfirmForm(request.POST or None)
    refusal = None
    if booking.status not in (Booking.Status.PENDING, Booking.Status.CONFIRMED):
        # Cancelled, expired, checked in, missed: say so, with no code to enter.
        return render(
            request, "booking/confirm.html", {"site": booking.site, "booking": booking, "over": True}
        )
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.confirm(code=booking.code, otp=form.cleaned_data["otp"])
        except services.BookingRefused as exc:
            refusal = exc.message
    if booking.status == Booking.Status.CONFIRMED:
        return render(
            request,
            "booking/confirmed.html",
            {"site": booking.site, "booking": booking, "qr": qr_svg(booking.code)},
        )
    return render(
        request,
        "booking/confirm.html",
        {"site": booking.site, "booking": booking, "form": form, "refusal": refusal},
        status=409 if refusal else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request):
    """Cancel or move a booking: its code and the last four digits of the NIK."""
    form = ManageForm(request.POST or None)
    booking, refusal, slots, day, days = None, None, [], None, []
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.find_for_citizen(
                code=form.cleaned_data["code"], nik_tail=form.cleaned_data["nik_tail"], ip=client_ip(request)
            )
            action = request.POST.get("action", "")
            if action == "cancel":
                booking = services.cancel(booking=booking)
            elif action == "move" and request.POST.get("slot"):
                start = dt.datetime.fromisoformat(request.POST["slot"][:40])
                booking = services.reschedule(booking=booking, slot_start=start)
            now = clock.now()
            days = selectors.bookable_days(booking.offer, now)
            day = _day(request, booking.offer, now)
            slots = selectors.slots(booking.offer, day, now) if day else []
        except services.BookingRefused as exc:
            refusal = exc.message
        except (ValueError, ValidationError):
            # Not a time, or one without its zone: a form's slot always has both.
            refusal = _("This time is not a slot of the service.")
    return render(
        request,
        "booking/manage.html",
        {
            "form": form,
            "booking": booking,
            "refusal": refusal,
            "slots": slots,
            "day": day,
            "days": days,
            "site": booking.site if booking else None,
        },
        status=409 if refusal else 200,
    )


def _check_in(request, site, channel, user=None):
    form = CheckInForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.check_in(code=form.cleaned_data["code"], site=site, channel=channel, user=user)
        except services.BookingRefused as exc:
            refusal = exc.message
        else:
            return visit, form, None
    return None, form, refusal


@require_http_methods(["GET", "HEAD", "POST"])
def kiosk_check_in(request, site):
    hall = kiosk_site(request, site)
    if hall is None:
        return not_a_kiosk(request, site)
    visit, form, refusal = _check_in(request, hall, Channel.KIOSK)
    if visit is not None:
        return redirect(reverse("queueing:kiosk-ticket", args=[hall.slug, visit.token]) + "?cetak=1")
    return render(
        request,
        "booking/kiosk_check_in.html",
        {"site": hall, "form": form, "refusal": refusal},
        status=409 if refusal else 200,
    )


@login_required
@require_POST
def front_desk_check_in(request, site):
    site = get_object_or_404(front_desk_sites(request.user), slug=site)
    visit, form, refusal = _check_in(request, site, Channel.FRONT_DESK, request.user)
    if visit is not None:
        return redirect("queueing:front-desk-ticket", site=site.slug, token=visit.token)
    errors = [error for field in form.errors.values() for error in field]
    messages.error(request, refusal or " ".join(errors) or _("Enter the booking code."))
    return redirect("queueing:front-desk", site=site.slug)
