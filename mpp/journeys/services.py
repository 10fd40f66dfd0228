"""Starting a journey and recording what the next agency needs to know."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.core import clock
from mpp.core.db import write_transaction
from mpp.core.nik import NIKError, parse_nik
from mpp.journeys import selectors
from mpp.journeys.models import HandoffField, HandoffValue, Journey, LifeEvent
from mpp.queueing.models import AT_COUNTER, Channel, CounterSession, ServiceRequest, Visit
from mpp.queueing.services.tickets import issue_ticket
from mpp.tenancy.models import Site, User

MAX_VALUE = 200


def start_journey(
    *,
    site: Site,
    life_event: LifeEvent,
    channel: str = Channel.KIOSK,
    priority_reason: str = "",
    phone: str = "",
    user: User | None = None,
) -> Visit:
    """One number for the whole journey: a visit whose requests are the journey's steps, in order."""
    if not life_event.is_active:
        raise ValidationError({"life_event": _("This life event is not offered.")})
    steps = list(life_event.steps.select_related("service").order_by("position"))
    if not steps:
        raise ValidationError({"life_event": _("This life event has no steps.")})
    with write_transaction():
        visit = issue_ticket(
            site=site,
            services=[step.service for step in steps],
            channel=channel,
            priority_reason=priority_reason,
            phone=phone,
            user=user,
        )
        Journey.objects.create(visit=visit, life_event=life_event, started_at=visit.arrived_at)
    return visit


def _clean(field: HandoffField, raw: str, today: dt.date) -> str:
    value = (raw or "").strip()
    if len(value) > MAX_VALUE:
        raise ValidationError({field.key: _("At most %(max)s characters.") % {"max": MAX_VALUE}})
    if not value:
        return ""
    if field.kind == HandoffField.Kind.DATE:
        try:
            parsed = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValidationError({field.key: _("Enter a date as YYYY-MM-DD.")}) from exc
        if parsed > today:
            raise ValidationError({field.key: _("The date cannot be in the future.")})
        return parsed.isoformat()
    if field.kind == HandoffField.Kind.NUMBER and not re.fullmatch(r"[0-9]+", value):
        raise ValidationError({field.key: _("Enter digits only.")})
    if field.kind == HandoffField.Kind.NIK:
        try:
            return parse_nik(value, today=today).value
        except NIKError as exc:
            raise ValidationError({field.key: exc.message}) from exc
    return value


def record_handoff(
    *, session: CounterSession, request_id: object, values: dict[str, str]
) -> list[HandoffValue]:
    """Save the hand-off facts of the step at this counter (all or nothing)."""
    now = clock.now()
    try:
        request_ = ServiceRequest.objects.select_related("visit__journey", "visit__site").get(
            pk=int(str(request_id)), counter=session.counter, status__in=AT_COUNTER
        )
        journey = request_.visit.journey
    except (ServiceRequest.DoesNotExist, Journey.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise ValidationError(_("This ticket is not at your counter.")) from exc
    step = journey.life_event.steps.get(position=request_.step)
    today = timezone.localdate(now, request_.visit.site.zone)
    fields = selectors.own_fields(step)
    unknown = set(values) - {f.key for f in fields}
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    errors, cleaned = {}, {}
    for field in fields:
        try:
            cleaned[field] = _clean(field, values.get(field.key, ""), today)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    saved = []
    with write_transaction():
        for field, value in cleaned.items():
            if not value:
                HandoffValue.objects.filter(journey=journey, field=field).delete()
                continue
            row, _created = HandoffValue.objects.update_or_create(
                journey=journey,
                field=field,
                defaults={
                    "value": value,
                    "request": request_,
                    "recorded_by": session.officer,
                    "recorded_at": now,
                },
            )
            saved.append(row)
    return saved


def missing_required(request_: ServiceRequest) -> list[str]:
    """Labels of required hand-off facts of this step that are not recorded yet."""
    step = selectors.step_of(request_)
    if step is None:
        return []
    recorded = set(
        HandoffValue.objects.filter(journey__visit_id=request_.visit_id, field__step=step).values_list(
            "field_id", flat=True
        )
    )
    return [f.label for f in selectors.own_fields(step) if f.is_required and f.pk not in recorded]
