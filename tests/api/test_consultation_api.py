"""The public consultation through the API: public reads and comments, staff steps, publishing."""

import datetime as dt
import json

import pytest
from django.utils import translation

from mpp.api.services import issue_token
from mpp.catalog import services as catalog_services
from mpp.consultation import services
from mpp.consultation.models import Comment, Consultation
from tests.halls import MONDAY_9

API = "/api/v1"
NOW = MONDAY_9
CLOSES = "2026-12-14T15:00:00+07:00"
FORUM = {
    "held_on": "2026-12-10",
    "place": "Aula MPP",
    "participant_count": 37,
    "participants": "Tokoh adat, PPDI, pelaku usaha",
    "outcome": "KK tidak lagi diwajibkan; semua komentar dibahas.",
    "minutes_reference": "BA 12/FKP/2026",
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def token_a(world):
    return issue_token(user=world.admin_a, name="SIAK")[1]


@pytest.fixture
def token_b(world):
    return issue_token(user=world.admin_b, name="Polres")[1]


@pytest.fixture
def draft(world, clock_at):
    draft = catalog_services.start_draft(service=world.service_a)
    return catalog_services.update_draft(standard=draft, procedure="1. Datang.\n2. Foto.\n3. Terima KTP-el.")


@pytest.fixture
def consultation(world, draft):
    return services.open_consultation(
        standard=draft, closes_at=NOW + dt.timedelta(days=14), user=world.admin_a
    )


def call(client, method, path, token=None, body=None, raw=None, **headers):
    headers.setdefault("HTTP_ACCEPT_LANGUAGE", "en")
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    kwargs = {"content_type": "application/json"}
    if raw is not None:
        kwargs["data"] = raw
    elif body is not None:
        kwargs["data"] = json.dumps(body)
    return getattr(client, method)(f"{API}{path}", **kwargs, **headers)


def fields(response) -> list:
    return [error["field"] for error in response.json()["errors"]]


def test_the_flow_from_draft_to_published_standard(client, world, token_a, clock_at):
    response = call(client, "post", f"/services/{world.service_a.pk}/draft", token_a)
    draft_id = response.json()["id"]
    call(client, "patch", f"/standards/{draft_id}", token_a, {"procedure": "1. Datang.\n2. Terima KTP-el."})

    response = call(
        client,
        "post",
        f"/standards/{draft_id}/consultations",
        token_a,
        {"closes_at": CLOSES, "introduction": "Apa pendapat Anda?"},
    )
    assert response.status_code == 201, response.content
    opened = response.json()
    cid = opened["id"]
    assert (opened["state"], opened["version"], opened["standard_status"]) == ("open", 2, "draft")
    assert [c["key"] for c in opened["components"]] == [
        "requirements",
        "procedure",
        "completion",
        "fee",
        "products",
        "complaints",
        "general",
    ]
    assert opened["consulted_text"]["procedure_steps"] == ["Datang.", "Terima KTP-el."]

    listed = call(client, "get", "/sites/contoh/consultations").json()
    assert [c["id"] for c in listed] == [cid]

    # A citizen, without any account.
    response = call(
        client,
        "post",
        f"/consultations/{cid}/comments",
        body={"component": "procedure", "text": "Tambahkan estimasi waktu per langkah.", "name": "Ani"},
    )
    assert response.status_code == 201, response.content
    comment_id = response.json()["id"]
    assert response.json()["name"] == "Ani"
    assert "contact" not in response.json()

    response = call(
        client,
        "post",
        f"/standards/{draft_id}/publish",
        token_a,
        {"sk_number": "SK 5", "sk_date": "2026-11-30"},
    )
    assert response.status_code == 422
    assert "consultation" in fields(response)

    clock_at(NOW + dt.timedelta(days=15))
    late = call(
        client,
        "post",
        f"/consultations/{cid}/comments",
        body={"component": "fee", "text": "Terlambat tapi penting."},
    )
    assert late.status_code == 409
    assert late.json()["errors"][0]["code"] == "closed"

    answer = {"kind": "accepted", "answer": "Estimasi waktu kami tambahkan."}
    response = call(client, "post", f"/consultations/{cid}/comments/{comment_id}/answer", token_a, answer)
    assert response.json()["answer_kind"] == "accepted"
    response = call(client, "put", f"/consultations/{cid}/forum", token_a, FORUM)
    assert response.status_code == 200, response.content
    response = call(client, "post", f"/consultations/{cid}/conclude", token_a)
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "concluded"

    response = call(
        client,
        "post",
        f"/standards/{draft_id}/publish",
        token_a,
        {"sk_number": "SK 5", "sk_date": "2026-12-15"},
    )
    assert response.status_code == 200, response.content
    record = call(client, "get", f"/consultations/{cid}").json()
    assert record["standard_status"] == "published"
    assert record["forum"]["participant_count"] == 37
    assert record["comments"][0]["answer"] == "Estimasi waktu kami tambahkan."
    past = call(client, "get", "/sites/contoh/consultations?state=past").json()
    assert [(c["id"], c["state"], c["comment_count"]) for c in past] == [(cid, "concluded", 1)]


def test_conclude_lists_what_is_missing(client, world, token_a, consultation):
    call(
        client,
        "post",
        f"/consultations/{consultation.pk}/comments",
        body={"component": "general", "text": "Secara umum sudah baik."},
    )
    response = call(client, "post", f"/consultations/{consultation.pk}/conclude", token_a)
    assert response.status_code == 422
    messages = [error["message"] for error in response.json()["errors"]]
    assert len(messages) == 3
    assert "1 comment has no answer yet." in messages


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"component": "procedure", "text": "x" * 2001}, "text"),
        ({"component": "procedure", "text": "Pendek"}, "text"),
        ({"component": "legal_basis", "text": "Bagian yang tidak dikonsultasikan."}, "component"),
        ({"component": "procedure", "text": "Komentar yang wajar.", "nik": "6203"}, "nik"),
        ({"component": "procedure", "text": 1234567890}, "text"),
        ({"component": "procedure", "text": "Komentar yang wajar.", "contact": "nomor saya"}, "contact"),
        ({"component": "procedure", "text": "Komentar yang wajar.", "name": "n" * 101}, "name"),
        ({"text": "Tanpa komponen sama sekali."}, "component"),
    ],
)
def test_bad_comments_are_422_with_the_field(client, consultation, body, field):
    response = call(client, "post", f"/consultations/{consultation.pk}/comments", body=body)
    assert response.status_code == 422, response.content
    assert field in fields(response)
    assert not Comment.objects.exists()


def test_nul_and_non_objects_are_refused_before_anything_runs(client, consultation):
    path = f"/consultations/{consultation.pk}/comments"
    response = call(
        client, "post", path, raw='{"component": "procedure", "text": "Ada \\u0000 di sini sekali."}'
    )
    assert response.status_code == 400
    assert call(client, "post", path, raw="[1, 2]").status_code == 422
    assert call(client, "post", path, raw="{bukan json").status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"closes_at": "2026-11-29T09:00:00+07:00"}, "closes_at"),
        ({"closes_at": "2027-06-01T09:00:00+07:00"}, "closes_at"),
        ({"opens_at": "2026-11-01T09:00:00+07:00", "closes_at": CLOSES}, "opens_at"),
        ({"closes_at": "besok"}, "closes_at"),
        ({"closes_at": CLOSES, "introduction": "i" * 2001}, "introduction"),
        ({"closes_at": CLOSES, "extra": 1}, "extra"),
        ({}, "closes_at"),
    ],
)
def test_bad_periods_are_422_with_the_field(client, token_a, draft, body, field):
    response = call(client, "post", f"/standards/{draft.pk}/consultations", token_a, body)
    assert response.status_code == 422, response.content
    assert field in fields(response)
    assert not Consultation.objects.exists()


def test_naive_times_are_read_in_the_installations_zone(client, token_a, draft):
    response = call(
        client, "post", f"/standards/{draft.pk}/consultations", token_a, {"closes_at": "2026-12-14T15:00:00"}
    )
    assert response.status_code == 201
    assert Consultation.objects.get().closes_at == dt.datetime(2026, 12, 14, 8, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("forum", {**FORUM, "participant_count": "37"}, "participant_count"),
        ("forum", {**FORUM, "participant_count": 0}, "participant_count"),
        ("forum", {**FORUM, "held_on": "2027-01-01"}, "held_on"),
        ("forum", {**FORUM, "outcome": "o" * 4001}, "outcome"),
        ("forum", {key: value for key, value in FORUM.items() if key != "place"}, "place"),
    ],
)
def test_bad_forum_records_are_422_with_the_field(client, token_a, consultation, clock_at, path, body, field):
    clock_at(NOW + dt.timedelta(days=12))
    response = call(client, "put", f"/consultations/{consultation.pk}/{path}", token_a, body)
    assert response.status_code == 422, response.content
    assert field in fields(response)


def test_bad_answers_and_hiding_are_422(client, token_a, consultation):
    item = services.submit_comment(
        consultation=consultation, component="fee", text="Mohon tetap gratis.", ip="1"
    )
    base = f"/consultations/{consultation.pk}/comments/{item.pk}"
    assert fields(call(client, "post", f"{base}/answer", token_a, {"kind": "maybe", "answer": "Jawab."})) == [
        "kind"
    ]
    assert fields(call(client, "post", f"{base}/answer", token_a, {"kind": "accepted", "answer": "ok"})) == [
        "answer"
    ]
    assert fields(call(client, "post", f"{base}/hide", token_a, {"reason": ""})) == ["reason"]
    response = call(client, "post", f"{base}/hide", token_a, {"reason": "Promosi dagang."})
    assert response.json()["hidden"] is True
    assert response.json()["text"] == ""
    public = call(client, "get", f"/consultations/{consultation.pk}").json()["comments"][0]
    assert (public["text"], public["hidden_reason"]) == ("", "Promosi dagang.")
    assert call(client, "post", f"{base}/restore", token_a).json()["text"] == "Mohon tetap gratis."


def test_another_agencys_ids_are_404_and_change_nothing(client, world, token_b, consultation):
    item = services.submit_comment(
        consultation=consultation, component="fee", text="Mohon tetap gratis.", ip="1"
    )
    cid = consultation.pk
    attempts = [
        ("post", f"/standards/{consultation.standard_id}/consultations", {"closes_at": CLOSES}),
        ("patch", f"/consultations/{cid}", {"closes_at": CLOSES}),
        ("post", f"/consultations/{cid}/close", None),
        ("put", f"/consultations/{cid}/forum", FORUM),
        (
            "post",
            f"/consultations/{cid}/comments/{item.pk}/answer",
            {"kind": "accepted", "answer": "Diambil alih."},
        ),
        ("post", f"/consultations/{cid}/comments/{item.pk}/hide", {"reason": "Disembunyikan orang lain."}),
        ("post", f"/consultations/{cid}/conclude", None),
    ]
    for method, path, body in attempts:
        response = call(client, method, path, token_b, body)
        assert response.status_code == 404, (path, response.content)
        assert response.json()["detail"]
    item.refresh_from_db()
    consultation.refresh_from_db()
    assert (item.answer_kind, item.is_hidden, consultation.status) == ("", False, "open")
    assert call(client, "get", "/consultations", token_b).json() == []


def test_a_comment_of_another_consultation_and_huge_ids_are_404(
    client, world, token_a, token_b, consultation
):
    draft_b = catalog_services.start_draft(service=world.service_b)
    catalog_services.update_draft(standard=draft_b, procedure="1. Lapor.")
    other = services.open_consultation(standard=draft_b, closes_at=NOW + dt.timedelta(days=5))
    foreign = services.submit_comment(
        consultation=other, component="fee", text="Komentar untuk Polres.", ip="2"
    )
    answer = {"kind": "accepted", "answer": "Bukan urusan kami."}
    response = call(
        client, "post", f"/consultations/{consultation.pk}/comments/{foreign.pk}/answer", token_a, answer
    )
    assert response.status_code == 404
    for path in [f"/consultations/{2**64}", f"/consultations/{2**64}/comments/1/answer", "/consultations/-1"]:
        method = "post" if path.endswith("answer") else "get"
        assert call(client, method, path, token_a, answer if method == "post" else None).status_code == 404
    assert (
        call(
            client,
            "post",
            f"/consultations/{2**64}/comments",
            body={"component": "fee", "text": "Sepuluh huruf."},
        ).status_code
        == 404
    )
    assert (
        call(client, "post", f"/standards/{2**64}/consultations", token_a, {"closes_at": CLOSES}).status_code
        == 404
    )


def test_staff_steps_need_a_login_and_the_right_role(client, world, consultation):
    assert call(client, "post", f"/consultations/{consultation.pk}/close").status_code == 401
    assert call(client, "get", "/consultations").status_code == 401
    officer = issue_token(user=world.officer_a, name="loket")[1]
    assert call(client, "post", f"/consultations/{consultation.pk}/close", officer).status_code == 404
    auditor = issue_token(user=world.auditor, name="inspektorat")[1]
    assert call(client, "post", f"/consultations/{consultation.pk}/close", auditor).status_code == 404
    assert [c["id"] for c in call(client, "get", "/consultations", auditor).json()] == [consultation.pk]
    manager = issue_token(user=world.manager, name="dpmptsp")[1]
    assert call(client, "post", f"/consultations/{consultation.pk}/close", manager).status_code == 200


def test_a_scheduled_consultation_is_hidden_from_the_public_until_it_opens(client, token_a, draft, clock_at):
    scheduled = services.open_consultation(
        standard=draft, opens_at=NOW + dt.timedelta(days=3), closes_at=NOW + dt.timedelta(days=10)
    )
    assert call(client, "get", f"/consultations/{scheduled.pk}").status_code == 404
    assert call(client, "get", "/sites/contoh/consultations").json() == []
    body = {"component": "fee", "text": "Terlalu cepat datang."}
    assert call(client, "post", f"/consultations/{scheduled.pk}/comments", body=body).status_code == 404
    assert call(client, "get", f"/consultations/{scheduled.pk}", token_a).json()["state"] == "upcoming"
    clock_at(NOW + dt.timedelta(days=3, minutes=1))
    assert call(client, "post", f"/consultations/{scheduled.pk}/comments", body=body).status_code == 201


def test_comments_are_rate_limited_per_address(client, consultation):
    body = {"component": "fee", "text": "Komentar yang sama berulang kali."}
    for _ in range(services.COMMENT_LIMIT):
        assert (
            call(client, "post", f"/consultations/{consultation.pk}/comments", body=body).status_code == 201
        )
    response = call(client, "post", f"/consultations/{consultation.pk}/comments", body=body)
    assert response.status_code == 429
    assert response.json()["errors"][0]["code"] == "limited"


def test_messages_follow_accept_language(client, token_a, draft):
    response = call(
        client,
        "post",
        f"/standards/{draft.pk}/consultations",
        token_a,
        {"closes_at": "2026-11-29T09:00:00+07:00"},
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "closes_at"


def test_the_schema_documents_the_routes(client):
    paths = call(client, "get", "/openapi.json").json()["paths"]
    for path in [
        "/api/v1/sites/{slug}/consultations",
        "/api/v1/consultations/{consultation_id}",
        "/api/v1/consultations/{consultation_id}/comments",
        "/api/v1/standards/{standard_id}/consultations",
        "/api/v1/consultations/{consultation_id}/forum",
        "/api/v1/consultations/{consultation_id}/conclude",
    ]:
        assert path in paths


def test_a_scheduled_consultation_can_be_cancelled_a_started_one_cannot(
    client, token_a, token_b, draft, consultation
):
    assert call(client, "delete", f"/consultations/{consultation.pk}", token_b).status_code == 404
    response = call(client, "delete", f"/consultations/{consultation.pk}", token_a)
    assert response.status_code == 422
    assert Consultation.objects.filter(pk=consultation.pk).exists()
    Consultation.objects.filter(pk=consultation.pk).update(opens_at=NOW + dt.timedelta(days=2))
    assert call(client, "delete", f"/consultations/{consultation.pk}", token_a).status_code == 204
    assert not Consultation.objects.exists()
