"""Reads of life events: the whole journey's plan, and what each step may see."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from mpp.catalog import selectors as catalog
from mpp.catalog.models import DocumentType, ServiceStandard
from mpp.core import sql
from mpp.journeys.models import (
    HandoffField,
    HandoffValue,
    Journey,
    JourneyStep,
    LifeEvent,
    Satisfaction,
    Step,
)
from mpp.queueing.models import ServiceOffer, ServiceRequest
from mpp.tenancy.models import Site


def life_events_at(site: Site, *, in_hall: bool = False) -> QuerySet[LifeEvent]:
    """Active life events every step of which the site can serve.

    ``in_hall``: every step must also be offered in the hall (for the kiosk and the
    front desk); otherwise a published standard at an agency of the site is enough.
    """
    if in_hall:
        missing = Step.objects.filter(life_event=OuterRef("pk")).exclude(
            Exists(ServiceOffer.objects.filter(site=site, service=OuterRef("service"), is_active=True))
        )
    else:
        served = catalog.public_services(site).values("pk")
        missing = Step.objects.filter(life_event=OuterRef("pk")).exclude(service__in=served)
    return (
        LifeEvent.objects.filter(is_active=True)
        .annotate(step_count=Count("steps"))
        .filter(step_count__gt=0)
        .exclude(Exists(missing))
        .order_by("name")
    )


@dataclass
class Need:
    """One document to bring, once, and the steps that need it."""

    document: DocumentType
    note: str
    steps: list[int] = field(default_factory=list)
    optional: bool = True


@dataclass
class PlannedStep:
    step: Step
    standard: ServiceStandard | None
    passed_on: list[str] = field(default_factory=list)  # documents an earlier step provides


@dataclass
class Plan:
    life_event: LifeEvent
    steps: list[PlannedStep]
    bring: list[Need]
    total_fee: int
    minutes: int
    working_days: int


def plan(life_event: LifeEvent) -> Plan:
    """The combined checklist (each document once, none that an earlier step provides),
    the total fee and the time of the whole journey."""
    steps = list(life_event.steps.select_related("service__agency").order_by("position"))
    standards = {
        standard.service_id: standard
        for standard in ServiceStandard.objects.filter(
            service__in=[s.service_id for s in steps], status=ServiceStandard.Status.PUBLISHED
        ).prefetch_related("requirements__document_type", "products__document_type")
    }
    passes = list(Satisfaction.objects.filter(to_step__in=steps).select_related("from_step"))
    produced: dict[int, set[int]] = {}  # document id -> positions producing it
    planned, needs = [], {}
    for step in steps:
        standard = standards.get(step.service_id)
        item = PlannedStep(step=step, standard=standard)
        if standard is not None:
            for line in standard.requirements.all():
                document = line.document_type_id
                by_earlier = any(position < step.position for position in produced.get(document, ()))
                by_mapping = any(p.to_step_id == step.pk and p.requirement_id == document for p in passes)
                if by_earlier or by_mapping:
                    item.passed_on.append(line.display_name)
                    continue
                need = needs.setdefault(document, Need(document=line.document_type, note=line.note))
                need.steps.append(step.position)
                need.optional = need.optional and line.is_optional
            for line in standard.products.all():
                produced.setdefault(line.document_type_id, set()).add(step.position)
        planned.append(item)
    present = [p.standard for p in planned if p.standard is not None]
    unit = ServiceStandard.TimeUnit
    return Plan(
        life_event=life_event,
        steps=planned,
        bring=sorted(needs.values(), key=lambda n: (n.optional, n.steps[0])),
        total_fee=sum(s.fee for s in present),
        minutes=sum(s.completion_time for s in present if s.completion_unit == unit.MINUTES),
        working_days=sum(s.completion_time for s in present if s.completion_unit == unit.WORKING_DAYS),
    )


def journey_step_of(request_: ServiceRequest) -> JourneyStep | None:
    """The journey and template step this request stands for, as linked when the journey
    started; None for a request that is no step of a journey (a walk-in, a transfer)."""
    # Finishing any request asks this, and most are no step of a journey: a look by hand
    # (mpp.core.sql; the ORM's query below costs ten times more to build) answers them.
    if sql.fetchone(f"SELECT 1 FROM {sql.table(JourneyStep)} WHERE request_id = %s", [request_.pk]) is None:
        return None
    return (
        JourneyStep.objects.filter(request_id=request_.pk)
        .select_related("journey__life_event", "step__service")
        .first()
    )


def visible_values(journey: Journey, step: Step) -> list[HandoffValue]:
    """The hand-off facts the officer of ``step`` may read: only those declared for it."""
    return list(
        HandoffValue.objects.filter(journey=journey, field__visible_to=step)
        .select_related("field__step__service__agency")
        .order_by("field__step__position", "field__position")
    )


def own_fields(step: Step) -> list[HandoffField]:
    return list(step.handoff_fields.order_by("position", "id"))


def with_steps(queryset: QuerySet[LifeEvent]) -> QuerySet[LifeEvent]:
    return queryset.prefetch_related(
        Prefetch("steps", queryset=Step.objects.select_related("service__agency").order_by("position"))
    )
