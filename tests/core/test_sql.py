"""The hot paths' hand-written SQL gives back what the ORM gives back, on both databases."""

import datetime as dt

from django.db import connection

from mpp.core import sql
from mpp.queueing.models import Event, EventKind, HallSettings, RequestStatus, ServiceRequest, Visit
from mpp.queueing.services.tickets import issue_ticket
from mpp.tenancy.models import Site

VISIT = sql.Columns(Visit, "v")
PART = sql.Columns(ServiceRequest, "r", ["queue_time", "status", "visit"])
HALL = sql.Columns(HallSettings, "hs")


def _visit(hall, **fields):
    return issue_ticket(site=hall.world.site, services=[hall.world.service_a], **fields)


def test_a_row_read_by_hand_equals_the_orms_instance(hall):
    issued = _visit(hall, phone="0812 3456 7890", language="en")
    row = sql.fetchone(f"SELECT {VISIT.sql} FROM {sql.table(Visit)} v WHERE v.id = %s", [issued.pk])
    by_hand = VISIT.build(row)
    by_orm = Visit.objects.get(pk=issued.pk)
    for field in Visit._meta.concrete_fields:
        assert getattr(by_hand, field.attname) == getattr(by_orm, field.attname), field.name
    # Converted, not raw: an aware datetime, a date, the decrypted telephone.
    assert by_hand.arrived_at.tzinfo is not None
    assert isinstance(by_hand.day, dt.date)
    assert by_hand.phone == by_orm.phone == "+6281234567890"
    assert not by_hand._state.adding


def test_some_columns_land_on_their_own_fields(hall):
    request_ = _visit(hall).requests.get()
    row = sql.fetchone(f"SELECT {PART.sql} FROM {sql.table(ServiceRequest)} r WHERE r.id = %s", [request_.pk])
    partial = PART.build(row)
    assert (partial.pk, partial.visit_id, partial.status, partial.queue_time) == (
        request_.pk,
        request_.visit_id,
        RequestStatus.WAITING,
        request_.queue_time,
    )
    assert partial.get_deferred_fields() >= {"called_at", "note", "service_id"}


def test_a_left_join_that_found_nothing_builds_none(world):
    site = Site.objects.create(name="Tanpa pengaturan", slug="tanpa")
    row = sql.fetchone(
        f"SELECT st.id, {HALL.sql} FROM {sql.table(Site)} st"
        f" LEFT JOIN {sql.table(HallSettings)} hs ON hs.site_id = st.id WHERE st.id = %s",
        [site.pk],
    )
    assert HALL.build(row, 1) is None


def test_insert_writes_defaults_json_and_encrypted_values(hall):
    visit = _visit(hall)
    request_ = visit.requests.get()
    now = dt.datetime(2026, 11, 30, 2, 5, 6, 789000, tzinfo=dt.UTC)
    event = sql.insert(
        Event(
            site_id=visit.site_id,
            visit=visit,
            request=request_,
            agency_id=request_.agency_id,
            kind=EventKind.RECALLED,
            at=now,
            data={"recalls": 2, "kata": "nomor"},
        )
    )
    stored = Event.objects.get(pk=event.pk)
    assert (stored.at, stored.data, stored.kind) == (now, {"recalls": 2, "kata": "nomor"}, EventKind.RECALLED)
    assert stored.counter_id is None


def test_update_changes_the_row_only_while_the_condition_holds(hall):
    request_ = _visit(hall).requests.get()
    now = dt.datetime(2026, 11, 30, 2, 7, tzinfo=dt.UTC)
    claim = {"status": RequestStatus.CALLED, "called_at": now}
    assert sql.update(ServiceRequest, request_.pk, claim, status=RequestStatus.WAITING) == 1
    # The same claim again finds the row no longer waiting: nothing changes.
    assert sql.update(ServiceRequest, request_.pk, claim, status=RequestStatus.WAITING) == 0
    assert sql.update(ServiceRequest, request_.pk, {"near_notified_at": now}, near_notified_at=None) == 1
    assert sql.update(ServiceRequest, request_.pk, {"near_notified_at": now}, near_notified_at=None) == 0
    request_.refresh_from_db()
    assert (request_.status, request_.called_at, request_.near_notified_at) == (
        RequestStatus.CALLED,
        now,
        now,
    )


def test_datetime_parameters_compare_as_the_orm_stores_them(hall):
    """A parameter is adapted by its field: on SQLite an aware datetime must become the
    stored text, or comparisons would silently compare other strings."""
    request_ = _visit(hall).requests.get()
    at = sql.prep(ServiceRequest, "queue_time", request_.queue_time)
    row = sql.fetchone(
        f"SELECT COUNT(*) FROM {sql.table(ServiceRequest)} WHERE queue_time = %s AND id = %s",
        [at, request_.pk],
    )
    assert row == (1,)
    later = sql.prep(ServiceRequest, "queue_time", request_.queue_time + dt.timedelta(microseconds=1))
    row = sql.fetchone(
        f"SELECT COUNT(*) FROM {sql.table(ServiceRequest)} WHERE queue_time < %s AND id = %s",
        [later, request_.pk],
    )
    assert row == (1,)


def test_row_locks_are_asked_of_postgresql_only():
    clause = sql.for_update("r")
    assert clause == (" FOR UPDATE OF r" if connection.vendor == "postgresql" else "")


def test_an_empty_in_list_matches_nothing(hall):
    _visit(hall)
    row = sql.fetchone(
        f"SELECT COUNT(*) FROM {sql.table(ServiceRequest)} WHERE service_id IN ({sql.placeholders(0)})"
    )
    assert row == (0,)


def test_insert_without_returning_reads_the_new_id(hall, monkeypatch):
    """SQLite before 3.35 has no RETURNING: the new row's id comes from lastrowid
    (PostgreSQL always returns it, whatever the flag says)."""
    visit = _visit(hall)
    request_ = visit.requests.get()
    monkeypatch.setattr(connection.features, "can_return_columns_from_insert", False)

    def recalled():
        return Event(
            site_id=visit.site_id,
            visit=visit,
            request=request_,
            agency_id=request_.agency_id,
            kind=EventKind.RECALLED,
            at=visit.arrived_at,
        )

    first, second = sql.insert(recalled()), sql.insert(recalled())
    assert second.pk > first.pk
    assert Event.objects.filter(pk__in=[first.pk, second.pk], kind=EventKind.RECALLED).count() == 2
