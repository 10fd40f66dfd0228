"""Filing a complaint and moving it through SP4N-LAPOR!'s lifecycle: every transition,
the refusals of the others, and who may take which step."""

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from mpp.complaints.models import Complaint, Entry
from mpp.complaints.services import filing, handling
from mpp.complaints.services.common import ComplaintRefused
from mpp.notify.models import Message
from tests import factories
from tests.complaints.conftest import file, nik

D = dt.date


def test_filing_gives_a_tracking_id_a_pin_and_messages(world, clock_at):
    complaint, pin = file(world, email="siti@example.org")
    assert re.fullmatch(r"ADU-261130-[2-9A-HJ-NP-Z]{6}", complaint.tracking_id)
    assert re.fullmatch(r"[0-9]{6}", pin)
    assert pin not in complaint.pin_hash
    assert (complaint.status, complaint.channel, complaint.is_confidential) == ("received", "portal", False)
    assert complaint.forward_due == D(2026, 12, 3)  # three working days after Monday 30 November
    assert complaint.nik == nik(7)
    assert complaint.phone == "+6281234567890"
    assert [(e.kind, e.status) for e in complaint.entries.all()] == [("status", "received")]
    # Identity is ciphertext in the database.
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, nik, phone, email FROM complaints_complaint")
        stored = cursor.fetchone()
    assert not {"Siti Aminah", nik(7), "+6281234567890", "siti@example.org"} & set(stored)
    to_citizen = Message.objects.get(kind="complaint.received")  # the citizen's; the desk's is "new"
    assert (to_citizen.channel, to_citizen.address) == ("sms", "+6281234567890")
    assert complaint.tracking_id in to_citizen.body
    assert pin not in to_citizen.body
    to_desk = Message.objects.get(kind="complaint.new", channel="staff")
    assert to_desk.user == world.manager
    assert "Siti" not in to_desk.subject + to_desk.body


def test_whistleblowing_is_always_confidential(world, clock_at):
    complaint, _pin = file(world, classification="whistleblowing", is_confidential=False)
    assert complaint.is_confidential


def test_bad_input_names_every_field_and_files_nothing(world, clock_at):
    other_agency = factories.AgencyFactory(sites=[world.other_site])
    with pytest.raises(ValidationError) as info:
        file(
            world,
            classification="keluhan",
            subject="KTP",
            description="Terlalu pendek",
            incident_date=D(2026, 12, 1),  # tomorrow
            incident_place="x" * 201,
            agency=other_agency,
            nik="1234",
            phone="12345",
            email="bukan-email",
        )
    assert set(info.value.message_dict) == {
        "classification",
        "subject",
        "description",
        "incident_date",
        "incident_place",
        "agency",
        "nik",
        "phone",
        "email",
    }
    with pytest.raises(ValidationError) as info:
        file(
            world,
            is_anonymous=True,
            service=world.service_b,
            agency=world.agency_a,
            incident_date=D(1999, 1, 1),
        )
    assert set(info.value.message_dict) == {"is_anonymous", "service", "incident_date"}
    assert Complaint.objects.count() == 0


def test_a_service_names_its_agency_and_a_late_filing_is_marked_not_refused(world, clock_at):
    complaint, _pin = file(world, service=world.service_b, incident_date=D(2026, 10, 30))
    assert complaint.reported_agency == world.agency_b
    assert complaint.agency is None  # the desk decides where it goes
    assert complaint.filed_late  # 31 days before Monday 30 November
    assert not file(world, incident_date=D(2026, 10, 31), submit_key="k" * 20)[0].filed_late


def test_anonymous_complaints_keep_only_a_contact(world, clock_at):
    complaint, _pin = file(world, is_anonymous=True, name="", nik="", phone="081299990000")
    assert (complaint.name, complaint.nik, complaint.phone) == ("", "", "+6281299990000")


def test_a_repeated_submit_files_one_complaint_and_shows_the_pin_once(world, clock_at):
    first, pin = file(world, submit_key="form-token-1234567890")
    again, no_pin = file(world, submit_key="form-token-1234567890")
    assert (again.pk, no_pin) == (first.pk, None)
    assert pin is not None
    assert Complaint.objects.count() == 1
    other, _pin = file(world, submit_key="form-token-other-123456")
    assert other.pk != first.pk


# The lifecycle -----------------------------------------------------------------------------


def bring_to(world, status: str) -> Complaint:
    """A complaint of the world's site in ``status``, through the services."""
    complaint, _pin = file(world)
    desk = world.manager
    steps = {
        "received": [],
        "verified": [("decide", "verified")],
        "postponed": [("decide", "postponed")],
        "not_our_authority": [("decide", "not_our_authority")],
        "archived": [("decide", "archived")],
        "forwarded": [("forward", None)],
        "followed_up": [("forward", None), ("answer", None)],
        "closed": [("forward", None), ("answer", None), ("decide", "closed")],
    }[status]
    for step, value in steps:
        if step == "decide":
            handling.decide_complaint(user=desk, complaint=complaint, status=value, reason="Alasan")
        elif step == "forward":
            handling.forward_complaint(user=desk, complaint=complaint, agency=world.agency_a)
        else:
            handling.answer_complaint(user=world.admin_a, complaint=complaint, text="Sudah ditangani.")
    complaint.refresh_from_db()
    assert complaint.status == status
    return complaint


def attempt(world, complaint: Complaint, action: str) -> bool:
    """Try one step; True if it was taken, False if refused as an invalid transition."""
    try:
        if action in ("verified", "postponed", "not_our_authority", "archived", "closed"):
            handling.decide_complaint(user=world.manager, complaint=complaint, status=action, reason="Alasan")
        elif action == "forward":
            target = world.agency_b if complaint.agency_id == world.agency_a.pk else world.agency_a
            handling.forward_complaint(user=world.manager, complaint=complaint, agency=target)
        elif action == "answer":
            handling.answer_complaint(user=world.manager, complaint=complaint, text="Jawaban")
        elif action == "return":
            handling.return_to_desk(user=world.admin_a, complaint=complaint, reason="Bukan wewenang kami")
    except ValidationError as exc:
        if "status" not in exc.message_dict:
            raise  # refused for another reason than the lifecycle: a defect of the test
        return False
    except PermissionDenied:
        return False
    return True


ACTIONS = ["verified", "postponed", "not_our_authority", "archived", "closed", "forward", "answer", "return"]
ALLOWED = {
    "received": {"verified", "postponed", "not_our_authority", "archived", "forward"},
    "postponed": {"verified", "not_our_authority", "archived"},
    "verified": {"postponed", "not_our_authority", "archived", "forward", "answer"},
    "forwarded": {"forward", "answer", "return"},
    "followed_up": {"closed"},
    "closed": set(),
    "not_our_authority": set(),
    "archived": set(),
}


@pytest.mark.parametrize("status", list(ALLOWED))
@pytest.mark.parametrize("action", ACTIONS)
def test_every_transition_is_allowed_or_refused_as_the_lifecycle_says(world, clock_at, status, action):
    complaint = bring_to(world, status)
    before = complaint.entries.count()
    taken = attempt(world, complaint, action)
    assert taken == (action in ALLOWED[status])
    assert complaint.entries.count() == before + (1 if taken else 0)
    if not taken:
        complaint.refresh_from_db()
        assert complaint.status == status


def test_the_whole_way_with_its_dates_and_messages(world, clock_at, filed):
    complaint, _pin = filed
    desk = world.manager
    handling.decide_complaint(user=desk, complaint=complaint, status="verified")
    complaint = handling.forward_complaint(
        user=desk, complaint=complaint, agency=world.agency_a, service=world.service_a, note="Cek loket 2"
    )
    assert (complaint.agency, complaint.service, complaint.follow_up_due) == (
        world.agency_a,
        world.service_a,
        D(2026, 12, 7),
    )
    assert Message.objects.filter(kind="complaint.forwarded", user=world.admin_a).exists()
    complaint = handling.answer_complaint(
        user=world.officer_a, complaint=complaint, text="Loket 2 ditambah petugas."
    )
    assert complaint.status == "followed_up"
    assert complaint.close_due == D(2026, 12, 14)
    complaint = handling.decide_complaint(
        user=desk, complaint=complaint, status="closed", reason="Terima kasih"
    )
    assert complaint.closed_at is not None
    statuses = list(complaint.entries.filter(kind="status").values_list("status", "is_public"))
    assert statuses == [
        ("received", True),
        ("verified", True),
        ("forwarded", False),  # the note is for the agency
        ("followed_up", True),
        ("closed", True),
    ]
    answer = complaint.entries.get(status="followed_up")
    assert (answer.agency, answer.by) == (world.agency_a, world.officer_a)
    sent = list(Message.objects.filter(channel="sms").order_by("id").values_list("kind", flat=True))
    assert sent == [
        "complaint.received",
        "complaint.verified",
        "complaint.forwarded",
        "complaint.followed_up",
        "complaint.closed",
    ]


def test_postponing_needs_a_reason_and_the_complainants_answer_restarts_the_clock(world, clock_at, filed):
    complaint, pin = filed
    with pytest.raises(ValidationError) as info:
        handling.decide_complaint(user=world.manager, complaint=complaint, status="postponed")
    assert "reason" in info.value.message_dict
    handling.decide_complaint(
        user=world.manager, complaint=complaint, status="postponed", reason="Sebutkan tanggal dan loketnya."
    )
    clock_at(dt.datetime(2026, 12, 8, 2, tzinfo=dt.UTC))  # Tuesday 8 December
    found = filing.track(tracking_id=complaint.tracking_id, secret=pin, ip="1.2.3.4")
    complaint = filing.citizen_reply(complaint=found, text="Tanggal 27 November, loket 2.")
    assert complaint.status == "received"
    assert complaint.forward_due == D(2026, 12, 11)


def test_declining_and_archiving_are_final(world, clock_at, filed):
    complaint, _pin = filed
    with pytest.raises(ValidationError):
        handling.decide_complaint(user=world.manager, complaint=complaint, status="not_our_authority")
    handling.decide_complaint(
        user=world.manager,
        complaint=complaint,
        status="not_our_authority",
        reason="Urusan PLN: sampaikan ke PLN UP3.",
    )
    complaint.refresh_from_db()
    assert complaint.is_final
    assert complaint.closed_at is not None
    with pytest.raises(ComplaintRefused) as info:
        filing.citizen_reply(complaint=complaint, text="Mengapa?")
    assert info.value.code == "final"
    with pytest.raises(ValidationError):
        handling.reply_to_complainant(user=world.manager, complaint=complaint, text="Halo")


def test_the_agency_hands_a_complaint_back_and_no_longer_sees_it(world, clock_at, filed):
    from mpp.complaints import selectors

    complaint, _pin = filed
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_b)
    assert selectors.readable_complaints(world.officer_b).filter(pk=complaint.pk).exists()
    with pytest.raises(ValidationError):
        handling.return_to_desk(user=world.officer_b, complaint=complaint, reason="")
    clock_at(dt.datetime(2026, 12, 2, 2, tzinfo=dt.UTC))
    complaint = handling.return_to_desk(user=world.officer_b, complaint=complaint, reason="Urusan Dukcapil")
    assert (complaint.status, complaint.agency, complaint.forward_due) == ("verified", None, D(2026, 12, 7))
    assert not selectors.readable_complaints(world.officer_b).filter(pk=complaint.pk).exists()
    assert Message.objects.filter(kind="complaint.returned", user=world.manager).exists()
    # The desk routes it again, and re-routing to the agency that has it is refused.
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    with pytest.raises(ValidationError) as info:
        handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    assert "agency" in info.value.message_dict


def test_forwarding_only_to_an_agency_of_the_site_and_its_service(world, clock_at, filed):
    complaint, _pin = filed
    elsewhere = factories.AgencyFactory(sites=[world.other_site])
    with pytest.raises(ValidationError) as info:
        handling.forward_complaint(user=world.manager, complaint=complaint, agency=elsewhere)
    assert "agency" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        handling.forward_complaint(
            user=world.manager, complaint=complaint, agency=world.agency_a, service=world.service_b
        )
    assert "service" in info.value.message_dict


def test_the_desk_answers_what_it_can_itself_and_a_reply_reopens_it_at_the_desk(world, clock_at):
    complaint, _pin = file(world, classification="information", subject="Jam buka Sabtu?")
    handling.decide_complaint(user=world.manager, complaint=complaint, status="verified")
    with pytest.raises(PermissionDenied):
        handling.answer_complaint(user=world.admin_a, complaint=complaint, text="Tidak")
    complaint = handling.answer_complaint(
        user=world.manager, complaint=complaint, text="MPP tutup hari Sabtu."
    )
    assert complaint.entries.get(status="followed_up").agency is None
    complaint = filing.citizen_reply(complaint=complaint, text="Kalau hari Minggu?")
    assert (complaint.status, complaint.close_due) == ("verified", None)


def test_staff_outside_the_desk_cannot_take_its_steps(world, clock_at, filed):
    complaint, _pin = filed
    for outsider in (world.admin_a, world.officer_a, world.auditor, world.front_desk, world.other_manager):
        for status in ("verified", "archived"):
            with pytest.raises(PermissionDenied):
                handling.decide_complaint(user=outsider, complaint=complaint, status=status, reason="x")
        with pytest.raises(PermissionDenied):
            handling.forward_complaint(user=outsider, complaint=complaint, agency=world.agency_a)
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    for outsider in (world.admin_b, world.officer_b, world.auditor, world.other_manager):
        with pytest.raises(PermissionDenied):
            handling.answer_complaint(user=outsider, complaint=complaint, text="Bukan saya")
        with pytest.raises(PermissionDenied):
            handling.add_note(user=outsider, complaint=complaint, text="Catatan")
    complaint.refresh_from_db()
    assert complaint.status == "forwarded"
    assert complaint.entries.count() == 2


def test_replies_and_notes(world, clock_at, filed):
    complaint, _pin = filed
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    reply = handling.reply_to_complainant(
        user=world.officer_a, complaint=complaint, text="Kapan Anda datang?"
    )
    note = handling.add_note(user=world.officer_a, complaint=complaint, text="Cek CCTV")
    assert (reply.kind, reply.is_public, reply.agency) == ("reply", True, world.agency_a)
    assert (note.kind, note.is_public) == ("note", False)
    assert Message.objects.filter(kind="complaint.reply").count() == 1
    shown = filing.public_timeline(complaint)
    assert [e.kind for e in shown] == ["status", "status", "reply"]
    with pytest.raises(ValidationError):
        handling.add_note(user=world.officer_a, complaint=complaint, text="x" * 4001)


def test_a_reply_to_the_follow_up_reopens_it_for_the_agency(world, clock_at, filed):
    complaint, _pin = filed
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    handling.answer_complaint(user=world.admin_a, complaint=complaint, text="Sudah.")
    clock_at(dt.datetime(2026, 12, 3, 2, tzinfo=dt.UTC))  # Thursday 3 December
    complaint = filing.citizen_reply(complaint=complaint, text="Belum selesai, antrean masih lama.")
    assert (complaint.status, complaint.close_due, complaint.follow_up_due) == (
        "forwarded",
        None,
        D(2026, 12, 10),
    )
    kinds = list(complaint.entries.values_list("kind", "status"))
    assert kinds[-2:] == [("citizen", ""), ("status", "forwarded")]
    assert Message.objects.filter(kind="complaint.citizen-reply", user=world.admin_a).exists()


def test_the_complainants_replies_are_limited(world, clock_at, filed):
    complaint, _pin = filed
    for n in range(filing.REPLY_LIMIT):
        filing.citizen_reply(complaint=complaint, text=f"Pesan {n}")
    with pytest.raises(ComplaintRefused) as info:
        filing.citizen_reply(complaint=complaint, text="Satu lagi")
    assert info.value.code == "limited"
    assert Entry.objects.filter(kind="citizen").count() == filing.REPLY_LIMIT


def test_filing_is_limited_per_address_but_not_at_the_desk(world, clock_at):
    for n in range(filing.SUBMIT_LIMIT):
        file(world, subject=f"Pengaduan nomor {n}")
    with pytest.raises(ComplaintRefused) as info:
        file(world)
    assert info.value.code == "limited"
    file(world, ip="198.51.100.7")  # another address
    file(world, channel="desk", user=world.front_desk)
    assert Complaint.objects.count() == filing.SUBMIT_LIMIT + 2
