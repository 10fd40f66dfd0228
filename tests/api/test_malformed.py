"""Bad input never becomes a 500 and never changes anything, on SQLite and PostgreSQL."""

import json

import pytest

from mpp.api.services import issue_token
from mpp.catalog import services
from tests import factories


@pytest.fixture
def token(world):
    return issue_token(user=world.admin_a, name="SIAK")[1]


def send(client, method, path, token, body):
    data = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(
        f"/api/v1{path}", data=data, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


NUL_BODIES = [
    ("patch", "/standards/{draft}", {"procedure": "a\x00b"}),
    ("patch", "/services/{service}", {"name": "abc\x00"}),
    ("patch", "/agencies/dukcapil", {"phone": "\x00"}),
    ("post", "/agencies/dukcapil/services", {"name": "Baru\x00", "slug": "baru"}),
    ("post", "/standards/{draft}/publish", {"sk_number": "SK\x00", "sk_date": "2026-01-01"}),
    ("patch", "/standards/{draft}", {"requirements": [{"document_id": 1, "note": "\x00"}]}),
]


@pytest.mark.parametrize(("method", "path", "body"), NUL_BODIES)
def test_nul_characters_in_bodies_are_refused(client, world, token, method, path, body):
    draft = services.start_draft(service=world.service_a)
    response = send(client, method, path.format(draft=draft.pk, service=world.service_a.pk), token, body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"]
    draft.refresh_from_db()
    world.service_a.refresh_from_db()
    assert "\x00" not in draft.procedure + world.service_a.name + draft.sk_number


@pytest.mark.parametrize(
    "path",
    ["/sites/%00", "/agencies/%00", "/sites/contoh/services?agency=%00", "/sites/contoh/services?q=%00"],
)
def test_nul_characters_in_addresses_are_refused(client, world, path):
    response = client.get(f"/api/v1{path}")
    assert response.status_code == 400
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        "[]",
        "null",
        '"text"',
        "{not json",
        '{"status": "published"}',
        '{"completion_time": true}',
        '{"fee": "5"}',
        '{"fee": 1e400}',
        '{"fee": 99999999999999999999999999}',
        '{"requirements": [{"document_id": 99999999999999999999}]}',
        '{"requirements": [{"document_id": 1, "is_optional": "ya"}]}',
        '{"procedure": "\\ud800"}',
        '{"procedure": 5}',
    ],
)
def test_wrongly_shaped_drafts_are_refused_and_change_nothing(client, world, token, body):
    draft = services.start_draft(service=world.service_a)
    before = (draft.fee, draft.completion_time, draft.procedure, draft.status)
    response = send(client, "patch", f"/standards/{draft.pk}", token, body)
    assert response.status_code in {400, 422}, response.content
    payload = response.json()
    assert payload["detail"]
    assert all(error["message"] for error in payload["errors"])
    draft.refresh_from_db()
    assert (draft.fee, draft.completion_time, draft.procedure, draft.status) == before


@pytest.mark.parametrize(
    "path",
    [
        "/services/99999999999999999999",
        "/standards/99999999999999999999",
        "/services/-1",
        "/standards/0",
        "/sites/%F0%9F%98%80",
    ],
)
def test_odd_ids_answer_404_or_422(client, world, path):
    assert client.get(f"/api/v1{path}").status_code in {404, 422}


def test_unicode_is_kept(client, world, token):
    response = send(client, "patch", f"/services/{world.service_a.pk}", token, {"summary": "Layanan ✓ 😀 ẞ"})
    assert response.status_code == 200
    world.service_a.refresh_from_db()
    assert world.service_a.summary == "Layanan ✓ 😀 ẞ"


def test_unique_clash_names_the_slug_field_in_indonesian(client, world, token):
    factories.ServiceFactory(agency=world.agency_a, slug="sudah-ada")
    response = send(
        client, "post", "/agencies/dukcapil/services", token, {"name": "Dobel", "slug": "sudah-ada"}
    )
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "slug"
    assert "sudah" in error["message"]
