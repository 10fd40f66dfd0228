"""Recording a survey response: one per finished service request, or a paper form."""

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from mpp.catalog.models import Service
from mpp.core import clock
from mpp.core.db import write_transaction
from mpp.core.sheets import CONTROL_CHARACTERS
from mpp.privacy.crypto import submit_key_index
from mpp.queueing.models import RequestStatus, ServiceRequest
from mpp.surveys import selectors
from mpp.surveys.models import Answer, Response, Unsur
from mpp.tenancy.models import Agency, Site, User

COMMENT_LIMIT = 1000


class AlreadyAnswered(Exception):
    """This service was rated already: one response per finished request."""


def _profile(profile: Mapping[str, object]) -> dict:
    errors = {}
    clean = {}
    age = profile.get("age")
    if age in (None, ""):
        clean["age"] = None
    else:
        try:
            clean["age"] = int(age)
        except (TypeError, ValueError):
            clean["age"] = -1
        if not 10 <= clean["age"] <= 110:
            errors["age"] = [_("Give the age in years (10 to 110), or leave it empty.")]
    for field, choices in (
        ("sex", Response.Sex),
        ("education", Response.Education),
        ("occupation", Response.Occupation),
    ):
        value = profile.get(field) or ""
        if value and value not in choices.values:
            errors[field] = [_("Choose one of the answers.")]
        clean[field] = value
    comment = str(profile.get("comment") or "").strip()
    if len(comment) > COMMENT_LIMIT:
        errors["comment"] = [_("At most %(max)s characters.") % {"max": COMMENT_LIMIT}]
    elif CONTROL_CHARACTERS.search(comment):
        errors["comment"] = [_("The comment holds characters that are not text; please write it again.")]
    clean["comment"] = comment
    if errors:
        raise ValidationError(errors)
    return clean


def _answers(
    form_unsur: list[Unsur], answers: Mapping[str, int | None], *, all_required: bool
) -> dict[int, int]:
    """Unsur key -> value, checked against the form; returns unsur id -> value."""
    errors = {}
    known = {u.key: u for u in form_unsur}
    unknown = sorted(set(answers) - set(known))
    if unknown:
        errors["answers"] = [_("Unknown survey element: %(key)s.") % {"key": ", ".join(unknown)[:200]}]
    clean = {}
    for key, unsur in known.items():
        value = answers.get(key)
        if value in (None, ""):
            if all_required:
                errors[key] = [_("Choose one of the four answers.")]
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if not 1 <= number <= 4:
            errors[key] = [_("Choose one of the four answers.")]
            continue
        clean[unsur.pk] = number
    if not clean and not errors:
        errors["answers"] = [_("Answer at least one question.")]
    if errors:
        raise ValidationError(errors)
    return clean


def _save(response: Response, values: dict[int, int]) -> Response:
    response.save()
    Answer.objects.bulk_create(Answer(response=response, unsur_id=pk, value=v) for pk, v in values.items())
    return response


def answer_for_request(
    *,
    request: ServiceRequest,
    answers: Mapping[str, int | None],
    profile: Mapping[str, object],
    channel: str = Response.Channel.LINK,
) -> Response:
    """The visitor's rating of one finished service. Every unsur of the form is required."""
    if request.status != RequestStatus.DONE:
        raise ValidationError(_("This service is not finished yet: rate it once it is."))
    values = _answers(selectors.unsur_for(request.agency), answers, all_required=True)
    clean = _profile(profile)
    response = Response(
        site_id=request.site_id,
        agency_id=request.agency_id,
        service_id=request.service_id,
        served_on=selectors.served_day(request, request.site.zone),
        channel=channel,
        request_key=selectors.request_key(request.pk),
        created_at=clock.now(),
        **clean,
    )
    try:
        with write_transaction():
            return _save(response, values)
    except IntegrityError as exc:
        # The unique request key: a second tab, a double tap, or a second person with the ticket.
        raise AlreadyAnswered(_("This service has been rated already. Thank you.")) from exc


def enter_paper_form(
    *,
    site: Site,
    agency: Agency,
    service: Service | None,
    served_on: dt.date,
    answers: Mapping[str, int | None],
    profile: Mapping[str, object],
    user: User,
    submit_key: str = "",
) -> Response:
    """A paper form typed in by staff. Unanswered items stay empty, as on the paper.

    ``submit_key`` (the form's, or the API caller's idempotency key) makes a repeated
    submit (a double click, a reload, a retry) return the form saved the first time
    instead of counting it twice in the IKM.
    """
    errors = {}
    today = clock.now().astimezone(site.zone).date()
    if served_on > today:
        errors["served_on"] = [_("The day of the service cannot be in the future.")]
    elif served_on < today - dt.timedelta(days=400):
        errors["served_on"] = [_("Enter forms of the last twelve months only.")]
    if service is not None and service.agency_id != agency.pk:
        errors["service"] = [_("The service does not belong to this agency.")]
    if errors:
        raise ValidationError(errors)
    values = _answers(selectors.unsur_for(agency), answers, all_required=False)
    # The paper form's key shares the request key's unique column (a namespace of its own).
    # Bound to what was typed: the same key with another form saves that form too.
    key = (
        submit_key_index(
            submit_key,
            [agency.pk, getattr(service, "pk", None), str(served_on), values, _profile(profile)],
            purpose="skm-paper",
        )
        if submit_key
        else None
    )
    response = Response(
        site=site,
        agency=agency,
        service=service,
        served_on=served_on,
        channel=Response.Channel.PAPER,
        request_key=key,
        created_at=clock.now(),
        entered_by=user,
        **_profile(profile),
    )
    for _attempt in range(2):
        if key is not None:
            saved = Response.objects.filter(request_key=key).first()
            if saved is not None:
                return saved
        try:
            with write_transaction():
                return _save(response, values)
        except IntegrityError:
            response.pk = None  # a repeat raced this one and committed first: find it
            continue
    raise ValidationError(_("The form could not be saved; try again."))
