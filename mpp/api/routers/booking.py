"""Online booking through the API: the portal's steps for other front ends, and check-in.

Citizens need no account, exactly as in the portal: a booking holds its slot only
once the code sent to the phone or e-mail comes back (``POST /bookings/{code}/confirm``),
and changing it needs the booking code and the last four digits of the NIK.
"""

import datetime as dt
from typing import Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from pydantic import StrictInt

from mpp.api.auth import STAFF
from mpp.api.routers.catalog import MAX_ID, Input
from mpp.api.routers.queue import StatusOut, _status
from mpp.booking import selectors, services
from mpp.booking.models import Booking
from mpp.core import clock
from mpp.core.ratelimit import client_ip
from mpp.privacy.masking import mask_nik, mask_phone
from mpp.queueing.models import Channel
from mpp.tenancy.access import front_desk_sites
from mpp.tenancy.models import Site

router = Router(tags=["booking"])


class OnlineServiceOut(Schema):
    offer_id: int = Field(..., alias="id")
    service_id: int
    service: str = Field(..., alias="service.name")
    agency: str = Field(..., alias="service.agency.slug")
    agency_name: str = Field(..., alias="service.agency.name")


class SlotOut(Schema):
    start: dt.datetime
    end: dt.datetime
    capacity: int
    available: int


class DayOut(Schema):
    date: dt.date
    slots: list[SlotOut]


class BookingIn(Input):
    offer_id: StrictInt = Field(..., ge=1, le=MAX_ID)
    slot_start: dt.datetime
    nik: str = Field(..., max_length=24)
    name: str = Field(..., max_length=120)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    language: Literal["id", "en"] = "id"


class ConfirmIn(Input):
    otp: str = Field(..., min_length=6, max_length=6, pattern=r"^[0-9]{6}$")


class OwnerIn(Input):
    nik_tail: str = Field(..., min_length=4, max_length=4, pattern=r"^[0-9]{4}$")


class MoveIn(OwnerIn):
    slot_start: dt.datetime


class BookingOut(Schema):
    code: str
    status: str
    site: str
    offer_id: int
    service: str
    slot_start: dt.datetime
    slot_end: dt.datetime
    confirm_by: dt.datetime | None = None


class StaffBookingOut(BookingOut):
    name: str
    nik: str
    phone: str
    checked_in_at: dt.datetime | None


def _site(slug: str) -> Site:
    return get_object_or_404(Site, slug=slug[:80], is_active=True)


def _offer(site: Site, offer_id: int):
    if not 0 < offer_id <= MAX_ID:
        raise Http404
    return get_object_or_404(selectors.online_offers(site), pk=offer_id)


def _out(booking: Booking) -> dict:
    return {
        "code": booking.code,
        "status": booking.status,
        "site": booking.site.slug,
        "offer_id": booking.offer_id,
        "service": booking.offer.service.name,
        "slot_start": booking.slot_start,
        "slot_end": booking.slot_end,
        "confirm_by": booking.otp_expires_at if booking.status == Booking.Status.PENDING else None,
    }


def _booking(code: str) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("site", "offer__service"), code=code.strip().upper()[:8]
    )


@router.get("/sites/{slug}/booking/services", response=list[OnlineServiceOut], auth=None)
def online_services(request, slug: str):
    """The services of the hall that can be booked online now."""
    return list(selectors.online_offers(_site(slug)))


@router.get("/sites/{slug}/booking/services/{offer_id}/days", response=list[DayOut], auth=None)
def bookable_days(request, slug: str, offer_id: int, date: dt.date | None = None):
    """The bookable days with their slots and places left (one day with ``?date=``)."""
    site = _site(slug)
    offer = _offer(site, offer_id)
    now = clock.now()
    days = selectors.bookable_days(offer, now)
    if date is not None:
        days = [day for day in days if day == date]
    return [{"date": day, "slots": selectors.slots(offer, day, now)} for day in days]


@router.post("/sites/{slug}/bookings", response={201: BookingOut}, auth=None)
def create_booking(request, slug: str, payload: BookingIn):
    """Hold a slot; the confirmation code goes to the phone or e-mail given."""
    offer = _offer(_site(slug), payload.offer_id)
    booking = services.book(
        offer=offer,
        slot_start=payload.slot_start,
        nik=payload.nik,
        name=payload.name,
        phone=payload.phone,
        email=payload.email,
        language=payload.language,
        ip=client_ip(request),
    )
    return Status(201, _out(booking))


@router.post("/bookings/{code}/confirm", response=BookingOut, auth=None)
def confirm_booking(request, code: str, payload: ConfirmIn):
    return _out(services.confirm(code=code, otp=payload.otp))


@router.post("/bookings/{code}/lookup", response=BookingOut, auth=None)
def look_up_booking(request, code: str, payload: OwnerIn):
    """A booking for its owner: the code and the NIK's last four digits."""
    return _out(services.find_for_citizen(code=code, nik_tail=payload.nik_tail, ip=client_ip(request)))


@router.post("/bookings/{code}/cancel", response=BookingOut, auth=None)
def cancel_booking(request, code: str, payload: OwnerIn):
    booking = services.find_for_citizen(code=code, nik_tail=payload.nik_tail, ip=client_ip(request))
    return _out(services.cancel(booking=booking))


@router.post("/bookings/{code}/move", response=BookingOut, auth=None)
def move_booking(request, code: str, payload: MoveIn):
    booking = services.find_for_citizen(code=code, nik_tail=payload.nik_tail, ip=client_ip(request))
    return _out(services.reschedule(booking=booking, slot_start=payload.slot_start))


@router.get("/sites/{slug}/bookings", response=list[StaffBookingOut], auth=STAFF)
def day_bookings(request, slug: str, date: dt.date | None = None):
    """The day's bookings of the site, for its front desk and managers (personal data masked)."""
    site = get_object_or_404(front_desk_sites(request.auth), slug=slug[:80])
    day = date or clock.now().astimezone(site.zone).date()
    bookings = services.read_day_bookings(user=request.auth, site=site, day=day)
    return [
        {
            **_out(booking),
            "name": booking.name,
            "nik": mask_nik(booking.nik),
            "phone": mask_phone(booking.phone) if booking.phone else "",
            "checked_in_at": booking.checked_in_at,
        }
        for booking in bookings
    ]


@router.post("/sites/{slug}/bookings/{code}/check-in", response={201: StatusOut}, auth=STAFF)
def check_in(request, slug: str, code: str):
    """Check a visitor in at the front desk: the ticket, or the same ticket again."""
    site = get_object_or_404(front_desk_sites(request.auth), slug=slug[:80])
    visit = services.check_in(code=code, site=site, channel=Channel.FRONT_DESK, user=request.auth)
    return Status(201, _status(request, visit))
