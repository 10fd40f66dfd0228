"""Applications are scoped by the (site, agency) pairs of a user's memberships, at every
entry point: the selector, the service, the API and the back office.

Agency A serves at two sites. Its admin and officer at "contoh", the manager and the
auditor of "contoh" work on "contoh"'s files only; the manager of "lain" and A's officer
at "lain" on "lain"'s only."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied

from mpp.api.services import issue_token
from mpp.cases import selectors, services
from mpp.cases.models import Application
from mpp.tenancy.models import Membership, Role
from tests import factories

API = "/api/v1"


def application(site, agency, service, due=dt.date(2026, 12, 3)) -> Application:
    return Application.objects.create(
        site=site,
        agency=agency,
        service=service,
        received_at=dt.datetime(2026, 11, 30, 2, tzinfo=dt.UTC),
        due_date=due,
        pin_hash="x",
    )


@pytest.fixture
def files(hall):
    w = hall.world
    w.agency_a.sites.add(w.other_site)
    lain_officer = factories.UserFactory(username="petugas_a_lain")
    Membership.objects.create(user=lain_officer, site=w.other_site, agency=w.agency_a, role=Role.OFFICER)
    here = application(w.site, w.agency_a, w.service_a)
    there = application(w.other_site, w.agency_a, w.service_a)
    users = {
        "superuser": w.superuser,
        "manager": w.manager,
        "auditor": w.auditor,
        "admin_a": w.admin_a,
        "officer_a": w.officer_a,
        "admin_b": w.admin_b,
        "officer_b": w.officer_b,
        "front_desk": w.front_desk,
        "other_manager": w.other_manager,
        "lain_officer": lain_officer,
    }
    return here, there, users


# Who reads which file, and who moves it.
READS = {
    "superuser": {"here", "there"},
    "manager": {"here"},
    "auditor": {"here"},
    "admin_a": {"here"},
    "officer_a": {"here"},
    "admin_b": set(),
    "officer_b": set(),
    "front_desk": set(),
    "other_manager": {"there"},
    "lain_officer": {"there"},
}
MOVES = {**READS, "auditor": set()}


def names(numbers, here, there):
    return {name for name, app in (("here", here), ("there", there)) if app.tracking_number in numbers}


@pytest.mark.parametrize("who", READS)
def test_worklist_selector(files, who):
    here, there, users = files
    numbers = set(selectors.worklist(user=users[who]).values_list("tracking_number", flat=True))
    assert names(numbers, here, there) == READS[who]


@pytest.mark.parametrize("who", MOVES)
def test_change_status_service(files, who):
    here, there, users = files
    moved = set()
    for name, app in (("here", here), ("there", there)):
        try:
            services.change_status(user=users[who], application=app, status="verified")
        except PermissionDenied:
            app.refresh_from_db()
            assert app.status == "received"
        else:
            moved.add(name)
    assert moved == MOVES[who]


def api(client, method, path, token, body=None):
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(f"{API}{path}", **kwargs)


@pytest.mark.parametrize("who", READS)
def test_api_list_read_and_change(client, files, who):
    here, there, users = files
    token = issue_token(user=users[who], name=who)[1]
    listed = {a["tracking_number"] for a in api(client, "get", "/applications", token).json()}
    assert names(listed, here, there) == READS[who]
    for name, app in (("here", here), ("there", there)):
        read = api(client, "get", f"/applications/{app.tracking_number}", token)
        assert read.status_code == (200 if name in READS[who] else 404)
        moved = api(
            client, "post", f"/applications/{app.tracking_number}/status", token, {"status": "verified"}
        )
        if name in MOVES[who]:
            assert moved.status_code == 200
        else:
            assert moved.status_code == (403 if name in READS[who] else 404)
        app.refresh_from_db()
        assert (app.status == "verified") == (name in MOVES[who])


@pytest.mark.parametrize("who", ["manager", "auditor", "admin_a", "officer_a", "admin_b", "other_manager"])
def test_back_office_list_page_and_status_button(client, files, who):
    here, there, users = files
    client.force_login(users[who])
    page = client.get("/admin/cases/application/")
    listed = {app.tracking_number for app in (here, there) if app.tracking_number in page.content.decode()}
    assert names(listed, here, there) == (READS[who] if page.status_code == 200 else set())
    for name, app in (("here", here), ("there", there)):
        change = client.get(f"/admin/cases/application/{app.pk}/change/")
        if name not in READS[who]:
            assert change.status_code in {403, 404}
        else:
            assert change.status_code == 200
            buttons = 'name="status" value="verified"' in change.content.decode()
            assert buttons == (name in MOVES[who])  # no buttons for those who only read
        response = client.post(
            f"/admin/cases/application/{app.pk}/status/", {"status": "verified", "reason": ""}
        )
        assert response.status_code in ({302} if name in READS[who] else {403, 404})
        app.refresh_from_db()
        assert (app.status == "verified") == (name in MOVES[who])
