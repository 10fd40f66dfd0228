"""The satisfaction survey through the API: the questionnaire, answering by ticket,
paper forms, and the IKM (public, as the regulation wants it published)."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StrictInt

from mpp.api.auth import STAFF
from mpp.api.routers.catalog import MAX_ID, Input
from mpp.catalog.models import Service
from mpp.queueing.models import RequestStatus, Visit
from mpp.surveys import access, export, periods, selectors, services
from mpp.surveys.models import Response
from mpp.tenancy.models import Agency, Site

router = Router(tags=["surveys"])


class AnswerOptionOut(Schema):
    value: int
    label: str


class UnsurOut(Schema):
    key: str
    name: str
    question: str
    answers: list[AnswerOptionOut]
    agency: str | None


class OpenServiceOut(Schema):
    request_id: int
    service: str
    agency: str


class ProfileIn(Input):
    age: StrictInt | None = Field(None, ge=10, le=110)
    sex: Literal["L", "P", ""] = ""
    education: Literal[tuple(Response.Education.values)] | Literal[""] = ""  # type: ignore[valid-type]
    occupation: Literal[tuple(Response.Occupation.values)] | Literal[""] = ""  # type: ignore[valid-type]
    comment: str = Field("", max_length=1000)


class SurveyIn(ProfileIn):
    answers: dict[str, StrictInt | None] = Field(..., max_length=40)


class PaperIn(SurveyIn):
    agency: str = Field(..., max_length=60)
    service_id: StrictInt | None = Field(None, ge=1, le=MAX_ID)
    served_on: dt.date
    idempotency_key: str = Field(
        "", max_length=64, description="The same key again returns the form saved the first time."
    )


class ResponseOut(Schema):
    id: int
    agency: str
    served_on: dt.date
    channel: str


class UnsurResultOut(Schema):
    key: str
    name: str
    respondents: int
    nrr: Decimal | None
    weighted_nrr: Decimal | None
    converted: Decimal | None
    mutu: str | None


class IkmOut(Schema):
    site: str
    agency: str | None
    service_id: int | None
    period: str
    period_start: dt.date
    period_end: dt.date
    respondents: int
    population: int
    minimum_sample: int
    ikm: Decimal | None = Field(None, description="1-4 scale, four decimals")
    converted: Decimal | None = Field(None, description="IKM unit pelayanan, 25-100, two decimals")
    mutu: str | None
    kinerja: str | None
    unsur: list[UnsurResultOut]


def _language() -> str:
    return (get_language() or "id")[:2]


def _unsur_out(items) -> list[dict]:
    language = _language()
    return [
        {
            "key": u.key,
            "name": u.name,
            "question": u.question_in(language),
            "answers": [{"value": v, "label": label} for v, label in u.answers(language)],
            "agency": None if u.agency_id is None else u.agency.slug,
        }
        for u in items
    ]


@router.get("/survey/unsur", response=list[UnsurOut], auth=None)
def questionnaire(request, agency: str = ""):
    """The questionnaire: the regulation's nine unsur and, with ``?agency=``, the agency's own."""
    found = get_object_or_404(Agency, slug=agency[:60], is_active=True) if agency else None
    return _unsur_out(selectors.unsur_for(found))


def _visit(token: str) -> Visit:
    return get_object_or_404(Visit.objects.select_related("site"), token=token[:40])


@router.get("/tickets/{token}/survey", response=list[OpenServiceOut], auth=None)
def open_services(request, token: str):
    """The ticket's finished services not rated yet."""
    return [
        {"request_id": r.pk, "service": r.service.name, "agency": r.agency.slug}
        for r in selectors.open_requests(_visit(token))
    ]


@router.post("/tickets/{token}/survey/{request_id}", response={201: ResponseOut}, auth=None)
def answer(request, token: str, request_id: int, payload: SurveyIn):
    """Rate one finished service of the ticket, once. Every unsur of its form is required."""
    visit = _visit(token)
    if not 0 < request_id <= MAX_ID:
        raise Http404
    service_request = get_object_or_404(
        visit.requests.select_related("agency", "site"), pk=request_id, status=RequestStatus.DONE
    )
    try:
        saved = services.answer_for_request(
            request=service_request,
            answers=payload.answers,
            profile=payload.model_dump(exclude={"answers"}),
            channel=Response.Channel.API,
        )
    except services.AlreadyAnswered as exc:
        raise HttpError(409, str(exc)) from exc
    return Status(201, _response_out(saved))


def _response_out(response: Response) -> dict:
    return {
        "id": response.pk,
        "agency": response.agency.slug,
        "served_on": response.served_on,
        "channel": response.channel,
    }


def _site(slug: str) -> Site:
    return get_object_or_404(Site, slug=slug[:80], is_active=True)


@router.post("/sites/{slug}/surveys/paper", response={201: ResponseOut}, auth=STAFF)
def paper(request, slug: str, payload: PaperIn):
    """A paper questionnaire typed in by staff of the agency (or the site)."""
    site = _site(slug)
    agency = get_object_or_404(selectors.agencies_of(site), slug=payload.agency)
    if not access.enterers(request.auth).allows(site.pk, agency.pk):
        raise Http404
    service = None
    if payload.service_id is not None:
        service = Service.objects.filter(pk=payload.service_id, agency=agency).first()
        if service is None:
            raise ValidationError({"service_id": [_("This service is not one of this agency's.")]})
    saved = services.enter_paper_form(
        site=site,
        agency=agency,
        service=service,
        served_on=payload.served_on,
        answers=payload.answers,
        profile=payload.model_dump(
            exclude={"answers", "agency", "service_id", "served_on", "idempotency_key"}
        ),
        user=request.auth,
        submit_key=payload.idempotency_key,
    )
    return Status(201, _response_out(saved))


def _scope(site: Site, agency: str, service_id: int | None) -> selectors.Scope:
    found = get_object_or_404(selectors.agencies_of(site), slug=agency[:60]) if agency else None
    service = None
    if service_id is not None:
        if found is None or not 0 < service_id <= MAX_ID:
            raise Http404
        service = get_object_or_404(Service, pk=service_id, agency=found)
    return selectors.Scope(site, found, service)


def _period(code: str) -> periods.Period:
    try:
        return periods.parse(code)
    except ValueError as exc:
        raise ValidationError({"period": [str(exc)]}) from exc


@router.get("/sites/{slug}/ikm", response=IkmOut, auth=None)
def index(request, slug: str, period: str, agency: str = "", service_id: int | None = None):
    """The IKM of the site, an agency or a service for a period (public: no respondent data)."""
    site = _site(slug)
    scope = _scope(site, agency, service_id)
    report = selectors.report(scope, _period(period), trend_length=1)
    result = report.result
    return {
        "site": site.slug,
        "agency": scope.agency.slug if scope.agency else None,
        "service_id": scope.service.pk if scope.service else None,
        "period": report.period.code,
        "period_start": report.period.start,
        "period_end": report.period.end,
        "respondents": result.respondents,
        "population": report.population,
        "minimum_sample": report.minimum,
        "ikm": result.index_display,
        "converted": result.converted,
        "mutu": result.grade.mutu if result.grade else None,
        "kinerja": result.grade.kinerja if result.grade else None,
        "unsur": [
            {
                "key": u.key,
                "name": u.name,
                "respondents": u.respondents,
                "nrr": u.nrr_display if u.respondents else None,
                "weighted_nrr": u.weighted_display,
                "converted": u.converted if u.respondents else None,
                "mutu": u.grade.mutu if u.respondents and u.grade else None,
            }
            for u in result.unsur
        ],
    }


@router.get("/sites/{slug}/ikm.xlsx", auth=STAFF)
def spreadsheet(request, slug: str, period: str, agency: str = "", service_id: int | None = None):
    """The report with its respondent grid, for the agencies' and the manager's staff."""
    site = _site(slug)
    scope = _scope(site, agency, service_id)
    reach = access.readers(request.auth)
    if not reach.allows(site.pk, scope.agency.pk if scope.agency else None):
        if not (reach.everything or site.pk in reach.sites):
            raise Http404
        raise PermissionDenied
    the_period = _period(period)
    content = export.workbook(selectors.report(scope, the_period, 1), selectors.responses(scope, the_period))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="ikm-{site.slug}-{the_period.code}.xlsx"'
    return response
