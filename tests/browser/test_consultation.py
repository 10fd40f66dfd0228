"""Public consultation in Chromium on a phone: find the draft, comment with the keyboard,
see the comment published; then the record and the published standard's note.

Elements are found by their ids and roles rather than by the labels' words, so that the
test holds before and after the Indonesian catalogue gains this page's strings.
"""

import datetime as dt

import pytest

from mpp.catalog import services as catalog_services
from mpp.consultation import services
from mpp.consultation.models import Comment
from mpp.core import clock
from tests import factories
from tests.browser.conftest import assert_accessible, screenshot


@pytest.fixture
def consultation(transactional_db, world):
    kk = factories.DocumentTypeFactory(name="Kartu Keluarga", short_name="KK")
    sktlk = factories.DocumentTypeFactory(name="Surat Keterangan Tanda Lapor Kehilangan", short_name="SKTLK")
    ktp = factories.DocumentTypeFactory(name="KTP-el")
    draft = catalog_services.start_draft(service=world.service_a)
    catalog_services.update_draft(
        standard=draft,
        procedure="1. Ambil nomor antrean Disdukcapil.\n2. Serahkan SKTLK.\n3. Foto dan rekam sidik jari.\n4. Terima KTP-el.",
        completion_time=1,
        completion_unit="working_days",
        fee=0,
        fee_basis="UU 24/2013 Pasal 79A",
        requirements=[
            catalog_services.DocumentLine(sktlk, "Asli"),
            catalog_services.DocumentLine(kk, "Fotokopi", is_optional=True),
        ],
        products=[catalog_services.DocumentLine(ktp, "NIK tetap sama")],
        complaints="Loket pengaduan MPP atau SP4N-LAPOR!",
    )
    return services.open_consultation(
        standard=draft,
        closes_at=clock.now() + dt.timedelta(days=14),
        introduction="Kami mengusulkan fotokopi KK tidak lagi wajib. Bagaimana menurut Anda?",
        user=world.admin_a,
    )


def test_a_citizen_comments_on_the_draft_with_the_keyboard(live_server, page, axe, world, consultation):
    services.submit_comment(
        consultation=consultation,
        component="requirements",
        text="Setuju, KK sering tertinggal di rumah.",
        ip="1",
    )
    page.goto(f"{live_server.url}/contoh/konsultasi/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert_accessible(axe, page)
    screenshot(page, "consultation-list-phone")

    page.get_by_role("link", name=world.service_a.name).click()
    page.wait_for_url(f"**/contoh/konsultasi/{consultation.pk}/")
    assert page.locator(".draft-mark").is_visible()
    assert page.get_by_role("heading", name="1. Persyaratan").is_visible()
    assert "Serahkan SKTLK." in page.locator("#komponen-procedure").inner_text()
    assert not page.locator("#id_procedure-website").is_visible()  # the honeypot
    assert_accessible(axe, page)
    screenshot(page, "consultation-draft-phone")

    # Keyboard only: reach the procedure's form, open it, type, send.
    summary = page.locator("#komponen-procedure summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#id_procedure-text").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_procedure-text"
    page.keyboard.type("Langkah 3 perlu menyebut bahwa lansia boleh didampingi keluarga.")
    page.keyboard.press("Tab")
    page.keyboard.type("Pak Darmo")
    page.keyboard.press("Tab")
    page.keyboard.type("0812 5555 1234")
    assert_accessible(axe, page)
    screenshot(page, "consultation-form-phone")
    page.keyboard.press("Tab")  # the honeypot is hidden: the next stop is the button
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/contoh/konsultasi/{consultation.pk}/?terkirim=*")
    saved = Comment.objects.get(component="procedure")
    assert (saved.name, saved.contact) == ("Pak Darmo", "+6281255551234")
    published = page.locator(f"#komentar-{saved.pk}")
    assert published.get_by_role("status").is_visible()
    assert "lansia boleh didampingi keluarga" in published.inner_text()
    assert "1234" not in page.content()  # the contact stays with the agency
    assert_accessible(axe, page)
    screenshot(page, "consultation-commented-phone")


def test_a_too_short_comment_is_explained_in_place(live_server, page, axe, consultation):
    page.goto(f"{live_server.url}/contoh/konsultasi/{consultation.pk}/")
    page.locator("#komponen-fee summary").click()
    # The browser's own check stops a short text first; without it the server explains the same.
    page.locator("#id_fee-text").evaluate("element => element.removeAttribute('minlength')")
    page.locator("#id_fee-text").fill("Gratis")
    page.locator("#komponen-fee button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#komponen-fee details").get_attribute("open") is not None
    assert page.locator("#komponen-fee .errorlist").is_visible()
    assert page.locator("#id_fee-text").input_value() == "Gratis"
    assert not Comment.objects.exists()
    assert_accessible(axe, page)
    screenshot(page, "consultation-error-phone")


def test_the_record_and_the_published_standard_show_the_consultation(
    live_server, page, axe, world, consultation
):
    item = services.submit_comment(
        consultation=consultation,
        component="requirements",
        text="Setuju, KK sering tertinggal di rumah.",
        ip="1",
    )
    services.answer_comment(
        comment=item, kind="accepted", answer="Fotokopi KK kami hapus dari persyaratan.", user=world.admin_a
    )
    services.close_consultation(consultation=consultation, user=world.admin_a)
    services.record_forum(
        consultation=consultation,
        held_on=clock.now().date(),
        place="Aula MPP Kapuas",
        participant_count=42,
        participants="Tokoh masyarakat, PPDI Kapuas, pelaku usaha",
        outcome="Fotokopi KK tidak lagi wajib; jangka waktu satu hari kerja disepakati.",
        user=world.admin_a,
    )
    services.conclude_consultation(consultation=consultation, user=world.admin_a)
    catalog_services.publish_standard(
        standard=consultation.standard, sk_number="SK 12/2026", sk_date=clock.now().date(), user=world.admin_a
    )

    page.goto(f"{live_server.url}/contoh/layanan/dukcapil/ktp-hilang/")
    note = page.locator("section.consulted")
    assert note.is_visible()
    assert "42" in note.inner_text()
    assert_accessible(axe, page)
    screenshot(page, "service-consulted-phone")
    note.get_by_role("link").click()
    page.wait_for_url(f"**/contoh/konsultasi/{consultation.pk}/")
    assert "Fotokopi KK kami hapus dari persyaratan." in page.locator(f"#komentar-{item.pk}").inner_text()
    assert page.locator("section.forum").is_visible()
    assert page.locator(".comment-form").count() == 0
    assert_accessible(axe, page)
    screenshot(page, "consultation-record-phone")
