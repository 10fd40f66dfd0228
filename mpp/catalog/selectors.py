"""Reads of the catalogue shared by the portal, the API and later the kiosk."""

import functools
import operator
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from mpp.catalog import search
from mpp.catalog.models import Service, ServiceStandard
from mpp.core import sql
from mpp.tenancy.models import Agency, Site

SERVICE = sql.Columns(Service, "sv")


def services_by_id(ids: list[int]) -> dict[int, Service]:
    """``Service.objects.in_bulk(ids)``; every ticket of the API reads it, so the statement
    is written by hand (mpp.core.sql)."""
    if not ids:
        return {}
    rows = sql.fetchall(
        f"SELECT {SERVICE.sql} FROM {sql.table(Service)} sv WHERE sv.id IN ({sql.placeholders(len(ids))})",
        ids,
    )
    return {service.pk: service for service in SERVICE.build_all(rows)}


def public_agencies(site: Site) -> QuerySet[Agency]:
    return site.agencies.filter(is_active=True).order_by("name")


def public_services(site: Site) -> QuerySet[Service]:
    """Services a citizen can find at a site: active, of an agency there, with a published standard."""
    published = ServiceStandard.objects.filter(
        service=OuterRef("pk"), status=ServiceStandard.Status.PUBLISHED
    )
    return (
        Service.objects.filter(is_active=True, agency__is_active=True, agency__sites=site)
        .filter(Exists(published))
        .select_related("agency")
    )


def current_standard(service: Service) -> ServiceStandard | None:
    """The published version of a service's standard, with its documents."""
    return (
        service.standards.filter(status=ServiceStandard.Status.PUBLISHED)
        .prefetch_related("requirements__document_type", "products__document_type")
        .first()
    )


def standard_with_lines(pk: int) -> ServiceStandard:
    """One standard with its requirements and products (and their documents) in three reads."""
    return (
        ServiceStandard.objects.select_related("service__agency")
        .prefetch_related("requirements__document_type", "products__document_type")
        .get(pk=pk)
    )


def with_current_standard(services: QuerySet[Service]) -> QuerySet[Service]:
    """Attach ``current`` (a one-item list) with the published standard and its documents."""
    return services.prefetch_related(
        Prefetch(
            "standards",
            queryset=ServiceStandard.objects.filter(status=ServiceStandard.Status.PUBLISHED).prefetch_related(
                "requirements__document_type", "products__document_type"
            ),
            to_attr="current",
        )
    )


@dataclass(frozen=True)
class SearchResult:
    query: str
    terms: list[str]
    services: list[Service]
    # False when no service matched every word and the list holds partial matches.
    exact: bool


def _matches(term: search.Term) -> Q:
    return functools.reduce(operator.or_, (Q(search_text__contains=f" {form}") for form in term.forms))


# A guard, not a ranking cut: a site's whole catalogue fits under it many times over.
MAX_CANDIDATES = 5000


def search_services(*, site: Site, query: str, agency: str = "", limit: int = 50) -> SearchResult:
    terms = search.query_terms(query)[:8]
    if not terms:
        return SearchResult(query=query, terms=[], services=[], exact=True)
    base = public_services(site)
    if agency:
        base = base.filter(agency__slug=agency)
    found = list(base.filter(*(_matches(term) for term in terms))[:MAX_CANDIDATES])
    exact = bool(found)
    if not found:
        any_term = functools.reduce(operator.or_, (_matches(term) for term in terms))
        found = list(base.filter(any_term)[:MAX_CANDIDATES])
    ranked = sorted(
        found,
        key=lambda s: (-search.score(terms, name=s.name, keywords=s.keywords, rest=s.search_text), s.name),
    )
    ids = [service.pk for service in ranked[:limit]]
    # Second, small read: the standards (fee, time) of just the results shown.
    by_id = {
        s.pk: s for s in with_current_standard(Service.objects.filter(pk__in=ids).select_related("agency"))
    }
    return SearchResult(
        query=query, terms=[term.word for term in terms], services=[by_id[pk] for pk in ids], exact=exact
    )
