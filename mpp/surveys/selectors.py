"""What the survey pages read: the form's unsur, what a visitor may still rate, results."""

import datetime as dt
import hmac
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from mpp.catalog.models import Service
from mpp.core import clock
from mpp.privacy.crypto import blind_index
from mpp.queueing.models import RequestStatus, ServiceRequest, Visit
from mpp.surveys import ikm
from mpp.surveys.models import Answer, Response, Unsur
from mpp.surveys.periods import Period
from mpp.tenancy.models import Agency, Site


def request_key(request_id: int) -> str:
    return blind_index(str(request_id), purpose="skm-request")


def unsur_for(agency: Agency | None) -> list[Unsur]:
    """The form of an agency: the regulation's nine and the agency's own, in form order."""
    condition = Q(agency=None)
    if agency is not None:
        condition |= Q(agency=agency)
    return list(Unsur.objects.filter(condition, is_active=True).order_by("position", "id"))


def open_requests(visit: Visit) -> list[ServiceRequest]:
    """The visit's finished services not rated yet (one response per request)."""
    done = list(
        visit.requests.filter(status=RequestStatus.DONE)
        .select_related("service", "agency")
        .order_by("step", "id")
    )
    rated = set(
        Response.objects.filter(request_key__in=[request_key(r.pk) for r in done]).values_list(
            "request_key", flat=True
        )
    )
    return [r for r in done if request_key(r.pk) not in rated]


@dataclass(frozen=True)
class Scope:
    """What a report covers: a site, optionally one agency, optionally one service."""

    site: Site
    agency: Agency | None = None
    service: Service | None = None

    def filter(self) -> Q:
        condition = Q(site=self.site)
        if self.agency is not None:
            condition &= Q(agency=self.agency)
        if self.service is not None:
            condition &= Q(service=self.service)
        return condition

    @property
    def label(self) -> str:
        parts = [self.site.name]
        if self.agency is not None:
            parts.append(self.agency.name)
        if self.service is not None:
            parts.append(self.service.name)
        return " · ".join(parts)


def responses(scope: Scope, period: Period) -> QuerySet[Response]:
    return Response.objects.filter(scope.filter(), served_on__gte=period.start, served_on__lte=period.end)


def _unsur_of_scope(scope: Scope, unsur_ids: set[int]) -> list[tuple[str, str]]:
    """The nine first, then any agency unsur that was answered, keyed by name."""
    rows = Unsur.objects.filter(Q(agency=None) | Q(pk__in=unsur_ids)).order_by("agency_id", "position", "id")
    seen: dict[str, str] = {}
    for row in rows:
        key = row.key if row.agency_id is None else f"{row.agency_id}:{row.key}"
        if row.agency_id is None and not row.is_active and row.pk not in unsur_ids:
            continue
        seen.setdefault(key, row.name)
    return list(seen.items())


def result(scope: Scope, period: Period) -> ikm.Result:
    """The IKM of a scope and period, from every response in it (paper ones included).

    An agency's own unsur count in its IKM and its services'; across agencies (the whole
    mall) only the regulation's nine do, so that one agency's extra question does not
    weigh as much as a national one in the mall's figure.
    """
    answers = Answer.objects.filter(response__in=responses(scope, period).values("pk"))
    if scope.agency is None:
        answers = answers.filter(unsur__agency=None)
    answers = answers.values_list("response_id", "unsur_id", "unsur__key", "unsur__agency_id", "value")
    by_response: dict[int, dict[str, int]] = defaultdict(dict)
    unsur_ids: set[int] = set()
    for response_id, unsur_id, key, agency_id, value in answers:
        by_response[response_id][key if agency_id is None else f"{agency_id}:{key}"] = value
        unsur_ids.add(unsur_id)
    count = responses(scope, period).count()
    empty = [{} for _ in range(count - len(by_response))]  # responses that answered nothing
    return ikm.compute(_unsur_of_scope(scope, unsur_ids), [*by_response.values(), *empty])


def population(scope: Scope, period: Period) -> int:
    """Visitors served in the period: the population the sample is drawn from."""
    condition = Q(site=scope.site, status=RequestStatus.DONE)
    if scope.agency is not None:
        condition &= Q(agency=scope.agency)
    if scope.service is not None:
        condition &= Q(service=scope.service)
    return ServiceRequest.objects.filter(
        condition, visit__day__gte=period.start, visit__day__lte=period.end
    ).count()


@dataclass(frozen=True)
class Report:
    scope: Scope
    period: Period
    result: ikm.Result
    population: int
    trend: list[tuple[Period, ikm.Result]]

    @property
    def minimum(self) -> int:
        return ikm.minimum_sample(self.population)

    @property
    def enough(self) -> bool:
        return self.result.respondents >= self.minimum


def report(scope: Scope, period: Period, trend_length: int = 6) -> Report:
    trend = [(p, result(scope, p)) for p in period.previous(trend_length)]
    return Report(scope, period, trend[-1][1], population(scope, period), trend)


def agencies_of(site: Site) -> QuerySet[Agency]:
    return Agency.objects.filter(sites=site, is_active=True).order_by("name")


def per_agency(site: Site, period: Period) -> list[tuple[Agency, ikm.Result]]:
    return [(agency, result(Scope(site, agency), period)) for agency in agencies_of(site)]


def served_day(request: ServiceRequest, zone) -> dt.date:
    return (request.finished_at or request.visit.arrived_at).astimezone(zone).date()


# At the exit kiosk: a typed number opens services finished this recently.
KIOSK_RECENT = dt.timedelta(hours=2)
TOKEN_IN_URL = re.compile(r"/tiket/([A-Za-z0-9_-]{8,40})/?")
TICKET_CODE = re.compile(r"^([A-Za-z]{1,2})\s*-?\s*0*(\d{1,4})$")


def kiosk_requests(site: Site, raw: str, check: str = "") -> list[ServiceRequest] | None:
    """The services a ticket may rate here: by QR code any open one, by number and the
    ticket code printed under it recent ones (a number alone would let anyone rate every
    visitor of the day: numbers run in order and show on the boards)."""
    found = TOKEN_IN_URL.search(raw)
    if found:
        visit = Visit.objects.filter(site=site, token=found.group(1)).first()
        return open_requests(visit) if visit else None
    code = TICKET_CODE.match(raw.strip())
    if not code:
        return None
    now = clock.now()
    visit = Visit.objects.filter(
        site=site,
        day=now.astimezone(site.zone).date(),
        prefix=code.group(1).upper(),
        number=int(code.group(2)),
    ).first()
    if visit is None or not hmac.compare_digest(check.strip().encode(), visit.check_code.encode()):
        return None
    return [r for r in open_requests(visit) if r.finished_at and r.finished_at >= now - KIOSK_RECENT]
