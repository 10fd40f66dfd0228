import json

import pytest

from mpp.api.services import issue_token
from mpp.cases.models import Application
from mpp.journeys.models import Journey
from tests.halls import make_lost_ktp_journey

API = "/api/v1"


def call(client, method, path, token=None, body=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if body is None:
        return getattr(client, method)(f"{API}{path}", **headers)
    return getattr(client, method)(
        f"{API}{path}", data=json.dumps(body), content_type="application/json", **headers
    )


@pytest.fixture
def journey_hall(hall):
    make_lost_ktp_journey(hall)
    w = hall.world
    hall.tokens = {
        name: issue_token(user=getattr(w, name), name=name)[1]
        for name in ("front_desk", "officer_a", "officer_b", "admin_a", "admin_b")
    }
    return hall


def test_plan_is_public(client, journey_hall):
    assert [e["slug"] for e in call(client, "get", "/sites/contoh/life-events").json()] == [
        "kehilangan-ktp-el"
    ]
    plan = call(client, "get", "/sites/contoh/life-events/kehilangan-ktp-el").json()
    assert [n["document"] for n in plan["bring"]] == ["Kartu Keluarga", "KTP-el"]
    assert plan["steps"][1]["passed_on"] == ["Surat Keterangan Tanda Lapor Kehilangan"]
    assert call(client, "get", "/sites/contoh/life-events/tidak-ada").status_code == 404


def test_lost_ktp_journey_through_the_api(client, journey_hall):
    h, t = journey_hall, journey_hall.tokens
    ticket = call(
        client, "post", "/sites/contoh/journeys", t["front_desk"], {"life_event": "kehilangan-ktp-el"}
    )
    assert ticket.status_code == 201
    assert ticket.json()["code"] == "B001"
    call(client, "post", f"/counters/{h.counter_b.pk}/session", t["officer_b"], {})
    police = call(client, "post", f"/counters/{h.counter_b.pk}/call-next", t["officer_b"]).json()
    base_b = f"/counters/{h.counter_b.pk}/requests/{police['id']}"
    response = call(client, "post", f"{base_b}/finish", t["officer_b"], {"outcome": "completed"})
    assert response.status_code == 422  # the hand-off first
    response = call(
        client,
        "post",
        f"{base_b}/handoff",
        t["officer_b"],
        {"values": {"nomor_sktlk": "SKTLK/5", "tanggal_sktlk": "2026-11-30", "catatan_penyidik": "internal"}},
    )
    assert response.status_code == 204
    assert (
        call(client, "post", f"{base_b}/finish", t["officer_b"], {"outcome": "completed"}).status_code == 200
    )

    call(client, "post", f"/counters/{h.counter_a1.pk}/session", t["officer_a"], {})
    dukcapil = call(client, "post", f"/counters/{h.counter_a1.pk}/call-next", t["officer_a"]).json()
    assert dukcapil["code"] == "B001"
    base_a = f"/counters/{h.counter_a1.pk}/requests/{dukcapil['id']}"
    shown = call(client, "get", f"{base_a}/handoff", t["officer_a"]).json()
    assert {item["key"] for item in shown} == {"nomor_sktlk", "tanggal_sktlk"}
    opened = call(client, "post", f"{base_a}/applications", t["officer_a"], {"phone": "081234567890"})
    assert opened.status_code == 201
    number, pin = opened.json()["tracking_number"], opened.json()["pin"]
    assert opened.json()["due_date"] == "2026-12-03"  # 3 working days after Monday 30 November
    tracked = call(client, "post", "/tracking", body={"number": number, "secret": pin}).json()
    assert tracked["status"] == "received"
    assert [h["status"] for h in tracked["history"]] == ["received"]
    moved = call(client, "post", f"/applications/{number}/status", t["admin_a"], {"status": "verified"})
    assert moved.json()["status"] == "verified"
    assert [a["tracking_number"] for a in call(client, "get", "/applications", t["officer_a"]).json()] == [
        number
    ]


def test_other_agencies_cannot_read_the_hand_off_or_the_files(client, journey_hall):
    h, t = journey_hall, journey_hall.tokens
    call(client, "post", "/sites/contoh/journeys", t["front_desk"], {"life_event": "kehilangan-ktp-el"})
    call(client, "post", f"/counters/{h.counter_b.pk}/session", t["officer_b"], {})
    police = call(client, "post", f"/counters/{h.counter_b.pk}/call-next", t["officer_b"]).json()
    # The police officer's own step: nothing from earlier steps to read.
    assert (
        call(
            client, "get", f"/counters/{h.counter_b.pk}/requests/{police['id']}/handoff", t["officer_b"]
        ).json()
        == []
    )
    # Agency A's officer cannot read a request at agency B's counter.
    call(client, "post", f"/counters/{h.counter_a1.pk}/session", t["officer_a"], {})
    response = call(
        client, "get", f"/counters/{h.counter_a1.pk}/requests/{police['id']}/handoff", t["officer_a"]
    )
    assert response.status_code == 404
    assert call(client, "get", "/applications", t["admin_b"]).json() == []


def test_tracking_errors(client, journey_hall):
    response = call(client, "post", "/tracking", body={"number": "P-AAAAAAAA", "secret": "123456"})
    assert response.status_code == 404
    for _ in range(5):
        call(client, "post", "/tracking", body={"number": "P-BBBBBBBB", "secret": "123456"})
    response = call(client, "post", "/tracking", body={"number": "P-BBBBBBBB", "secret": "123456"})
    assert response.status_code == 429
    assert call(client, "post", "/tracking", body={"number": "x", "secret": "1"}).status_code == 422
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"life_event": "tidak-ada"},
        {"life_event": 5},
        {"life_event": "kehilangan-ktp-el", "priority_reason": "vip"},
        {"life_event": "kehilangan-ktp-el", "phone": "1"},
    ],
)
def test_bad_journey_requests(client, journey_hall, body):
    response = call(client, "post", "/sites/contoh/journeys", journey_hall.tokens["front_desk"], body)
    assert response.status_code in {404, 422}
    assert not Journey.objects.exists()


def finish_police_step(client, hall, tokens, values):
    call(client, "post", "/sites/contoh/journeys", tokens["front_desk"], {"life_event": "kehilangan-ktp-el"})
    call(client, "post", f"/counters/{hall.counter_b.pk}/session", tokens["officer_b"], {})
    police = call(client, "post", f"/counters/{hall.counter_b.pk}/call-next", tokens["officer_b"]).json()
    base = f"/counters/{hall.counter_b.pk}/requests/{police['id']}"
    assert call(client, "post", f"{base}/handoff", tokens["officer_b"], {"values": values}).status_code == 204
    assert (
        call(client, "post", f"{base}/finish", tokens["officer_b"], {"outcome": "completed"}).status_code
        == 200
    )


def test_the_api_reads_the_hand_off_as_the_console_does(client, journey_hall):
    """One masking and one audit: a NIK is masked, and the API's reading and the console's
    by the same officer are one reading, with the console's (translated) purpose."""
    from mpp.privacy.models import AccessLog

    h, t = journey_hall, journey_hall.tokens
    finish_police_step(
        client,
        h,
        t,
        {"nomor_sktlk": "SKTLK/8", "tanggal_sktlk": "2026-11-30", "nik_pelapor": "6203014101900001"},
    )
    call(client, "post", f"/counters/{h.counter_a1.pk}/session", t["officer_a"], {})
    dukcapil = call(client, "post", f"/counters/{h.counter_a1.pk}/call-next", t["officer_a"]).json()
    shown = call(
        client, "get", f"/counters/{h.counter_a1.pk}/requests/{dukcapil['id']}/handoff", t["officer_a"]
    )
    values = {item["key"]: item["value"] for item in shown.json()}
    assert values == {
        "nomor_sktlk": "SKTLK/8",
        "tanggal_sktlk": "2026-11-30",
        "nik_pelapor": "6203********0001",
    }
    assert {item["from_agency"] for item in shown.json()} == {"polres"}
    log = AccessLog.objects.get()
    assert (log.user, log.agency) == (h.world.officer_a, h.world.agency_a)
    assert not log.purpose.startswith("API")
    from django.utils.translation import gettext

    assert log.purpose == gettext("Hand-off of a life-event journey")


def test_a_visitor_transferred_out_of_the_journey_has_no_hand_off_in_the_api(client, journey_hall):
    h, t = journey_hall, journey_hall.tokens
    call(client, "post", "/sites/contoh/journeys", t["front_desk"], {"life_event": "kehilangan-ktp-el"})
    call(client, "post", f"/counters/{h.counter_b.pk}/session", t["officer_b"], {})
    police = call(client, "post", f"/counters/{h.counter_b.pk}/call-next", t["officer_b"]).json()
    base = f"/counters/{h.counter_b.pk}/requests/{police['id']}"
    call(client, "post", f"{base}/handoff", t["officer_b"], {"values": {"catatan_penyidik": "RAHASIA"}})
    # A police service that is no step of the journey: the visitor stays at the police.
    from mpp.queueing.models import CounterService, ServiceOffer
    from tests import factories

    skck = factories.ServiceFactory(agency=h.world.agency_b, slug="skck")
    ServiceOffer.objects.create(site=h.world.site, service=skck, prefix="K")
    CounterService.objects.create(counter=h.counter_b, service=skck)
    moved = call(client, "post", f"{base}/transfer", t["officer_b"], {"service_id": skck.pk})
    assert moved.status_code == 200, moved.json()
    again = call(client, "post", f"/counters/{h.counter_b.pk}/call-next", t["officer_b"]).json()
    base = f"/counters/{h.counter_b.pk}/requests/{again['id']}"
    assert again["service_id"] == skck.pk
    assert call(client, "get", f"{base}/handoff", t["officer_b"]).json() == []
    refused = call(client, "post", f"{base}/handoff", t["officer_b"], {"values": {"catatan_penyidik": "x"}})
    assert refused.status_code == 422
    assert call(client, "post", f"{base}/finish", t["officer_b"], {"outcome": "completed"}).status_code == 200


def test_a_life_event_with_too_many_steps_is_a_409(client, journey_hall):
    from tests.journeys.test_journeys import six_step_life_event

    six_step_life_event(journey_hall)
    response = call(
        client,
        "post",
        "/sites/contoh/journeys",
        journey_hall.tokens["front_desk"],
        {"life_event": "enam-langkah"},
    )
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "too_many_steps"
    assert not Journey.objects.exists()


def test_hand_off_for_a_ticket_not_at_the_counter_is_404(client, journey_hall):
    h, t = journey_hall, journey_hall.tokens
    call(client, "post", f"/counters/{h.counter_b.pk}/session", t["officer_b"], {})
    base = f"/counters/{h.counter_b.pk}/requests/999999/handoff"
    assert call(client, "get", base, t["officer_b"]).status_code == 404
    assert call(client, "post", base, t["officer_b"], {"values": {}}).status_code == 404
