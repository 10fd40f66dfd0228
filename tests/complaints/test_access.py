"""Who reads, handles and sees the identity of which complaint: per site and agency, and
the whistle-blower's identity hidden from agency staff everywhere (services, back office,
exports; the API in tests/api/test_complaints_api.py)."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from mpp.complaints import selectors
from mpp.complaints.services import handling
from mpp.privacy.models import AccessLog
from tests.complaints.conftest import file, nik

ROLES = [
    "superuser",
    "manager",
    "admin_a",
    "officer_a",
    "front_desk",
    "auditor",
    "admin_b",
    "officer_b",
    "other_manager",
]
WHISTLE_VALUES = [
    "Budi Santoso",
    "B*** S******",
    nik(8),
    "6203********0008",
    "6281311112222",
    "6281******222",
    "budi@example.org",
    "b***@example.org",
]


def readers(world, complaint):
    return {
        name
        for name in ROLES
        if selectors.readable_complaints(getattr(world, name)).filter(pk=complaint.pk).exists()
    }


def test_only_the_desk_and_site_readers_see_a_complaint_before_it_is_forwarded(world, filed):
    complaint, _pin = filed
    assert readers(world, complaint) == {"superuser", "manager", "auditor"}
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    assert readers(world, complaint) == {"superuser", "manager", "auditor", "admin_a", "officer_a"}
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_b)
    assert readers(world, complaint) == {"superuser", "manager", "auditor", "admin_b", "officer_b"}


def test_an_agencys_staff_at_another_site_do_not_see_its_complaints_here(world, filed):
    from tests import factories

    complaint, _pin = filed
    world.agency_a.sites.add(world.other_site)
    elsewhere = factories.UserFactory(username="petugas_a_lain")
    factories.MembershipFactory(user=elsewhere, site=world.other_site, role="officer", agency=world.agency_a)
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    assert not selectors.readable_complaints(elsewhere).filter(pk=complaint.pk).exists()
    with pytest.raises(PermissionDenied):
        handling.answer_complaint(user=elsewhere, complaint=complaint, text="Bukan situs saya")


def test_who_may_see_the_identity(world, filed, whistle):
    ordinary, _pin = filed
    confidential, _pin = whistle
    for complaint in (ordinary, confidential):
        handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)

    def allowed(complaint):
        return {name for name in ROLES if selectors.may_see_identity(getattr(world, name), complaint)}

    assert allowed(ordinary) == {"superuser", "manager", "admin_a", "officer_a"}
    # The whistle-blower: the site's complaint desk only (not even a superuser who is not one).
    assert allowed(confidential) == {"manager"}
    anonymous, _pin = file(world, is_anonymous=True, name="", nik="", subject="Tanpa nama")
    assert allowed(anonymous) == set()


def test_every_reveal_is_audited_and_refused_to_agency_staff_for_a_whistle_blower(world, whistle):
    complaint, _pin = whistle
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    for user in (world.admin_a, world.officer_a, world.auditor, world.superuser):
        with pytest.raises(PermissionDenied):
            handling.reveal_identity(user=user, complaint=complaint, purpose="Ingin tahu")
    assert AccessLog.objects.count() == 0
    shown = handling.reveal_identity(user=world.manager, complaint=complaint, purpose="Klarifikasi pelapor")
    handling.reveal_identity(user=world.manager, complaint=complaint, purpose="Klarifikasi kedua")
    assert shown == {
        "name": "Budi Santoso",
        "nik": nik(8),
        "phone": "+6281311112222",
        "email": "budi@example.org",
    }
    logs = list(AccessLog.objects.order_by("id"))
    assert [(log.user, log.subject, log.fields, log.agency) for log in logs] == [
        (world.manager, f"complaints.complaint:{complaint.pk}", "name,nik,phone,email", None)
    ] * 2
    assert logs[0].purpose == "Klarifikasi pelapor"


# The back office ---------------------------------------------------------------------------


def page(client, user, url, method="get", data=None):
    client.force_login(user)
    response = getattr(client, method)(url, data or {})
    return response, response.content.decode()


def test_agency_staff_never_see_the_whistle_blower_in_the_back_office(client, world, whistle):
    complaint, _pin = whistle
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    change = f"/admin/complaints/complaint/{complaint.pk}/change/"
    for user in (world.admin_a, world.officer_a, world.auditor):
        for url in ("/admin/complaints/complaint/", change):
            response, html = page(client, user, url)
            assert response.status_code == 200
            assert complaint.tracking_id in html
            for value in WHISTLE_VALUES:
                assert value not in html, (user, url, value)
        response, html = page(client, user, change)
        assert "Rahasia: identitas hanya diketahui meja pengaduan." in html
        assert "/identity/" not in html
        response = page(client, user, f"{change[:-7]}identity/", "post", {"purpose": "Ingin tahu"})[0]
        assert response.status_code == 302
    assert AccessLog.objects.count() == 0


def test_the_desk_sees_masks_and_reveals_with_a_purpose(client, world, whistle):
    complaint, _pin = whistle
    change = f"/admin/complaints/complaint/{complaint.pk}/change/"
    response, html = page(client, world.manager, change)
    assert "B*** S******" in html
    assert "6203********0008" in html
    assert "Budi Santoso" not in html
    assert nik(8) not in html
    response, html = page(client, world.manager, f"{change[:-7]}identity/", "post", {"purpose": ""})
    assert response.status_code == 302
    assert AccessLog.objects.count() == 0
    response, html = page(
        client, world.manager, f"{change[:-7]}identity/", "post", {"purpose": "Klarifikasi"}
    )
    assert response.status_code == 200
    assert "Budi Santoso" in html
    assert nik(8) in html
    assert "budi@example.org" in html
    assert response.headers["Cache-Control"].startswith("max-age=0")
    assert AccessLog.objects.get().purpose == "Klarifikasi"


def test_ids_outside_the_scope_answer_404_in_the_back_office(client, world, filed):
    complaint, _pin = filed
    change = f"/admin/complaints/complaint/{complaint.pk}/change/"
    for user in (world.admin_a, world.admin_b, world.officer_b, world.other_manager):
        response, html = page(client, user, change)
        assert response.status_code == 404
        response, html = page(client, user, "/admin/complaints/complaint/")
        assert complaint.tracking_id not in html
        response = page(client, user, f"{change[:-7]}act/", "post", {"action": "verify"})[0]
        assert response.status_code == 404
    assert page(client, world.front_desk, "/admin/complaints/complaint/")[0].status_code == 403
    assert (
        page(client, world.manager, "/admin/complaints/complaint/99999999999999999999/change/")[0].status_code
        == 404
    )
    complaint.refresh_from_db()
    assert complaint.status == "received"


def test_the_desk_and_the_agency_work_through_the_back_office(client, world, filed):
    complaint, _pin = filed
    act = f"/admin/complaints/complaint/{complaint.pk}/act/"
    page(client, world.manager, act, "post", {"action": "verify"})
    response, html = page(client, world.manager, f"/admin/complaints/complaint/{complaint.pk}/change/")
    assert 'value="forward"' in html
    assert 'value="answer"' in html
    page(
        client, world.manager, act, "post", {"action": "forward", "agency": world.agency_a.pk, "note": "Cek"}
    )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.agency) == ("forwarded", world.agency_a)
    # The auditor reads and is shown no step; a forged step changes nothing.
    response, html = page(client, world.auditor, f"/admin/complaints/complaint/{complaint.pk}/change/")
    assert 'name="action"' not in html
    page(client, world.auditor, act, "post", {"action": "answer", "text": "Saya auditor"})
    complaint.refresh_from_db()
    assert complaint.status == "forwarded"
    response, html = page(client, world.officer_a, f"/admin/complaints/complaint/{complaint.pk}/change/")
    assert 'value="verify"' not in html
    assert 'value="answer"' in html
    assert 'value="return"' in html
    response = page(client, world.officer_a, act, "post", {"action": "answer", "text": ""})[0]
    complaint.refresh_from_db()
    assert complaint.status == "forwarded"
    page(client, world.officer_a, act, "post", {"action": "answer", "text": "Petugas ditambah."})
    complaint.refresh_from_db()
    assert complaint.status == "followed_up"
    page(client, world.manager, act, "post", {"action": "close", "reason": ""})
    complaint.refresh_from_db()
    assert complaint.status == "closed"
    response = page(client, world.manager, act, "post", {"action": "verify"})[0]
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "closed"


def test_handing_back_leaves_the_agency_on_its_list(client, world, filed):
    complaint, _pin = filed
    handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_b)
    response, _html = page(
        client,
        world.officer_b,
        f"/admin/complaints/complaint/{complaint.pk}/act/",
        "post",
        {"action": "return", "reason": "Urusan Dukcapil"},
    )
    assert response.status_code == 302
    assert response.url == "/admin/complaints/complaint/"
    complaint.refresh_from_db()
    assert (complaint.status, complaint.agency) == ("verified", None)


def test_list_filters_and_query_count(client, world, clock_at, django_assert_max_num_queries):
    for n in range(12):
        file(world, subject=f"Pengaduan nomor {n}")
    client.force_login(world.manager)
    with django_assert_max_num_queries(16):
        response = client.get("/admin/complaints/complaint/?due=desk")
    assert response.status_code == 200
    assert response.content.decode().count("ADU-261130-") >= 12
    assert client.get("/admin/complaints/complaint/?due=overdue").content.decode().count("ADU-261130-") == 0


# Exports -----------------------------------------------------------------------------------


def csv_rows(response):
    return [line.split(",") for line in response.content.decode("utf-8-sig").splitlines()]


def test_exports_never_carry_the_whistle_blowers_identity(client, world, filed, whistle):
    ordinary, _pin = filed
    confidential, _pin = whistle
    for complaint in (ordinary, confidential):
        handling.forward_complaint(user=world.manager, complaint=complaint, agency=world.agency_a)
    for user in (world.manager, world.admin_a, world.auditor):
        client.force_login(user)
        response = client.post(
            "/admin/complaints/complaint/export/?format=xlsx",
            {"with_identity": "on", "purpose": "Laporan bupati"},
        )
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        flat = " ".join(str(v) for row in values for v in row if v is not None)
        for value in WHISTLE_VALUES:
            assert value not in flat, (user, value)
        by_id = {row[0]: [value or None for value in row] for row in values[1:]}
        identity = by_id[ordinary.tracking_id][-4:]
        if user == world.auditor:
            assert identity == ["S*** A*****", "6203********0007", "6281******890", None]
        else:
            assert identity == ["Siti Aminah", nik(7), "+6281234567890", None]
        assert by_id[confidential.tracking_id][-4:] == [None] * 4
    # One audit row per identity exported in plain: the manager's and the agency admin's.
    logs = AccessLog.objects.order_by("id")
    assert [(log.user, log.subject, log.agency) for log in logs] == [
        (world.manager, f"complaints.complaint:{ordinary.pk}", None),
        (world.admin_a, f"complaints.complaint:{ordinary.pk}", world.agency_a),
    ]


def test_the_export_needs_a_purpose_for_identity_and_masks_by_default(client, world, filed):
    complaint, _pin = filed
    client.force_login(world.manager)
    response = client.post(
        "/admin/complaints/complaint/export/?format=csv", {"with_identity": "on", "purpose": ""}
    )
    assert response.status_code == 302
    assert AccessLog.objects.count() == 0
    response = client.get("/admin/complaints/complaint/export/?format=csv&status__exact=received")
    rows = csv_rows(response)
    assert rows[0][:3] == ["Tracking ID", "Tanggal Laporan", "Klasifikasi"]
    assert rows[1][0] == complaint.tracking_id
    assert rows[1][-4:-1] == ["S*** A*****", "6203********0007", "6281******890"]
    assert AccessLog.objects.count() == 0
    assert response["Content-Disposition"].startswith('attachment; filename="pengaduan-')
    assert client.get("/admin/complaints/complaint/export/?format=pdf").status_code == 302
    assert (
        client.get("/admin/complaints/complaint/export/?format=csv&status__exact=closed")
        .content.decode("utf-8-sig")
        .count("\n")
        == 1
    )
    assert re.match(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", rows[1][1])


def test_the_whistle_blowers_messages_stay_out_of_the_sites_outbox(client, world, filed, whistle):
    from mpp.notify.models import Message

    _ordinary, _pin = filed
    confidential, _pin = whistle
    sent = Message.objects.filter(kind="complaint.received")
    assert {(m.site_id, confidential.tracking_id in m.body) for m in sent} == {
        (world.site.pk, False),
        (None, True),
    }
    for user in (world.auditor, world.manager):
        client.force_login(user)
        html = client.get("/admin/notify/outboxmessage/").content.decode()
        assert "6281******890" in html  # the ordinary complainant's message, masked
        assert "6281******222" not in html
