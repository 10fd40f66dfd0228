"""Reads shared by the portal, the API and the service page's note."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from mpp.catalog.models import Service, ServiceStandard
from mpp.consultation.access import public_consultations
from mpp.consultation.models import COMPONENT_CHOICES, Comment, Consultation
from mpp.tenancy.models import Site

# Public pages list this many past consultations; older ones stay reachable by address.
PAST_LIMIT = 50


def with_counts(queryset: QuerySet[Consultation]) -> QuerySet[Consultation]:
    """``comment_count`` (shown to the public) and ``unanswered_count`` (owed an answer)."""
    return queryset.annotate(
        comment_count=Count("comments", filter=Q(comments__hidden_at__isnull=True)),
        unanswered_count=Count(
            "comments", filter=Q(comments__hidden_at__isnull=True, comments__answer_kind="")
        ),
    )


def at_site(site: Site, now: dt.datetime) -> QuerySet[Consultation]:
    return with_counts(
        public_consultations(now).filter(service__agency__sites=site).select_related("service__agency")
    )


def open_at_site(site: Site, now: dt.datetime) -> QuerySet[Consultation]:
    """Taking comments now, the one closing soonest first."""
    return (
        at_site(site, now)
        .filter(status=Consultation.Status.OPEN, closes_at__gt=now, standard__isnull=False)
        .order_by("closes_at", "id")
    )


def past_at_site(site: Site, now: dt.datetime) -> list[Consultation]:
    """Closed, concluded or withdrawn: the records, newest first."""
    queryset = at_site(site, now).exclude(
        status=Consultation.Status.OPEN, closes_at__gt=now, standard__isnull=False
    )
    return list(queryset.select_related("forum", "standard").order_by("-closes_at", "-id")[:PAST_LIMIT])


@dataclass
class ComponentView:
    key: str
    number: int
    title: str
    comments: list[Comment] = field(default_factory=list)

    @property
    def visible_count(self) -> int:
        """Counted like the consultation's total: hidden comments only leave their reason."""
        return sum(1 for comment in self.comments if not comment.is_hidden)


def components(consultation: Consultation) -> list[ComponentView]:
    """The consulted components in the standard's order, each with its comments (hidden ones too)."""
    views = {
        key: ComponentView(key=key, number=index, title=str(title))
        for index, (key, title) in enumerate(COMPONENT_CHOICES, start=1)
    }
    for comment in consultation.comments.all():
        views[comment.component].comments.append(comment)
    return list(views.values())


def forum_of(consultation: Consultation):
    return getattr(consultation, "forum", None) if consultation.pk else None


def record_of(standard: ServiceStandard) -> Consultation | None:
    """The concluded consultation behind a version of a standard (the latest, if several)."""
    return (
        with_counts(standard.consultations.filter(status=Consultation.Status.CONCLUDED))
        .select_related("forum")
        .order_by("-concluded_at")
        .first()
    )


def open_for(service: Service, now: dt.datetime) -> Consultation | None:
    """A draft of the service open for comments now, if any."""
    return (
        public_consultations(now)
        .filter(service=service, status=Consultation.Status.OPEN, closes_at__gt=now, standard__isnull=False)
        .first()
    )


def sites_of(consultation: Consultation) -> QuerySet[Site]:
    return Site.objects.filter(is_active=True, agencies=consultation.service.agency_id).order_by("name")
