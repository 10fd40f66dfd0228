"""Public consultation of draft service standards (docs/consultation.md).

Reading and commenting are public, as in the portal (no account; comments are
rate-limited per address). Opening, answering, the forum record and concluding
need a staff login or token of the agency (or a manager of one of its sites);
another agency's ids answer 404. Publishing stays ``POST /standards/{id}/publish``,
which refuses a consulted draft until its consultation is concluded.
"""

import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictInt

from mpp.api.auth import PUBLIC, STAFF
from mpp.api.routers.catalog import Input
from mpp.catalog import access as catalog_access
from mpp.consultation import access, selectors, services
from mpp.consultation.models import COMPONENT_CHOICES, COMPONENT_KEYS, Comment, Consultation
from mpp.core import clock
from mpp.core.ratelimit import client_ip
from mpp.tenancy.access import readable_agencies
from mpp.tenancy.models import Site

router = Router(tags=["consultation"])

# The stable component names (mpp.catalog.models.COMPONENTS, public ones, and "general").
ComponentKey = Literal[tuple(COMPONENT_KEYS)]


# Schemas ------------------------------------------------------------------------


class ErrorItem(Schema):
    field: str | None
    message: str
    code: str | None = None


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem]


class ComponentOut(Schema):
    key: str
    title: str


class ConsultedLineOut(Schema):
    name: str
    note: str
    optional: bool = False


class ConsultedTextOut(Schema):
    """The draft's six public components as they were opened for comment."""

    requirements: list[ConsultedLineOut]
    requirements_note: str
    procedure: str
    procedure_steps: list[str]
    completion_time: int
    completion_unit: str
    completion_display: str
    fee: int
    fee_basis: str
    fee_note: str
    products: list[ConsultedLineOut]
    products_note: str
    complaints: str


class CommentOut(Schema):
    id: int
    component: str
    name: str = Field(..., description="Empty when the commenter gave none, or when the comment is hidden.")
    text: str = Field(..., description="Empty when the comment is hidden.")
    submitted_at: dt.datetime
    hidden: bool
    hidden_reason: str
    answer_kind: str = Field(..., description="accepted, explained or no_answer; empty until answered.")
    answer: str
    answered_at: dt.datetime | None


class ForumOut(Schema):
    held_on: dt.date
    place: str
    participant_count: int
    participants: str
    outcome: str
    minutes_reference: str


class ConsultationOut(Schema):
    id: int
    service_id: int
    service_name: str
    agency: str
    agency_name: str
    version: int
    standard_id: int | None
    state: str = Field(..., description="upcoming, open, closed, concluded or withdrawn.")
    opens_at: dt.datetime
    closes_at: dt.datetime
    closed_at: dt.datetime | None
    concluded_at: dt.datetime | None
    introduction: str
    comment_count: int
    unanswered_count: int


class ConsultationDetailOut(ConsultationOut):
    standard_status: str | None = Field(
        ..., description="draft, published or superseded; null once withdrawn."
    )
    components: list[ComponentOut]
    consulted_text: ConsultedTextOut
    comments: list[CommentOut]
    forum: ForumOut | None


class CommentIn(Input):
    component: ComponentKey
    text: str = Field(..., max_length=services.COMMENT_MAX)
    name: str = Field("", max_length=services.NAME_MAX)
    contact: str = Field(
        "", max_length=services.CONTACT_MAX, description="Telephone or e-mail; never published."
    )


class OpenIn(Input):
    opens_at: dt.datetime | None = Field(None, description="Empty: now. Without a zone: the installation's.")
    closes_at: dt.datetime
    introduction: str = Field("", max_length=2000)


class ConsultationPatch(Input):
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    introduction: str | None = Field(None, max_length=2000)


class ForumIn(Input):
    held_on: dt.date
    place: str = Field(..., max_length=200)
    participant_count: StrictInt = Field(..., ge=1, le=100_000)
    participants: str = Field(..., max_length=2000)
    outcome: str = Field(..., max_length=4000)
    minutes_reference: str = Field("", max_length=300)


class AnswerIn(Input):
    kind: Literal["accepted", "explained", "no_answer"]
    answer: str = Field(..., max_length=services.ANSWER_MAX)


class HideIn(Input):
    reason: str = Field(..., max_length=services.REASON_MAX)


# Helpers ------------------------------------------------------------------------


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _comment_out(comment: Comment) -> dict:
    hidden = comment.is_hidden
    return {
        "id": comment.pk,
        "component": comment.component,
        "name": "" if hidden else comment.name,
        "text": "" if hidden else comment.text,
        "submitted_at": comment.submitted_at,
        "hidden": hidden,
        "hidden_reason": comment.hidden_reason,
        "answer_kind": comment.answer_kind,
        "answer": comment.answer,
        "answered_at": comment.answered_at,
    }


def _summary(consultation: Consultation, now: dt.datetime) -> dict:
    service = consultation.service
    return {
        "id": consultation.pk,
        "service_id": service.pk,
        "service_name": service.name,
        "agency": service.agency.slug,
        "agency_name": service.agency.name,
        "version": consultation.version,
        "standard_id": consultation.standard_id,
        "state": consultation.state_at(now),
        "opens_at": consultation.opens_at,
        "closes_at": consultation.closes_at,
        "closed_at": consultation.closed_at,
        "concluded_at": consultation.concluded_at,
        "introduction": consultation.introduction,
        "comment_count": consultation.comment_count,
        "unanswered_count": consultation.unanswered_count,
    }


def _detail(pk: int) -> dict:
    now = clock.now()
    consultation = (
        selectors.with_counts(Consultation.objects.filter(pk=pk))
        .select_related("service__agency", "standard", "forum")
        .get()
    )
    text = consultation.text
    forum = selectors.forum_of(consultation)
    return {
        **_summary(consultation, now),
        "standard_status": consultation.standard.status if consultation.standard else None,
        "components": [{"key": key, "title": str(title)} for key, title in COMPONENT_CHOICES],
        "consulted_text": {
            **{
                name: getattr(text.standard, name) for name in ("requirements_note", "procedure", "fee_basis")
            },
            "requirements": text.requirements,
            "procedure_steps": text.standard.procedure_steps,
            "completion_time": text.standard.completion_time,
            "completion_unit": text.standard.completion_unit,
            "completion_display": text.standard.completion_display,
            "fee": text.standard.fee,
            "fee_note": text.standard.fee_note,
            "products": text.products,
            "products_note": text.standard.products_note,
            "complaints": text.standard.complaints,
        },
        "comments": [_comment_out(comment) for comment in consultation.comments.all()],
        "forum": forum,
    }


def _refused(status: int, exc: services.CommentRefused):
    return Status(
        status, {"detail": exc.message, "errors": [{"field": None, "message": exc.message, "code": exc.code}]}
    )


# Public -------------------------------------------------------------------------


@router.get("/sites/{slug}/consultations", response=list[ConsultationOut], auth=None)
def list_site_consultations(request, slug: str, state: Literal["open", "past"] = Query("open")):
    """Drafts of the agencies serving at the site: open for comments now, or the earlier records."""
    site = get_object_or_404(Site, slug=slug, is_active=True)
    now = clock.now()
    found = selectors.open_at_site(site, now) if state == "open" else selectors.past_at_site(site, now)
    return [_summary(consultation, now) for consultation in found]


@router.get("/consultations/{consultation_id}", response=ConsultationDetailOut, auth=PUBLIC)
def get_consultation(request, consultation_id: int):
    """The consulted text, every comment with its answer, and the forum record."""
    consultation = access.get_consultation_for_read(request.auth, consultation_id, clock.now())
    return _detail(consultation.pk)


@router.post(
    "/consultations/{consultation_id}/comments",
    response={201: CommentOut, 409: ErrorOut, 429: ErrorOut},
    auth=None,
)
def submit_comment(request, consultation_id: int, payload: CommentIn):
    """A citizen's comment on one component (or ``general``). Public at once; 409 when the
    consultation does not take comments, 429 after too many comments from one address."""
    consultation = access.get_consultation_for_read(request.user, consultation_id, clock.now())
    try:
        comment = services.submit_comment(consultation=consultation, ip=client_ip(request), **payload.dict())
    except services.CommentRefused as exc:
        return _refused(429 if exc.code == "limited" else 409, exc)
    return Status(201, _comment_out(comment))


# Staff --------------------------------------------------------------------------


@router.get("/consultations", response=list[ConsultationOut], auth=STAFF)
def list_consultations(request):
    """Every consultation of the agencies the caller works for, scheduled ones included."""
    now = clock.now()
    readable = Consultation.objects.filter(service__agency__in=readable_agencies(request.auth))
    found = selectors.with_counts(readable).select_related("service__agency").order_by("-opens_at", "-id")
    return [_summary(consultation, now) for consultation in found[:500]]


@router.post("/standards/{standard_id}/consultations", response={201: ConsultationDetailOut}, auth=STAFF)
def open_consultation(request, standard_id: int, payload: OpenIn):
    """Open the draft for comment; it must be a draft of the caller's agency."""
    standard = catalog_access.get_standard_for_edit(request.auth, standard_id)
    consultation = services.open_consultation(
        standard=standard,
        opens_at=_aware(payload.opens_at),
        closes_at=_aware(payload.closes_at),
        introduction=payload.introduction,
        user=request.auth,
    )
    return Status(201, _detail(consultation.pk))


@router.patch("/consultations/{consultation_id}", response=ConsultationDetailOut, auth=STAFF)
def update_consultation(request, consultation_id: int, payload: ConsultationPatch):
    """Extend or shorten the period (the start only before it opens), or change the introduction."""
    consultation = access.get_consultation_for_edit(request.auth, consultation_id)
    services.update_consultation(
        consultation=consultation,
        opens_at=_aware(payload.opens_at),
        closes_at=_aware(payload.closes_at),
        introduction=payload.introduction,
    )
    return _detail(consultation.pk)


@router.delete("/consultations/{consultation_id}", response={204: None}, auth=STAFF)
def cancel_consultation(request, consultation_id: int):
    """Withdraw a consultation that has not opened yet; 422 once it has."""
    consultation = access.get_consultation_for_edit(request.auth, consultation_id)
    services.cancel_consultation(consultation=consultation)
    return Status(204, None)


@router.post("/consultations/{consultation_id}/close", response=ConsultationDetailOut, auth=STAFF)
def close_consultation(request, consultation_id: int):
    consultation = access.get_consultation_for_edit(request.auth, consultation_id)
    services.close_consultation(consultation=consultation, user=request.auth)
    return _detail(consultation.pk)


@router.put("/consultations/{consultation_id}/forum", response=ForumOut, auth=STAFF)
def record_forum(request, consultation_id: int, payload: ForumIn):
    """Record or correct the Forum Konsultasi Publik, until the consultation is concluded."""
    consultation = access.get_consultation_for_edit(request.auth, consultation_id)
    return services.record_forum(consultation=consultation, user=request.auth, **payload.dict())


@router.post("/consultations/{consultation_id}/comments/{comment_id}/answer", response=CommentOut, auth=STAFF)
def answer_comment(request, consultation_id: int, comment_id: int, payload: AnswerIn):
    consultation = access.get_consultation_for_edit(request.auth, consultation_id)
    comment = access.get_comment_for_edit(request.auth, consultation, comment_id)
    comment = services.answer_comment(
        comment=comment, kind=payload.kind, answer=payload.answer, user=request.auth
    )
    return _comment_out(comment)


@router.post("/consultations/{consultation_id}/comments/{comment_id}/hide", response=CommentOut, auth=STAFF)
def hide_comment(request, consultation_id: int, comment_id: int, payload: HideIn):
    """Hide an abusive comment; the reason is shown in its place."""
    consultation = access.get_consultation_for_edit(request.auth, consultation_id)
    comment = access.get_comment_for_edit(request.auth, consultation, comment_id)
    return _comment_out(services.hide_comment(comment=comment, reason=payload.reason, user=request.auth))


@router.post(
    "/consultations/{consultation_id}/comments/{comment_id}/restore", response=CommentOut, auth=STAFF
)
def restore_comment(request, consultation_id: int, comment_id: int):
    consultation = access.get_consultation_for_edit(request.auth, consultation_id)
    comment = access.get_comment_for_edit(request.auth, consultation, comment_id)
    return _comment_out(services.restore_comment(comment=comment))


@router.post("/consultations/{consultation_id}/conclude", response=ConsultationDetailOut, auth=STAFF)
def conclude_consultation(request, consultation_id: int):
    """Make the record final: 422 lists what is missing (period, answers, forum)."""
    consultation = access.get_consultation_for_edit(request.auth, consultation_id)
    services.conclude_consultation(consultation=consultation, user=request.auth)
    return _detail(consultation.pk)
