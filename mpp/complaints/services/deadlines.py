"""The deadlines' watch: mark complaints whose step is overdue (and tell who must act,
once per step), and close those followed up ten working days ago without a reply."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.complaints.models import AT_DESK, Complaint, Entry, Status
from mpp.complaints.services.common import responsible_staff, tell_citizen, tell_staff
from mpp.core import clock
from mpp.core.db import write_transaction

# No zone is more than 14 hours ahead of UTC: a deadline on or after this day has not
# passed anywhere yet, which keeps the sweep to the few rows that may be due.
_AHEAD = dt.timedelta(hours=14)


def check_deadlines(*, now: dt.datetime | None = None) -> dict[str, int]:
    now = now or clock.now()
    latest = (now + _AHEAD).date()
    marked = 0
    candidates = Complaint.objects.filter(
        Q(status__in=AT_DESK, forward_due__lt=latest) | Q(status=Status.FORWARDED, follow_up_due__lt=latest),
        is_overdue=False,
    ).select_related("site", "agency")
    for complaint in candidates:
        due = complaint.due_date
        if due is None or timezone.localdate(now, complaint.site.zone) <= due:
            continue
        with write_transaction():
            # Claim recipe: the conditional UPDATE decides. Another worker at the same time,
            # or a change that moved the complaint to another step (another deadline),
            # makes it match nothing, and nobody is told twice or about the wrong step.
            updated = Complaint.objects.filter(
                pk=complaint.pk,
                is_overdue=False,
                status=complaint.status,
                forward_due=complaint.forward_due,
                follow_up_due=complaint.follow_up_due,
            ).update(is_overdue=True, overdue_notified_at=now)
            if not updated:
                continue
            step = (
                _("forwarding to the agency")
                if complaint.status in AT_DESK
                else _("follow-up by %(agency)s") % {"agency": complaint.agency.name}
            )
            tell_staff(
                responsible_staff(complaint),
                complaint,
                "overdue",
                _("Overdue complaint: %(number)s") % {"number": complaint.tracking_id},
                _("Complaint %(number)s waits for %(step)s, due on %(due)s.")
                % {"number": complaint.tracking_id, "step": step, "due": due.isoformat()},
            )
            marked += 1
    closed = 0
    for complaint in Complaint.objects.filter(status=Status.FOLLOWED_UP, close_due__lt=latest).select_related(
        "site", "agency"
    ):
        if timezone.localdate(now, complaint.site.zone) <= complaint.close_due:
            continue
        with write_transaction():
            # Claim recipe again: a reply from the complainant that reopened the complaint
            # in the meantime (it locks the row and changes the status) wins.
            updated = Complaint.objects.filter(
                pk=complaint.pk, status=Status.FOLLOWED_UP, close_due=complaint.close_due
            ).update(status=Status.CLOSED, closed_at=now, is_overdue=False)
            if not updated:
                continue
            complaint.status = Status.CLOSED
            text = _("Closed: no reply within 10 working days after the follow-up.")
            Entry.objects.create(
                complaint=complaint,
                kind=Entry.Kind.STATUS,
                status=Status.CLOSED,
                text=text,
                is_public=True,
                at=now,
            )
            tell_citizen(complaint, Status.CLOSED, text)
            closed += 1
    return {"overdue": marked, "closed": closed}
