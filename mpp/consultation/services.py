"""Changes to public consultations: open, comment, answer, hide, forum, close, conclude.

Every write to a consultation or its comments locks the consultation row first
("one writer per consultation"): a comment arriving while the agency closes or
concludes is either counted by the conclusion or refused, never lost in between.
Publishing a draft is the catalogue's (``catalog.services.publish_standard``); it
asks ``check_publication`` below, inside its own transaction, whether a consulted
draft may go out.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mpp.catalog import selectors as catalog_selectors
from mpp.catalog.models import Service, ServiceStandard
from mpp.consultation.models import COMPONENT_KEYS, Comment, Consultation, Forum, State
from mpp.core import clock, ratelimit
from mpp.core.db import write_transaction
from mpp.core.phone import normalize_phone
from mpp.tenancy.models import User

MIN_PERIOD = dt.timedelta(days=1)
MAX_PERIOD = dt.timedelta(days=90)
# How far ahead a consultation may be scheduled, and how far in the past "now" may be typed.
MAX_LEAD = dt.timedelta(days=90)
PAST_TOLERANCE = dt.timedelta(hours=1)

COMMENT_MIN, COMMENT_MAX = 10, 2000
NAME_MAX, CONTACT_MAX = 100, 120
ANSWER_MIN, ANSWER_MAX = 5, 4000
REASON_MIN, REASON_MAX = 5, 300
# Comments per address and hour. A hall's visitors may share one address behind its
# router during a forum, so the limit stops floods, not a busy room.
COMMENT_LIMIT = 20
COMMENT_WINDOW = dt.timedelta(hours=1)


class CommentRefused(Exception):
    """The comment cannot be taken now; ``message`` says why, for the citizen."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _when(moment: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y, H.i")


def _text(
    errors: dict, field: str, value: object, *, maximum: int, minimum: int = 0, required: bool = False
) -> str:
    """Clean one text input, noting its problem in ``errors``; never trusts the caller's checks."""
    text = value.strip() if isinstance(value, str) else ""
    if value is not None and not isinstance(value, str):
        errors[field] = [_("Enter text.")]
    elif "\x00" in text:
        errors[field] = [_("The text holds a NUL character, which is not allowed.")]
    elif required and not text:
        errors[field] = [_("This field is required.")]
    elif len(text) > maximum:
        errors[field] = [_("At most %(max)s characters.") % {"max": maximum}]
    elif text and len(text) < minimum:
        errors[field] = [_("At least %(min)s characters.") % {"min": minimum}]
    return text


def _field_error(field: str, message: str, code: str) -> ValidationError:
    """A refusal tied to one input, keeping its code (a dict of plain messages would drop it)."""
    return ValidationError({field: ValidationError(message, code=code)})


def _concluded() -> ValidationError:
    return ValidationError(
        _("The consultation is concluded; its record can no longer be changed."), code="concluded"
    )


def _lock(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


def _check_period(
    errors: dict,
    *,
    opens_at: dt.datetime | None,
    closes_at: dt.datetime | None,
    now: dt.datetime,
    started: bool,
) -> None:
    if opens_at is None:
        errors["opens_at"] = [_("Give the start of the consultation.")]
    elif not started and opens_at < now - PAST_TOLERANCE:
        errors["opens_at"] = [_("The consultation cannot start in the past.")]
    elif opens_at > now + MAX_LEAD:
        errors["opens_at"] = [
            _("Open the consultation within %(days)d days from now.") % {"days": MAX_LEAD.days}
        ]
    if closes_at is None:
        errors["closes_at"] = [_("Give the end of the consultation.")]
        return
    if opens_at is None or "opens_at" in errors:
        return
    if closes_at <= opens_at:
        errors["closes_at"] = [_("The consultation must close after it opens.")]
    elif closes_at - opens_at < MIN_PERIOD:
        errors["closes_at"] = [_("Leave citizens at least one day to comment.")]
    elif closes_at - opens_at > MAX_PERIOD:
        errors["closes_at"] = [_("A consultation lasts at most %(days)d days.") % {"days": MAX_PERIOD.days}]
    elif started and closes_at <= now:
        errors["closes_at"] = [_("The new end must be in the future.")]


def _snapshot(standard: ServiceStandard) -> dict:
    """The draft's six public components as citizens will see them."""
    standard = catalog_selectors.standard_with_lines(standard.pk)
    return {
        "requirements": [
            {"name": line.display_name, "note": line.note, "optional": line.is_optional}
            for line in standard.requirements.all()
        ],
        "requirements_note": standard.requirements_note,
        "procedure": standard.procedure,
        "completion_time": standard.completion_time,
        "completion_unit": standard.completion_unit,
        "fee": standard.fee,
        "fee_basis": standard.fee_basis,
        "fee_note": standard.fee_note,
        "products": [{"name": line.display_name, "note": line.note} for line in standard.products.all()],
        "products_note": standard.products_note,
        "complaints": standard.complaints,
    }


def open_consultation(
    *,
    standard: ServiceStandard,
    closes_at: dt.datetime | None,
    opens_at: dt.datetime | None = None,
    introduction: str = "",
    user: User | None = None,
) -> Consultation:
    """Open a draft for public comment from ``opens_at`` (now when not given) to ``closes_at``."""
    now = clock.now()
    opens_at = opens_at or now
    errors: dict[str, list] = {}
    introduction = _text(errors, "introduction", introduction, maximum=2000)
    _check_period(errors, opens_at=opens_at, closes_at=closes_at, now=now, started=False)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        # The rows are locked as publish_standard locks them, service then draft, so that
        # a draft is either published first (and refused here) or consulted first (and
        # publishing waits, then refuses). The same order matters: the insert below takes
        # a key-share lock on the service, which a publisher holding the service while
        # waiting for the draft would otherwise deadlock with (tests/consultation/test_concurrency.py).
        Service.objects.select_for_update().filter(pk=standard.service_id).values_list("pk").first()
        standard = ServiceStandard.objects.select_for_update().get(pk=standard.pk)
        if standard.status != ServiceStandard.Status.DRAFT:
            raise _field_error(
                "standard", _("Only a draft can be opened for public consultation."), "not_draft"
            )
        if not standard.procedure.strip():
            raise _field_error(
                "standard",
                _("Describe the procedure in the draft before opening it for comments."),
                "incomplete",
            )
        if standard.consultations.exclude(status=Consultation.Status.CONCLUDED).exists():
            raise _field_error(
                "standard", _("This draft already has a consultation that is not concluded."), "running"
            )
        return Consultation.objects.create(
            standard=standard,
            service_id=standard.service_id,
            version=standard.version,
            introduction=introduction,
            opens_at=opens_at,
            closes_at=closes_at,
            consulted_text=_snapshot(standard),
            opened_by=user,
            created_at=now,
        )


def update_consultation(
    *,
    consultation: Consultation,
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
    introduction: str | None = None,
) -> Consultation:
    """Move the period (the start only before it opens) or change the introduction, while open.

    Before the start, the consulted text is taken again from the draft, so that a
    scheduled consultation opens on the draft as it is when last confirmed."""
    now = clock.now()
    errors: dict[str, list] = {}
    if introduction is not None:
        introduction = _text(errors, "introduction", introduction, maximum=2000)
    with write_transaction():
        consultation = _lock(consultation)
        if consultation.status != Consultation.Status.OPEN:
            raise ValidationError(_("Only an open consultation can be changed."), code="not_open")
        started = consultation.opens_at <= now
        if started and opens_at is not None and opens_at != consultation.opens_at:
            errors["opens_at"] = [_("The consultation has started; its start cannot move.")]
        new_opens = consultation.opens_at if started or opens_at is None else opens_at
        new_closes = closes_at or consultation.closes_at
        if opens_at is not None or closes_at is not None:
            _check_period(errors, opens_at=new_opens, closes_at=new_closes, now=now, started=started)
        if errors:
            raise ValidationError(errors)
        consultation.opens_at, consultation.closes_at = new_opens, new_closes
        if introduction is not None:
            consultation.introduction = introduction
        if not started and consultation.standard_id is not None:
            consultation.consulted_text = _snapshot(consultation.standard)
        consultation.save(update_fields=["opens_at", "closes_at", "introduction", "consulted_text"])
    return consultation


def cancel_consultation(*, consultation: Consultation) -> None:
    """Withdraw a consultation that has not opened yet (nobody can have commented)."""
    now = clock.now()
    with write_transaction():
        consultation = _lock(consultation)
        if consultation.status != Consultation.Status.OPEN or consultation.opens_at <= now:
            raise ValidationError(
                _("Only a consultation that has not opened yet can be cancelled; close it instead."),
                code="started",
            )
        consultation.delete()


def close_consultation(*, consultation: Consultation, user: User | None = None) -> Consultation:
    """End the comment period now (before its planned end, or to confirm it)."""
    now = clock.now()
    with write_transaction():
        consultation = _lock(consultation)
        if consultation.status != Consultation.Status.OPEN:
            raise ValidationError(_("The consultation is already closed."), code="closed")
        consultation.status = Consultation.Status.CLOSED
        consultation.closed_at = now
        consultation.closed_by = user
        consultation.save(update_fields=["status", "closed_at", "closed_by"])
    return consultation


def _refusal(consultation: Consultation, now: dt.datetime) -> CommentRefused:
    state = consultation.state_at(now)
    if state == State.UPCOMING:
        return CommentRefused(
            "upcoming",
            _("The consultation opens on %(date)s; comments are taken from then.")
            % {"date": _when(consultation.opens_at)},
        )
    return CommentRefused("closed", _("The consultation is closed; comments are no longer taken."))


def submit_comment(
    *,
    consultation: Consultation,
    component: str,
    text: str,
    name: str = "",
    contact: str = "",
    ip: str = "",
) -> Comment:
    """A citizen's comment, public at once; the contact is for the agency alone."""
    now = clock.now()
    errors: dict[str, list] = {}
    if component not in COMPONENT_KEYS:
        errors["component"] = [_("Choose one of: %(expected)s.") % {"expected": ", ".join(COMPONENT_KEYS)}]
    text = _text(errors, "text", text, minimum=COMMENT_MIN, maximum=COMMENT_MAX, required=True)
    name = _text(errors, "name", name, maximum=NAME_MAX)
    contact = _text(errors, "contact", contact, maximum=CONTACT_MAX)
    if contact and "contact" not in errors:
        try:
            if "@" in contact:
                validate_email(contact)
            else:
                contact = normalize_phone(contact)
        except ValidationError as exc:
            errors["contact"] = [_("Give a telephone number or an e-mail address, or leave it empty.")]
            errors["contact"] += [str(message) for message in exc.messages]
    if errors:
        raise ValidationError(errors)
    if not consultation.accepts_comments(now):
        raise _refusal(consultation, now)
    ip = ip or "unknown"
    if ratelimit.exceeded(bucket="consultation-comment", key=ip, limit=COMMENT_LIMIT, window=COMMENT_WINDOW):
        raise CommentRefused("limited", _("Too many comments from your address. Please try again later."))
    with write_transaction():
        # Checked again under the lock: a close or conclusion that won the lock first wins.
        locked = _lock(consultation)
        if not locked.accepts_comments(now):
            raise _refusal(locked, now)
        comment = Comment.objects.create(
            consultation=locked, component=component, name=name, contact=contact, text=text, submitted_at=now
        )
        ratelimit.hit(bucket="consultation-comment", key=ip)
    return comment


def count_spam(*, ip: str) -> None:
    """A form caught by the honeypot: nothing is stored, but it counts against the address."""
    with write_transaction():
        ratelimit.hit(bucket="consultation-comment", key=ip or "unknown")


def clean_answer(*, kind: object, answer: object) -> tuple[str, str]:
    """The answer's kind and text, or a ValidationError naming ``kind`` and ``answer``."""
    errors: dict[str, list] = {}
    if kind not in Comment.Answer.values:
        errors["kind"] = [_("Choose one of: %(expected)s.") % {"expected": ", ".join(Comment.Answer.values)}]
    answer = _text(errors, "answer", answer, minimum=ANSWER_MIN, maximum=ANSWER_MAX, required=True)
    if errors:
        raise ValidationError(errors)
    return str(kind), answer


def clean_reason(*, reason: object) -> str:
    errors: dict[str, list] = {}
    reason = _text(errors, "reason", reason, minimum=REASON_MIN, maximum=REASON_MAX, required=True)
    if errors:
        raise ValidationError(errors)
    return reason


def answer_comment(*, comment: Comment, kind: str, answer: str, user: User | None = None) -> Comment:
    """The agency's public answer; it can be changed until the consultation is concluded."""
    now = clock.now()
    kind, answer = clean_answer(kind=kind, answer=answer)
    with write_transaction():
        consultation = _lock(comment.consultation)
        comment = Comment.objects.get(pk=comment.pk)
        if consultation.status == Consultation.Status.CONCLUDED:
            raise _concluded()
        if comment.is_hidden:
            raise _field_error(
                "answer",
                _("A hidden comment needs no answer: its reason for hiding is the record."),
                "hidden",
            )
        comment.answer_kind, comment.answer = kind, answer
        comment.answered_at, comment.answered_by = now, user
        comment.save(update_fields=["answer_kind", "answer", "answered_at", "answered_by"])
    return comment


def hide_comment(*, comment: Comment, reason: str, user: User | None = None) -> Comment:
    """Hide an abusive comment from the public; the reason is shown in its place."""
    now = clock.now()
    reason = clean_reason(reason=reason)
    with write_transaction():
        consultation = _lock(comment.consultation)
        comment = Comment.objects.get(pk=comment.pk)
        if consultation.status == Consultation.Status.CONCLUDED:
            raise _concluded()
        comment.hidden_reason, comment.hidden_at, comment.hidden_by = reason, now, user
        comment.save(update_fields=["hidden_reason", "hidden_at", "hidden_by"])
    return comment


def restore_comment(*, comment: Comment) -> Comment:
    """Show a comment hidden by mistake again."""
    with write_transaction():
        consultation = _lock(comment.consultation)
        comment = Comment.objects.get(pk=comment.pk)
        if consultation.status == Consultation.Status.CONCLUDED:
            raise _concluded()
        comment.hidden_reason, comment.hidden_at, comment.hidden_by = "", None, None
        comment.save(update_fields=["hidden_reason", "hidden_at", "hidden_by"])
    return comment


def record_forum(
    *,
    consultation: Consultation,
    held_on: dt.date | None,
    place: str,
    participant_count: int | None,
    participants: str,
    outcome: str,
    minutes_reference: str = "",
    user: User | None = None,
) -> Forum:
    """Record (or correct) the Forum Konsultasi Publik held on the draft."""
    now = clock.now()
    errors: dict[str, list] = {}
    place = _text(errors, "place", place, minimum=3, maximum=200, required=True)
    participants = _text(errors, "participants", participants, minimum=3, maximum=2000, required=True)
    outcome = _text(errors, "outcome", outcome, minimum=10, maximum=4000, required=True)
    minutes_reference = _text(errors, "minutes_reference", minutes_reference, maximum=300)
    if isinstance(participant_count, bool) or not isinstance(participant_count, int):
        errors["participant_count"] = [_("Enter a whole number.")]
    elif not 1 <= participant_count <= 100_000:
        errors["participant_count"] = [_("Between 1 and 100000 participants.")]
    today = timezone.localdate(now)
    if not isinstance(held_on, dt.date):
        errors["held_on"] = [_("Give the date of the forum.")]
    elif held_on > today:
        errors["held_on"] = [_("Record the forum once it has been held: the date cannot be in the future.")]
    elif held_on < timezone.localdate(consultation.opens_at):
        errors["held_on"] = [
            _("The forum discusses this draft: it cannot be held before the consultation opened.")
        ]
    if errors:
        raise ValidationError(errors)
    values = {
        "held_on": held_on,
        "place": place,
        "participant_count": participant_count,
        "participants": participants,
        "outcome": outcome,
        "minutes_reference": minutes_reference,
        "recorded_at": now,
        "recorded_by": user,
    }
    with write_transaction():
        consultation = _lock(consultation)
        if consultation.status == Consultation.Status.CONCLUDED:
            raise _concluded()
        forum, _created = Forum.objects.update_or_create(consultation=consultation, defaults=values)
    return forum


def conclusion_problems(consultation: Consultation, now: dt.datetime) -> list[str]:
    """What still stands between the consultation and its conclusion (empty: it may conclude)."""
    problems = []
    if consultation.state_at(now) in (State.OPEN, State.UPCOMING):
        problems.append(
            _("The consultation is open until %(date)s: close it first, or wait until it ends.")
            % {"date": _when(consultation.closes_at)}
        )
    unanswered = consultation.comments.filter(answer_kind="", hidden_at__isnull=True).count()
    if unanswered:
        problems.append(
            ngettext("%(n)d comment has no answer yet.", "%(n)d comments have no answer yet.", unanswered)
            % {"n": unanswered}
        )
    if not Forum.objects.filter(consultation=consultation).exists():
        problems.append(_("Record the Forum Konsultasi Publik (date, place, participants and outcome)."))
    return problems


def conclude_consultation(*, consultation: Consultation, user: User | None = None) -> Consultation:
    """Close the record: every comment handled and the forum recorded. Final."""
    now = clock.now()
    with write_transaction():
        consultation = _lock(consultation)
        if consultation.status == Consultation.Status.CONCLUDED:
            raise _concluded()
        problems = conclusion_problems(consultation, now)
        if problems:
            raise ValidationError(problems, code="incomplete")
        if consultation.status == Consultation.Status.OPEN:
            # The period ran out on its own: the record says when.
            consultation.closed_at = consultation.closes_at
        consultation.status = Consultation.Status.CONCLUDED
        consultation.concluded_at, consultation.concluded_by = now, user
        consultation.save(update_fields=["status", "closed_at", "concluded_at", "concluded_by"])
    return consultation


# Rules for the catalogue's publishing (called through ConsultationConfig) ------------


def check_publication(*, standard: ServiceStandard) -> None:
    """Refuse to publish a draft whose consultation is not concluded.

    Runs inside ``publish_standard``'s transaction with the draft row locked, so no
    consultation can be opened on it between this check and the publication.
    """
    now = clock.now()
    running = list(standard.consultations.exclude(status=Consultation.Status.CONCLUDED))
    if not running:
        return
    messages = [
        _(
            "This draft was opened for public consultation: conclude the consultation (an answer "
            "to every comment and the Forum Konsultasi Publik record) before publishing it."
        )
    ]
    for consultation in running:
        messages += conclusion_problems(consultation, now)
    raise ValidationError({"consultation": messages}, code="consultation")


def publication_notes(*, standard: ServiceStandard) -> list[str]:
    """A warning, never a refusal, when a draft goes out without public consultation."""
    if standard.consultations.exists():
        return []
    return [
        _(
            "This draft was not opened for public consultation. UU 25/2009 Pasal 20 asks that the "
            "public take part in setting a service standard; you may still publish it."
        )
    ]
