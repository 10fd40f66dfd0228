"""The complainant's side: filing a complaint, following it, replying to it."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.catalog import selectors as catalog
from mpp.catalog.models import Service
from mpp.complaints import models as complaint_models
from mpp.complaints.models import (
    FINAL,
    FOLLOW_UP_DAYS,
    FORWARD_DAYS,
    Channel,
    Classification,
    Complaint,
    Entry,
    Status,
)
from mpp.complaints.services.common import (
    ComplaintRefused,
    clean_text,
    deadline,
    lock,
    managers,
    move,
    responsible_staff,
    tell_citizen,
    tell_staff,
)
from mpp.core import clock, ratelimit
from mpp.core.db import write_transaction
from mpp.core.nik import NIKError, parse_nik
from mpp.core.phone import normalize_phone
from mpp.privacy.crypto import blind_index, submit_key_index
from mpp.tenancy.calendar import site_calendar
from mpp.tenancy.models import Agency, Site, User

SUBJECT_LENGTH = (5, 150)
DESCRIPTION_LENGTH = (20, 4000)
REPLY_LENGTH = 2000
EARLIEST_INCIDENT = dt.date(2000, 1, 1)
# Accepted complaints per hour: per caller address on the portal and the API, per kiosk
# for the hall's kiosks (many visitors, one address). Staff at the desk are not limited.
SUBMIT_LIMIT = 20
KIOSK_SUBMIT_LIMIT = 60
SUBMIT_WINDOW = dt.timedelta(hours=1)
# Public tracking: five wrong guesses per tracking ID and twenty per address an hour.
TRACKING_LIMITS = (("complaint-track-id", 5), ("complaint-track-ip", 20))
TRACKING_WINDOW = dt.timedelta(hours=1)
# Replies from the complainant: ten a day per complaint.
REPLY_LIMIT = 10
REPLY_WINDOW = dt.timedelta(days=1)


def pin_hash(tracking_id: str, pin: str) -> str:
    return blind_index(f"{tracking_id}:{pin}", purpose="complaint-pin")


def tail_hash(tracking_id: str, phone: str) -> str:
    return blind_index(f"{tracking_id}:{phone[-4:]}", purpose="complaint-tail") if phone else ""


def _submit_key(key: str, values: dict) -> str:
    """The idempotency key bound to what was submitted with it (``submit_key_index``)."""
    if not key:
        return ""
    content = {name: getattr(value, "pk", value) for name, value in values.items() if name != "submit_key"}
    return submit_key_index(key, content, purpose="complaint-submit")


def _filed_before(site: Site, key: str) -> Complaint | None:
    return Complaint.objects.filter(site=site, submit_key=key).first() if key else None


def _choices(site: Site, agency: Agency | None, service: Service | None) -> tuple:
    """The agency and service the complainant named, if they are the site's; a service
    alone names its agency."""
    errors = {}
    if agency is not None and not catalog.public_agencies(site).filter(pk=agency.pk).exists():
        errors["agency"] = [_("This agency does not serve at this mall.")]
    if service is not None:
        if not catalog.public_services(site).filter(pk=service.pk).exists():
            errors["service"] = [_("This service is not offered at this mall.")]
        elif agency is not None and service.agency_id != agency.pk:
            errors["service"] = [_("This service is not one of the chosen agency's.")]
        elif agency is None:
            agency = service.agency
    return agency, service, errors


def _clean(site: Site, now: dt.datetime, values: dict) -> dict:
    """Every field checked at once, so that a form or an API caller sees all its mistakes."""
    errors: dict[str, list] = {}
    today = timezone.localdate(now, site.zone)
    if values["classification"] not in Classification.values:
        errors["classification"] = [_("Choose a classification.")]
    if values["channel"] not in Channel.values:
        errors["channel"] = [_("Unknown channel.")]
    for field, (low, high) in (("subject", SUBJECT_LENGTH), ("description", DESCRIPTION_LENGTH)):
        text = (values[field] or "").strip()
        if not low <= len(text) <= high:
            errors[field] = [_("Write between %(low)s and %(high)s characters.") % {"low": low, "high": high}]
        values[field] = text
    incident = values["incident_date"]
    if incident is not None:
        if incident > today:
            errors["incident_date"] = [_("The date of the incident cannot be in the future.")]
        elif incident < EARLIEST_INCIDENT:
            errors["incident_date"] = [_("Check the year of the incident.")]
    values["incident_place"] = (values["incident_place"] or "").strip()
    if len(values["incident_place"]) > 200:
        errors["incident_place"] = [_("At most %(max)s characters.") % {"max": 200}]
    agency, service, choice_errors = _choices(site, values["agency"], values["service"])
    values["agency"], values["service"] = agency, service
    errors.update(choice_errors)
    values["name"] = (values["name"] or "").strip()
    values["nik"] = (values["nik"] or "").strip()
    if values["is_anonymous"] and (values["name"] or values["nik"]):
        errors["is_anonymous"] = [
            _("An anonymous complaint has no name or NIK: leave them empty, or do not choose anonymous.")
        ]
    if len(values["name"]) > 120:
        errors["name"] = [_("At most %(max)s characters.") % {"max": 120}]
    if values["nik"]:
        try:
            values["nik"] = parse_nik(values["nik"], today=today).value
        except NIKError as exc:
            errors["nik"] = [exc.message]
    phone = (values["phone"] or "").strip()
    try:
        values["phone"] = normalize_phone(phone) if phone else ""
    except ValidationError as exc:
        errors["phone"] = exc.messages
    email = (values["email"] or "").strip()
    if email:
        try:
            if len(email) > 254:
                raise ValidationError(_("At most %(max)s characters.") % {"max": 254})
            validate_email(email)
        except ValidationError as exc:
            errors["email"] = exc.messages
    values["email"] = email
    if len(values["submit_key"] or "") > 64:
        errors["submit_key"] = [_("At most %(max)s characters.") % {"max": 64}]
    if errors:
        raise ValidationError(errors)
    # Whistle-blowing protects the reporter: always confidential.
    if values["classification"] == Classification.WHISTLEBLOWING:
        values["is_confidential"] = True
    values["language"] = values["language"] if values["language"] in ("id", "en") else "id"
    return values


def submit_complaint(
    *,
    site: Site,
    classification: str,
    subject: str,
    description: str,
    channel: str,
    agency: Agency | None = None,
    service: Service | None = None,
    incident_date: dt.date | None = None,
    incident_place: str = "",
    is_anonymous: bool = False,
    is_confidential: bool = False,
    name: str = "",
    nik: str = "",
    phone: str = "",
    email: str = "",
    language: str = "id",
    ip: str = "",
    submit_key: str = "",
    user: User | None = None,
) -> tuple[Complaint, str | None]:
    """File a complaint; returns it and the receipt's PIN (shown once, stored as a hash).

    ``submit_key`` makes a repeated submit (a double click, a reloaded page, an API retry)
    find the complaint filed the first time: it is returned without a PIN, since the PIN
    exists only in the first answer.
    """
    now = clock.now()
    values = _clean(
        site,
        now,
        {
            "classification": classification,
            "channel": channel,
            "subject": subject,
            "description": description,
            "incident_date": incident_date,
            "incident_place": incident_place,
            "agency": agency,
            "service": service,
            "is_anonymous": bool(is_anonymous),
            "is_confidential": bool(is_confidential),
            "name": name,
            "nik": nik,
            "phone": phone,
            "email": email,
            "language": language,
            "submit_key": submit_key,
        },
    )
    key = _submit_key(values["submit_key"], values)
    repeated = _filed_before(site, key)
    if repeated is not None:
        return repeated, None
    limit = None
    if channel == Channel.KIOSK:
        limit = ("complaint-kiosk", f"{site.pk}", KIOSK_SUBMIT_LIMIT)
    elif channel != Channel.DESK:
        limit = ("complaint-submit", ip or "unknown", SUBMIT_LIMIT)
    if limit and ratelimit.exceeded(bucket=limit[0], key=limit[1], limit=limit[2], window=SUBMIT_WINDOW):
        raise ComplaintRefused("limited", _("Too many complaints from here. Please try again later."))
    pin = f"{secrets.randbelow(10**6):06d}"
    day = timezone.localdate(now, site.zone)
    calendar = site_calendar(site)
    for _attempt in range(5):
        tracking_id = complaint_models.tracking_id_for(day, complaint_models.draw_suffix())
        try:
            with write_transaction():
                # A repeat that raced the first submit finds it here, once that committed
                # (the unique index on (site, submit_key) sent it round the loop again).
                repeated = _filed_before(site, key)
                if repeated is not None:
                    return repeated, None
                complaint = Complaint(
                    tracking_id=tracking_id,
                    site=site,
                    classification=values["classification"],
                    channel=channel,
                    subject=values["subject"],
                    description=values["description"],
                    incident_date=values["incident_date"],
                    incident_place=values["incident_place"],
                    reported_agency=values["agency"],
                    reported_service=values["service"],
                    is_confidential=values["is_confidential"],
                    is_anonymous=values["is_anonymous"],
                    name=values["name"],
                    nik=values["nik"],
                    phone=values["phone"],
                    email=values["email"],
                    language=values["language"],
                    pin_hash=pin_hash(tracking_id, pin),
                    phone_tail_hash=tail_hash(tracking_id, values["phone"]),
                    submit_key=key,
                    received_at=now,
                    created_by=user if user is not None and user.is_authenticated else None,
                )
                complaint.forward_due = deadline(
                    complaint=complaint, moment=now, days=FORWARD_DAYS, calendar=calendar
                )
                # Claim recipe, by a unique index: the index on tracking_id decides who owns
                # a drawn ID; one already taken (committed or not) fails the insert, the
                # transaction rolls back, and the next pass draws again.
                complaint.save(force_insert=True)
                Entry.objects.create(
                    complaint=complaint,
                    kind=Entry.Kind.STATUS,
                    status=Status.RECEIVED,
                    is_public=True,
                    at=now,
                    by=complaint.created_by,
                )
                if limit:
                    ratelimit.hit(bucket=limit[0], key=limit[1])
                tell_citizen(complaint, "received")
                tell_staff(
                    list(managers(complaint)),
                    complaint,
                    "new",
                    _("New complaint %(number)s") % {"number": complaint.tracking_id},
                    _("%(classification)s received through %(channel)s; forward it by %(due)s.")
                    % {
                        "classification": complaint.get_classification_display(),
                        "channel": complaint.get_channel_display(),
                        "due": complaint.forward_due.isoformat(),
                    },
                )
            return complaint, pin
        except IntegrityError:
            continue
    raise ValidationError(_("The complaint could not be saved; try again."), code="conflict")


def normalize_tracking_id(value: str) -> str:
    """ "adu 261130 7kq4xm" and "ADU2611307KQ4XM" become "ADU-261130-7KQ4XM"."""
    compact = "".join(ch for ch in (value or "").upper() if ch.isalnum())[:30]
    prefix = complaint_models.TRACKING_PREFIX
    if compact.startswith(prefix) and len(compact) == len(prefix) + 6 + complaint_models.TRACKING_RANDOM:
        return f"{prefix}-{compact[len(prefix) : len(prefix) + 6]}-{compact[len(prefix) + 6 :]}"
    return compact


def track(*, tracking_id: str, secret: str, ip: str) -> Complaint:
    """The complaint behind a tracking ID, if the second factor matches.

    The second factor is the receipt's PIN or the last four digits of the telephone.
    Wrong guesses count against the tracking ID and the caller's address; past the
    limit, even a right answer waits for the window to pass, so that guessing cannot win.
    """
    number = normalize_tracking_id(tracking_id)
    secret = "".join(ch for ch in (secret or "") if ch in "0123456789")[:6]
    keys = {"complaint-track-id": number, "complaint-track-ip": ip or "unknown"}
    for bucket, limit in TRACKING_LIMITS:
        if ratelimit.exceeded(bucket=bucket, key=keys[bucket], limit=limit, window=TRACKING_WINDOW):
            raise ComplaintRefused("limited", _("Too many wrong attempts. Try again in an hour."))
    complaint = Complaint.objects.filter(tracking_id=number).select_related("site", "agency").first()
    matches = (
        complaint is not None
        and bool(secret)
        and (
            (len(secret) == 6 and complaint.pin_hash == pin_hash(number, secret))
            or (
                len(secret) == 4
                and bool(complaint.phone_tail_hash)
                and complaint.phone_tail_hash == tail_hash(number, secret)
            )
        )
    )
    if not matches:
        with write_transaction():
            for bucket, _limit in TRACKING_LIMITS:
                ratelimit.hit(bucket=bucket, key=keys[bucket])
        raise ComplaintRefused("not_found", _("No complaint matches this tracking ID and code."))
    return complaint


def public_timeline(complaint: Complaint) -> list[Entry]:
    """What the complainant reads: every status change (its text only when public), the
    replies to them and their own messages; never internal notes or who wrote what."""
    entries = complaint.entries.exclude(kind=Entry.Kind.NOTE).select_related("agency").order_by("at", "id")
    shown = []
    for entry in entries:
        if not entry.is_public:
            entry.text = ""
        shown.append(entry)
    return shown


def citizen_reply(*, complaint: Complaint, text: str) -> Complaint:
    """The complainant writes (after ``track``). A reply to a follow-up reopens the
    complaint for its agency (or the desk that answered), with a new follow-up deadline;
    a reply to a postponed complaint brings it back to the desk with a new forwarding
    deadline. A closed, archived or declined complaint takes no more replies."""
    now = clock.now()
    text = clean_text(text, field="text", required=True, limit=REPLY_LENGTH)
    if ratelimit.exceeded(
        bucket="complaint-reply", key=complaint.tracking_id, limit=REPLY_LIMIT, window=REPLY_WINDOW
    ):
        raise ComplaintRefused("limited", _("Too many replies today. Please try again tomorrow."))
    with write_transaction():
        complaint = lock(complaint)
        if complaint.status in FINAL:
            raise ComplaintRefused(
                "final", _("This complaint is finished. To raise the matter again, file a new complaint.")
            )
        Entry.objects.create(complaint=complaint, kind=Entry.Kind.CITIZEN, text=text, is_public=True, at=now)
        ratelimit.hit(bucket="complaint-reply", key=complaint.tracking_id)
        fields = []
        if complaint.status == Status.FOLLOWED_UP:
            reopened = Status.FORWARDED if complaint.agency_id else Status.VERIFIED
            move(
                complaint,
                reopened,
                now=now,
                user=None,
                text=_("Reopened by the complainant's reply."),
                agency=complaint.agency,
            )
            complaint.close_due = None
            if reopened == Status.FORWARDED:
                complaint.follow_up_due = deadline(complaint=complaint, moment=now, days=FOLLOW_UP_DAYS)
            else:
                complaint.forward_due = deadline(complaint=complaint, moment=now, days=FORWARD_DAYS)
            fields += ["status", "close_due", "follow_up_due", "forward_due"]
        elif complaint.status == Status.POSTPONED:
            move(complaint, Status.RECEIVED, now=now, user=None, text=_("The complainant added information."))
            complaint.forward_due = deadline(complaint=complaint, moment=now, days=FORWARD_DAYS)
            fields += ["status", "forward_due"]
        if fields:
            complaint.is_overdue = False
            complaint.overdue_notified_at = None
            complaint.save(update_fields=[*fields, "is_overdue", "overdue_notified_at"])
        tell_staff(
            responsible_staff(complaint),
            complaint,
            "citizen-reply",
            _("Reply from the complainant: %(number)s") % {"number": complaint.tracking_id},
            _("The complainant wrote on %(number)s (now %(status)s).")
            % {"number": complaint.tracking_id, "status": complaint.get_status_display()},
        )
    return complaint
