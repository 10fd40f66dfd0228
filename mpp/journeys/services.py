"""Starting a journey and recording what the next agency needs to know."""

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.core import clock
from mpp.core.db import write_transaction
from mpp.core.nik import NIKError, mask_nik, parse_nik
from mpp.journeys import selectors
from mpp.journeys.models import MAX_STEPS, HandoffField, HandoffValue, Journey, JourneyStep, LifeEvent, Step
from mpp.privacy.services import record_access_once
from mpp.queueing import rules
from mpp.queueing.models import AT_COUNTER, Channel, CounterSession, ServiceRequest, Visit
from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket
from mpp.tenancy.models import Agency, Counter, Site, User

MAX_VALUE = 200


def start_journey(
    *,
    site: Site,
    life_event: LifeEvent,
    channel: str = Channel.KIOSK,
    priority_reason: str = "",
    phone: str = "",
    user: User | None = None,
    language: str = "",
) -> Visit:
    """One number for the whole journey: a visit whose requests are the journey's steps, in order.

    Each request is linked to its template step here, once (``JourneyStep``): what its
    officer reads and records follows that link for the rest of the journey.
    """
    if not life_event.is_active:
        raise ValidationError({"life_event": _("This life event is not offered.")})
    steps = list(life_event.steps.select_related("service").order_by("position"))
    if not steps:
        raise ValidationError({"life_event": _("This life event has no steps.")})
    if len(steps) > MAX_STEPS:
        # The back office refuses such a life event now; one saved before that rule is
        # refused here, in words, instead of failing inside the ticket.
        raise rules.Refusal(
            "too_many_steps",
            _(
                "This life event has %(count)s steps, more than one number can hold (%(max)s). "
                "Please ask at the front desk for separate numbers."
            )
            % {"count": len(steps), "max": MAX_STEPS},
        )
    with write_transaction():
        visit = issue_ticket(
            site=site,
            services=[step.service for step in steps],
            channel=channel,
            priority_reason=priority_reason,
            phone=phone,
            user=user,
            language=language,
        )
        journey = Journey.objects.create(visit=visit, life_event=life_event, started_at=visit.arrived_at)
        # A life event names each service once (step_service_once), and so does a visit.
        requests = {r.service_id: r for r in visit.requests.all()}
        JourneyStep.objects.bulk_create(
            JourneyStep(journey=journey, request=requests[step.service_id], step=step) for step in steps
        )
    return visit


@dataclass
class ShownValue:
    key: str
    label: str
    value: str  # a NIK masked
    agency: Agency  # of the step that recorded it


def shown_handoff(*, user: User, counter: Counter, journey: Journey, step: Step) -> list[ShownValue]:
    """What the earlier steps passed to ``step``, as its officer may see it: only the fields
    declared for it, a NIK masked, and the reading written to the access audit."""
    values = selectors.visible_values(journey, step)
    if not values:
        return []
    # A hand-off may hold a NIK: each officer's reading of it is in the access audit (once
    # per officer and journey in ten minutes, so that a refreshing screen is one reading).
    record_access_once(
        user=user,
        subject=f"journeys.journey:{journey.pk}",
        fields=[value.field.key for value in values],
        purpose=_("Hand-off of a life-event journey"),
        site=counter.site,
        agency=counter.agency,
    )
    return [
        ShownValue(
            key=value.field.key,
            label=value.field.label,
            value=mask_nik(value.value) if value.field.kind == HandoffField.Kind.NIK else value.value,
            agency=value.field.step.service.agency,
        )
        for value in values
    ]


def _at_counter(session: CounterSession, request_id: object) -> tuple[CounterSession, ServiceRequest]:
    """The session, re-read once the queue confirms it is still open (and locked, so that
    this action waits for any other on the counter), and the request at its counter: the
    queue's own check and lookup, so that every counter action agrees on both."""
    session = desk.live_session(session)
    return session, desk.request_at_counter(session, request_id, AT_COUNTER)


def read_handoff(*, user: User, session: CounterSession, request_id: object) -> list[ShownValue]:
    """The hand-off for the request at this counter (the API's reading of the console's block)."""
    with write_transaction():
        session, request_ = _at_counter(session, request_id)
        link = selectors.journey_step_of(request_)
        if link is None:
            return []
        return shown_handoff(user=user, counter=session.counter, journey=link.journey, step=link.step)


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
    with write_transaction():
        session, request_ = _at_counter(session, request_id)
        link = selectors.journey_step_of(request_)
        if link is None:
            # Not a step of a journey (a walk-in, or a transfer from a step): nothing to hand on.
            raise ValidationError(_("This ticket has no hand-off to record."), code="no_handoff")
        journey, step = link.journey, link.step
        today = timezone.localdate(now, session.counter.site.zone)
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
    link = selectors.journey_step_of(request_)
    if link is None:
        return []
    recorded = set(
        HandoffValue.objects.filter(journey=link.journey, field__step=link.step).values_list(
            "field_id", flat=True
        )
    )
    return missing_labels(selectors.own_fields(link.step), recorded)


def missing_labels(fields: list[HandoffField], recorded: Collection[int]) -> list[str]:
    """Of a step's own fields, the required ones without a value (an empty value is not kept)."""
    return [f.label for f in fields if f.is_required and f.pk not in recorded]
