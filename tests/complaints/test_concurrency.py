"""Tracking IDs are scarce: many complaints filed at the same moment each get their own,
even when their random draws collide, and a form sent twice at once files one complaint.
Real threads against the real database (SQLite or PostgreSQL, as the suite runs), each
with a control that switches the protection off and shows the race."""

import contextlib
import threading

import pytest
from django.db import connection

from mpp.complaints import models as complaint_models
from mpp.complaints.models import Complaint
from mpp.complaints.services import filing
from tests.complaints.conftest import file
from tests.threads import run_threads

SUBMITTERS = 12
pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def colliding_draws(monkeypatch):
    """Every submitter's first draw is the same suffix: the collision the index must catch
    (1 in 887 million a day by chance, here certain). Later draws are random."""
    real = complaint_models.draw_suffix
    seen = threading.local()

    def draw():
        if not getattr(seen, "drawn", False):
            seen.drawn = True
            return "AAAAAA"
        return real()

    monkeypatch.setattr(complaint_models, "draw_suffix", draw)


def test_simultaneous_complaints_get_unique_tracking_ids(world, clock_at, colliding_draws):
    results, errors = run_threads(
        SUBMITTERS, lambda i: file(world, subject=f"Pengaduan serentak {i}", ip=f"10.0.0.{i}")
    )
    assert errors == []
    numbers = [complaint.tracking_id for complaint, _pin in results]
    assert len(numbers) == SUBMITTERS == Complaint.objects.count()
    assert len(set(numbers)) == SUBMITTERS
    assert sum(number.endswith("-AAAAAA") for number in numbers) == 1  # one winner of the collision
    assert all(pin for _complaint, pin in results)


def test_control_without_the_unique_index_the_same_draws_give_one_id_to_many(
    world, clock_at, colliding_draws
):
    old = Complaint._meta.get_field("tracking_id")
    name, _path, args, kwargs = old.deconstruct()
    loose = old.__class__(*args, **{**kwargs, "unique": False})
    loose.set_attributes_from_name(name)
    loose.model = Complaint
    with connection.schema_editor() as editor:
        editor.alter_field(Complaint, old, loose)
    try:
        results, errors = run_threads(
            SUBMITTERS, lambda i: file(world, subject=f"Pengaduan serentak {i}", ip=f"10.0.0.{i}")
        )
        assert errors == []
        numbers = [complaint.tracking_id for complaint, _pin in results]
        assert len(numbers) == SUBMITTERS
        assert len(set(numbers)) == 1, "expected every complaint to carry the colliding ID"
    finally:
        Complaint.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.alter_field(Complaint, loose, old)


def test_a_form_sent_twice_at_once_files_one_complaint_with_one_pin(world, clock_at):
    results, errors = run_threads(SUBMITTERS, lambda _i: file(world, submit_key="satu-formulir-0123456789"))
    assert errors == []
    assert Complaint.objects.count() == 1
    assert {complaint.pk for complaint, _pin in results} == {Complaint.objects.get().pk}
    assert sum(pin is not None for _complaint, pin in results) == 1


def test_control_without_the_index_and_the_queue_a_form_sent_twice_files_twice(world, clock_at, monkeypatch):
    """Switch the protection off: no unique index on (site, submit_key), and on SQLite no
    writer queue either (SQLite's one writer would otherwise serialise the look and the
    write); both submitters look before either writes."""
    both_looked = threading.Barrier(2)
    real = filing._filed_before

    def look_then_wait(site, key):
        found = real(site, key)
        both_looked.wait(timeout=30)
        return found

    monkeypatch.setattr(filing, "_filed_before", look_then_wait)
    if connection.vendor == "sqlite":
        monkeypatch.setattr(filing, "write_transaction", contextlib.nullcontext)
    constraint = next(c for c in Complaint._meta.constraints if c.name == "complaint_submit_once")
    with connection.schema_editor() as editor:
        editor.remove_constraint(Complaint, constraint)
    try:
        results, errors = run_threads(2, lambda _i: file(world, submit_key="satu-formulir-0123456789"))
        assert errors == []
        assert Complaint.objects.count() == 2, "expected the form to file two complaints"
        assert all(pin for _complaint, pin in results)
    finally:
        Complaint.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(Complaint, constraint)
