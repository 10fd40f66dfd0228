"""The back office at its edges: other agencies' services, huge searches, odd dates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mpp.api.models import ApiToken
from mpp.catalog.models import DocumentType, Service
from mpp.privacy.models import AccessLog
from mpp.queueing.models import CounterService, ServiceOffer
from mpp.tenancy.models import Agency, Counter, Site, User
from tests import factories


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.fixture
def counter_c(world):
    """A counter of an agency that serves only at the other site."""
    agency_c = factories.AgencyFactory(
        name="Dinas Lain", short_name="Lain", slug="lain", sites=[world.other_site]
    )
    return factories.CounterFactory(site=world.other_site, agency=agency_c, number="1")


def test_a_manager_cannot_offer_a_service_of_an_agency_not_at_their_site(client, world):
    client.force_login(world.other_manager)
    response = client.post(
        admin_url(ServiceOffer, "add"),
        {"site": world.other_site.pk, "service": world.service_a.pk, "prefix": "A", "is_active": "on"},
    )
    assert response.status_code == 200
    assert not ServiceOffer.objects.exists()
    # The manager of the site where the agency serves may.
    client.force_login(world.manager)
    response = client.post(
        admin_url(ServiceOffer, "add"),
        {"site": world.site.pk, "service": world.service_a.pk, "prefix": "A", "is_active": "on"},
    )
    assert response.status_code == 302
    assert ServiceOffer.objects.get().service == world.service_a


def test_a_counter_calls_only_its_own_agencys_services(client, world, counter_c):
    with pytest.raises(ValidationError) as refused:
        CounterService(counter=counter_c, service=world.service_b).full_clean()
    assert "service" in refused.value.message_dict
    client.force_login(world.other_manager)
    data = {
        "site": world.other_site.pk,
        "agency": counter_c.agency_id,
        "number": "1",
        "name": "",
        "zone": "",
        "is_active": "on",
        "served-TOTAL_FORMS": "1",
        "served-INITIAL_FORMS": "0",
        "served-0-service": world.service_b.pk,
    }
    response = client.post(admin_url(Counter, "change", counter_c.pk), data)
    assert response.status_code == 200
    assert not CounterService.objects.exists()


@pytest.mark.parametrize("model", [Service, Agency, Counter, Site, User, DocumentType, AccessLog])
def test_a_search_of_thousands_of_words_is_answered(client, world, model):
    client.force_login(world.superuser)
    response = client.get(admin_url(model, "changelist"), {"q": "a " * 5000})
    assert response.status_code == 200


def test_the_autocomplete_takes_a_huge_term(client, world):
    client.force_login(world.officer_a)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "catalog",
            "model_name": "requirement",
            "field_name": "document_type",
            "term": "a " * 5000,
        },
    )
    assert response.status_code in (200, 403)


@pytest.mark.parametrize(
    "query",
    [
        {"at__year": "9999"},
        {"at__year": "9999", "at__month": "12", "at__day": "31"},
        {"at__year": "1"},
        {"at__year": "1", "at__month": "1", "at__day": "1"},
        {"at__year": "2026", "at__month": "13"},
        {"at__year": "x"},
    ],
)
def test_the_audits_date_filter_out_of_range_is_the_lists_own_error(client, world, query):
    client.force_login(world.manager)
    response = client.get(admin_url(AccessLog, "changelist"), query)
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
    assert client.get(admin_url(AccessLog, "changelist"), {"at__year": "2026"}).status_code == 200


@pytest.mark.parametrize(
    ("day", "error"),
    [("0001-01-01", "masa depan"), ("2020-01-01", "masa depan"), ("2040-01-01", "lima tahun")],
)
def test_a_tokens_expiry_must_be_sane(client, world, day, error):
    client.force_login(world.admin_a)
    response = client.post(
        admin_url(ApiToken, "add"), {"name": "uji", "expires_at_0": day, "expires_at_1": "00:00:00"}
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_with_a_sane_expiry_is_issued(client, world):
    client.force_login(world.admin_a)
    expiry = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    response = client.post(
        admin_url(ApiToken, "add"), {"name": "uji", "expires_at_0": expiry, "expires_at_1": "00:00:00"}
    )
    assert response.status_code in (200, 302)
    assert ApiToken.objects.count() == 1
