"""The back office: open, answer, hide, forum, conclude, publish; each page scoped per agency."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from mpp.catalog.models import ServiceStandard
from mpp.consultation import services
from mpp.consultation.models import Comment, Consultation
from mpp.privacy.models import AccessLog
from tests.consultation.conftest import FORUM, NOW, comment

CHANGELIST = "admin:consultation_consultation_changelist"


def url(name, *args):
    return reverse(f"admin:consultation_{name}", args=args)


def forum_data(**changes):
    return {**FORUM, "held_on": "2026-11-30", **changes}


def comment_data(item, **changes):
    return {
        "answer_kind": item.answer_kind,
        "answer": item.answer,
        "hidden_reason": item.hidden_reason,
        **({"hide": "on"} if item.is_hidden else {}),
        **changes,
    }


def _publish_refusal(draft):
    try:
        services.check_publication(standard=draft)
    except ValidationError as exc:
        return exc.message_dict["consultation"][0]
    raise AssertionError("the draft was expected to be refused")


def test_an_agency_admin_runs_the_whole_consultation_in_the_back_office(client, world, draft, clock_at):
    client.force_login(world.admin_a)
    form = client.get(url("consultation_add"))
    assert form.status_code == 200
    assert str(draft) in form.content.decode()
    assert "Tanda Lapor" not in form.content.decode()  # agency B's drafts are not offered
    response = client.post(
        url("consultation_add"),
        {
            "standard": draft.pk,
            "opens_at": "",
            "closes_at": "2026-12-14T15:00",
            "introduction": "KK tidak wajib.",
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response.url == url("consultation_change", consultation.pk)
    assert consultation.opened_by == world.admin_a

    item = comment(consultation, contact="warga@contoh.id")
    rude = comment(consultation, "fee", "Kalimat kasar yang tidak pantas dimuat.")
    response = client.get(url("consultation_change", consultation.pk))
    assert "Mohon tambahkan langkah cetak ulang." in response.content.decode()
    assert len(response.context["problems"]) == 3  # still open, 2 comments unanswered, no forum
    assert url("consultation_conclude", consultation.pk) in response.content.decode()

    response = client.post(
        url("comment_change", item.pk),
        comment_data(item, answer_kind="accepted", answer="Langkah ditambahkan."),
    )
    assert response.status_code == 302
    response = client.post(
        url("comment_change", rude.pk), comment_data(rude, hide="on", hidden_reason="Kasar.")
    )
    assert response.status_code == 302
    item.refresh_from_db()
    rude.refresh_from_db()
    assert (item.answer_kind, item.answered_by) == ("accepted", world.admin_a)
    assert (rude.is_hidden, rude.hidden_reason, rude.hidden_by) == (True, "Kasar.", world.admin_a)

    # The catalogue's publish page refuses while the consultation is not concluded.
    publish = reverse("admin:catalog_servicestandard_publish", args=[draft.pk])
    refused = client.post(publish, {"sk_number": "SK 9/2026", "sk_date": "2026-11-30"})
    assert refused.status_code == 200
    with translation.override("id"):  # the back office speaks Indonesian (no language in its address)
        expected = _publish_refusal(draft)
    assert expected in [str(e) for e in refused.context["form"].non_field_errors()]
    draft.refresh_from_db()
    assert draft.status == ServiceStandard.Status.DRAFT

    clock_at(consultation.closes_at + dt.timedelta(hours=1))
    client.force_login(world.admin_a)  # two weeks later: a new session
    refused = client.post(url("consultation_conclude", consultation.pk))
    assert refused.status_code == 200
    assert refused.context["problems"] == [
        services.conclusion_problems(consultation, consultation.closes_at + dt.timedelta(hours=1))[0]
    ]
    assert client.post(url("consultation_forum", consultation.pk), forum_data()).status_code == 302
    assert client.post(url("consultation_conclude", consultation.pk)).status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CONCLUDED
    assert consultation.forum.participant_count == 42

    assert client.post(publish, {"sk_number": "SK 9/2026", "sk_date": "2026-12-14"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == ServiceStandard.Status.PUBLISHED
    # The record is final: the steps are gone and forged posts are refused.
    page = client.get(url("consultation_change", consultation.pk)).content.decode()
    assert url("consultation_conclude", consultation.pk) not in page
    assert client.post(url("consultation_forum", consultation.pk), forum_data()).status_code == 403
    assert (
        client.post(url("comment_change", item.pk), comment_data(item, answer="Diubah.")).status_code == 403
    )


def test_bad_input_in_the_back_office_is_a_form_error(client, world, consultation, clock_at):
    client.force_login(world.admin_a)
    response = client.post(
        url("consultation_period", consultation.pk),
        {"opens_at": "2026-11-30T09:00", "closes_at": "2027-06-01T09:00", "introduction": ""},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["closes_at"]
    response = client.post(url("consultation_forum", consultation.pk), forum_data(held_on="2027-01-01"))
    assert list(response.context["form"].errors) == ["held_on"]
    response = client.post(url("consultation_forum", consultation.pk), forum_data(outcome="Hasil \x00"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["outcome"]
    assert not hasattr(Consultation.objects.get(pk=consultation.pk), "forum")
    item = comment(consultation)
    response = client.post(
        url("comment_change", item.pk), comment_data(item, answer_kind="accepted", answer="")
    )
    assert response.status_code == 200
    response = client.post(url("comment_change", item.pk), comment_data(item, hide="on", hidden_reason=""))
    assert response.status_code == 200
    item.refresh_from_db()
    assert not item.is_handled
    response = client.post(url("consultation_close", consultation.pk))
    assert response.status_code == 302
    response = client.post(url("consultation_close", consultation.pk))
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["closed"]


def test_opening_with_bad_dates_shows_the_error_and_opens_nothing(client, world, draft):
    client.force_login(world.admin_a)
    response = client.post(
        url("consultation_add"),
        {"standard": draft.pk, "opens_at": "2026-12-05T08:00", "closes_at": "2026-12-01T08:00"},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["closes_at"]
    assert not Consultation.objects.exists()


def test_the_contact_is_shown_only_on_request_and_the_reading_is_audited(client, world, consultation):
    item = comment(consultation, contact="0812 3456 7890")
    client.force_login(world.admin_a)
    page = client.get(url("comment_change", item.pk)).content.decode()
    assert "6281******890" in page
    assert "+6281234567890" not in page
    assert client.get(url("comment_contact", item.pk)).status_code == 200
    assert not AccessLog.objects.exists()
    shown = client.post(url("comment_contact", item.pk))
    assert "+6281234567890" in shown.content.decode()
    log = AccessLog.objects.get()
    assert (log.user, log.subject, log.fields) == (
        world.admin_a,
        f"consultation.comment:{item.pk}",
        "contact",
    )
    client.force_login(world.auditor)
    assert client.post(url("comment_contact", item.pk)).status_code == 403


@pytest.fixture
def pages(consultation):
    item = comment(consultation)
    return [
        url("consultation_change", consultation.pk),
        url("consultation_period", consultation.pk),
        url("consultation_close", consultation.pk),
        url("consultation_forum", consultation.pk),
        url("consultation_conclude", consultation.pk),
        url("consultation_cancel", consultation.pk),
        url("comment_change", item.pk),
        url("comment_contact", item.pk),
    ]


@pytest.mark.parametrize("who", ["admin_b", "officer_b", "other_manager"])
def test_another_agency_or_site_gets_404_on_every_page(client, world, consultation, pages, who):
    client.force_login(getattr(world, who))
    for page in pages:
        assert client.get(page).status_code in {403, 404}, page
        assert client.post(page, forum_data()).status_code in {403, 404}, page
    if who != "officer_b":  # officers have no back office at all (403)
        assert client.get(pages[0]).status_code == 404
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.OPEN
    assert not Comment.objects.exclude(answer_kind="").exists()


def test_another_agency_cannot_open_a_consultation_on_our_draft(client, world, draft):
    client.force_login(world.admin_b)
    response = client.post(url("consultation_add"), {"standard": draft.pk, "closes_at": "2026-12-14T15:00"})
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["standard"]] == ["invalid_choice"]
    response = client.post(url("consultation_add"), {"standard": 2**70, "closes_at": "2026-12-14T15:00"})
    assert response.status_code == 200
    assert not Consultation.objects.exists()


def test_the_auditor_reads_but_does_not_act_and_the_manager_acts(client, world, consultation, pages):
    client.force_login(world.auditor)
    assert client.get(pages[0]).status_code == 200
    for page in pages[1:6]:
        assert client.post(page, forum_data()).status_code == 403, page
    assert client.get(url("consultation_add")).status_code == 403
    client.force_login(world.manager)
    assert client.post(url("consultation_forum", consultation.pk), forum_data()).status_code == 302


def test_the_changelists_show_only_the_users_agencies(client, world, consultation, draft):
    comment(consultation)
    client.force_login(world.admin_b)
    assert world.service_a.name not in client.get(reverse(CHANGELIST)).content.decode()
    assert "Mohon tambahkan" not in client.get(url("comment_changelist")).content.decode()
    client.force_login(world.admin_a)
    assert world.service_a.name in client.get(reverse(CHANGELIST)).content.decode()
    assert "Mohon tambahkan" in client.get(url("comment_changelist") + "?answer=missing").content.decode()
    assert client.get(reverse(CHANGELIST) + "?state=open").status_code == 200


def test_comments_are_never_deleted_or_added_in_the_back_office(client, world, consultation):
    item = comment(consultation)
    client.force_login(world.admin_a)
    assert client.get(url("comment_delete", item.pk)).status_code == 403
    assert client.get(url("comment_add")).status_code == 403
    assert client.get(url("consultation_delete", consultation.pk)).status_code == 403
    assert services.submit_comment  # citizens comment through the portal and the API
    assert NOW


def test_a_scheduled_consultation_is_cancelled_from_its_page(client, world, draft):
    scheduled = services.open_consultation(
        standard=draft, opens_at=NOW + dt.timedelta(days=2), closes_at=NOW + dt.timedelta(days=9)
    )
    client.force_login(world.admin_a)
    page = client.get(url("consultation_change", scheduled.pk)).content.decode()
    assert url("consultation_cancel", scheduled.pk) in page
    assert client.post(url("consultation_cancel", scheduled.pk)).status_code == 302
    assert not Consultation.objects.exists()


def test_a_started_consultation_offers_no_cancel_and_refuses_a_forged_one(client, world, consultation):
    client.force_login(world.admin_a)
    assert (
        url("consultation_cancel", consultation.pk)
        not in client.get(url("consultation_change", consultation.pk)).content.decode()
    )
    response = client.post(url("consultation_cancel", consultation.pk))
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["started"]
    assert Consultation.objects.filter(pk=consultation.pk).exists()


def test_the_open_form_can_come_with_the_draft_chosen(client, world, draft):
    client.force_login(world.admin_a)
    response = client.get(url("consultation_add") + f"?standard={draft.pk}")
    assert response.context["form"]["standard"].value() == str(draft.pk)
    assert client.get(url("consultation_add") + f"?standard={2**70}").status_code == 200
    assert client.get(url("consultation_add") + "?standard=abc").status_code == 200
