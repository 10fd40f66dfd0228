"""Sites, agencies, services and their standards.

Reads are public (what the portal shows); changes need a staff login or token
and follow the same scoping as the back office.
"""

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict, StrictBool, StrictInt

from mpp.api.auth import PUBLIC, STAFF
from mpp.catalog import access as catalog_access
from mpp.catalog import selectors, services
from mpp.catalog.models import DocumentType, ServiceStandard
from mpp.core.db import MAX_ID
from mpp.tenancy import services as tenancy_services
from mpp.tenancy.access import get_agency_for_edit
from mpp.tenancy.models import Agency, Site

router = Router(tags=["catalogue"])


# Schemas ------------------------------------------------------------------------


class HoursOut(Schema):
    weekday: int
    opens_at: dt.time
    closes_at: dt.time
    valid_from: dt.date | None
    valid_until: dt.date | None
    label: str
    agency: str | None = Field(None, alias="agency.slug")


class SiteOut(Schema):
    slug: str
    name: str
    kind: str
    operator: str
    region_code: str
    address: str
    phone: str
    email: str
    timezone: str
    working_weekdays: str


class SiteDetailOut(SiteOut):
    hours: list[HoursOut]


class AgencyOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    description: str
    website: str
    phone: str
    maklumat: str


class DocumentOut(Schema):
    id: int
    name: str
    short_name: str


class ProductOut(Schema):
    document_id: int = Field(..., alias="document_type_id")
    name: str = Field(..., alias="display_name", description="As published (frozen), or current in a draft.")
    note: str


class RequirementOut(ProductOut):
    is_optional: bool


class StandardOut(Schema):
    """The six service-delivery components, which every citizen may read."""

    id: int
    service_id: int
    version: int
    status: str
    sk_number: str
    sk_date: dt.date | None
    published_at: dt.datetime | None
    requirements: list[RequirementOut]
    requirements_note: str
    procedure: str
    procedure_steps: list[str]
    completion_time: int
    completion_unit: str
    completion_display: str
    fee: int
    fee_basis: str
    fee_note: str
    products: list[ProductOut]
    products_note: str
    complaints: str


class StandardFullOut(StandardOut):
    """Plus the eight management components, for the agency's own staff."""

    legal_basis: str
    facilities: str
    competence: str
    internal_supervision: str
    staff_count: str
    service_guarantee: str
    security_guarantee: str
    performance_evaluation: str


class ServiceOut(Schema):
    id: int
    agency: str = Field(..., alias="agency.slug")
    agency_name: str = Field(..., alias="agency.name")
    name: str
    slug: str
    summary: str
    keywords: str
    is_active: bool


class ServiceDetailOut(ServiceOut):
    current_standard: StandardOut | None


class Input(Schema):
    """Request bodies: unknown fields are refused (a typo must not pass silently) and
    numbers and booleans must be JSON numbers and booleans, not strings or 0/1."""

    model_config = ConfigDict(extra="forbid")


class ServiceIn(Input):
    name: str = Field(..., min_length=3, max_length=200)
    slug: str = Field(..., min_length=1, max_length=80, pattern=r"^[-a-z0-9]+$")
    summary: str = Field("", max_length=300)
    keywords: str = Field("", max_length=500)


class ServicePatch(Input):
    name: str | None = Field(None, min_length=3, max_length=200)
    summary: str | None = Field(None, max_length=300)
    keywords: str | None = Field(None, max_length=500)
    is_active: StrictBool | None = None


class AgencyPatch(Input):
    description: str | None = Field(None, max_length=2000)
    maklumat: str | None = Field(None, min_length=10, max_length=2000)
    website: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=30)


class DocumentLineIn(Input):
    document_id: StrictInt = Field(..., ge=1, le=MAX_ID)
    note: str = Field("", max_length=300)
    is_optional: StrictBool = False


class DraftPatch(Input):
    requirements_note: str | None = Field(None, max_length=2000)
    procedure: str | None = Field(None, max_length=4000)
    completion_time: StrictInt | None = Field(None, ge=1, le=10_000)
    completion_unit: Literal["minutes", "working_days"] | None = None
    fee: StrictInt | None = Field(None, ge=0, le=1_000_000_000_000)
    fee_basis: str | None = Field(None, max_length=300)
    fee_note: str | None = Field(None, max_length=300)
    products_note: str | None = Field(None, max_length=1000)
    complaints: str | None = Field(None, max_length=2000)
    legal_basis: str | None = Field(None, max_length=4000)
    facilities: str | None = Field(None, max_length=2000)
    competence: str | None = Field(None, max_length=2000)
    internal_supervision: str | None = Field(None, max_length=2000)
    staff_count: str | None = Field(None, max_length=200)
    service_guarantee: str | None = Field(None, max_length=2000)
    security_guarantee: str | None = Field(None, max_length=2000)
    performance_evaluation: str | None = Field(None, max_length=2000)
    requirements: list[DocumentLineIn] | None = Field(None, max_length=50)
    products: list[DocumentLineIn] | None = Field(None, max_length=20)


class PublishIn(Input):
    sk_number: str = Field(..., min_length=1, max_length=120)
    sk_date: dt.date


# Helpers ------------------------------------------------------------------------


def _standard_out(user, standard: ServiceStandard) -> dict:
    """The public components for everyone, the management ones for the agency's staff."""
    schema = StandardFullOut if catalog_access.can_read_internal(user, standard.service) else StandardOut
    # By alias: the response is validated again against the same schemas, which read
    # document lines by their aliases (document_type_id, display_name).
    return schema.from_orm(standard).model_dump(by_alias=True)


def _document_lines(lines: list[DocumentLineIn] | None, field: str) -> list[services.DocumentLine] | None:
    if lines is None:
        return None
    ids = {line.document_id for line in lines}
    documents = DocumentType.objects.in_bulk(ids)
    missing = sorted(ids - documents.keys())
    if missing:
        raise ValidationError(
            {field: _("Unknown document ids: %(ids)s") % {"ids": ", ".join(map(str, missing))}},
            code="unknown",
        )
    return [
        services.DocumentLine(
            document_type=documents[line.document_id], note=line.note, is_optional=line.is_optional
        )
        for line in lines
    ]


# Public reads -------------------------------------------------------------------


@router.get("/sites", response=list[SiteOut], auth=None)
def list_sites(request):
    return Site.objects.filter(is_active=True)


@router.get("/sites/{slug}", response=SiteDetailOut, auth=None)
def get_site(request, slug: str):
    site = get_object_or_404(Site, slug=slug, is_active=True)
    site.hours = list(site.opening_hours.select_related("agency"))
    return site


@router.get("/sites/{slug}/agencies", response=list[AgencyOut], auth=None)
def list_site_agencies(request, slug: str):
    site = get_object_or_404(Site, slug=slug, is_active=True)
    return selectors.public_agencies(site)


@router.get("/sites/{slug}/services", response=list[ServiceOut], auth=None)
def list_site_services(
    request, slug: str, q: str = Query("", max_length=200), agency: str = Query("", max_length=60)
):
    """The site's public services; ``q`` searches them by everyday words, best first."""
    site = get_object_or_404(Site, slug=slug, is_active=True)
    if q.strip():
        return selectors.search_services(site=site, query=q, agency=agency).services
    queryset = selectors.public_services(site).order_by("agency__name", "name")
    return queryset.filter(agency__slug=agency) if agency else queryset


@router.get("/agencies/{slug}", response=AgencyOut, auth=None)
def get_agency(request, slug: str):
    return get_object_or_404(Agency, slug=slug, is_active=True)


@router.get("/document-types", response=list[DocumentOut], auth=None)
def list_document_types(request):
    return DocumentType.objects.all()


@router.get("/services/{service_id}", response=ServiceDetailOut, auth=PUBLIC)
def get_service(request, service_id: int):
    service = catalog_access.get_service_for_read(request.auth, service_id)
    service.current_standard = selectors.current_standard(service)
    return service


@router.get("/services/{service_id}/standards", response=list[StandardOut], auth=PUBLIC)
def list_standards(request, service_id: int):
    """Every version: published and superseded for all, the draft for the agency's staff."""
    service = catalog_access.get_service_for_read(request.auth, service_id)
    versions = service.standards.prefetch_related("requirements__document_type", "products__document_type")
    if not catalog_access.can_read_internal(request.auth, service):
        versions = versions.exclude(status=ServiceStandard.Status.DRAFT)
    return list(versions.order_by("-version"))


@router.get("/standards/{standard_id}", response=StandardFullOut | StandardOut, auth=PUBLIC)
def get_standard(request, standard_id: int):
    standard = catalog_access.get_standard_for_read(request.auth, standard_id)
    return _standard_out(request.auth, selectors.standard_with_lines(standard.pk))


# Changes (agency admins and managers) ------------------------------------------------


@router.patch("/agencies/{slug}", response=AgencyOut, auth=STAFF)
def update_agency(request, slug: str, payload: AgencyPatch):
    agency = get_object_or_404(Agency, slug=slug)
    agency = get_agency_for_edit(request.auth, agency.pk)
    return tenancy_services.update_agency(
        agency=agency, **payload.dict(exclude_unset=True, exclude_none=True)
    )


@router.post("/agencies/{slug}/services", response={201: ServiceOut}, auth=STAFF)
def create_service(request, slug: str, payload: ServiceIn):
    agency = get_object_or_404(Agency, slug=slug)
    agency = get_agency_for_edit(request.auth, agency.pk)
    return Status(201, services.create_service(agency=agency, **payload.dict()))


@router.patch("/services/{service_id}", response=ServiceOut, auth=STAFF)
def update_service(request, service_id: int, payload: ServicePatch):
    service = catalog_access.get_service_for_edit(request.auth, service_id)
    return services.update_service(service=service, **payload.dict(exclude_unset=True, exclude_none=True))


@router.post("/services/{service_id}/draft", response={201: StandardFullOut}, auth=STAFF)
def start_draft(request, service_id: int):
    """The service's draft standard, copied from the current version if there is no draft yet."""
    service = catalog_access.get_service_for_edit(request.auth, service_id)
    return Status(201, selectors.standard_with_lines(services.start_draft(service=service).pk))


@router.patch("/standards/{standard_id}", response=StandardFullOut, auth=STAFF)
def update_draft(request, standard_id: int, payload: DraftPatch):
    standard = catalog_access.get_standard_for_edit(request.auth, standard_id)
    data = payload.dict(exclude_unset=True, exclude_none=True)
    requirements = _document_lines(payload.requirements, "requirements")
    products = _document_lines(payload.products, "products")
    data.pop("requirements", None)
    data.pop("products", None)
    standard = services.update_draft(standard=standard, requirements=requirements, products=products, **data)
    return selectors.standard_with_lines(standard.pk)


@router.post("/standards/{standard_id}/publish", response=StandardFullOut, auth=STAFF)
def publish_standard(request, standard_id: int, payload: PublishIn):
    standard = catalog_access.get_standard_for_edit(request.auth, standard_id)
    standard = services.publish_standard(
        standard=standard, sk_number=payload.sk_number, sk_date=payload.sk_date, user=request.auth
    )
    return selectors.standard_with_lines(standard.pk)


@router.delete("/standards/{standard_id}", response={204: None}, auth=STAFF)
def discard_draft(request, standard_id: int):
    standard = catalog_access.get_standard_for_edit(request.auth, standard_id)
    services.discard_draft(standard=standard)
    return Status(204, None)
