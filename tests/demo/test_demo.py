import datetime as dt

import pytest
from django.core.management import call_command

from mpp.catalog import selectors
from mpp.catalog.models import Service, ServiceStandard
from mpp.core import clock, regions
from mpp.surveys import periods
from mpp.surveys import selectors as surveys
from mpp.surveys.models import Response
from mpp.tenancy.models import Agency, Membership, Site, User


@pytest.fixture
def demo(db):
    call_command("load_demo", "--quiet-logins")
    return Site.objects.get(slug="kapuas")


def test_demo_has_the_kapuas_mall_with_its_agencies_and_services(demo):
    assert demo.timezone == "Asia/Pontianak"
    assert len(regions.districts_of(demo.region_code.replace(".", ""))) == 17
    assert Agency.objects.filter(sites=demo).count() >= 21
    assert Service.objects.count() >= 80
    published = ServiceStandard.objects.filter(status="published")
    assert published.count() == Service.objects.count()
    assert not published.filter(procedure="").exists()
    assert demo.counters.count() >= 21


def test_every_role_has_a_demo_account(demo):
    roles = set(Membership.objects.filter(site=demo).values_list("role", flat=True))
    assert roles == {"manager", "agency_admin", "officer", "front_desk", "auditor"}
    assert User.objects.get(username="manajer").check_password("kapuas-demo-2026")


def test_the_issue_examples_are_found(demo):
    found = [s.name for s in selectors.search_services(site=demo, query="ktp hilang").services]
    assert "Penerbitan KTP-el karena Hilang atau Rusak" in found
    assert "Surat Keterangan Tanda Lapor Kehilangan (SKTLK)" in found
    assert found.index("Penerbitan KTP-el karena Hilang atau Rusak") < 3
    found = [s.name for s in selectors.search_services(site=demo, query="akta lahir").services]
    assert found[0] == "Penerbitan Akta Kelahiran"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("perpanjang sim", "SIM"),
        ("pajak motor", "Pajak"),
        ("nikah", "Nikah"),
        ("npwp", "NPWP"),
        ("skck", "SKCK"),
        ("paspor", "Paspor"),
    ],
)
def test_everyday_words_find_a_service(demo, query, expected):
    found = [s.name for s in selectors.search_services(site=demo, query=query).services]
    assert found, query
    assert expected.lower() in found[0].lower(), (query, found[:3])


def test_loading_twice_changes_nothing(demo):
    counts = (Service.objects.count(), ServiceStandard.objects.count(), User.objects.count())
    call_command("load_demo", "--quiet-logins")
    assert (Service.objects.count(), ServiceStandard.objects.count(), User.objects.count()) == counts


def test_demo_refuses_to_load_in_production(db, settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="never loaded in production"):
        call_command("load_demo", "--quiet-logins")
    assert not User.objects.exists()


def test_the_demo_has_survey_answers_for_the_ikm_pages(client, demo):
    assert Response.objects.filter(site=demo, channel="paper").count() > 100
    today = clock.now().astimezone(demo.zone).date()
    last_months = periods.Period("demo", "year", today - dt.timedelta(days=160), today)
    result = surveys.result(surveys.Scope(demo), last_months)
    assert result.grade.mutu in {"A", "B"}
    assert client.get("/kapuas/ikm/").status_code == 200
    count = Response.objects.count()
    call_command("load_demo", "--quiet-logins")
    assert Response.objects.count() == count
