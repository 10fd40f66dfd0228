"""Booking a slot, confirming it, checking in, and the sweeps that keep bookings honest."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from mpp.booking import selectors
from mpp.booking.models import Booking
from mpp.core import clock, ratelimit
from mpp.core.db import write_transaction
from mpp.core.nik import NIKError, parse_nik
from mpp.core.phone import normalize_phone
from mpp.notify.services import notify_citizen
from mpp.privacy.crypto import blind_index
from mpp.privacy.services import record_access_once
from mpp.queueing.models import Channel, ServiceOffer, Visit
from mpp.queueing.rules import Refusal
from mpp.queueing.services.tickets import issue_ticket
from mpp.tenancy.calendar import site_calendar
from mpp.tenancy.models import User

OTP_ATTEMPTS = 5
MANAGE_LIMIT = 10  # wrong booking code / NIK pairs per address and hour


class BookingRefused(Exception):
    """The booking cannot be made or changed now; ``message`` says why, for the citizen."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _nik_key(nik: str) -> str:
    return blind_index(nik, purpose="nik")


def _otp_hash(booking_code: str, otp: str) -> str:
    return blind_index(f"{booking_code}:{otp}", purpose="booking-otp")


def _local(moment: dt.datetime, site) -> str:
    return formats.date_format(timezone.localtime(moment, site.zone), "l, j F Y, H.i")


def _check_strikes(nik_key: str, offer: ServiceOffer, now: dt.datetime) -> None:
    """After N no-shows in M days, no online booking for K days after the last one."""
    policy = selectors.policy(offer.site)
    window = now - dt.timedelta(days=policy.strike_window_days)
    missed = list(
        Booking.objects.filter(nik_hash=nik_key, status=Booking.Status.NO_SHOW, slot_start__gte=window)
        .order_by("-slot_start")
        .values_list("slot_start", flat=True)
    )
    if len(missed) >= policy.strike_no_shows:
        until = missed[0] + dt.timedelta(days=policy.strike_ban_days)
        if now < until:
            raise BookingRefused(
                "banned",
                _(
                    "Online booking is closed for this NIK until %(date)s after missed bookings. "
                    "A number at the hall is always possible."
                )
                % {"date": _local(until, offer.site)},
            )


def _check_limits(*, offer: ServiceOffer, nik_key: str, ip: str) -> None:
    policy = selectors.policy(offer.site)
    if ratelimit.exceeded(
        bucket="booking-ip", key=ip, limit=policy.attempts_per_ip_hour, window=dt.timedelta(hours=1)
    ) or ratelimit.exceeded(
        bucket="booking-nik", key=nik_key, limit=policy.bookings_per_nik_day, window=dt.timedelta(days=1)
    ):
        raise BookingRefused("limited", _("Too many booking attempts. Please try again later."))


def _lock_offer(offer: ServiceOffer) -> None:
    """Bookings of one service wait for each other here (SQLite: the write lock already does)."""
    ServiceOffer.objects.select_for_update().filter(pk=offer.pk).values_list("pk").first()


def _expire_stale_holds(*, nik_key: str, offer: ServiceOffer, day: dt.date, now: dt.datetime) -> None:
    """This NIK's unconfirmed holds of the day whose time to confirm has passed are over
    now, not at the next sweep: a citizen whose code never came may book again at once
    (and the one-booking-per-NIK constraint, which counts every pending one, agrees)."""
    Booking.objects.filter(
        nik_hash=nik_key, offer=offer, day=day, status=Booking.Status.PENDING, otp_expires_at__lte=now
    ).update(status=Booking.Status.EXPIRED)


def _aware(slot_start: dt.datetime) -> None:
    if timezone.is_naive(slot_start):
        raise ValidationError(
            {"slot_start": [_("Give the time with its time zone, for example 2026-12-01T09:00:00+07:00.")]}
        )


def book(
    *,
    offer: ServiceOffer,
    slot_start: dt.datetime,
    nik: str,
    name: str,
    phone: str = "",
    email: str = "",
    language: str = "id",
    ip: str = "",
) -> Booking:
    """Hold a place in a slot and send the confirmation code to the phone or e-mail given.

    The place is held for a few minutes until the code is entered: a number nobody
    controls cannot hold a slot.
    """
    now = clock.now()
    errors = {}
    try:
        nik_value = parse_nik(nik, today=timezone.localdate(now, offer.site.zone)).value
    except NIKError as exc:
        errors["nik"] = [exc.message]
        nik_value = ""
    name = (name or "").strip()
    if not name or len(name) > 120:
        errors["name"] = [_("Enter the name as on the KTP (at most 120 characters).")]
    try:
        phone = normalize_phone(phone) if phone else ""
    except ValidationError as exc:
        errors["phone"] = exc.messages
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            errors["email"] = exc.messages
    if not phone and not email and "phone" not in errors:
        errors["phone"] = [_("Give a telephone number or an e-mail address for the confirmation code.")]
    if language not in ("id", "en"):
        errors["language"] = [_("Choose Indonesian or English.")]
    if errors:
        raise ValidationError(errors)
    _aware(slot_start)
    nik_key = _nik_key(nik_value)
    if not selectors.online_offers(offer.site).filter(pk=offer.pk).exists():
        raise BookingRefused(
            "not_online", _("This service cannot be booked online. Take a number at the hall.")
        )
    day = timezone.localdate(slot_start, offer.site.zone)
    if day not in selectors.bookable_days(offer, now):
        raise BookingRefused("bad_slot", _("This day cannot be booked."))
    slot = next((s for s in selectors.slot_starts(offer, day) if s[0] == slot_start), None)
    if slot is None or slot_start <= now:
        raise BookingRefused("bad_slot", _("This time is not a slot of the service."))
    _check_limits(offer=offer, nik_key=nik_key, ip=ip)
    _check_strikes(nik_key, offer, now)
    otp = f"{secrets.randbelow(10**6):06d}"
    try:
        with write_transaction():
            # Capacity recipe: lock once, late (the offer row: every booking of this service
            # waits here), then count the places held, then insert.
            _lock_offer(offer)
            _expire_stale_holds(nik_key=nik_key, offer=offer, day=day, now=now)
            held = Booking.objects.filter(selectors.holding(now), offer=offer, day=day)
            if held.filter(slot_start=slot_start).count() >= selectors.slot_capacity(offer):
                raise BookingRefused("full", _("This slot is full. Please choose another time."))
            slots_of_day = len(selectors.slot_starts(offer, day))
            if held.count() >= selectors.day_capacity(offer, slots_of_day):
                raise BookingRefused("day_full", _("All online places of this day are taken."))
            if held.filter(nik_hash=nik_key).exists():
                raise BookingRefused(
                    "duplicate", _("This NIK already has a booking for this service on this day.")
                )
            booking = Booking(
                site=offer.site,
                offer=offer,
                day=day,
                slot_start=slot[0],
                slot_end=slot[1],
                nik=nik_value,
                nik_hash=nik_key,
                name=name,
                phone=phone,
                email=email,
                language=language,
                created_at=now,
                otp_expires_at=now + dt.timedelta(minutes=selectors.policy(offer.site).confirm_minutes),
            )
            booking.otp_hash = _otp_hash(booking.code, otp)
            booking.save()
            ratelimit.hit(bucket="booking-nik", key=nik_key)
            _send_code(booking, otp)
    except IntegrityError as exc:
        # The one-booking-per-NIK constraint caught a race the check above could not see.
        raise BookingRefused(
            "duplicate", _("This NIK already has a booking for this service on this day.")
        ) from exc
    finally:
        with write_transaction():
            ratelimit.hit(bucket="booking-ip", key=ip or "unknown")
    return booking


def _send_code(booking: Booking, otp: str) -> None:
    def render():
        return (
            _("Your booking code"),
            _("MPP booking %(code)s: your confirmation code is %(otp)s. It is valid for a few minutes.")
            % {"code": booking.code, "otp": otp},
        )

    notify_citizen(
        phone=booking.phone,
        email=booking.email,
        kind="booking.code",
        language=booking.language,
        render=render,
        site=booking.site,
    )


def confirm(*, code: str, otp: str) -> Booking:
    """Confirm with the code that reached the phone or e-mail; a few wrong tries end it."""
    now = clock.now()
    code = (code or "").strip().upper()[:8]
    otp = "".join(ch for ch in (otp or "") if ch.isdigit())[:6]
    with write_transaction():
        booking = (
            Booking.objects.select_for_update()
            .filter(code=code)
            .select_related("site", "offer__service")
            .first()
        )
        if booking is None:
            raise BookingRefused("not_found", _("No booking has this code."))
        if booking.status == Booking.Status.CONFIRMED:
            return booking  # a second click on the link
        if booking.status != Booking.Status.PENDING or booking.otp_expires_at <= now:
            raise BookingRefused("expired", _("The time to confirm has passed. Please book again."))
        if booking.otp_attempts >= OTP_ATTEMPTS:
            raise BookingRefused("locked", _("Too many wrong codes. Please book again."))
        if _otp_hash(booking.code, otp) != booking.otp_hash:
            # The wrong try is counted and committed; the refusal is raised after the transaction.
            booking.otp_attempts += 1
            booking.save(update_fields=["otp_attempts"])
            refusal = BookingRefused("wrong_code", _("The confirmation code is not right."))
        else:
            refusal = None
            booking.status = Booking.Status.CONFIRMED
            booking.confirmed_at = now
            booking.save(update_fields=["status", "confirmed_at"])
            _tell(
                booking,
                "booking.confirmed",
                lambda: (
                    _("Booking %(code)s confirmed") % {"code": booking.code},
                    _(
                        "Booking %(code)s confirmed: %(service)s, %(when)s. Check in at the kiosk with this code."
                    )
                    % {
                        "code": booking.code,
                        "service": booking.offer.service.name,
                        "when": _local(booking.slot_start, booking.site),
                    },
                ),
            )
    if refusal is not None:
        raise refusal
    return booking


def _tell(booking: Booking, kind: str, render) -> None:
    notify_citizen(
        phone=booking.phone,
        email=booking.email,
        kind=kind,
        language=booking.language,
        render=render,
        site=booking.site,
    )


def find_for_citizen(*, code: str, nik_tail: str, ip: str) -> Booking:
    """The booking behind a code, for its owner: the code and the NIK's last four digits."""
    if ratelimit.exceeded(bucket="booking-manage", key=ip, limit=MANAGE_LIMIT, window=dt.timedelta(hours=1)):
        raise BookingRefused("limited", _("Too many wrong attempts. Try again in an hour."))
    code = (code or "").strip().upper()[:8]
    booking = Booking.objects.filter(code=code).select_related("site", "offer__service__agency").first()
    if (
        booking is None
        or not nik_tail
        or not booking.nik.endswith(nik_tail.strip()[-4:])
        or len(nik_tail.strip()) < 4
    ):
        with write_transaction():
            ratelimit.hit(bucket="booking-manage", key=ip)
        raise BookingRefused("not_found", _("No booking matches this code and NIK."))
    return booking


def cancel(*, booking: Booking) -> Booking:
    with write_transaction():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status not in (Booking.Status.PENDING, Booking.Status.CONFIRMED):
            raise BookingRefused("not_active", _("This booking can no longer be cancelled."))
        booking.status = Booking.Status.CANCELLED
        booking.save(update_fields=["status"])
    return booking


def reschedule(*, booking: Booking, slot_start: dt.datetime) -> Booking:
    """Move a confirmed booking to another slot of the same service, if it has room."""
    now = clock.now()
    offer = booking.offer
    _aware(slot_start)
    day = timezone.localdate(slot_start, offer.site.zone)
    slot = next((s for s in selectors.slot_starts(offer, day) if s[0] == slot_start), None)
    if slot is None or slot_start <= now or day not in selectors.bookable_days(offer, now):
        raise BookingRefused("bad_slot", _("This time is not a slot of the service."))
    try:
        with write_transaction():
            return _move(booking, offer, day, slot, now)
    except IntegrityError as exc:
        # The one-booking-per-NIK constraint caught a race the check could not see.
        raise BookingRefused(
            "duplicate", _("This NIK already has a booking for this service on this day.")
        ) from exc


def _move(booking: Booking, offer: ServiceOffer, day: dt.date, slot, now: dt.datetime) -> Booking:
    """The move itself, in the caller's transaction: the capacity recipe of ``book``."""
    slot_start = slot[0]
    _lock_offer(offer)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != Booking.Status.CONFIRMED:
        raise BookingRefused("not_active", _("Only a confirmed booking can be moved."))
    _expire_stale_holds(nik_key=booking.nik_hash, offer=offer, day=day, now=now)
    held = Booking.objects.filter(selectors.holding(now), offer=offer, day=day).exclude(pk=booking.pk)
    if held.filter(slot_start=slot_start).count() >= selectors.slot_capacity(offer):
        raise BookingRefused("full", _("This slot is full. Please choose another time."))
    if held.count() >= selectors.day_capacity(offer, len(selectors.slot_starts(offer, day))):
        raise BookingRefused("day_full", _("All online places of this day are taken."))
    if day != booking.day and held.filter(nik_hash=booking.nik_hash).exists():
        raise BookingRefused("duplicate", _("This NIK already has a booking for this service on this day."))
    booking.day, booking.slot_start, booking.slot_end = day, slot[0], slot[1]
    booking.reminded_day_at = booking.reminded_hour_at = None
    booking.save(update_fields=["day", "slot_start", "slot_end", "reminded_day_at", "reminded_hour_at"])
    return booking


def check_in(*, code: str, site, channel: str = Channel.KIOSK, user: User | None = None) -> Visit:
    """Turn a confirmed booking into a ticket, inside its window; twice gives the same ticket.

    The visitor's place in the queue is the slot's start (docs/queue.md): early arrivals
    wait for their slot, and a visitor checking in a little late keeps it.
    """
    now = clock.now()
    code = (code or "").strip().upper()[:8]
    with write_transaction():
        booking = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("offer__service", "visit")
            .filter(code=code, site=site)
            .first()
        )
        if booking is None:
            raise BookingRefused("not_found", _("No booking has this code here. Please take a number."))
        if booking.status == Booking.Status.CHECKED_IN and booking.visit is not None:
            return booking.visit
        if booking.status != Booking.Status.CONFIRMED:
            raise BookingRefused(
                "not_active",
                _("This booking is %(status)s. Please take a number.")
                % {"status": booking.get_status_display().lower()},
            )
        policy = selectors.policy(site)
        opens = booking.slot_start - dt.timedelta(minutes=policy.checkin_before_minutes)
        closes = booking.slot_start + dt.timedelta(minutes=policy.checkin_after_minutes)
        if now < opens:
            raise BookingRefused(
                "too_early",
                _("Check-in opens at %(time)s. Please come back then, or take a number.")
                % {"time": formats.time_format(timezone.localtime(opens, site.zone), "H.i")},
            )
        if now > closes:
            raise BookingRefused(
                "too_late",
                _("Check-in closed at %(time)s. Please take a number at the kiosk.")
                % {"time": formats.time_format(timezone.localtime(closes, site.zone), "H.i")},
            )
        try:
            visit = issue_ticket(
                site=site,
                services=[booking.offer.service],
                channel=channel,
                phone=booking.phone,
                user=user,
                booked_at=booking.slot_start,
                language=booking.language,
            )
        except Refusal as exc:
            # The hall cannot serve it now (closed today, the service no longer offered):
            # said in the hall's words, and the booking stays as it was.
            raise BookingRefused(exc.code, exc.message) from exc
        booking.status = Booking.Status.CHECKED_IN
        booking.checked_in_at = now
        booking.visit = visit
        booking.save(update_fields=["status", "checked_in_at", "visit"])
    return visit


def _cancel_unservable(done: dict[str, int]) -> None:
    """Bookings of a day the hall has closed since (a closure added to its calendar), or of
    a service it no longer offers, are cancelled, and the citizen is told: they are never
    counted as missed, and nobody travels to a closed hall."""
    calendars = {}
    active = Booking.objects.filter(
        status__in=[Booking.Status.PENDING, Booking.Status.CONFIRMED]
    ).select_related("site", "offer__service")
    for booking in active:
        site = booking.site
        if site.pk not in calendars:
            calendars[site.pk] = site_calendar(site)
        if booking.offer.is_active and calendars[site.pk].is_working_day(booking.day):
            continue
        with write_transaction():
            if not Booking.objects.filter(pk=booking.pk, status=booking.status).update(
                status=Booking.Status.CANCELLED
            ):
                continue
            done["cancelled"] += 1
            if booking.status != Booking.Status.CONFIRMED:
                continue  # never confirmed: nobody is on the way
            _tell(
                booking,
                "booking.cancelled",
                lambda b=booking: (
                    _("Booking %(code)s is cancelled") % {"code": b.code},
                    _(
                        "Booking %(code)s (%(service)s, %(when)s) is cancelled: the hall does not "
                        "serve it on that day. Please book another day or take a number at the hall. "
                        "We apologise."
                    )
                    % {"code": b.code, "service": b.offer.service.name, "when": _local(b.slot_start, b.site)},
                ),
            )


def sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Expire unconfirmed holds, cancel bookings the hall can no longer serve, mark missed
    bookings as no-shows, send the reminders."""
    now = now or clock.now()
    done = {"expired": 0, "cancelled": 0, "no_show": 0, "reminded": 0}
    with write_transaction():
        done["expired"] = Booking.objects.filter(
            status=Booking.Status.PENDING, otp_expires_at__lte=now
        ).update(status=Booking.Status.EXPIRED)
    _cancel_unservable(done)
    missed = Booking.objects.filter(status=Booking.Status.CONFIRMED, slot_start__lt=now).select_related(
        "site"
    )
    for booking in missed:
        after = dt.timedelta(minutes=selectors.policy(booking.site).checkin_after_minutes)
        if now > booking.slot_start + after:
            with write_transaction():
                done["no_show"] += Booking.objects.filter(
                    pk=booking.pk, status=Booking.Status.CONFIRMED
                ).update(status=Booking.Status.NO_SHOW)
    reminders = (
        ("reminded_day_at", dt.timedelta(hours=24), "booking.reminder_day"),
        ("reminded_hour_at", dt.timedelta(hours=1), "booking.reminder_hour"),
    )
    for field, ahead, kind in reminders:
        due = Booking.objects.filter(
            status=Booking.Status.CONFIRMED,
            slot_start__gt=now,
            slot_start__lte=now + ahead,
            **{f"{field}__isnull": True},
        ).select_related("site", "offer__service")
        for booking in due:
            with write_transaction():
                if not Booking.objects.filter(pk=booking.pk, **{f"{field}__isnull": True}).update(
                    **{field: now}
                ):
                    continue
                if booking.confirmed_at and booking.confirmed_at > booking.slot_start - ahead:
                    continue  # booked inside the window: the confirmation was the reminder
                _tell(
                    booking,
                    kind,
                    lambda b=booking: (
                        _("Reminder: booking %(code)s") % {"code": b.code},
                        _("Reminder: %(service)s at %(when)s, booking %(code)s. Check in at the kiosk.")
                        % {
                            "service": b.offer.service.name,
                            "when": _local(b.slot_start, b.site),
                            "code": b.code,
                        },
                    ),
                )
                done["reminded"] += 1
    return done


def read_day_bookings(*, user: User, site, day: dt.date) -> list[Booking]:
    """The day's bookings of a site for its front desk. They show citizens' names (NIK and
    telephone masked): each reading is in the access audit, once per screen refresh."""
    bookings = list(Booking.objects.filter(site=site, day=day).select_related("site", "offer__service"))
    if bookings:
        with write_transaction():
            record_access_once(
                user=user,
                subject=f"booking.day:{site.slug}:{day.isoformat()}",
                fields=["name", "nik_masked", "phone_masked"],
                purpose=_("The day's bookings at the front desk"),
                site=site,
            )
    return bookings
