"""The public pages: the site's consultations, the draft with its forms, comments, the record."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from mpp.catalog import services as catalog_services
from mpp.consultation import services
from mpp.consultation.models import Comment
from tests import factories
from tests.consultation.conftest import NOW, comment, finish, open_for


def detail_url(consultation, site="contoh"):
    return reverse("consultation:detail", args=[site, consultation.pk])


def post_comment(client, consultation, component="procedure", site="contoh", **fields):
    data = {"component": component}
    values = {"text": "Tolong jelaskan siapa yang mencetak KTP-el.", **fields}
    data.update({f"{component}-{name}": value for name, value in values.items()})
    return client.post(reverse("consultation:comment", args=[site, consultation.pk]), data)


def test_the_site_lists_open_consultations_and_earlier_records(client, world, consultation, clock_at):
    comment(consultation)
    html = client.get(reverse("consultation:list", args=["contoh"])).content.decode()
    assert world.service_a.name in html
    assert detail_url(consultation) in html
    assert "1 comment so far." in html
    services.close_consultation(consultation=consultation)
    html = client.get(reverse("consultation:list", args=["contoh"])).content.decode()
    assert "No draft is open for comments at the moment." in html
    assert "Earlier consultations" in html
    assert detail_url(consultation) in html


def test_the_draft_page_shows_every_public_component_marked_as_draft(client, world, consultation):
    response = client.get(detail_url(consultation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft service standard: not in force" in html
    for key in ("requirements", "procedure", "completion", "fee", "products", "complaints", "general"):
        assert f'id="komponen-{key}"' in html
        assert f'name="component" value="{key}"' in html
    assert "Serahkan SKTLK dan KK." in html
    assert "(only in some cases)" in html  # the optional KK
    assert "Free" in html
    assert "Kami mengusulkan KK tidak wajib lagi." in html
    # The management components are not consulted publicly.
    assert "Legal basis" not in html


def test_a_citizen_comments_without_an_account(client, world, consultation):
    response = post_comment(client, consultation, name="Siti", contact="0812 3456 7890")
    saved = Comment.objects.get()
    assert response.status_code == 302
    assert response.url == f"{detail_url(consultation)}?terkirim={saved.pk}#komentar-{saved.pk}"
    assert (saved.component, saved.name, saved.contact) == ("procedure", "Siti", "+6281234567890")
    html = client.get(response.url).content.decode()
    assert "Thank you: your comment is published." in html
    assert "Tolong jelaskan siapa yang mencetak KTP-el." in html
    assert "Siti" in html
    assert "7890" not in html  # the contact is never shown
    assert "Not answered yet." in html


def test_anonymous_comments_and_answers_show_publicly(client, world, consultation):
    item = comment(consultation, "fee")
    services.answer_comment(
        comment=item, kind="accepted", answer="Biaya tetap nol rupiah.", user=world.admin_a
    )
    html = client.get(detail_url(consultation)).content.decode()
    assert "Anonymous" in html
    assert "Answer of Dukcapil" in html
    assert "Accepted: the draft is changed" in html
    assert "Biaya tetap nol rupiah." in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "Pendek"}, "Ensure this value has at least 10 characters"),
        ({"text": "x" * 2001}, "Ensure this value has at most 2000 characters"),
        ({"text": "Ada \x00 di sini, tidak boleh."}, "Null characters are not allowed."),
        ({"contact": "bukan-nomor"}, "Give a telephone number or an e-mail address, or leave it empty."),
        ({"name": "n" * 101}, "Ensure this value has at most 100 characters"),
    ],
)
def test_bad_comments_show_the_form_again_with_the_error(client, consultation, fields, message):
    response = post_comment(client, consultation, "fee", **fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert '<details class="comment-form" open>' in html
    assert not Comment.objects.exists()


def test_the_honeypot_stores_nothing_and_looks_like_success(client, consultation):
    response = post_comment(client, consultation, website="http://spam.example")
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_a_forged_component_is_a_clear_400(client, consultation):
    data = {"component": "legal_basis", "legal_basis-text": "Komentar pada bagian yang tidak dibuka."}
    response = client.post(reverse("consultation:comment", args=["contoh", consultation.pk]), data)
    assert response.status_code == 400
    assert b"Choose the component you comment on." in response.content


def test_after_closing_there_are_no_forms_and_a_late_post_is_refused(client, world, consultation, clock_at):
    clock_at(consultation.closes_at + dt.timedelta(seconds=1))
    html = client.get(detail_url(consultation)).content.decode()
    assert "comment-form" not in html
    response = post_comment(client, consultation)
    assert response.status_code == 409
    assert "The consultation is closed; comments are no longer taken." in response.content.decode()
    assert not Comment.objects.exists()


def test_too_many_comments_from_one_address_get_429(client, consultation):
    for n in range(services.COMMENT_LIMIT):
        comment(consultation, text=f"Komentar ke-{n} dari alamat yang sama.", ip="127.0.0.1")
    response = post_comment(client, consultation)
    assert response.status_code == 429
    assert "Too many comments from your address." in response.content.decode()
    # What the citizen typed is kept in the form.
    assert "Tolong jelaskan siapa yang mencetak KTP-el." in response.content.decode()


def test_pages_of_other_sites_scheduled_ones_and_unknown_ids_are_404(client, world, draft, clock_at):
    scheduled = services.open_consultation(
        standard=draft, opens_at=NOW + dt.timedelta(days=3), closes_at=NOW + dt.timedelta(days=10)
    )
    assert client.get(detail_url(scheduled)).status_code == 404
    assert post_comment(client, scheduled).status_code == 404
    clock_at(NOW + dt.timedelta(days=3, minutes=1))
    assert client.get(detail_url(scheduled)).status_code == 200
    # Agency A does not serve at the other site.
    assert client.get(detail_url(scheduled, site="lain")).status_code == 404
    assert client.get(reverse("consultation:detail", args=["contoh", 2**63])).status_code == 404
    world.agency_a.is_active = False
    world.agency_a.save()
    assert client.get(detail_url(scheduled)).status_code == 404


def test_the_record_of_a_concluded_consultation_links_to_the_standard_set(
    client, world, consultation, clock_at
):
    comment(consultation, "general", "Secara umum sudah baik sekali.")
    finish(consultation, world.admin_a, clock_at)
    services.conclude_consultation(consultation=consultation, user=world.admin_a)
    catalog_services.publish_standard(
        standard=consultation.standard, sk_number="SK 7", sk_date=dt.date(2026, 12, 14)
    )
    html = client.get(detail_url(consultation)).content.decode()
    assert "Concluded" in html
    assert "Forum Konsultasi Publik" in html
    assert "Aula MPP Kapuas" in html
    assert "Berita Acara 045/FKP/XII/2026" in html
    assert "The agency has set this standard as version 2 on 14 December 2026." in html
    assert "comment-form" not in html


def test_the_current_standard_page_points_to_a_draft_open_for_comment(client, world, consultation):
    html = client.get(
        reverse("portal:service-detail", args=["contoh", "dukcapil", "ktp-hilang"])
    ).content.decode()
    assert (
        "A new draft of this standard (version 2) is open for public comment until 14 December 2026." in html
    )
    assert detail_url(consultation) in html
    # The standard itself was not consulted: no "consulted" note.
    assert "Set after public consultation" not in html


def test_indonesian_is_the_default_language(client, consultation):
    with translation.override("id"):
        url = detail_url(consultation)
    assert not url.startswith("/en/")
    response = client.get(url)
    assert response.status_code == 200
    assert '<html lang="id">' in response.content.decode()
    assert "Persyaratan" in response.content.decode()  # the catalogue's own translated component names


def test_pages_are_read_only_for_get_and_send_a_strict_policy(client, consultation):
    assert client.post(detail_url(consultation)).status_code == 405
    assert client.get(reverse("consultation:comment", args=["contoh", consultation.pk])).status_code == 405
    response = client.get(detail_url(consultation))
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert ' style="' not in response.content.decode()


def test_query_counts_are_pinned(client, world, consultation, django_assert_max_num_queries):
    for n in range(30):
        item = comment(
            consultation,
            ["procedure", "fee", "general"][n % 3],
            f"Komentar nomor {n} yang cukup panjang.",
            ip=f"10.1.0.{n}",
        )
        if n % 2:
            services.answer_comment(comment=item, kind="explained", answer="Terima kasih, sudah kami catat.")
    for n in range(5):
        service = factories.ServiceFactory(agency=world.agency_a, name=f"Layanan {n}")
        draft = catalog_services.start_draft(service=service)
        catalog_services.update_draft(standard=draft, procedure="1. Datang.")
        open_for(draft, world.admin_a)
    with django_assert_max_num_queries(4):
        client.get(reverse("consultation:list", args=["contoh"]))
    with django_assert_max_num_queries(4):
        client.get(detail_url(consultation))


def test_a_consultation_closed_early_shows_when_it_really_closed(client, world, consultation, clock_at):
    clock_at(NOW + dt.timedelta(days=3))
    services.close_consultation(consultation=consultation, user=world.admin_a)
    html = client.get(detail_url(consultation)).content.decode()
    assert "3 Dec 2026" in html
    assert "(closed early)" in html
    services.record_forum(
        consultation=consultation,
        held_on=dt.date(2026, 12, 3),
        place="Aula MPP",
        participant_count=12,
        participants="Warga dan tokoh masyarakat",
        outcome="Tidak ada perubahan dari forum ini.",
    )
    services.conclude_consultation(consultation=consultation, user=world.admin_a)
    catalog_services.publish_standard(
        standard=consultation.standard, sk_number="SK 8", sk_date=dt.date(2026, 12, 3)
    )
    page = client.get(
        reverse("portal:service-detail", args=["contoh", "dukcapil", "ktp-hilang"])
    ).content.decode()
    assert "from 30 November 2026 to 3 December 2026; no comments were sent." in page


def test_the_service_page_stays_within_its_query_budget_with_a_record(
    client, world, consultation, clock_at, django_assert_max_num_queries
):
    comment(consultation)
    finish(consultation, world.admin_a, clock_at)
    services.conclude_consultation(consultation=consultation, user=world.admin_a)
    catalog_services.publish_standard(
        standard=consultation.standard, sk_number="SK 9", sk_date=dt.date(2026, 12, 14)
    )
    with django_assert_max_num_queries(12):  # the portal's own budget (tests/portal/test_pages.py)
        response = client.get(reverse("portal:service-detail", args=["contoh", "dukcapil", "ktp-hilang"]))
    assert "Set after public consultation" in response.content.decode()


def test_a_withdrawn_draft_leaves_its_record_and_hidden_comments_are_not_counted(client, world, consultation):
    comment(consultation, "fee", "Komentar yang wajar tentang biaya.")
    rude = comment(consultation, "fee", "Komentar kasar yang harus disembunyikan.")
    services.hide_comment(comment=rude, reason="Bahasa kasar.", user=world.admin_a)
    html = client.get(detail_url(consultation)).content.decode()
    assert "<h4>1 comment</h4>" in html
    assert "Comment hidden by the agency: Bahasa kasar." in html
    catalog_services.discard_draft(standard=consultation.standard)
    response = client.get(detail_url(consultation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The agency has withdrawn this draft." in html
    assert "comment-form" not in html
    assert "Komentar yang wajar tentang biaya." in html
