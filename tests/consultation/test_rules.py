"""Refusals: bad periods, bad comments, bad answers and forum records, the rate limit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mpp.catalog import services as catalog_services
from mpp.consultation import services
from mpp.consultation.models import Comment, Consultation
from tests.consultation.conftest import FORUM, NOW, comment, open_for

DAY = dt.timedelta(days=1)


def field_errors(exc_info) -> dict:
    return exc_info.value.message_dict


@pytest.mark.parametrize(
    ("opens", "closes", "field", "message"),
    [
        (None, -DAY, "closes_at", "The consultation must close after it opens."),
        (None, dt.timedelta(0), "closes_at", "The consultation must close after it opens."),
        (None, dt.timedelta(hours=5), "closes_at", "Leave citizens at least one day to comment."),
        (None, 91 * DAY, "closes_at", "A consultation lasts at most 90 days."),
        (-2 * DAY, 5 * DAY, "opens_at", "The consultation cannot start in the past."),
        (100 * DAY, 110 * DAY, "opens_at", "Open the consultation within 90 days from now."),
    ],
)
def test_bad_periods_are_refused_by_field(world, draft, opens, closes, field, message):
    with pytest.raises(ValidationError) as refused:
        services.open_consultation(
            standard=draft,
            opens_at=NOW + opens if opens is not None else None,
            closes_at=NOW + closes,
            user=world.admin_a,
        )
    assert field_errors(refused)[field] == [message]
    assert not Consultation.objects.exists()


def test_missing_end_and_overlong_introduction(world, draft):
    with pytest.raises(ValidationError) as refused:
        services.open_consultation(standard=draft, closes_at=None, introduction="x" * 2001)
    assert set(field_errors(refused)) == {"closes_at", "introduction"}


def test_only_a_described_draft_without_a_running_consultation_can_be_opened(world, draft, consultation):
    with pytest.raises(ValidationError) as refused:
        open_for(draft, world.admin_a)
    assert refused.value.error_dict["standard"][0].code == "running"
    with pytest.raises(ValidationError) as refused:
        open_for(world.standard_b, world.admin_b)
    assert refused.value.error_dict["standard"][0].code == "not_draft"
    empty = catalog_services.start_draft(service=world.service_b)
    catalog_services.update_draft(standard=empty, procedure="  ")
    with pytest.raises(ValidationError) as refused:
        open_for(empty, world.admin_b)
    assert refused.value.error_dict["standard"][0].code == "incomplete"


def test_a_second_round_may_follow_a_concluded_one(world, draft, consultation, clock_at):
    services.close_consultation(consultation=consultation)
    services.record_forum(consultation=consultation, held_on=NOW.date(), **FORUM)
    services.conclude_consultation(consultation=consultation)
    again = services.open_consultation(standard=draft, closes_at=NOW + 10 * DAY)
    assert again.pk != consultation.pk
    with pytest.raises(ValidationError) as refused:
        catalog_services.publish_standard(standard=draft, sk_number="SK 1", sk_date=NOW.date())
    assert "consultation" in field_errors(refused)


def test_the_period_can_be_extended_but_a_started_one_keeps_its_start(world, consultation, clock_at):
    clock_at(NOW + DAY)
    changed = services.update_consultation(consultation=consultation, closes_at=NOW + 30 * DAY)
    assert changed.closes_at == NOW + 30 * DAY
    with pytest.raises(ValidationError) as refused:
        services.update_consultation(consultation=consultation, opens_at=NOW + 2 * DAY)
    assert "opens_at" in field_errors(refused)
    with pytest.raises(ValidationError) as refused:
        services.update_consultation(consultation=consultation, closes_at=NOW + 100 * DAY)
    assert field_errors(refused)["closes_at"] == ["A consultation lasts at most 90 days."]
    with pytest.raises(ValidationError) as refused:
        services.update_consultation(consultation=consultation, closes_at=NOW + DAY - dt.timedelta(hours=1))
    assert "closes_at" in field_errors(refused)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": "Terlalu"}, "text"),
        ({"text": "x" * 2001}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "Komentar dengan \x00 di tengah."}, "text"),
        ({"name": "n" * 101}, "name"),
        ({"name": "Bu\x00di"}, "name"),
        ({"contact": "bukan nomor"}, "contact"),
        ({"contact": "warga@"}, "contact"),
        ({"contact": "+1 202 555 0100"}, "contact"),
        ({"component": "legal_basis"}, "component"),
        ({"component": "2"}, "component"),
        ({"text": 12345678901}, "text"),
    ],
)
def test_bad_comments_are_refused_by_field_and_store_nothing(consultation, changes, field):
    values = {"component": "procedure", "text": "Sebuah komentar yang wajar.", **changes}
    with pytest.raises(ValidationError) as refused:
        services.submit_comment(consultation=consultation, ip="10.0.0.9", **values)
    assert field in field_errors(refused)
    assert not Comment.objects.exists()


def test_a_comment_at_the_limits_is_taken(consultation):
    taken = comment(consultation, text="y" * 2000, name="n" * 100, contact="a" * 100 + "@contoh.id")
    assert len(taken.text) == 2000


def test_comments_are_rate_limited_per_address(consultation):
    for n in range(services.COMMENT_LIMIT):
        comment(consultation, text=f"Komentar nomor {n} dari warung.", ip="10.0.0.7")
    with pytest.raises(services.CommentRefused) as refused:
        comment(consultation, ip="10.0.0.7")
    assert refused.value.code == "limited"
    assert comment(consultation, ip="10.0.0.8").pk  # another address is not affected
    assert consultation.comments.count() == services.COMMENT_LIMIT + 1


def test_spam_caught_by_the_honeypot_counts_against_the_address(consultation):
    for _ in range(services.COMMENT_LIMIT):
        services.count_spam(ip="10.0.0.6")
    with pytest.raises(services.CommentRefused):
        comment(consultation, ip="10.0.0.6")


@pytest.mark.parametrize(
    ("kind", "answer", "field"),
    [
        ("maybe", "Jawaban yang cukup.", "kind"),
        ("accepted", "", "answer"),
        ("accepted", "ok", "answer"),
        ("accepted", "x" * 4001, "answer"),
        ("no_answer", "Alasan \x00 rusak", "answer"),
    ],
)
def test_bad_answers_are_refused(world, consultation, kind, answer, field):
    item = comment(consultation)
    with pytest.raises(ValidationError) as refused:
        services.answer_comment(comment=item, kind=kind, answer=answer, user=world.admin_a)
    assert field in field_errors(refused)
    item.refresh_from_db()
    assert item.answer_kind == ""


def test_hidden_comments_need_a_reason_and_no_answer(world, consultation):
    item = comment(consultation)
    with pytest.raises(ValidationError) as refused:
        services.hide_comment(comment=item, reason="", user=world.admin_a)
    assert "reason" in field_errors(refused)
    services.hide_comment(comment=item, reason="Iklan, bukan komentar.", user=world.admin_a)
    with pytest.raises(ValidationError) as refused:
        services.answer_comment(comment=item, kind="accepted", answer="Jawaban apa pun.")
    assert refused.value.error_dict["answer"][0].code == "hidden"
    item = services.restore_comment(comment=item)
    assert not item.is_hidden
    assert services.answer_comment(comment=item, kind="explained", answer="Tetap.").answer_kind == "explained"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"held_on": NOW.date() + DAY}, "held_on"),
        ({"held_on": NOW.date() - DAY}, "held_on"),
        ({"held_on": None}, "held_on"),
        ({"participant_count": 0}, "participant_count"),
        ({"participant_count": True}, "participant_count"),
        ({"participant_count": 100_001}, "participant_count"),
        ({"place": ""}, "place"),
        ({"participants": "p" * 2001}, "participants"),
        ({"outcome": "Singkat"}, "outcome"),
        ({"outcome": "Hasil \x00 forum yang panjang."}, "outcome"),
        ({"minutes_reference": "m" * 301}, "minutes_reference"),
    ],
)
def test_bad_forum_records_are_refused(world, consultation, changes, field):
    values = {**FORUM, "held_on": NOW.date(), **changes}
    with pytest.raises(ValidationError) as refused:
        services.record_forum(consultation=consultation, user=world.admin_a, **values)
    assert field in field_errors(refused)
    assert not hasattr(Consultation.objects.get(pk=consultation.pk), "forum")


def test_the_forum_record_can_be_corrected_until_the_conclusion(world, consultation):
    services.record_forum(consultation=consultation, held_on=NOW.date(), **FORUM)
    forum = services.record_forum(
        consultation=consultation, held_on=NOW.date(), **{**FORUM, "participant_count": 45}
    )
    assert forum.participant_count == 45
    assert Consultation.objects.get(pk=consultation.pk).forum.pk == forum.pk


def test_a_scheduled_consultation_takes_the_latest_draft_or_is_cancelled(world, draft, clock_at):
    scheduled = services.open_consultation(
        standard=draft, opens_at=NOW + 2 * DAY, closes_at=NOW + 9 * DAY, user=world.admin_a
    )
    catalog_services.update_draft(standard=draft, procedure="1. Datang.\n2. Pulang membawa KTP-el.")
    services.update_consultation(consultation=scheduled, closes_at=NOW + 10 * DAY)
    scheduled = Consultation.objects.get(pk=scheduled.pk)
    assert scheduled.text.standard.procedure_steps == ["Datang.", "Pulang membawa KTP-el."]
    services.cancel_consultation(consultation=scheduled)
    assert not Consultation.objects.exists()


def test_a_started_consultation_keeps_its_text_and_cannot_be_cancelled(world, draft, consultation, clock_at):
    catalog_services.update_draft(standard=draft, procedure="1. Prosedur yang diubah di tengah jalan.")
    services.update_consultation(consultation=consultation, introduction="Pengantar baru.")
    consultation = Consultation.objects.get(pk=consultation.pk)
    assert "Serahkan SKTLK dan KK." in consultation.text.standard.procedure_steps
    with pytest.raises(ValidationError) as refused:
        services.cancel_consultation(consultation=consultation)
    assert refused.value.code == "started"
