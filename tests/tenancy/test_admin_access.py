"""The back office's scoping: every page of agency B is 404 for agency A's admin."""

import datetime as dt

import pytest
from django.urls import reverse

from mpp.catalog import services
from mpp.catalog.models import DocumentType, Service, ServiceStandard
from mpp.tenancy.models import Agency, Counter, Membership, Role, Site, User
from tests import factories


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.fixture
def draft_b(world):
    return services.start_draft(service=world.service_b)


@pytest.fixture
def counter_b(world):
    return factories.CounterFactory(site=world.site, agency=world.agency_b, number="9")


def test_agency_admin_gets_404_on_every_page_of_another_agency(client, world, draft_b, counter_b):
    client.force_login(world.admin_a)
    pages = [
        admin_url(Service, "change", world.service_b.pk),
        admin_url(Service, "delete", world.service_b.pk),
        admin_url(Service, "history", world.service_b.pk),
        admin_url(ServiceStandard, "change", world.standard_b.pk),
        admin_url(ServiceStandard, "change", draft_b.pk),
        admin_url(ServiceStandard, "delete", draft_b.pk),
        admin_url(ServiceStandard, "publish", draft_b.pk),
        admin_url(Agency, "change", world.agency_b.pk),
        admin_url(Agency, "delete", world.agency_b.pk),
        admin_url(Counter, "change", counter_b.pk),
        admin_url(User, "change", world.admin_b.pk),
        reverse("admin:auth_user_password_change", args=[world.admin_b.pk]),
        admin_url(Site, "change", world.other_site.pk),
    ]
    for page in pages:
        assert client.get(page).status_code == 404, page
        assert client.post(
            page, {"name": "Diubah", "sk_number": "X", "sk_date": "2026-01-01"}
        ).status_code in {
            403,
            404,
        }, page
    world.service_b.refresh_from_db()
    draft_b.refresh_from_db()
    world.agency_b.refresh_from_db()
    assert world.service_b.name == "Surat Keterangan Tanda Lapor Kehilangan"
    assert draft_b.status == "draft"
    assert world.agency_b.name == "Kepolisian Resor Contoh"


def test_agency_admin_lists_show_only_their_agency(client, world, counter_b):
    client.force_login(world.admin_a)
    html = client.get(admin_url(Service, "changelist")).content.decode()
    assert world.service_a.name in html
    assert world.service_b.name not in html
    html = client.get(admin_url(ServiceStandard, "changelist")).content.decode()
    assert "Tanda Lapor" not in html


def test_agency_admin_cannot_create_a_service_for_another_agency(client, world):
    client.force_login(world.admin_a)
    response = client.post(
        admin_url(Service, "add"),
        {
            "agency": world.agency_b.pk,
            "name": "Layanan Sisipan",
            "slug": "sisipan",
            "is_active": "on",
            "standards-TOTAL_FORMS": "0",
            "standards-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200  # the form again, with an error on the agency
    assert "agency" in response.context["adminform"].form.errors
    assert not Service.objects.filter(slug="sisipan").exists()


def test_agency_admin_edits_their_own_draft_and_publishes_it(client, world):
    client.force_login(world.admin_a)
    draft = services.start_draft(service=world.service_a)
    response = client.get(admin_url(ServiceStandard, "change", draft.pk))
    assert response.status_code == 200
    response = client.post(
        admin_url(ServiceStandard, "publish", draft.pk), {"sk_number": "SK 7/2026", "sk_date": "2026-02-01"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.sk_number, draft.published_by) == ("published", "SK 7/2026", world.admin_a)


def test_published_standard_is_read_only_in_the_back_office(client, world):
    client.force_login(world.admin_a)
    response = client.get(admin_url(ServiceStandard, "change", world.standard_a.pk))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    response = client.post(admin_url(ServiceStandard, "change", world.standard_a.pk), {"fee": "99999"})
    assert response.status_code == 403
    world.standard_a.refresh_from_db()
    assert world.standard_a.fee == 0
    assert client.post(admin_url(ServiceStandard, "publish", world.standard_a.pk), {}).status_code == 403
    assert (
        client.post(admin_url(ServiceStandard, "delete", world.standard_a.pk), {"post": "yes"}).status_code
        == 403
    )


def test_start_draft_action(client, world):
    client.force_login(world.admin_a)
    response = client.post(
        admin_url(Service, "changelist"),
        {"action": "start_draft_action", "_selected_action": [world.service_a.pk]},
    )
    assert response.status_code == 302
    assert world.service_a.standards.filter(status="draft", version=2).exists()


def test_start_draft_action_on_another_agencys_service_is_refused(client, world):
    client.force_login(world.admin_a)
    client.post(
        admin_url(Service, "changelist"),
        {"action": "start_draft_action", "_selected_action": [world.service_b.pk]},
    )
    assert not world.service_b.standards.filter(status="draft").exists()


def test_agency_admin_keeps_the_agency_texts_but_not_its_sites(client, world):
    client.force_login(world.admin_a)
    response = client.get(admin_url(Agency, "change", world.agency_a.pk))
    assert response.status_code == 200
    response = client.post(
        admin_url(Agency, "change", world.agency_a.pk),
        {
            "name": world.agency_a.name,
            "short_name": "Dukcapil",
            "maklumat": "Kami siap melayani dengan sepenuh hati.",
            "description": "",
            "website": "",
            "phone": "",
            "sites": [world.other_site.pk],
        },
    )
    assert response.status_code == 302
    world.agency_a.refresh_from_db()
    assert world.agency_a.maklumat.startswith("Kami siap")
    assert list(world.agency_a.sites.all()) == [world.site]


def test_manager_of_another_site_sees_nothing_of_this_one(client, world):
    client.force_login(world.other_manager)
    assert client.get(admin_url(Service, "change", world.service_a.pk)).status_code == 404
    assert client.get(admin_url(Site, "change", world.site.pk)).status_code == 404
    assert client.get(admin_url(Agency, "change", world.agency_a.pk)).status_code == 404


def test_manager_edits_every_agency_at_the_site(client, world):
    client.force_login(world.manager)
    assert client.get(admin_url(Service, "change", world.service_b.pk)).status_code == 200
    assert client.get(admin_url(Agency, "change", world.agency_b.pk)).status_code == 200
    assert client.get(admin_url(Site, "change", world.site.pk)).status_code == 200


def test_auditor_reads_but_cannot_change(client, world):
    client.force_login(world.auditor)
    assert client.get(admin_url(Service, "change", world.service_a.pk)).status_code == 200
    response = client.post(admin_url(Service, "change", world.service_a.pk), {"name": "Diubah auditor"})
    assert response.status_code == 403
    assert client.get(admin_url(Service, "add")).status_code == 403


def test_officer_and_front_desk_have_no_staff_management(client, world):
    client.force_login(world.officer_a)
    assert client.get(admin_url(User, "changelist")).status_code == 403
    client.force_login(world.front_desk)
    assert client.get(admin_url(Service, "changelist")).status_code == 403


def test_non_staff_are_sent_to_login(client, world):
    response = client.get(admin_url(Service, "changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_agency_admin_creates_an_officer_for_their_agency_only(client, world):
    client.force_login(world.admin_a)
    form = {
        "username": "petugas_baru",
        "password1": "kata-sandi-yang-panjang-1",
        "password2": "kata-sandi-yang-panjang-1",
        "site": world.site.pk,
        "role": Role.OFFICER,
        "agency": world.agency_a.pk,
    }
    assert client.post(admin_url(User, "add"), form).status_code == 302
    user = User.objects.get(username="petugas_baru")
    assert list(user.memberships.values_list("role", "agency")) == [(Role.OFFICER, world.agency_a.pk)]
    assert user.is_staff

    for escalation in [{"agency": world.agency_b.pk}, {"role": Role.MANAGER, "agency": ""}]:
        response = client.post(admin_url(User, "add"), {**form, "username": "penyusup", **escalation})
        assert response.status_code == 200
        assert not User.objects.filter(username="penyusup").exists()


def test_agency_admin_cannot_edit_a_user_who_also_holds_a_role_elsewhere(client, world):
    Membership.objects.create(user=world.officer_a, site=world.other_site, role=Role.MANAGER)
    client.force_login(world.admin_a)
    assert client.get(admin_url(User, "change", world.officer_a.pk)).status_code == 404


def test_weak_passwords_are_refused(client, world):
    client.force_login(world.manager)
    response = client.post(
        admin_url(User, "add"),
        {
            "username": "baru",
            "password1": "123",
            "password2": "123",
            "site": world.site.pk,
            "role": Role.AUDITOR,
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="baru").exists()


def test_site_calendar_override_is_edited_by_the_manager(client, world):
    client.force_login(world.manager)
    data = {
        "name": world.site.name,
        "slug": world.site.slug,
        "kind": "mall",
        "timezone": "Asia/Pontianak",
        "working_weekdays": "012345",
        "is_active": "on",
        "opening_hours-TOTAL_FORMS": "0",
        "opening_hours-INITIAL_FORMS": "0",
        "calendar_overrides-TOTAL_FORMS": "1",
        "calendar_overrides-INITIAL_FORMS": "0",
        "calendar_overrides-0-date": "2026-12-05",
        "calendar_overrides-0-kind": "closed",
        "calendar_overrides-0-note": "Rapat kerja",
    }
    response = client.post(admin_url(Site, "change", world.site.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    from mpp.tenancy.calendar import is_working_day

    world.site.refresh_from_db()
    assert world.site.working_weekdays == "012345"
    assert not is_working_day(world.site, dt.date(2026, 12, 5))
    assert is_working_day(world.site, dt.date(2026, 12, 12))  # a Saturday, now a service day


@pytest.mark.parametrize("bad", ["Mars/Olympus", "", "x" * 50])
def test_site_form_rejects_a_bad_time_zone(client, world, bad):
    client.force_login(world.manager)
    response = client.post(
        admin_url(Site, "change", world.site.pk),
        {
            "name": world.site.name,
            "slug": "contoh",
            "kind": "mall",
            "timezone": bad,
            "working_weekdays": "01234",
            "opening_hours-TOTAL_FORMS": "0",
            "opening_hours-INITIAL_FORMS": "0",
            "calendar_overrides-TOTAL_FORMS": "0",
            "calendar_overrides-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    world.site.refresh_from_db()
    assert world.site.timezone == "Asia/Pontianak"


def draft_form(draft, **overrides):
    data = {
        "requirements_note": "",
        "procedure": "1. Datang.",
        "completion_time": "1",
        "completion_unit": "working_days",
        "fee": "0",
        "fee_basis": "",
        "fee_note": "",
        "products_note": "",
        "complaints": "",
        "legal_basis": "",
        "facilities": "",
        "competence": "",
        "internal_supervision": "",
        "staff_count": "",
        "service_guarantee": "",
        "security_guarantee": "",
        "performance_evaluation": "",
        "requirements-TOTAL_FORMS": "0",
        "requirements-INITIAL_FORMS": "0",
        "products-TOTAL_FORMS": "0",
        "products-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


@pytest.mark.parametrize(
    "bad",
    [
        {"fee": "gratis"},
        {"fee": "-1"},
        {"completion_time": "0"},
        {"completion_time": "1e9"},
        {"completion_unit": "weeks"},
        {"procedure": "x" * 4001},
        {"fee_basis": "x" * 301},
        {
            "requirements-TOTAL_FORMS": "1",
            "requirements-0-document_type": "999999",
            "requirements-0-position": "0",
        },
    ],
)
def test_draft_form_refuses_bad_input_and_changes_nothing(client, world, bad):
    draft = services.start_draft(service=world.service_a)
    before = (draft.fee, draft.completion_time, draft.procedure, draft.fee_basis)
    client.force_login(world.admin_a)
    response = client.post(admin_url(ServiceStandard, "change", draft.pk), draft_form(draft, **bad))
    assert response.status_code == 200  # the form again, with its errors
    draft.refresh_from_db()
    assert (draft.fee, draft.completion_time, draft.procedure, draft.fee_basis) == before
    assert draft.requirements.count() == 0


def test_draft_form_saves_good_input(client, world):
    draft = services.start_draft(service=world.service_a)
    kk = factories.DocumentTypeFactory(name="Kartu Keluarga")
    client.force_login(world.admin_a)
    response = client.post(
        admin_url(ServiceStandard, "change", draft.pk),
        draft_form(
            draft,
            fee="30000",
            **{
                "requirements-TOTAL_FORMS": "1",
                "requirements-0-document_type": str(kk.pk),
                "requirements-0-note": "Asli",
                "requirements-0-position": "0",
            },
        ),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.fee == 30000
    assert [r.document_type for r in draft.requirements.all()] == [kk]


@pytest.mark.parametrize(
    "bad",
    [{"name": "x" * 201}, {"slug": "Bukan Slug!"}, {"name": ""}, {"slug": "ktp-hilang"}],
)
def test_service_form_refuses_bad_input(client, world, bad):
    client.force_login(world.admin_a)
    data = {
        "agency": world.agency_a.pk,
        "name": "Layanan Baru",
        "slug": "layanan-baru",
        "summary": "",
        "keywords": "",
        "is_active": "on",
        "standards-TOTAL_FORMS": "0",
        "standards-INITIAL_FORMS": "0",
    }
    response = client.post(admin_url(Service, "add"), {**data, **bad})
    assert response.status_code == 200
    assert Service.objects.filter(agency=world.agency_a).count() == 1


def test_agency_form_refuses_an_overlong_maklumat(client, world):
    client.force_login(world.admin_a)
    response = client.post(
        admin_url(Agency, "change", world.agency_a.pk),
        {
            "name": world.agency_a.name,
            "short_name": "Dukcapil",
            "maklumat": "x" * 2001,
            "description": "",
            "website": "",
            "phone": "",
        },
    )
    assert response.status_code == 200
    world.agency_a.refresh_from_db()
    assert world.agency_a.maklumat.startswith("Dengan ini")


def test_renaming_a_document_never_rewrites_a_published_standard(client, world):
    kk = factories.DocumentTypeFactory(name="Kartu Keluarga", issuer=world.agency_a)
    draft = services.start_draft(service=world.service_b)
    services.update_draft(standard=draft, requirements=[services.DocumentLine(kk)])
    services.publish_standard(standard=draft, sk_number="SK B", sk_date=dt.date(2026, 2, 1))
    client.force_login(world.admin_a)  # agency A issues the document and may rename it
    response = client.post(
        admin_url(DocumentType, "change", kk.pk),
        {"name": "Diubah oleh A", "short_name": "", "description": "", "issuer": world.agency_a.pk},
    )
    assert response.status_code == 302
    html = client.get(reverse("portal:service-detail", args=["contoh", "polres", "sktlk"])).content.decode()
    assert "Kartu Keluarga" in html
    assert "Diubah oleh A" not in html


def test_agency_admin_cannot_create_a_shared_document_without_an_issuer(client, world):
    client.force_login(world.admin_a)
    response = client.post(admin_url(DocumentType, "add"), {"name": "Dokumen Bebas", "issuer": ""})
    assert response.status_code == 200
    assert not DocumentType.objects.filter(name="Dokumen Bebas").exists()


def test_only_superusers_delete_agencies(client, world):
    client.force_login(world.admin_a)
    assert client.post(admin_url(Agency, "delete", world.agency_a.pk), {"post": "yes"}).status_code == 403
    client.force_login(world.manager)
    assert client.post(admin_url(Agency, "delete", world.agency_a.pk), {"post": "yes"}).status_code == 403
    assert Agency.objects.filter(pk=world.agency_a.pk).exists()


def test_a_manager_of_one_site_cannot_rename_an_agency_serving_another(client, world):
    world.agency_a.sites.add(world.other_site)
    client.force_login(world.other_manager)
    response = client.post(
        admin_url(Agency, "change", world.agency_a.pk),
        {
            "name": "Diambil alih",
            "short_name": "X",
            "slug": "x",
            "kind": "pemda",
            "maklumat": world.agency_a.maklumat,
            "description": "",
            "website": "",
            "phone": "",
            "sites": [world.site.pk, world.other_site.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302  # texts and their own site may change, the identity not
    world.agency_a.refresh_from_db()
    assert (world.agency_a.name, world.agency_a.slug) == ("Dinas Kependudukan Contoh", "dukcapil")


def test_renaming_an_agency_updates_the_search(client, world):
    client.force_login(world.manager)
    data = {
        "name": "Dinas Zebra",
        "short_name": "Zebra",
        "slug": "dukcapil",
        "kind": "pemda",
        "maklumat": world.agency_a.maklumat,
        "description": "",
        "website": "",
        "phone": "",
        "sites": [world.site.pk],
        "is_active": "on",
    }
    assert client.post(admin_url(Agency, "change", world.agency_a.pk), data).status_code == 302
    from mpp.catalog.selectors import search_services

    assert [s.pk for s in search_services(site=world.site, query="zebra").services] == [world.service_a.pk]


def test_a_slug_clash_on_the_change_form_is_a_form_error(client, world):
    factories.ServiceFactory(agency=world.agency_a, slug="sudah-ada")
    client.force_login(world.admin_a)
    response = client.post(
        admin_url(Service, "change", world.service_a.pk),
        {
            "name": world.service_a.name,
            "slug": "sudah-ada",
            "summary": "",
            "keywords": "",
            "is_active": "on",
            "standards-TOTAL_FORMS": "1",
            "standards-INITIAL_FORMS": "1",
            "standards-0-id": world.standard_a.pk,
            "standards-0-service": world.service_a.pk,
        },
    )
    assert response.status_code == 200
    world.service_a.refresh_from_db()
    assert world.service_a.slug == "ktp-hilang"


def test_a_huge_document_id_in_the_draft_form_is_a_form_error(client, world):
    draft = services.start_draft(service=world.service_a)
    client.force_login(world.admin_a)
    response = client.post(
        admin_url(ServiceStandard, "change", draft.pk),
        draft_form(
            draft,
            **{
                "requirements-TOTAL_FORMS": "1",
                "requirements-0-document_type": "9" * 25,
                "requirements-0-position": "0",
            },
        ),
    )
    assert response.status_code == 200


def test_services_with_history_are_not_deleted_and_bulk_delete_is_off(client, world):
    client.force_login(world.admin_a)
    assert client.post(admin_url(Service, "delete", world.service_a.pk), {"post": "yes"}).status_code == 403
    response = client.get(admin_url(Service, "changelist"))
    assert "delete_selected" not in response.content.decode()
    fresh = factories.ServiceFactory(agency=world.agency_a, slug="baru")
    services.start_draft(service=fresh)
    assert client.post(admin_url(Service, "delete", fresh.pk), {"post": "yes"}).status_code == 302
