"""Opening and closing a counter: one officer, one counter, one browser at a time."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mpp.core import clock, sql
from mpp.core.db import write_transaction
from mpp.queueing import rules
from mpp.queueing.models import AT_COUNTER, CounterSession, RequestStatus, ServiceRequest
from mpp.tenancy.access import can_work_at_counter
from mpp.tenancy.models import Counter, User

SESSION = sql.Columns(CounterSession, "s")


def open_session_of(*, counter_id: int, officer: User, client_key: str) -> CounterSession | None:
    """The officer's open session at the counter from this client (browser or token), if any.

    Whether it may still act, ``counter.live_session`` decides under the session's lock.
    Every counter action starts here, so the statement is written by hand (mpp.core.sql):
    CounterSession.objects.filter(counter_id=..., officer=..., client_key=..., closed_at__isnull=True)
    """
    row = sql.fetchone(
        f"SELECT {SESSION.sql} FROM {sql.table(CounterSession)} s WHERE s.counter_id = %s"
        " AND s.officer_id = %s AND s.client_key = %s AND s.closed_at IS NULL",
        [counter_id, officer.pk, client_key],
    )
    if row is None:
        return None
    session = SESSION.build(row)
    session.officer = officer
    return session


class CounterBusy(ValidationError):
    """The counter (or the officer) is already open elsewhere; ``session`` says where."""

    def __init__(self, message: str, session: CounterSession) -> None:
        super().__init__(message, code="busy")
        self.session = session


def _busy_message(other: CounterSession, counter: Counter) -> str:
    since = formats.time_format(other.opened_at.astimezone(counter.site.zone), "H.i")
    if other.counter_id != counter.pk:
        return _("You are working at counter %(counter)s since %(since)s, in another browser or tab.") % {
            "counter": other.counter.number,
            "since": since,
        }
    return _("Counter %(counter)s is open in another browser, by %(officer)s since %(since)s.") % {
        "counter": counter.number,
        "officer": other.officer.get_full_name() or other.officer.get_username(),
        "since": since,
    }


def _refuse_while_held(counter: Counter, now, *, other: bool = False) -> None:
    """A counter closes only without today's tickets at it: called, served, or paused.

    A paused (parked) ticket belongs to its counter; closing the counter would leave the
    visitor told to come back to a counter nobody works at, so the officer decides first
    (call it back, then finish, transfer or mark it not present; docs/queue.md).
    """
    today = ServiceRequest.objects.filter(counter=counter, visit__day=rules.site_day(counter.site, now))
    if today.filter(status__in=AT_COUNTER).exists():
        if other:
            message = _("Your other counter still has a ticket called; finish it there first.")
        else:
            message = _("A ticket is still at this counter. Finish, transfer, park or mark it first.")
        raise ValidationError(message, code="busy")
    parked = [r.visit.code for r in today.filter(status=RequestStatus.PARKED).select_related("visit")]
    if parked:
        params = {"codes": ", ".join(sorted(parked)), "counter": counter.number}
        if other:
            message = ngettext(
                "Ticket %(codes)s is paused at your other counter %(counter)s. Call it back there "
                "and finish, transfer or mark it first.",
                "Tickets %(codes)s are paused at your other counter %(counter)s. Call them back there "
                "and finish, transfer or mark them first.",
                len(parked),
            )
        else:
            message = ngettext(
                "Ticket %(codes)s is paused at this counter. Call it back and finish, transfer or mark "
                "it before closing the counter.",
                "Tickets %(codes)s are paused at this counter. Call them back and finish, transfer or "
                "mark them before closing the counter.",
                len(parked),
            )
        raise ValidationError(message % params, code="parked")


def open_session(
    *, counter: Counter, officer: User, client_key: str, takeover: bool = False
) -> CounterSession:
    """Open ``counter`` for ``officer`` in the browser (or token) ``client_key``.

    The same browser reopening gets its session back. Another browser is refused
    with a clear message unless ``takeover`` closes the other session first.
    """
    if not can_work_at_counter(officer, counter):
        raise PermissionDenied
    now = clock.now()
    with write_transaction():
        # Lock the open sessions of this counter and of this officer (a few rows): an action
        # running on one of them (it holds the same lock, counter.live_session) finishes
        # first, and any action after this takeover finds its session closed.
        others = list(
            CounterSession.objects.select_for_update(of=("self",))
            .select_related("counter__site", "officer")
            .filter(Q(counter=counter) | Q(officer=officer), closed_at__isnull=True)
        )
        for other in others:
            if (
                other.counter_id == counter.pk
                and other.officer_id == officer.pk
                and other.client_key == client_key
            ):
                return other
        if others and not takeover:
            raise CounterBusy(_busy_message(others[0], counter), others[0])
        for other in others:
            if other.counter_id != counter.pk:
                _refuse_while_held(other.counter, now, other=True)
            other.closed_at = now
            other.save(update_fields=["closed_at"])
        try:
            return CounterSession.objects.create(
                counter=counter, officer=officer, client_key=client_key, opened_at=now
            )
        except IntegrityError as exc:
            # Only reachable on PostgreSQL, when two browsers open the same counter at once.
            raise ValidationError(
                _("The counter was opened by someone else just now. Try again."), code="busy"
            ) from exc


def close_session(*, session: CounterSession) -> CounterSession:
    """Close the counter; refused while one of today's tickets is at it or paused there."""
    now = clock.now()
    with write_transaction():
        # The same row lock as every counter action (counter.live_session).
        session = (
            CounterSession.objects.select_for_update(of=("self",))
            .select_related("counter__site")
            .get(pk=session.pk)
        )
        if session.closed_at is not None:
            return session
        _refuse_while_held(session.counter, now)
        session.closed_at = now
        session.save(update_fields=["closed_at"])
    return session


def session_for(*, officer: User, client_key: str) -> CounterSession | None:
    """The officer's open session in this browser, if any."""
    return (
        CounterSession.objects.select_related("counter__site", "counter__agency")
        .filter(officer=officer, client_key=client_key, closed_at__isnull=True)
        .first()
    )
