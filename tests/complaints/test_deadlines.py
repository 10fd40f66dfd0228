"""SP4N-LAPOR!'s deadlines in the site's working days (weekends, libur nasional and cuti
bersama skipped), the overdue marking, and closing ten working days after a follow-up."""

import datetime as dt

import pytest
from django.core.management import call_command

from mpp.complaints.models import Complaint
from mpp.complaints.services import deadlines, filing, handling
from mpp.notify.models import Message
from mpp.tenancy.models import CalendarOverride
from tests.complaints.conftest import BEFORE_CHRISTMAS, file

D = dt.date


def wib(year, month, day, hour=9, minute=0):
    """A moment in Asia/Pontianak (UTC+7)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC) - dt.timedelta(hours=7)


@pytest.mark.parametrize(
    ("received", "forward_due"),
    [
        # Wed 23 Dec 2026: Thu 24 is cuti bersama, Fri 25 Christmas, then the weekend:
        # Mon 28, Tue 29, Wed 30. (Were cuti bersama a working day, it would be Tue 29.)
        (wib(2026, 12, 23), D(2026, 12, 30)),
        # Tue 17 Mar 2026: cuti bersama 18, Nyepi 19, cuti bersama 20, Idul Fitri 21-22,
        # cuti bersama 23-24: Wed 25, Thu 26, Fri 27.
        (wib(2026, 3, 17), D(2026, 3, 27)),
        # Fri 15 Aug 2025: Independence Day on Sunday 17, cuti bersama on Monday 18.
        (wib(2025, 8, 15), D(2025, 8, 21)),
        # Received on Saturday 28 November: counted from Monday 30.
        (wib(2026, 11, 28), D(2026, 12, 3)),
        # 23:30 WIB on Sunday is still Sunday in the hall, though Monday in some zones.
        (wib(2026, 11, 29, 23, 30), D(2026, 12, 3)),
    ],
)
def test_forwarding_deadline_follows_the_site_calendar(world, clock_at, received, forward_due):
    clock_at(received)
    complaint, _pin = file(world)
    assert complaint.forward_due == forward_due


def test_follow_up_deadline_across_christmas_cuti_bersama_and_new_year(world, clock_at):
    clock_at(BEFORE_CHRISTMAS)
    complaint, _pin = file(world)
    complaint = handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    # Mon 28, Tue 29, Wed 30, Thu 31 December; 1 January is Tahun Baru; Mon 4 January.
    assert complaint.follow_up_due == D(2027, 1, 4)


def test_closing_deadline_across_christmas_cuti_bersama(world, clock_at):
    clock_at(wib(2026, 12, 15))
    complaint, _pin = file(world)
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    complaint = handling.answer_complaint(user=world.admin_a, complaint=complaint, text="Sudah ditangani.")
    # 16, 17, 18, 21, 22, 23 (6 days), 24-27 closed, 28, 29, 30, 31 December (10).
    assert complaint.close_due == D(2026, 12, 31)


def test_the_sites_own_closures_move_deadlines(world, clock_at):
    CalendarOverride.objects.create(site=world.site, date=D(2026, 12, 2), kind="closed", note="Banjir")
    complaint, _pin = file(world)
    assert complaint.forward_due == D(2026, 12, 4)
    CalendarOverride.objects.create(site=world.site, date=D(2026, 12, 5), kind="open", note="Sabtu layanan")
    complaint, _pin = file(world, subject="Pengaduan kedua")
    assert complaint.forward_due == D(2026, 12, 4)  # the Saturday opening is after the deadline


def test_auto_close_after_ten_working_days_without_a_reply(world, clock_at):
    clock_at(wib(2026, 12, 15))
    complaint, _pin = file(world)
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    handling.answer_complaint(user=world.admin_a, complaint=complaint, text="Sudah ditangani.")
    # Through the tenth working day (Thursday 31 December) the complainant may still reply.
    for moment in (wib(2026, 12, 24), wib(2026, 12, 30), wib(2026, 12, 31, 23, 59)):
        clock_at(moment)
        assert deadlines.check_deadlines() == {"overdue": 0, "closed": 0}
    clock_at(wib(2027, 1, 1, 0, 30))
    assert deadlines.check_deadlines() == {"overdue": 0, "closed": 1}
    complaint.refresh_from_db()
    assert complaint.status == "closed"
    assert complaint.closed_at is not None
    last = complaint.entries.order_by("at", "id").last()
    assert (last.status, last.is_public, last.by) == ("closed", True, None)
    assert Message.objects.filter(kind="complaint.closed", channel="sms").count() == 1
    assert deadlines.check_deadlines() == {"overdue": 0, "closed": 0}


def test_a_reply_before_the_deadline_reopens_and_nothing_is_closed(world, clock_at):
    clock_at(wib(2026, 12, 7))
    complaint, pin = file(world)
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    complaint = handling.answer_complaint(user=world.admin_a, complaint=complaint, text="Sudah ditangani.")
    assert complaint.close_due == D(2026, 12, 21)
    clock_at(wib(2026, 12, 18, 15))
    found = filing.track(tracking_id=complaint.tracking_id, secret=pin, ip="1.1.1.1")
    complaint = filing.citizen_reply(complaint=found, text="Belum, masih sama.")
    # Reopened for the agency: five working days from Friday 18 December, across
    # cuti bersama (24) and Christmas (25): 21, 22, 23, 28, 29.
    assert (complaint.status, complaint.follow_up_due, complaint.close_due) == (
        "forwarded",
        D(2026, 12, 29),
        None,
    )
    clock_at(wib(2026, 12, 22))
    assert deadlines.check_deadlines() == {"overdue": 0, "closed": 0}
    complaint.refresh_from_db()
    assert complaint.status == "forwarded"


def test_overdue_steps_are_marked_and_their_staff_told_once(world, clock_at):
    clock_at(BEFORE_CHRISTMAS)
    at_desk, _pin = file(world)
    postponed, _pin = file(world, subject="Pengaduan ditunda")
    handling.decide_complaint(user=world.manager, complaint=postponed, status="postponed", reason="Lengkapi")
    forwarded, _pin = file(world, subject="Pengaduan diteruskan")
    handling.forward_complaint(user=world.manager, complaint=forwarded, agency=world.agency_b)
    # The forwarding deadline (Wednesday 30 December) is not passed on its last day.
    clock_at(wib(2026, 12, 30, 16))
    assert deadlines.check_deadlines()["overdue"] == 0
    clock_at(wib(2026, 12, 31))
    assert deadlines.check_deadlines()["overdue"] == 1
    at_desk.refresh_from_db()
    assert at_desk.is_overdue
    told = Message.objects.get(kind="complaint.overdue")
    assert told.user == world.manager
    assert at_desk.tracking_id in told.subject
    # The agency's deadline is Monday 4 January: overdue on Tuesday 5, and its admin is told.
    clock_at(wib(2027, 1, 5))
    assert deadlines.check_deadlines()["overdue"] == 1
    assert Message.objects.filter(kind="complaint.overdue", user=world.admin_b).count() == 1
    assert deadlines.check_deadlines()["overdue"] == 0  # told once
    postponed.refresh_from_db()
    assert not postponed.is_overdue  # waiting for the complainant stops the clock
    # Forwarding it late ends the desk's overdue step; the agency's clock starts afresh.
    at_desk = handling.forward_complaint(user=world.manager, complaint=at_desk, agency=world.agency_a)
    assert not at_desk.is_overdue
    assert at_desk.follow_up_due > D(2027, 1, 5)
    assert at_desk.forwarded_at.date() > at_desk.forward_due  # late, as the export shows


def test_an_agency_without_admins_leaves_the_desk_to_be_told(world, clock_at):
    complaint, _pin = file(world)
    world.admin_a.memberships.all().delete()
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    clock_at(wib(2026, 12, 9))
    assert deadlines.check_deadlines()["overdue"] == 1
    assert Message.objects.filter(kind="complaint.overdue").get().user == world.manager


def test_the_check_runs_as_a_background_task_and_at_once(world, clock_at, settings):
    file(world)
    clock_at(wib(2026, 12, 4))
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    call_command("check_complaints")
    assert Complaint.objects.get().is_overdue
    Complaint.objects.update(is_overdue=False)
    call_command("check_complaints", "--now")
    assert Complaint.objects.get().is_overdue
