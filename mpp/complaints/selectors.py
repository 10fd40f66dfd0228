"""Who reads, handles and answers which complaints, and who sees whose identity.

- The site's managers are its complaint desk: they read every complaint of the site,
  verify, route and close them, and may see the complainant's identity (confidential
  ones included, with every reading in the access audit).
- An agency's admins and officers at a site read and answer the complaints forwarded to
  their agency there, while those are theirs; they may see the identity of an ordinary
  complaint, never of a confidential (whistle-blowing) one.
- Auditors read (the site's, or one agency's forwarded complaints), never the identity.
"""

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from mpp.complaints.models import AT_DESK, Complaint, Status
from mpp.tenancy.models import Membership, Role, Site, User

SITE_READERS = [Role.MANAGER, Role.AUDITOR]
AGENCY_READERS = [Role.AGENCY_ADMIN, Role.OFFICER, Role.AUDITOR]
AGENCY_HANDLERS = [Role.AGENCY_ADMIN, Role.OFFICER]


def _held(user: User, roles: list[str]) -> QuerySet[Membership]:
    # A deactivated site or agency gives its staff no rights any more (as tenancy.access).
    return Membership.objects.filter(user=user, role__in=roles, site__is_active=True).exclude(
        agency__is_active=False
    )


def _scoped(
    user: User, queryset: QuerySet[Complaint] | None, *, site_roles: list[str], agency_roles: list[str]
) -> QuerySet[Complaint]:
    """Complaints of the user's sites (site-wide roles) and of the (site, agency) pairs of
    their agency roles; the pair decides, never the agency alone."""
    queryset = Complaint.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    conditions = [Exists(_held(user, site_roles).filter(agency__isnull=True, site_id=OuterRef("site_id")))]
    if agency_roles:
        paired = _held(user, agency_roles).filter(
            site_id=OuterRef("site_id"), agency_id=OuterRef("agency_id")
        )
        conditions.append(Exists(paired))
    condition = conditions[0]
    for other in conditions[1:]:
        condition = condition | other
    return queryset.filter(condition)


def readable_complaints(user: User, queryset: QuerySet[Complaint] | None = None) -> QuerySet[Complaint]:
    return _scoped(user, queryset, site_roles=SITE_READERS, agency_roles=AGENCY_READERS)


def desk_complaints(user: User, queryset: QuerySet[Complaint] | None = None) -> QuerySet[Complaint]:
    """Complaints the user handles as the complaint desk (verify, route, close)."""
    return _scoped(user, queryset, site_roles=[Role.MANAGER], agency_roles=[])


def answerable_complaints(user: User, queryset: QuerySet[Complaint] | None = None) -> QuerySet[Complaint]:
    """Complaints the user may answer, write to or annotate: the desk, and the staff of the
    agency it is forwarded to (auditors only read)."""
    return _scoped(user, queryset, site_roles=[Role.MANAGER], agency_roles=AGENCY_HANDLERS)


def is_desk(user: User, complaint: Complaint) -> bool:
    return desk_complaints(user).filter(pk=complaint.pk).exists()


def may_see_identity(user: User, complaint: Complaint) -> bool:
    """Whether ``user`` may read the complainant's identity (always through the audit).

    A confidential complaint's identity is for the site's managers only: not for a
    superuser who is not one of them, not for any agency, not for auditors. Others:
    the desk, and the staff handling it for the agency it is forwarded to.
    """
    if complaint.is_anonymous or not user.is_authenticated or not user.is_active:
        return False
    if complaint.is_confidential:
        return _held(user, [Role.MANAGER]).filter(site_id=complaint.site_id, agency__isnull=True).exists()
    return answerable_complaints(user).filter(pk=complaint.pk).exists()


def sites_for_desk(user: User) -> QuerySet[Site]:
    """Sites whose complaints the user may read as a site-wide role (for export choices)."""
    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(
        pk__in=_held(user, SITE_READERS).filter(agency__isnull=True).values("site_id")
    ).distinct()


def by_due(queryset: QuerySet[Complaint], due: str, *, now: dt.datetime) -> QuerySet[Complaint]:
    """The one meaning of the back office's and the API's deadline filters:

    - ``overdue``: waiting in a step whose deadline has passed (each site's own day);
    - ``desk``: waiting for the desk to forward it (received or verified);
    - ``agency``: forwarded, waiting for the agency's follow-up;
    - anything else: every complaint.
    """
    if due == "desk":
        return queryset.filter(status__in=AT_DESK)
    if due == "agency":
        return queryset.filter(status=Status.FORWARDED)
    if due != "overdue":
        return queryset
    condition = Q()
    matched = False
    for site in Site.objects.filter(pk__in=queryset.values("site_id")):
        today = timezone.localdate(now, site.zone)
        condition |= Q(site=site) & (
            Q(status__in=AT_DESK, forward_due__lt=today) | Q(status=Status.FORWARDED, follow_up_due__lt=today)
        )
        matched = True
    return queryset.filter(condition) if matched else queryset.none()


def identity_visible_among(user: User, complaints: list[Complaint]) -> set[int]:
    """``may_see_identity`` for a page of complaints in two queries (lists and exports)."""
    if not complaints or not user.is_authenticated or not user.is_active:
        return set()
    ids = [c.pk for c in complaints]
    handled = set(answerable_complaints(user).filter(pk__in=ids).values_list("pk", flat=True))
    managed = set(_held(user, [Role.MANAGER]).filter(agency__isnull=True).values_list("site_id", flat=True))
    visible = set()
    for complaint in complaints:
        if complaint.is_anonymous:
            continue
        if complaint.is_confidential:
            if complaint.site_id in managed:
                visible.add(complaint.pk)
        elif complaint.pk in handled:
            visible.add(complaint.pk)
    return visible
