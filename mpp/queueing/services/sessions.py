"""Opening and closing a counter: one officer, one counter, one browser at a time."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _

from mpp.core import clock
from mpp.core.db import write_transaction
from mpp.queueing.models import AT_COUNTER, CounterSession, ServiceRequest
from mpp.tenancy.access import can_work_at_counter
from mpp.tenancy.models import Counter, User


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
        # Lock the open sessions of this counter and of this officer (a few rows).
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
            if ServiceRequest.objects.filter(counter=other.counter, status__in=AT_COUNTER).exists() and (
                other.counter_id != counter.pk
            ):
                raise ValidationError(
                    _("Your other counter still has a ticket called; finish it there first."), code="busy"
                )
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
    now = clock.now()
    with write_transaction():
        session = CounterSession.objects.select_for_update().get(pk=session.pk)
        if session.closed_at is not None:
            return session
        if ServiceRequest.objects.filter(counter=session.counter, status__in=AT_COUNTER).exists():
            raise ValidationError(
                _("A ticket is still at this counter. Finish, transfer, park or mark it first."), code="busy"
            )
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
