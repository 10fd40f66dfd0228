import datetime as dt
import json

import pytest

from mpp.api.services import issue_token, revoke_token
from mpp.catalog import services
from tests import factories

API = "/api/v1"


@pytest.fixture
def token_a(world):
    return issue_token(user=world.admin_a, name="SIAK")[1]


@pytest.fixture
def token_b(world):
    return issue_token(user=world.admin_b, name="Polres")[1]


def call(client, method, path, token=None, body=None, **headers):
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    kwargs = {"content_type": "application/json", "data": json.dumps(body) if body is not None else None}
    if body is None:
        kwargs.pop("data")
    return getattr(client, method)(f"{API}{path}", **kwargs, **headers)


def test_openapi_schema_is_served(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/services/{service_id}" in schema["paths"]
    assert "/api/v1/standards/{standard_id}/publish" in schema["paths"]


def test_every_operation_documents_its_errors_in_the_one_shape(client, world):
    from mpp.api.api import Problem

    schema = client.get(f"{API}/openapi.json").json()
    problem = schema["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"detail", "errors"}
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert len(operations) > 50
    for operation in operations:
        assert operation["responses"]["default"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Problem"
        }, operation["operationId"]
    # What the API answers in error fits it: not logged in, not found, invalid input.
    for response in (
        call(client, "get", "/me"),
        call(client, "get", "/services/999999"),
        call(client, "get", "/services/abc"),
    ):
        assert response.status_code in {401, 404, 422}
        body = response.json()
        assert set(body) == {"detail", "errors"}
        Problem.model_validate(body)


def test_public_reads(client, world):
    assert sorted(s["slug"] for s in call(client, "get", "/sites").json()) == ["contoh", "lain"]
    site = call(client, "get", "/sites/contoh").json()
    assert site["timezone"] == "Asia/Pontianak"
    agencies = call(client, "get", "/sites/contoh/agencies").json()
    assert {a["slug"] for a in agencies} == {"dukcapil", "polres"}
    found = call(client, "get", "/sites/contoh/services?q=ktp+hilang").json()
    assert {s["id"] for s in found} == {world.service_a.pk, world.service_b.pk}
    only_a = call(client, "get", "/sites/contoh/services?agency=dukcapil").json()
    assert [s["id"] for s in only_a] == [world.service_a.pk]
    detail = call(client, "get", f"/services/{world.service_a.pk}").json()
    assert detail["current_standard"]["version"] == 1
    assert "legal_basis" not in detail["current_standard"]  # management components stay internal


def test_the_agency_reads_its_internal_components(client, world, token_a):
    body = call(client, "get", f"/standards/{world.standard_a.pk}", token_a).json()
    assert "internal_supervision" in body
    body = call(client, "get", f"/standards/{world.standard_b.pk}", token_a).json()
    assert "internal_supervision" not in body


def test_drafts_are_hidden_from_the_public_and_other_agencies(client, world, token_a, token_b):
    draft = services.start_draft(service=world.service_a)
    assert call(client, "get", f"/standards/{draft.pk}").status_code == 404
    assert call(client, "get", f"/standards/{draft.pk}", token_b).status_code == 404
    assert call(client, "get", f"/standards/{draft.pk}", token_a).status_code == 200
    versions = call(client, "get", f"/services/{world.service_a.pk}/standards").json()
    assert [v["status"] for v in versions] == ["published"]
    versions = call(client, "get", f"/services/{world.service_a.pk}/standards", token_a).json()
    assert [v["status"] for v in versions] == ["draft", "published"]


def test_full_edit_cycle_through_the_api(client, world, token_a):
    kk = factories.DocumentTypeFactory(name="Kartu Keluarga")
    response = call(client, "post", f"/services/{world.service_a.pk}/draft", token_a)
    assert response.status_code == 201
    draft_id = response.json()["id"]
    response = call(
        client,
        "patch",
        f"/standards/{draft_id}",
        token_a,
        {
            "fee": 0,
            "completion_time": 2,
            "completion_unit": "working_days",
            "requirements": [{"document_id": kk.pk, "note": "Fotokopi"}],
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["requirements"][0]["name"] == "Kartu Keluarga"
    response = call(
        client,
        "post",
        f"/standards/{draft_id}/publish",
        token_a,
        {"sk_number": "SK 3/2026", "sk_date": "2026-03-01"},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    response = call(client, "patch", f"/standards/{draft_id}", token_a, {"fee": 1})
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"]
    # Read back, with its document lines: by the public and by the agency's staff.
    public = call(client, "get", f"/standards/{draft_id}")
    assert public.status_code == 200, public.content
    assert public.json()["requirements"] == [
        {"document_id": kk.pk, "name": "Kartu Keluarga", "note": "Fotokopi", "is_optional": False}
    ]
    assert "legal_basis" not in public.json()
    internal = call(client, "get", f"/standards/{draft_id}", token_a)
    assert internal.status_code == 200, internal.content
    assert internal.json()["requirements"][0]["name"] == "Kartu Keluarga"
    assert "legal_basis" in internal.json()


def test_create_and_update_a_service(client, world, token_a):
    response = call(
        client,
        "post",
        "/agencies/dukcapil/services",
        token_a,
        {"name": "Legalisasi Dokumen", "slug": "legalisasi", "keywords": "legalisir"},
    )
    assert response.status_code == 201
    service_id = response.json()["id"]
    response = call(client, "patch", f"/services/{service_id}", token_a, {"keywords": "legalisir, cap basah"})
    assert response.json()["keywords"] == "legalisir, cap basah"
    response = call(
        client, "post", "/agencies/dukcapil/services", token_a, {"name": "Dobel", "slug": "legalisasi"}
    )
    assert response.status_code == 422


@pytest.mark.parametrize("name", ["   ", "\u200b\u200b\u200b", "-- ."])
def test_a_service_name_without_letters_or_digits_is_refused(client, world, token_a, name):
    created = call(client, "post", "/agencies/dukcapil/services", token_a, {"name": name, "slug": "kosong"})
    assert created.status_code == 422
    assert created.json()["errors"][0]["field"] == "name"
    renamed = call(client, "patch", f"/services/{world.service_a.pk}", token_a, {"name": name})
    assert renamed.status_code == 422
    world.service_a.refresh_from_db()
    assert world.service_a.name == "Penerbitan KTP-el karena Hilang atau Rusak"


def test_another_agencys_ids_answer_404_and_change_nothing(client, world, token_a):
    draft_b = services.start_draft(service=world.service_b)
    attempts = [
        ("patch", f"/services/{world.service_b.pk}", {"name": "Diambil alih"}),
        ("post", f"/services/{world.service_b.pk}/draft", None),
        ("patch", f"/standards/{draft_b.pk}", {"fee": 123}),
        ("post", f"/standards/{draft_b.pk}/publish", {"sk_number": "X", "sk_date": "2026-01-01"}),
        ("delete", f"/standards/{draft_b.pk}", None),
        ("post", "/agencies/polres/services", {"name": "Sisipan", "slug": "sisipan"}),
        ("patch", "/agencies/polres", {"maklumat": "Diubah oleh instansi lain."}),
    ]
    for method, path, body in attempts:
        response = call(client, method, path, token_a, body)
        assert response.status_code == 404, (path, response.content)
        assert response.json()["detail"]
    world.service_b.refresh_from_db()
    draft_b.refresh_from_db()
    world.agency_b.refresh_from_db()
    assert world.service_b.name == "Surat Keterangan Tanda Lapor Kehilangan"
    assert (draft_b.status, draft_b.fee) == ("draft", 0)
    assert not world.agency_b.maklumat.startswith("Diubah")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"fee": -5}, "fee"),
        ({"fee": "gratis"}, "fee"),
        ({"completion_time": 0}, "completion_time"),
        ({"completion_unit": "weeks"}, "completion_unit"),
        ({"procedure": "x" * 4001}, "procedure"),
        ({"requirements": [{"document_id": 999999}]}, "requirements"),
        ({"requirements": [{"document_id": "abc"}]}, "requirements.0.document_id"),
        ({"requirements": "KK"}, "requirements"),
    ],
)
def test_malformed_draft_changes_name_the_field_and_change_nothing(client, world, token_a, body, field):
    draft = services.start_draft(service=world.service_a)
    response = call(client, "patch", f"/standards/{draft.pk}", token_a, body)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]
    draft.refresh_from_db()
    assert draft.fee == 0
    assert draft.procedure == world.standard_a.procedure


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"sk_number": "", "sk_date": "2026-01-01"}, "sk_number"),
        ({"sk_number": "SK", "sk_date": "2026-02-30"}, "sk_date"),
        ({"sk_number": "SK", "sk_date": "kemarin"}, "sk_date"),
        ({"sk_number": "SK", "sk_date": "2099-01-01"}, "sk_date"),
        ({"sk_number": "SK" * 100, "sk_date": "2026-01-01"}, "sk_number"),
        ({"sk_date": "2026-01-01"}, "sk_number"),
    ],
)
def test_publish_with_a_bad_decree_is_refused(client, world, token_a, body, field):
    draft = services.start_draft(service=world.service_a)
    response = call(client, "post", f"/standards/{draft.pk}/publish", token_a, body)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_errors_are_translated(client, world, token_a):
    draft = services.start_draft(service=world.service_a)
    response = call(client, "patch", f"/standards/{draft.pk}", token_a, {"fee": -5})
    assert response.json()["errors"][0]["message"] == "Tidak boleh kurang dari 0."
    response = call(
        client, "patch", f"/standards/{draft.pk}", token_a, {"fee": -5}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.json()["errors"][0]["message"] == "Must be at least 0."


def test_invalid_json_and_unknown_ids(client, world, token_a):
    response = client.patch(
        f"{API}/services/{world.service_a.pk}",
        data="{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_a}",
    )
    assert response.status_code in {400, 422}
    assert call(client, "get", "/services/999999").status_code == 404
    assert call(client, "get", "/services/abc").status_code == 422
    assert call(client, "get", "/services/99999999999999999999999").status_code in {404, 422}
    assert call(client, "get", "/sites/tidak-ada").status_code == 404


def test_staff_endpoints_need_authentication(client, world):
    response = call(client, "patch", f"/services/{world.service_a.pk}", body={"name": "Tanpa izin"})
    assert response.status_code == 401
    assert call(client, "get", "/me").status_code == 401
    assert call(client, "get", "/me", token="mpp_salah").status_code == 401


def test_revoked_and_expired_tokens_are_refused(client, world):
    token, plain = issue_token(user=world.admin_a, name="lama")
    revoke_token(token=token)
    assert call(client, "get", "/me", plain).status_code == 401
    _token, plain = issue_token(
        user=world.admin_a, name="kedaluwarsa", expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    assert call(client, "get", "/me", plain).status_code == 401


def test_session_login_works_and_needs_csrf_for_changes(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.admin_a)
    me = client.get(f"{API}/me").json()
    assert me["memberships"] == [{"site": "contoh", "role": "agency_admin", "agency": "dukcapil"}]
    response = client.patch(
        f"{API}/services/{world.service_a.pk}",
        data=json.dumps({"name": "Tanpa CSRF"}),
        content_type="application/json",
    )
    assert response.status_code in {401, 403}
    world.service_a.refresh_from_db()
    assert world.service_a.name != "Tanpa CSRF"


def test_a_bad_token_on_a_change_is_401_as_on_a_read(world):
    """Without a session cookie there is no login a forged form could ride: a wrong token
    is "log in or send a valid token" (401), not a CSRF refusal (403), for every method."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    for token in ("mpp_salah", "bukan-token", None):
        response = call(client, "patch", f"/services/{world.service_a.pk}", token, {"name": "Tanpa izin"})
        assert response.status_code == 401, (token, response.content)
        assert "token" in response.json()["detail"]
    # With a session cookie the CSRF check still guards the change.
    client.force_login(world.admin_a)
    response = call(client, "patch", f"/services/{world.service_a.pk}", "mpp_salah", {"name": "Tanpa CSRF"})
    assert response.status_code == 403
    world.service_a.refresh_from_db()
    assert world.service_a.name not in {"Tanpa izin", "Tanpa CSRF"}


def test_officers_and_auditors_cannot_edit(client, world):
    for user in (world.officer_a, world.auditor, world.front_desk):
        plain = issue_token(user=user, name="x")[1]
        response = call(client, "patch", f"/services/{world.service_a.pk}", plain, {"name": "Diubah"})
        assert response.status_code == 404


def test_tokens_are_issued_in_the_back_office_and_shown_once(client, world):
    from mpp.api.models import ApiToken

    client.force_login(world.admin_a)
    response = client.post("/admin/api/apitoken/add/", {"name": "SIAK Kapuas"}, follow=True)
    assert response.status_code == 200
    token = ApiToken.objects.get(user=world.admin_a)
    shown = [str(m) for m in response.context["messages"]]
    plain = shown[0].rsplit(" ", 1)[-1]
    assert plain.startswith("mpp_")
    assert plain not in token.key_hash
    assert call(client, "get", "/me", plain).json()["username"] == "admin_a"
    client.force_login(world.admin_b)
    assert client.get(f"/admin/api/apitoken/{token.pk}/change/").status_code == 404


def test_create_api_token_command(world, capsys):
    from django.core.management import call_command

    call_command("create_api_token", "admin_a", "SIAK")
    plain = capsys.readouterr().out.strip()
    from django.test import Client

    assert call(Client(), "get", "/me", plain).status_code == 200


def test_every_request_schema_has_its_own_name_in_the_openapi_schema(client):
    """Two schemas of one name would describe one operation with the other's fields."""
    schema = call(client, "get", "/openapi.json").json()
    tracking = schema["paths"]["/api/v1/tracking"]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ]
    name = tracking["$ref"].rsplit("/", 1)[1]
    assert "number" in schema["components"]["schemas"][name]["properties"]
