"""Complaints through the API: the portal's steps for other front ends (no account,
exactly as in the portal), and the complaint desk's and the agencies' work.

Citizens file a complaint (``POST /sites/{slug}/complaints``), get its tracking ID and a
PIN once, and follow and answer it with the two (``POST /complaints/tracking``). Staff
read the complaints of their scope: the desk (the site's managers) all of its site's,
an agency's staff those forwarded to it at that site; identities are masked, confidential
ones hidden from everyone but the desk, and plain only through the audited
``POST /complaints/{tracking_id}/identity``.
"""

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictBool, StrictInt

from mpp.api.auth import STAFF
from mpp.api.routers.catalog import MAX_ID, Input
from mpp.catalog.models import Service
from mpp.complaints import exports, selectors
from mpp.complaints.identity import shown_to
from mpp.complaints.models import Channel, Classification, Complaint
from mpp.complaints.models import Status as ComplaintStatus
from mpp.complaints.services import filing, handling
from mpp.complaints.services.common import ComplaintRefused
from mpp.core import clock
from mpp.core.ratelimit import client_ip
from mpp.tenancy.models import Agency, Site

router = Router(tags=["complaints"])

REFUSAL_STATUS = {"limited": 429, "not_found": 404, "final": 409}


# Schemas -----------------------------------------------------------------------------------


class ProblemItem(Schema):
    field: str | None
    message: str
    code: str | None = None


class ProblemOut(Schema):
    detail: str
    errors: list[ProblemItem]


class ComplaintIn(Input):
    classification: Literal[tuple(Classification.values)]  # type: ignore[valid-type]
    subject: str = Field(..., max_length=150)
    description: str = Field(..., max_length=4000)
    agency: str | None = Field(
        None, max_length=60, description="Slug of the agency, if the citizen knows it."
    )
    service: StrictInt | None = Field(None, ge=1, le=MAX_ID, description="Id of the service, if known.")
    incident_date: dt.date | None = None
    incident_place: str = Field("", max_length=200)
    is_anonymous: StrictBool = False
    is_confidential: StrictBool = Field(False, description="Always true for whistle-blowing.")
    name: str = Field("", max_length=120)
    nik: str = Field("", max_length=24)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    language: Literal["id", "en"] = "id"
    idempotency_key: str = Field(
        "",
        max_length=64,
        description="A random value: a retry with the same key returns the complaint filed first (without the PIN).",
    )


class SubmittedOut(Schema):
    tracking_id: str
    pin: str | None = Field(
        None, description="Shown in this answer only; null when the complaint was filed before."
    )
    status: str
    classification: str
    is_confidential: bool
    received_at: dt.datetime
    forward_due: dt.date
    filed_late: bool


class ComplaintTrackIn(Input):
    tracking_id: str = Field(..., min_length=4, max_length=30)
    secret: str = Field(
        ..., min_length=4, max_length=6, description="The PIN, or the telephone's last 4 digits."
    )


class ReplyIn(ComplaintTrackIn):
    text: str = Field(..., min_length=1, max_length=2000)


class EntryOut(Schema):
    at: dt.datetime
    kind: str
    status: str
    text: str
    agency: str | None = Field(None, alias="agency.name")


class PublicComplaintOut(Schema):
    tracking_id: str
    classification: str
    status: str
    status_label: str = Field(..., alias="get_status_display")
    subject: str
    description: str
    agency: str | None = Field(None, alias="agency.name")
    received_at: dt.datetime
    due_date: dt.date | None
    is_overdue: bool
    is_final: bool
    timeline: list[EntryOut] = Field(..., alias="public_entries")


class ComplainantOut(Schema):
    state: Literal["anonymous", "hidden", "masked"]
    name: str = ""
    nik: str = ""
    phone: str = ""
    email: str = ""
    may_reveal: bool


class StaffComplaintOut(Schema):
    tracking_id: str
    site: str = Field(..., alias="site.slug")
    classification: str
    channel: str
    status: str
    subject: str
    description: str
    incident_date: dt.date | None
    incident_place: str
    filed_late: bool
    reported_agency: str | None = Field(None, alias="reported_agency.slug")
    reported_service: int | None = Field(None, alias="reported_service_id")
    agency: str | None = Field(None, alias="agency.slug")
    service: int | None = Field(None, alias="service_id")
    is_confidential: bool
    is_anonymous: bool
    received_at: dt.datetime
    verified_at: dt.datetime | None
    forward_due: dt.date
    forwarded_at: dt.datetime | None
    follow_up_due: dt.date | None
    followed_up_at: dt.datetime | None
    close_due: dt.date | None
    closed_at: dt.datetime | None
    due_date: dt.date | None
    is_overdue: bool
    complainant: ComplainantOut


class StaffEntryOut(EntryOut):
    is_public: bool
    by: str | None = Field(None, alias="by.username")


class StaffComplaintDetailOut(StaffComplaintOut):
    timeline: list[StaffEntryOut] = Field(..., alias="staff_entries")


class DecisionIn(Input):
    status: Literal["verified", "postponed", "not_our_authority", "archived", "closed"]
    reason: str = Field("", max_length=1000)


class ForwardIn(Input):
    agency: str = Field(..., min_length=1, max_length=60)
    service: StrictInt | None = Field(None, ge=1, le=MAX_ID)
    note: str = Field("", max_length=1000)


class TextIn(Input):
    text: str = Field(..., min_length=1, max_length=4000)


class ReasonIn(Input):
    reason: str = Field(..., min_length=1, max_length=1000)


class PurposeIn(Input):
    purpose: str = Field(..., min_length=1, max_length=200)


class IdentityOut(Schema):
    name: str
    nik: str
    phone: str
    email: str


# The days a filter may name: any complaint's, and far from the ends of the calendar.
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


class Filters(Schema):
    site: str | None = Field(None, max_length=80)
    status: Literal[tuple(ComplaintStatus.values)] | None = None  # type: ignore[valid-type]
    classification: Literal[tuple(Classification.values)] | None = None  # type: ignore[valid-type]
    channel: Literal[tuple(Channel.values)] | None = None  # type: ignore[valid-type]
    agency: str | None = Field(None, max_length=60)
    due: Literal["overdue", "desk", "agency", "all"] = "all"
    since: dt.date | None = Field(
        None, ge=EARLIEST, le=LATEST, description="Received on or after this day (the site's day)."
    )
    until: dt.date | None = Field(None, ge=EARLIEST, le=LATEST, description="Received on or before this day.")


class ExportFilters(Filters):
    format: Literal["csv", "xlsx"] = "csv"
    identity: bool = Field(False, description="Plain identity where the caller may see it (audited).")
    purpose: str = Field("", max_length=200, description="Required with identity.")


PROBLEMS = {
    401: ProblemOut,
    403: ProblemOut,
    404: ProblemOut,
    409: ProblemOut,
    422: ProblemOut,
    429: ProblemOut,
}


# Helpers -----------------------------------------------------------------------------------


def _refused(exc: ComplaintRefused):
    return Status(
        REFUSAL_STATUS.get(exc.code, 409),
        {"detail": exc.message, "errors": [{"field": None, "message": exc.message, "code": exc.code}]},
    )


def _renamed(exc: ValidationError, names: dict[str, str]) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({names.get(field, field): errors for field, errors in exc.error_dict.items()})


def _public(complaint: Complaint) -> Complaint:
    complaint.public_entries = filing.public_timeline(complaint)
    return complaint


def _staff(request, complaint: Complaint, *, may_reveal: bool | None = None) -> Complaint:
    shown = shown_to(request.auth, complaint, may_reveal=may_reveal)
    complaint.complainant = {"state": shown.state, "may_reveal": shown.may_reveal, **shown.values}
    return complaint


def _complaint(request, tracking_id: str) -> Complaint:
    """A complaint the caller may read; any other (another site's, another agency's) is 404."""
    return get_object_or_404(
        selectors.readable_complaints(request.auth).select_related(
            "site", "agency", "reported_agency", "service", "reported_service"
        ),
        tracking_id=filing.normalize_tracking_id(tracking_id[:40]),
    )


def _detail(request, complaint: Complaint) -> Complaint:
    complaint = _complaint(request, complaint.tracking_id)
    complaint.staff_entries = list(complaint.entries.select_related("by", "agency").order_by("at", "id"))
    return _staff(request, complaint)


def _filtered(request, filters: Filters) -> QuerySet[Complaint]:
    queryset = selectors.readable_complaints(request.auth).select_related(
        "site", "agency", "reported_agency", "service", "reported_service"
    )
    zone = timezone.get_current_timezone()
    if filters.site:
        site = get_object_or_404(Site, slug=filters.site)
        queryset = queryset.filter(site=site)
        zone = site.zone
    for name in ("status", "classification", "channel"):
        value = getattr(filters, name)
        if value:
            queryset = queryset.filter(**{name: value})
    if filters.agency:
        queryset = queryset.filter(agency__slug=filters.agency)
    if filters.since:
        queryset = queryset.filter(
            received_at__gte=dt.datetime.combine(filters.since, dt.time.min, tzinfo=zone)
        )
    if filters.until:
        queryset = queryset.filter(
            received_at__lt=dt.datetime.combine(
                filters.until + dt.timedelta(days=1), dt.time.min, tzinfo=zone
            )
        )
    return selectors.by_due(queryset, filters.due, now=clock.now())


# Citizens ----------------------------------------------------------------------------------


@router.post(
    "/sites/{slug}/complaints", response={201: SubmittedOut, 200: SubmittedOut, **PROBLEMS}, auth=None
)
def submit_complaint(request, slug: str, payload: ComplaintIn):
    """File a complaint, an aspiration, a request for information or a whistle-blowing report.

    The answer holds the tracking ID and the PIN, which is never shown again. Rate-limited
    per caller address."""
    site = get_object_or_404(Site, slug=slug[:80], is_active=True)
    agency = service = None
    if payload.agency:
        agency = Agency.objects.filter(slug=payload.agency).first()
        if agency is None:
            raise ValidationError({"agency": _unknown_agency()})
    if payload.service is not None:
        service = Service.objects.select_related("agency").filter(pk=payload.service).first()
        if service is None:
            raise ValidationError({"service": _unknown_service()})
    try:
        complaint, pin = filing.submit_complaint(
            site=site,
            channel=Channel.API,
            classification=payload.classification,
            subject=payload.subject,
            description=payload.description,
            agency=agency,
            service=service,
            incident_date=payload.incident_date,
            incident_place=payload.incident_place,
            is_anonymous=payload.is_anonymous,
            is_confidential=payload.is_confidential,
            name=payload.name,
            nik=payload.nik,
            phone=payload.phone,
            email=payload.email,
            language=payload.language,
            ip=client_ip(request),
            submit_key=payload.idempotency_key,
        )
    except ComplaintRefused as exc:
        return _refused(exc)
    except ValidationError as exc:
        raise _renamed(exc, {"submit_key": "idempotency_key"}) from exc
    complaint.pin = pin
    return Status(201 if pin else 200, complaint)


def _unknown_agency() -> str:
    return _("This agency does not serve at this mall.")


def _unknown_service() -> str:
    return _("This service is not offered at this mall.")


@router.post("/complaints/tracking", response={200: PublicComplaintOut, **PROBLEMS}, auth=None)
def track_complaint(request, payload: ComplaintTrackIn):
    """A complaint for its complainant: the tracking ID and the PIN (or the telephone's last
    4 digits). Five wrong answers for a tracking ID, or twenty from one address, within an
    hour lock further attempts until the hour passes."""
    try:
        complaint = filing.track(
            tracking_id=payload.tracking_id, secret=payload.secret, ip=client_ip(request)
        )
    except ComplaintRefused as exc:
        return _refused(exc)
    return _public(complaint)


@router.post("/complaints/tracking/reply", response={200: PublicComplaintOut, **PROBLEMS}, auth=None)
def reply_to_complaint(request, payload: ReplyIn):
    """The complainant replies; a reply to a follow-up reopens the complaint."""
    try:
        complaint = filing.track(
            tracking_id=payload.tracking_id, secret=payload.secret, ip=client_ip(request)
        )
        complaint = filing.citizen_reply(complaint=complaint, text=payload.text)
    except ComplaintRefused as exc:
        return _refused(exc)
    return _public(complaint)


# Staff -------------------------------------------------------------------------------------


@router.get("/complaints", response={200: list[StaffComplaintOut], **PROBLEMS}, auth=STAFF)
def list_complaints(request, filters: Query[Filters], limit: int = Query(200, ge=1, le=500)):
    """Complaints the caller may read, newest first: the desk's site, or an agency's
    forwarded complaints at its sites. ``due``: overdue, waiting for the desk, or waiting
    for the agency."""
    complaints = list(_filtered(request, filters).order_by("-received_at", "-id")[:limit])
    visible = selectors.identity_visible_among(request.auth, complaints)
    return [_staff(request, c, may_reveal=c.pk in visible) for c in complaints]


@router.get("/complaints/export", response={200: None, **PROBLEMS}, auth=STAFF)
def export_complaints(request, filters: Query[ExportFilters]):
    """The filtered complaints as CSV or xlsx with SP4N-LAPOR!'s fields. Identity is masked,
    or plain with ``identity=true`` and a ``purpose`` where the caller may see it (each row
    written to the access audit); a confidential complaint's identity is never exported."""
    data = exports.rows(
        user=request.auth,
        queryset=_filtered(request, filters),
        with_identity=filters.identity,
        purpose=filters.purpose,
    )
    return exports.response(data, filters.format)


@router.get("/complaints/{tracking_id}", response={200: StaffComplaintDetailOut, **PROBLEMS}, auth=STAFF)
def get_complaint(request, tracking_id: str):
    """One complaint with its whole timeline, internal notes included."""
    return _detail(request, _complaint(request, tracking_id))


@router.post("/complaints/{tracking_id}/identity", response={200: IdentityOut, **PROBLEMS}, auth=STAFF)
def reveal_identity(request, tracking_id: str, payload: PurposeIn):
    """The complainant's identity, for those who must see it, written to the access audit.
    A confidential complaint's identity is for the site's complaint desk only (403 for others)."""
    complaint = _complaint(request, tracking_id)
    return handling.reveal_identity(user=request.auth, complaint=complaint, purpose=payload.purpose)


@router.post(
    "/complaints/{tracking_id}/decision", response={200: StaffComplaintDetailOut, **PROBLEMS}, auth=STAFF
)
def decide(request, tracking_id: str, payload: DecisionIn):
    """The complaint desk: verify, postpone, not our authority, archive, or close after a
    follow-up (a reason is required to postpone, decline or archive)."""
    complaint = _complaint(request, tracking_id)
    complaint = handling.decide_complaint(
        user=request.auth, complaint=complaint, status=payload.status, reason=payload.reason
    )
    return _detail(request, complaint)


@router.post(
    "/complaints/{tracking_id}/forward", response={200: StaffComplaintDetailOut, **PROBLEMS}, auth=STAFF
)
def forward(request, tracking_id: str, payload: ForwardIn):
    """The complaint desk forwards the complaint to the agency (slug) that follows it up
    within 5 working days, or re-routes it; the note is for the agency only."""
    complaint = _complaint(request, tracking_id)
    agency = Agency.objects.filter(slug=payload.agency).first()
    if agency is None:
        raise ValidationError({"agency": _unknown_agency()})
    service = None
    if payload.service is not None:
        service = Service.objects.filter(pk=payload.service).first()
        if service is None:
            raise ValidationError({"service": _unknown_service()})
    complaint = handling.forward_complaint(
        user=request.auth, complaint=complaint, agency=agency, service=service, note=payload.note
    )
    return _detail(request, complaint)


@router.post(
    "/complaints/{tracking_id}/answer", response={200: StaffComplaintDetailOut, **PROBLEMS}, auth=STAFF
)
def answer(request, tracking_id: str, payload: TextIn):
    """The follow-up (tindak lanjut), which the complainant reads."""
    complaint = handling.answer_complaint(
        user=request.auth, complaint=_complaint(request, tracking_id), text=payload.text
    )
    return _detail(request, complaint)


@router.post("/complaints/{tracking_id}/return", response={204: None, **PROBLEMS}, auth=STAFF)
def hand_back(request, tracking_id: str, payload: ReasonIn):
    """The agency hands a forwarded complaint back to the desk (not theirs); it then leaves
    the agency's view, so the answer has no body."""
    handling.return_to_desk(
        user=request.auth, complaint=_complaint(request, tracking_id), reason=payload.reason
    )
    return Status(204, None)


@router.post("/complaints/{tracking_id}/replies", response={201: StaffEntryOut, **PROBLEMS}, auth=STAFF)
def reply(request, tracking_id: str, payload: TextIn):
    """A message to the complainant, without a status change."""
    entry = handling.reply_to_complainant(
        user=request.auth, complaint=_complaint(request, tracking_id), text=payload.text
    )
    return Status(201, entry)


@router.post("/complaints/{tracking_id}/notes", response={201: StaffEntryOut, **PROBLEMS}, auth=STAFF)
def note(request, tracking_id: str, payload: TextIn):
    """An internal note, never shown to the complainant."""
    entry = handling.add_note(
        user=request.auth, complaint=_complaint(request, tracking_id), text=payload.text
    )
    return Status(201, entry)
