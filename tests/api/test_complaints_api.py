"""Complaints through the API: filing and tracking without an account, the desk's and the
agencies' steps, the export; the shared error shape, 422 with the field for bad input,
404 for another site's or agency's complaints, and no whistle-blower identity for agencies."""

import io
import json

import pytest
from openpyxl import load_workbook

from mpp.api.services import issue_token
from mpp.complaints.models import Complaint
from mpp.privacy.models import AccessLog
from tests.complaints.conftest import nik

API = "/api/v1"

BODY = {
    "classification": "complaint",
    "subject": "Antrean KTP-el lama",
    "description": "Saya menunggu tiga jam di loket Dukcapil dan tidak dipanggil.",
    "agency": "dukcapil",
    "name": "Siti Aminah",
    "nik": nik(7),
    "phone": "081234567890",
}
WHISTLE = {
    **BODY,
    "classification": "whistleblowing",
    "subject": "Pungli di loket",
    "name": "Budi Santoso",
    "nik": nik(8),
    "phone": "081311112222",
    "email": "budi@example.org",
}
WHISTLE_VALUES = ["Budi", "B***", nik(8), "6203********0008", "6281311112222", "6281******222", "budi@"]


def call(client, method, path, token=None, body=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if body is None:
        return getattr(client, method)(f"{API}{path}", **headers, **extra)
    data = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(
        f"{API}{path}", data=data, content_type="application/json", **headers, **extra
    )


@pytest.fixture
def tokens(world, clock_at):
    names = (
        "manager",
        "admin_a",
        "officer_a",
        "admin_b",
        "auditor",
        "front_desk",
        "other_manager",
        "superuser",
    )
    return {name: issue_token(user=getattr(world, name), name=name)[1] for name in names}


def filed(client, body=BODY):
    response = call(client, "post", "/sites/contoh/complaints", body=body)
    assert response.status_code == 201, response.json()
    return response.json()


def test_file_track_and_reply_without_an_account(client, tokens):
    filing = filed(client, {**BODY, "idempotency_key": "api-key-0123456789abcdef"})
    assert filing["status"] == "received"
    assert filing["forward_due"] == "2026-12-03"
    number, pin = filing["tracking_id"], filing["pin"]
    again = call(
        client,
        "post",
        "/sites/contoh/complaints",
        body={**BODY, "idempotency_key": "api-key-0123456789abcdef"},
    )
    assert again.status_code == 200
    assert again.json()["tracking_id"] == number
    assert again.json()["pin"] is None
    tracked = call(client, "post", "/complaints/tracking", body={"tracking_id": number, "secret": pin})
    assert tracked.status_code == 200
    assert [e["status"] for e in tracked.json()["timeline"]] == ["received"]
    assert "Siti" not in tracked.content.decode()
    by_phone = call(
        client, "post", "/complaints/tracking", body={"tracking_id": number.lower(), "secret": "7890"}
    )
    assert by_phone.status_code == 200
    replied = call(
        client,
        "post",
        "/complaints/tracking/reply",
        body={"tracking_id": number, "secret": pin, "text": "Tambahan"},
    )
    assert [e["kind"] for e in replied.json()["timeline"]] == ["status", "citizen"]


def test_the_whole_way_through_the_api(client, tokens):
    number = filed(client)["tracking_id"]
    t = tokens
    verified = call(client, "post", f"/complaints/{number}/decision", t["manager"], {"status": "verified"})
    assert verified.status_code == 200
    assert verified.json()["status"] == "verified"
    forwarded = call(
        client,
        "post",
        f"/complaints/{number}/forward",
        t["manager"],
        {"agency": "dukcapil", "note": "Cek loket"},
    )
    assert forwarded.json()["agency"] == "dukcapil"
    assert forwarded.json()["follow_up_due"] == "2026-12-07"
    listed = call(client, "get", "/complaints?due=agency", t["officer_a"]).json()
    assert [c["tracking_id"] for c in listed] == [number]
    assert listed[0]["complainant"] == {
        "state": "masked",
        "name": "S*** A*****",
        "nik": "6203********0007",
        "phone": "6281******890",
        "email": "",
        "may_reveal": True,
    }
    note = call(client, "post", f"/complaints/{number}/notes", t["officer_a"], {"text": "Cek CCTV"})
    assert note.status_code == 201
    assert note.json()["is_public"] is False
    reply = call(
        client, "post", f"/complaints/{number}/replies", t["officer_a"], {"text": "Kapan Anda datang?"}
    )
    assert reply.status_code == 201
    assert reply.json()["agency"] == "Dinas Kependudukan Contoh"
    answered = call(
        client, "post", f"/complaints/{number}/answer", t["officer_a"], {"text": "Petugas ditambah."}
    )
    assert answered.json()["status"] == "followed_up"
    assert answered.json()["close_due"] == "2026-12-14"
    detail = call(client, "get", f"/complaints/{number}", t["auditor"]).json()
    assert [e["kind"] for e in detail["timeline"]] == [
        "status",
        "status",
        "status",
        "note",
        "reply",
        "status",
    ]
    closed = call(client, "post", f"/complaints/{number}/decision", t["manager"], {"status": "closed"})
    assert closed.json()["status"] == "closed"
    refused = call(client, "post", f"/complaints/{number}/decision", t["manager"], {"status": "verified"})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "status"


def test_the_agency_hands_back_and_then_gets_404(client, tokens):
    number = filed(client)["tracking_id"]
    call(client, "post", f"/complaints/{number}/forward", tokens["manager"], {"agency": "polres"})
    assert (
        call(client, "post", f"/complaints/{number}/return", tokens["admin_b"], {"reason": ""}).status_code
        == 422
    )
    response = call(
        client, "post", f"/complaints/{number}/return", tokens["admin_b"], {"reason": "Urusan Dukcapil"}
    )
    assert response.status_code == 204
    assert call(client, "get", f"/complaints/{number}", tokens["admin_b"]).status_code == 404
    assert Complaint.objects.get().status == "verified"


def test_the_whistle_blower_is_hidden_from_agency_staff_in_the_api(client, tokens):
    number = filed(client, WHISTLE)["tracking_id"]
    call(client, "post", f"/complaints/{number}/forward", tokens["manager"], {"agency": "dukcapil"})
    for name in ("admin_a", "officer_a", "auditor", "superuser"):
        for path in (
            "/complaints",
            f"/complaints/{number}",
            "/complaints/export?format=csv&identity=true&purpose=x",
        ):
            response = call(client, "get", path, tokens[name])
            assert response.status_code == 200, (name, path)
            text = response.content.decode("utf-8-sig")
            assert number in text
            for value in WHISTLE_VALUES:
                assert value not in text, (name, path, value)
        detail = call(client, "get", f"/complaints/{number}", tokens[name]).json()
        assert detail["complainant"] == {
            "state": "hidden",
            "name": "",
            "nik": "",
            "phone": "",
            "email": "",
            "may_reveal": False,
        }
        refused = call(
            client, "post", f"/complaints/{number}/identity", tokens[name], {"purpose": "Ingin tahu"}
        )
        assert refused.status_code == 403
        assert refused.json()["detail"]
    assert AccessLog.objects.count() == 0
    shown = call(
        client, "post", f"/complaints/{number}/identity", tokens["manager"], {"purpose": "Klarifikasi"}
    )
    assert shown.json()["name"] == "Budi Santoso"
    assert AccessLog.objects.get().user.username == "manajer"


def test_another_sites_or_agencys_complaints_are_404(client, tokens, world):
    number = filed(client)["tracking_id"]
    for name in ("admin_a", "officer_a", "admin_b", "other_manager", "front_desk"):
        for method, path, body in (
            ("get", f"/complaints/{number}", None),
            ("post", f"/complaints/{number}/decision", {"status": "verified"}),
            ("post", f"/complaints/{number}/answer", {"text": "x"}),
            ("post", f"/complaints/{number}/identity", {"purpose": "x"}),
        ):
            response = call(client, method, path, tokens[name], body)
            assert response.status_code == 404, (name, path)
            assert response.json()["detail"]
        assert call(client, "get", "/complaints", tokens[name]).json() == []
    # Read-only roles may not act: 403 with the shared shape.
    response = call(
        client, "post", f"/complaints/{number}/decision", tokens["auditor"], {"status": "verified"}
    )
    assert response.status_code == 403
    assert set(response.json()) == {"detail", "errors"}
    assert call(client, "get", "/complaints").status_code == 401
    assert Complaint.objects.get().status == "received"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"classification": "keluhan"}, "classification"),
        ({"subject": "KTP"}, "subject"),
        ({"subject": "x" * 151}, "subject"),
        ({"description": 42}, "description"),
        ({"incident_date": "2026-12-24"}, "incident_date"),
        ({"incident_date": "kemarin"}, "incident_date"),
        ({"agency": "tidak-ada"}, "agency"),
        ({"service": "1"}, "service"),
        ({"service": 2**70}, "service"),
        ({"service": 999999}, "service"),
        ({"nik": "1234"}, "nik"),
        ({"phone": "abc"}, "phone"),
        ({"email": "bukan"}, "email"),
        ({"is_anonymous": 1}, "is_anonymous"),
        ({"is_anonymous": True}, "is_anonymous"),  # with a name and a NIK
        ({"language": "jv"}, "language"),
        ({"idempotency_key": "k" * 65}, "idempotency_key"),
        ({"warna": "merah"}, "warna"),
    ],
)
def test_bad_input_is_422_with_the_field(client, tokens, change, field):
    response = call(client, "post", "/sites/contoh/complaints", body={**BODY, **change})
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"]
    assert field in [error["field"] for error in body["errors"]]
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/complaints/{n}/forward", {"agency": "tidak-ada"}),
        ("/complaints/{n}/forward", {"agency": "dukcapil", "service": 2**70}),
        ("/complaints/{n}/forward", {"agency": "dukcapil", "service": 999999}),
        ("/complaints/{n}/decision", {"status": "selesai"}),
        ("/complaints/{n}/decision", {"status": "postponed"}),
        ("/complaints/{n}/answer", {"text": ""}),
        ("/complaints/{n}/identity", {"purpose": ""}),
        ("/complaints/{n}/notes", {"text": "x" * 4001}),
    ],
)
def test_bad_staff_input_is_422(client, tokens, path, body):
    number = filed(client)["tracking_id"]
    response = call(client, "post", path.format(n=number), tokens["manager"], body)
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"]
    assert Complaint.objects.get().status == "received"


@pytest.mark.parametrize(
    "query",
    [
        "status=selesai",
        "due=besok",
        "since=kemarin",
        "limit=0",
        "limit=501",
        "classification=x",
        "site=tidak-ada",
    ],
)
def test_bad_filters_are_refused_not_500(client, tokens, query):
    response = call(client, "get", f"/complaints?{query}", tokens["manager"])
    assert response.status_code in (404, 422)
    assert response.json()["detail"]


def test_tracking_refusals_have_the_shared_shape_and_are_limited(client, tokens):
    filing = filed(client)
    for guess in range(5):
        response = call(
            client,
            "post",
            "/complaints/tracking",
            body={"tracking_id": filing["tracking_id"], "secret": f"{guess:06d}"},
        )
        assert response.status_code == 404
        assert response.json()["errors"][0]["code"] == "not_found"
    response = call(
        client,
        "post",
        "/complaints/tracking",
        body={"tracking_id": filing["tracking_id"], "secret": filing["pin"]},
    )
    assert response.status_code == 429
    assert response.json()["errors"][0]["code"] == "limited"
    short = call(client, "post", "/complaints/tracking", body={"tracking_id": "ADU", "secret": "12"})
    assert short.status_code == 422


def test_filing_is_rate_limited_per_address(client, tokens):
    from mpp.complaints.services.filing import SUBMIT_LIMIT

    for n in range(SUBMIT_LIMIT):
        filed(client, {**BODY, "subject": f"Pengaduan nomor {n}"})
    response = call(client, "post", "/sites/contoh/complaints", body=BODY)
    assert response.status_code == 429
    assert response.json()["errors"][0]["code"] == "limited"


def test_list_filters_and_query_count(client, tokens, django_assert_max_num_queries):
    for n in range(10):
        filed(
            client,
            {
                **BODY,
                "subject": f"Pengaduan nomor {n}",
                "classification": "aspiration" if n % 2 else "complaint",
            },
        )
    with django_assert_max_num_queries(8):
        listed = call(
            client, "get", "/complaints?site=contoh&classification=aspiration", tokens["manager"]
        ).json()
    assert len(listed) == 5
    assert (
        len(call(client, "get", "/complaints?since=2026-11-30&until=2026-11-30", tokens["manager"]).json())
        == 10
    )
    assert call(client, "get", "/complaints?since=2026-12-01", tokens["manager"]).json() == []
    assert call(client, "get", "/complaints?due=overdue", tokens["manager"]).json() == []


def test_export_csv_and_xlsx(client, tokens):
    number = filed(client)["tracking_id"]
    csv_response = call(client, "get", "/complaints/export?format=csv", tokens["manager"])
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    assert number in csv_response.content.decode("utf-8-sig")
    assert "Siti Aminah" not in csv_response.content.decode()
    xlsx = call(
        client, "get", "/complaints/export?format=xlsx&identity=true&purpose=Laporan", tokens["manager"]
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=1).value == number
    assert sheet.cell(row=2, column=25).value == "Siti Aminah"
    assert AccessLog.objects.get().purpose == "Laporan"
    missing = call(client, "get", "/complaints/export?format=xlsx&identity=true", tokens["manager"])
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "purpose"
    assert call(client, "get", "/complaints/export?format=pdf", tokens["manager"]).status_code == 422
    assert (
        call(client, "get", "/complaints/export", tokens["other_manager"])
        .content.decode("utf-8-sig")
        .count("\n")
        == 1
    )


def test_the_openapi_schema_lists_the_complaint_routes(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    assert {
        "/api/v1/sites/{slug}/complaints",
        "/api/v1/complaints/tracking",
        "/api/v1/complaints/export",
    } <= set(paths)


def test_an_idempotency_key_answers_only_for_the_same_complaint(client, tokens):
    """A key reused with another complaint files that one, and never hands out the first
    complaint's tracking ID, classification or time."""
    key = {"idempotency_key": "k-1234567890"}
    first = filed(client, {**BODY, **key})
    second = call(client, "post", "/sites/contoh/complaints", body={**WHISTLE, **key})
    assert second.status_code == 201
    assert second.json()["tracking_id"] != first["tracking_id"]
    assert second.json()["pin"]
    retry = call(client, "post", "/sites/contoh/complaints", body={**WHISTLE, **key})
    assert (retry.status_code, retry.json()["tracking_id"]) == (200, second.json()["tracking_id"])
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize("query", ["until=9999-12-31", "since=0001-01-01", "since=1999-12-31"])
def test_dates_far_from_any_complaint_are_a_clear_error(client, tokens, query):
    for path in ("/complaints", "/complaints/export"):
        response = call(client, "get", f"{path}?{query}", tokens["manager"])
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] in ("since", "until")
