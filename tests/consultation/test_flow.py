"""From draft to published standard: open, comment, answer, forum, conclude, publish."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from mpp.catalog import services as catalog_services
from mpp.catalog.models import ServiceStandard
from mpp.consultation import services
from mpp.consultation.models import Comment, Consultation, State
from mpp.core import clock
from tests.consultation.conftest import FORUM, NOW, comment, finish, open_for

SK = {"sk_number": "SK 100/2026", "sk_date": dt.date(2026, 11, 30)}


def publish(draft, user=None):
    return catalog_services.publish_standard(standard=draft, user=user, **SK)


def test_the_whole_flow_ends_in_a_standard_that_shows_it_was_consulted(client, world, draft, clock_at):
    consultation = open_for(draft, world.admin_a, introduction="KK tidak wajib lagi.")
    assert consultation.state_at(clock.now()) == State.OPEN
    assert consultation.opened_by == world.admin_a
    on_procedure = comment(consultation, "procedure", "Langkah 2 kurang jelas bagi lansia.", name="Siti")
    on_fee = comment(consultation, "fee", "Terima kasih sudah gratis, pertahankan.")
    abusive = comment(consultation, "general", "Kata-kata kasar yang tidak pantas di sini.")
    services.hide_comment(comment=abusive, reason="Bahasa kasar.", user=world.admin_a)

    # While the consultation runs, the draft cannot be published.
    with pytest.raises(ValidationError) as refused:
        publish(draft)
    messages = refused.value.message_dict["consultation"]
    assert any("open until" in m for m in messages)
    assert any("2 comments have no answer yet" in m for m in messages)
    assert any("Forum Konsultasi Publik" in m for m in messages)

    clock_at(consultation.closes_at + dt.timedelta(minutes=1))
    with pytest.raises(services.CommentRefused) as late:
        comment(consultation, "fee", "Komentar yang datang terlambat sekali.")
    assert late.value.code == "closed"

    services.answer_comment(
        comment=on_procedure, kind="accepted", answer="Langkah 2 kami perjelas.", user=world.admin_a
    )
    services.answer_comment(
        comment=on_fee, kind="no_answer", answer="Sama dengan hasil forum.", user=world.admin_a
    )
    services.record_forum(
        consultation=consultation, held_on=dt.date(2026, 12, 10), user=world.admin_a, **FORUM
    )
    # The agency revises its draft after the forum; the consultation keeps what was consulted.
    catalog_services.update_draft(
        standard=draft, procedure="1. Ambil nomor.\n2. Serahkan SKTLK (petugas membantu lansia)."
    )
    services.conclude_consultation(consultation=consultation, user=world.admin_a)

    published = publish(draft, world.admin_a)
    assert published.status == ServiceStandard.Status.PUBLISHED
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CONCLUDED
    assert consultation.standard_id == published.pk
    assert consultation.closed_at == consultation.closes_at
    assert "Serahkan SKTLK dan KK." in consultation.text.standard.procedure_steps

    page = client.get(reverse("portal:service-detail", args=["contoh", "dukcapil", "ktp-hilang"]))
    html = page.content.decode()
    record = reverse("consultation:detail", args=["contoh", consultation.pk])
    assert "Set after public consultation" in html
    assert f'href="{record}"' in html
    assert "from 30 November 2026 to 14 December 2026 and received 2 comments" in html
    assert "Forum Konsultasi Publik held on 10 December 2026 with 42 participants." in html

    record_page = client.get(record).content.decode()
    assert "Langkah 2 kurang jelas bagi lansia." in record_page
    assert "Langkah 2 kami perjelas." in record_page
    assert "Bahasa kasar." in record_page
    assert "Kata-kata kasar" not in record_page
    assert FORUM["outcome"] in record_page
    assert reverse("portal:service-version", args=["contoh", "dukcapil", "ktp-hilang", 2]) in record_page


def test_publishing_without_any_consultation_stays_possible_with_a_warning(world, draft):
    notes = catalog_services.publication_notes(standard=draft)
    assert len(notes) == 1
    assert "not opened for public consultation" in notes[0]
    assert publish(draft).status == ServiceStandard.Status.PUBLISHED


def test_publishing_needs_the_forum_even_when_every_comment_is_answered(world, consultation, clock_at):
    comment(consultation)
    finish(consultation, world.admin_a, clock_at, forum=False)
    with pytest.raises(ValidationError) as refused:
        publish(consultation.standard)
    assert any("Record the Forum Konsultasi Publik" in m for m in refused.value.message_dict["consultation"])
    with pytest.raises(ValidationError) as refused:
        services.conclude_consultation(consultation=consultation, user=world.admin_a)
    assert refused.value.messages == [
        "Record the Forum Konsultasi Publik (date, place, participants and outcome)."
    ]


def test_publishing_needs_an_answer_to_every_visible_comment(world, consultation, clock_at):
    first = comment(consultation)
    comment(consultation, "fee", "Biaya sebaiknya tetap gratis.")
    finish(consultation, world.admin_a, clock_at)
    # The finish helper answered both; take one answer back to show the rule.
    Comment.objects.filter(pk=first.pk).update(answer_kind="", answer="")
    with pytest.raises(ValidationError) as refused:
        services.conclude_consultation(consultation=consultation, user=world.admin_a)
    assert refused.value.messages == ["1 comment has no answer yet."]
    with pytest.raises(ValidationError):
        publish(consultation.standard)
    services.answer_comment(
        comment=first, kind="no_answer", answer="Di luar standar ini.", user=world.admin_a
    )
    services.conclude_consultation(consultation=consultation, user=world.admin_a)
    assert publish(consultation.standard).status == "published"


def test_a_concluded_record_is_final(world, consultation, clock_at):
    item = comment(consultation)
    finish(consultation, world.admin_a, clock_at)
    services.conclude_consultation(consultation=consultation, user=world.admin_a)
    changes = [
        lambda: services.answer_comment(comment=item, kind="accepted", answer="Diubah lagi.", user=None),
        lambda: services.hide_comment(comment=item, reason="Terlambat disembunyikan", user=None),
        lambda: services.restore_comment(comment=item),
        lambda: services.record_forum(consultation=consultation, held_on=dt.date(2026, 12, 11), **FORUM),
        lambda: services.conclude_consultation(consultation=consultation),
    ]
    for change in changes:
        with pytest.raises(ValidationError) as refused:
            change()
        assert refused.value.code == "concluded"
    with pytest.raises(ValidationError):
        services.close_consultation(consultation=consultation)


def test_closing_early_stops_comments_and_allows_concluding_before_the_planned_end(
    world, consultation, clock_at
):
    comment(consultation)
    services.close_consultation(consultation=consultation, user=world.admin_a)
    consultation.refresh_from_db()
    assert consultation.state_at(clock.now()) == State.CLOSED
    with pytest.raises(services.CommentRefused):
        comment(consultation, "fee", "Satu lagi setelah ditutup lebih awal.")
    with pytest.raises(ValidationError):
        services.close_consultation(consultation=consultation)
    for item in consultation.comments.all():
        services.answer_comment(comment=item, kind="explained", answer="Sudah sesuai aturan.")
    services.record_forum(consultation=consultation, held_on=NOW.date(), **FORUM)
    concluded = services.conclude_consultation(consultation=consultation, user=world.admin_a)
    assert concluded.closed_at < concluded.closes_at


def test_comments_wait_for_the_start_of_a_scheduled_consultation(world, draft, clock_at):
    consultation = services.open_consultation(
        standard=draft, opens_at=NOW + dt.timedelta(days=2), closes_at=NOW + dt.timedelta(days=9)
    )
    assert consultation.state_at(clock.now()) == State.UPCOMING
    with pytest.raises(services.CommentRefused) as refused:
        comment(consultation)
    assert refused.value.code == "upcoming"
    clock_at(NOW + dt.timedelta(days=2, minutes=1))
    assert comment(consultation).pk


def test_the_consulted_text_is_the_draft_as_opened(world, draft, consultation):
    text = consultation.text
    assert [line["name"] for line in text.requirements] == [
        "Surat Keterangan Tanda Lapor Kehilangan",
        "Kartu Keluarga",
    ]
    assert text.requirements[1]["optional"] is True
    assert text.standard.completion_display == "1 working day"
    catalog_services.update_draft(standard=draft, fee=50_000, requirements=[])
    consultation = Consultation.objects.get(pk=consultation.pk)
    assert consultation.text.standard.fee == 0
    assert len(consultation.text.requirements) == 2


def test_a_discarded_draft_withdraws_its_consultation_and_keeps_the_comments(world, consultation):
    comment(consultation)
    catalog_services.discard_draft(standard=consultation.standard)
    consultation.refresh_from_db()
    assert consultation.standard is None
    assert consultation.state_at(clock.now()) == State.WITHDRAWN
    assert consultation.comments.count() == 1
    with pytest.raises(services.CommentRefused):
        comment(consultation, "fee", "Masih bisa berkomentar?")


def test_the_contact_is_encrypted_at_rest_and_masked(world, consultation):
    item = comment(consultation, contact="0812-3456-7890", name="Budi")
    email = comment(consultation, contact="warga@contoh.id")
    assert Comment.objects.get(pk=item.pk).contact == "+6281234567890"
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact FROM consultation_comment WHERE id = %s", [item.pk])
        stored = cursor.fetchone()[0]
    assert "81234567890" not in stored
    assert item.contact_masked == "6281******890"
    assert email.contact_masked == "w****@contoh.id"
