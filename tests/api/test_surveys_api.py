import pytest

from mpp.api.services import issue_token
from mpp.surveys.models import Response
from tests.api.test_queue_api import call
from tests.surveys.conftest import ALL_FOUR, served


@pytest.fixture
def finished(hall, nine):
    return served(hall)


def test_rate_a_ticket_through_the_api_and_read_the_index(client, finished, world):
    token = finished.visit.token
    questions = call(client, "get", "/survey/unsur?agency=dukcapil").json()
    assert [q["key"] for q in questions][:2] == ["persyaratan", "prosedur"]
    assert questions[3]["answers"][3] == {"value": 4, "label": "Gratis"}
    assert call(client, "get", f"/tickets/{token}/survey").json() == [
        {"request_id": finished.pk, "service": world.service_a.name, "agency": "dukcapil"}
    ]
    body = {"answers": {**ALL_FOUR, "waktu": 3}, "age": 40, "sex": "P"}
    response = call(client, "post", f"/tickets/{token}/survey/{finished.pk}", body=body)
    assert response.status_code == 201, response.content
    assert call(client, "post", f"/tickets/{token}/survey/{finished.pk}", body=body).status_code == 409
    index = call(client, "get", "/sites/contoh/ikm?period=2026-Q4&agency=dukcapil").json()
    assert (index["respondents"], index["converted"], index["mutu"]) == (1, "97.22", "A")
    assert index["unsur"][2] == {"key": "waktu", "name": "Waktu Penyelesaian", "respondents": 1, "nrr": "3.00",
                                 "weighted_nrr": "0.3333", "converted": "75.00", "mutu": "C"}  # fmt: skip
    assert call(client, "get", f"/tickets/{token}/survey").json() == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"answers": {**ALL_FOUR, "waktu": 5}}, "waktu"),
        ({"answers": {**ALL_FOUR, "lain": 4}}, "answers"),
        ({"answers": {k: v for k, v in ALL_FOUR.items() if k != "biaya"}}, "biaya"),
        ({"answers": ALL_FOUR, "age": 3}, "age"),
        ({"answers": ALL_FOUR, "sex": "X"}, "sex"),
        ({"answers": ALL_FOUR, "comment": "x" * 1001}, "comment"),
        ({"answers": ALL_FOUR, "comment": "bagus\x01"}, "comment"),
        ({"answers": ALL_FOUR, "extra": 1}, "extra"),
    ],
)
def test_bad_answers_name_the_field_and_save_nothing(client, finished, body, field):
    response = call(client, "post", f"/tickets/{finished.visit.token}/survey/{finished.pk}", body=body)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]
    assert not Response.objects.exists()


def test_paper_forms_and_the_spreadsheet_need_the_agency(client, finished, world):
    officer = issue_token(user=world.officer_a, name="petugas")[1]
    other = issue_token(user=world.officer_b, name="polisi")[1]
    body = {"agency": "dukcapil", "served_on": "2026-11-27", "answers": {**ALL_FOUR, "sarana": None}}
    assert call(client, "post", "/sites/contoh/surveys/paper", officer, body).status_code == 201
    assert call(client, "post", "/sites/contoh/surveys/paper", other, body).status_code == 404
    future = call(client, "post", "/sites/contoh/surveys/paper", officer, {**body, "served_on": "2027-01-01"})
    assert future.json()["errors"][0]["field"] == "served_on"
    sheet = call(client, "get", "/sites/contoh/ikm.xlsx?period=2026-11&agency=dukcapil", officer)
    assert sheet.status_code == 200
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        call(client, "get", "/sites/contoh/ikm.xlsx?period=2026-11&agency=dukcapil", other).status_code == 403
    )
    assert call(client, "get", "/sites/contoh/ikm.xlsx?period=2026-11&agency=dukcapil").status_code == 401
    assert call(client, "get", "/sites/contoh/ikm?period=2026-13").status_code == 422


def test_paper_forms_are_saved_once_per_key_and_name_a_wrong_service(client, finished, world):
    officer = issue_token(user=world.officer_a, name="petugas")[1]
    body = {"agency": "dukcapil", "served_on": "2026-11-27", "answers": ALL_FOUR, "idempotency_key": "form-1"}
    first = call(client, "post", "/sites/contoh/surveys/paper", officer, body)
    again = call(client, "post", "/sites/contoh/surveys/paper", officer, body)
    assert first.json()["id"] == again.json()["id"]
    other = call(
        client, "post", "/sites/contoh/surveys/paper", officer, {**body, "idempotency_key": "form-2"}
    )
    assert other.json()["id"] != first.json()["id"]
    assert Response.objects.filter(channel="paper").count() == 2
    # The same key with another form (a client that reuses keys) saves that form.
    changed = {**body, "answers": {**ALL_FOUR, "waktu": 1}}
    third = call(client, "post", "/sites/contoh/surveys/paper", officer, changed)
    assert third.json()["id"] not in (first.json()["id"], other.json()["id"])
    third_row = Response.objects.get(pk=third.json()["id"])
    third_row.delete()
    wrong = call(
        client, "post", "/sites/contoh/surveys/paper", officer, {**body, "service_id": world.service_b.pk}
    )
    assert wrong.status_code == 422
    [error] = wrong.json()["errors"]
    assert error["field"] == "service_id"
    assert "Http404" not in error["message"]
    assert Response.objects.filter(channel="paper").count() == 2
