"""Issuing tickets: the number, the visit and its requests, in one transaction."""

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.catalog.models import Service
from mpp.core import clock, sql
from mpp.core.db import write_transaction
from mpp.core.phone import normalize_phone
from mpp.privacy.crypto import submit_key_index
from mpp.queueing import extensions, rules
from mpp.queueing.models import (
    Channel,
    Event,
    EventKind,
    HallSettings,
    NumberSequence,
    PriorityReason,
    RequestStatus,
    ServiceOffer,
    ServiceRequest,
    Visit,
)
from mpp.tenancy.models import Agency, Site, User

MAX_SERVICES_PER_VISIT = 5


# Every ticket passes here, so the statements are written by hand (mpp.core.sql: the ORM
# spent ten times longer building each than the database running it); each says in a
# comment what it is in ORM words.
OFFER = sql.Columns(ServiceOffer, "o")
SITE = sql.Columns(Site, "st")
HALL = sql.Columns(HallSettings, "hs")
SERVICE = sql.Columns(Service, "sv")
AGENCY = sql.Columns(Agency, "a")
SEQUENCE = sql.Columns(NumberSequence, "n")


def _offers(site: Site, services: Sequence[Service]) -> list[ServiceOffer]:
    # ServiceOffer.objects.filter(site=site, service__in=services)
    #     .select_related("site__hall_settings", "service__agency")
    rows = sql.fetchall(
        f"SELECT {sql.select(OFFER, SITE, HALL, SERVICE, AGENCY)}"
        f" FROM {sql.table(ServiceOffer)} o"
        f" JOIN {sql.table(Site)} st ON st.id = o.site_id"
        f" LEFT JOIN {sql.table(HallSettings)} hs ON hs.site_id = st.id"
        f" JOIN {sql.table(Service)} sv ON sv.id = o.service_id"
        f" JOIN {sql.table(Agency)} a ON a.id = sv.agency_id"
        f" WHERE o.site_id = %s AND o.service_id IN ({sql.placeholders(len(services))})",
        [site.pk, *(service.pk for service in services)],
    )
    found = {}
    for row in rows:
        offer, hall_site, settings_, offered, agency = sql.build_row(row, OFFER, SITE, HALL, SERVICE, AGENCY)
        rules.keep_hall_settings(hall_site, settings_)
        offered.agency = agency
        offer.site, offer.service = hall_site, offered
        found[offer.service_id] = offer
    missing = [service for service in services if service.pk not in found]
    if missing:
        raise rules.Refusal("not_offered", _("This service is not offered in the hall."))
    return [found[service.pk] for service in services]


def _lock_sequence(site: Site, prefix: str, day) -> NumberSequence:
    """Sequence recipe, first half: lock the (site, prefix, day) row.

    The row is created on the first ticket of the day; ``ignore_conflicts`` lets two
    first tickets race to create it without an error, and the lock serialises them.
    """
    # NumberSequence.objects.select_for_update().get(site=site, prefix=prefix, day=day)
    locking = (
        f"SELECT {SEQUENCE.sql} FROM {sql.table(NumberSequence)} n"
        f" WHERE n.site_id = %s AND n.prefix = %s AND n.day = %s{sql.for_update('n')}"
    )
    params = [site.pk, prefix, sql.prep(NumberSequence, "day", day)]
    row = sql.fetchone(locking, params)
    if row is None:
        NumberSequence.objects.bulk_create(
            [NumberSequence(site=site, prefix=prefix, day=day)], ignore_conflicts=True
        )
        row = sql.fetchone(locking, params)
    return SEQUENCE.build(row)


def _lock_sequences(site: Site, offers: Sequence[ServiceOffer], day) -> NumberSequence:
    """Lock the sequence rows of every prefix the ticket involves, in one fixed order
    (alphabetical), and return the first service's (its letters are the number's).

    A service's quota is counted under its own prefix's lock, wherever it stands in a
    ticket: a journey adding a later step for it waits for the kiosks of that service.
    One order for everyone means two tickets locking A and B never deadlock.
    """
    locked = {prefix: _lock_sequence(site, prefix, day) for prefix in sorted({o.prefix for o in offers})}
    return locked[offers[0].prefix]


def _take_number(sequence: NumberSequence) -> int:
    """Sequence recipe, second half: increment in the database, under the lock.

    The row was read under its lock (``_lock_sequence``), so nobody has changed it since:
    its next number is known without reading it again."""
    # NumberSequence.objects.filter(pk=sequence.pk).update(last_number=F("last_number") + 1)
    sql.execute(
        f"UPDATE {sql.table(NumberSequence)} SET last_number = last_number + 1 WHERE id = %s", [sequence.pk]
    )
    sequence.last_number += 1
    return sequence.last_number


def _check_quota(offer: ServiceOffer, day) -> None:
    """Capacity recipe: called under the sequence lock of the offer's prefix, then count.

    Every request of the service on that day counts, whatever step it is, except the
    ones a transfer created (the visitor had a number already); so do the places that
    extensions hold for visitors still to come (online bookings not checked in yet)."""
    if offer.daily_quota is None:
        return
    issued = ServiceRequest.objects.filter(
        site=offer.site, service=offer.service, visit__day=day, transferred_from__isnull=True
    ).count()
    if issued + extensions.reserved_places(offer, day) >= offer.daily_quota:
        raise rules.Refusal(
            "quota",
            _("Today's quota for this service (%(quota)s visitors) is used up.")
            % {"quota": offer.daily_quota},
        )


def issue_ticket(
    *,
    site: Site,
    services: Sequence[Service],
    channel: str = Channel.KIOSK,
    priority_reason: str = "",
    phone: str = "",
    user: User | None = None,
    booked_at: dt.datetime | None = None,
    language: str = "",
    submit_key: str = "",
) -> Visit:
    """A numbered ticket for one visitor and one or more services (taken in order).

    ``booked_at`` is the start of a booking's slot: the request's place in the queue
    (docs/queue.md), and the booking's reserved place counts against no walk-in quota.

    Every service of the ticket must be open for tickets now (``rules.check_ticket``:
    offered, its agency's hours, the cut-off) and within its daily quota, not only the
    first: a later step is a promise of service today too.

    ``language`` is the visitor's for the messages about this visit (a language the
    platform does not speak, or none, gives Bahasa Indonesia).

    ``submit_key`` (the form's, or the API caller's idempotency key) makes the same
    request sent twice on one day (a double tap, a retry) return the ticket issued the
    first time; stored as a keyed hash of the key, the day and the request.

    Raises ``rules.Refusal`` when the hall cannot issue it (closed, cut-off, quota)
    and ``ValidationError`` for bad input; either way nothing is written.
    """
    now = clock.now()
    if not services or len(services) > MAX_SERVICES_PER_VISIT:
        raise ValidationError({"services": _("Choose one to five services.")})
    if len({service.pk for service in services}) != len(services):
        raise ValidationError({"services": _("Each service may appear only once.")})
    if priority_reason and priority_reason not in PriorityReason.values:
        raise ValidationError({"priority_reason": _("Unknown priority reason.")})
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Unknown channel.")})
    phone = normalize_phone(phone) if phone else ""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    if submit_key:
        # The key is bound to the request and the day: the same key with another ticket
        # (a client that counts its keys, a key of yesterday) is another ticket, never
        # someone else's status token.
        submit_key = submit_key_index(
            submit_key,
            [str(rules.site_day(site, now)), [s.pk for s in services], priority_reason, phone, channel],
            purpose="ticket-submit",
        )
    ticket = {
        "site": site,
        "services": services,
        "channel": channel,
        "priority_reason": priority_reason,
        "phone": phone,
        "user": user,
        "booked_at": booked_at,
        "language": language,
        "submit_key": submit_key,
        "now": now,
    }
    if not submit_key:
        return _issue(**ticket)
    repeated = Visit.objects.filter(site=site, submit_key=submit_key).first()
    if repeated is not None:
        return repeated
    try:
        return _issue(**ticket)
    except IntegrityError:
        # The same key raced this call and won (the unique index decided): its ticket.
        repeated = Visit.objects.filter(site=site, submit_key=submit_key).first()
        if repeated is None:
            raise
        return repeated


def _issue(
    *,
    site: Site,
    services: Sequence[Service],
    channel: str,
    priority_reason: str,
    phone: str,
    user: User | None,
    booked_at: dt.datetime | None,
    language: str,
    submit_key: str,
    now: dt.datetime,
) -> Visit:
    """``issue_ticket`` once its input is checked: the hall's rules, the number, the rows."""
    offers = _offers(site, services)
    first = offers[0]
    for offer in offers:
        rules.check_ticket(offer=offer, now=now, booked=booked_at is not None)
    day = timezone.localdate(now, site.zone)
    with write_transaction():
        sequence = _lock_sequences(site, offers, day)
        if booked_at is None:
            for offer in offers:
                _check_quota(offer, day)
        number = _take_number(sequence)
        visit = sql.insert(
            Visit(
                site=site,
                day=day,
                prefix=first.prefix,
                number=number,
                arrived_at=now,
                priority_reason=priority_reason,
                channel=channel,
                phone=phone,
                language=language,
                submit_key=submit_key,
                issued_by=user,
            )
        )
        requests = [
            sql.insert(
                ServiceRequest(
                    visit=visit,
                    site=site,
                    agency=offer.service.agency,
                    service=offer.service,
                    step=step,
                    status=RequestStatus.WAITING if step == 1 else RequestStatus.PENDING,
                    priority=1 if priority_reason else 0,
                    queue_time=booked_at or now,
                )
            )
            for step, offer in enumerate(offers, start=1)
        ]
        sql.insert(
            Event(
                site=site,
                visit=visit,
                request=requests[0],
                agency=requests[0].agency,
                kind=EventKind.ISSUED,
                at=now,
                officer=user,
                data={"channel": channel},
            )
        )
    return visit
