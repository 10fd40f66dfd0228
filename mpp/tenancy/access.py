"""Who may see and change what. Every view and admin page goes through these.

A manager acts for a site (and every agency serving there); an agency admin
and an officer act for one agency at one site; an auditor reads a site (or one
agency); front desk staff act for a site's hall. Superusers run the
installation. Objects outside a user's scope answer 404, so that ids of other
agencies reveal nothing; a role that may not do something at all answers 403.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from mpp.core import sql
from mpp.tenancy.models import Agency, Counter, Membership, Role, Site, User


@dataclass(frozen=True)
class Scope:
    is_superuser: bool
    managed_sites: frozenset[int]
    admin_agencies: frozenset[int]
    officer_agencies: frozenset[int]
    front_desk_sites: frozenset[int]
    audited_sites: frozenset[int]
    audited_agencies: frozenset[int]

    @property
    def ticket_sites(self) -> frozenset[int]:
        """Sites where the user gives numbers on a visitor's behalf: front desk and managers."""
        return self.front_desk_sites | self.managed_sites

    @property
    def is_staff_member(self) -> bool:
        return self.is_superuser or any(
            (
                self.managed_sites,
                self.admin_agencies,
                self.officer_agencies,
                self.front_desk_sites,
                self.audited_sites,
                self.audited_agencies,
            )
        )


_EMPTY = frozenset[int]()


def scope_of(user: User) -> Scope:
    """The user's memberships, read once per request (cached on the user object)."""
    cached = getattr(user, "_mpp_scope", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        scope = Scope(False, _EMPTY, _EMPTY, _EMPTY, _EMPTY, _EMPTY, _EMPTY)
    else:
        # A deactivated site or agency gives its staff no rights any more. Every request of
        # staff passes here, so the statement is written by hand (mpp.core.sql):
        # Membership.objects.filter(user=user, site__is_active=True)
        #     .exclude(agency__is_active=False).values_list("role", "site_id", "agency_id")
        rows = sql.fetchall(
            f"SELECT m.role, m.site_id, m.agency_id FROM {sql.table(Membership)} m"
            f" JOIN {sql.table(Site)} s ON s.id = m.site_id"
            f" LEFT JOIN {sql.table(Agency)} a ON a.id = m.agency_id"
            " WHERE m.user_id = %s AND s.is_active = %s AND (m.agency_id IS NULL OR a.is_active = %s)",
            [user.pk, True, True],
        )

        def pick(role: str, column: int) -> frozenset[int]:
            return frozenset(row[column] for row in rows if row[0] == role and row[column] is not None)

        audit_rows = [row for row in rows if row[0] == Role.AUDITOR]
        scope = Scope(
            is_superuser=user.is_superuser,
            managed_sites=pick(Role.MANAGER, 1),
            admin_agencies=pick(Role.AGENCY_ADMIN, 2),
            officer_agencies=pick(Role.OFFICER, 2),
            front_desk_sites=pick(Role.FRONT_DESK, 1),
            audited_sites=frozenset(row[1] for row in audit_rows if row[2] is None),
            audited_agencies=frozenset(row[2] for row in audit_rows if row[2] is not None),
        )
    user._mpp_scope = scope
    return scope


def forget_scope(user: User) -> None:
    """Drop the cached scope after memberships change within one request."""
    user.__dict__.pop("_mpp_scope", None)


# Agencies ---------------------------------------------------------------------


def editable_agencies(user: User) -> QuerySet[Agency]:
    """Agencies whose data (services, standards, counters) the user may change."""
    scope = scope_of(user)
    if scope.is_superuser:
        return Agency.objects.all()
    if not scope.managed_sites and not scope.admin_agencies:
        return Agency.objects.none()
    ids = Agency.objects.filter(Q(id__in=scope.admin_agencies) | Q(sites__in=scope.managed_sites)).values(
        "id"
    )
    return Agency.objects.filter(id__in=ids)


def readable_agencies(user: User) -> QuerySet[Agency]:
    """Agencies whose internal data the user may read (editors, officers, auditors)."""
    scope = scope_of(user)
    if scope.is_superuser:
        return Agency.objects.all()
    site_ids = scope.managed_sites | scope.audited_sites
    agency_ids = scope.admin_agencies | scope.officer_agencies | scope.audited_agencies
    ids = Agency.objects.filter(Q(id__in=agency_ids) | Q(sites__in=site_ids)).values("id")
    return Agency.objects.filter(id__in=ids)


def can_edit_agency(user: User, agency: Agency | int) -> bool:
    agency_id = agency if isinstance(agency, int) else agency.pk
    return editable_agencies(user).filter(pk=agency_id).exists()


def can_edit_agency_identity(user: User, agency: Agency) -> bool:
    """Name, kind, address and activity of an agency are installation-wide: they may be
    changed only by someone who manages every site where it serves."""
    scope = scope_of(user)
    if scope.is_superuser:
        return True
    serving = set(agency.sites.values_list("id", flat=True))
    return bool(serving) and serving <= scope.managed_sites


def grantable_agencies(user: User) -> QuerySet[Agency]:
    """Agencies whose staff roles the user may hand out."""
    scope = scope_of(user)
    if scope.is_superuser:
        return Agency.objects.all()
    ids = Agency.objects.filter(Q(sites__in=scope.managed_sites) | Q(id__in=scope.admin_agencies)).values(
        "id"
    )
    return Agency.objects.filter(id__in=ids)


def get_agency_for_edit(user: User, pk: object) -> Agency:
    try:
        return editable_agencies(user).get(pk=pk)
    except (Agency.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


# Sites ------------------------------------------------------------------------


def managed_sites(user: User) -> QuerySet[Site]:
    scope = scope_of(user)
    if scope.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(id__in=scope.managed_sites)


def readable_sites(user: User) -> QuerySet[Site]:
    """Sites where the user works in any role."""
    scope = scope_of(user)
    if scope.is_superuser:
        return Site.objects.all()
    agency_ids = scope.admin_agencies | scope.officer_agencies | scope.audited_agencies
    site_ids = Membership.objects.filter(user=user).values("site_id")
    return Site.objects.filter(Q(id__in=site_ids) | Q(agencies__in=agency_ids)).distinct()


def overseen_sites(user: User) -> QuerySet[Site]:
    """Sites whose back office the user reads: managers and site auditors."""
    scope = scope_of(user)
    if scope.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(id__in=scope.managed_sites | scope.audited_sites)


def can_manage_site(user: User, site: Site | int) -> bool:
    site_id = site if isinstance(site, int) else site.pk
    scope = scope_of(user)
    return scope.is_superuser or site_id in scope.managed_sites


# Staff ------------------------------------------------------------------------


def grantable_roles(user: User) -> list[str]:
    """Roles the user may hand to others: never more than they hold themselves."""
    scope = scope_of(user)
    if scope.is_superuser or scope.managed_sites:
        return list(Role.values)
    if scope.admin_agencies:
        return [Role.AGENCY_ADMIN, Role.OFFICER]
    return []


def membership_in_scope(user: User, *, site_id: int | None, agency_id: int | None, role: str) -> bool:
    """May ``user`` create or keep a membership with these values?"""
    scope = scope_of(user)
    if scope.is_superuser:
        return True
    if role not in grantable_roles(user):
        return False
    if site_id in scope.managed_sites:
        return agency_id is None or Agency.objects.filter(pk=agency_id, sites=site_id).exists()
    if agency_id in scope.admin_agencies:
        return Membership.objects.filter(
            user=user, role=Role.AGENCY_ADMIN, agency_id=agency_id, site_id=site_id
        ).exists()
    return False


def manageable_users(user: User) -> QuerySet[User]:
    """Staff accounts the user may edit: every membership of theirs must lie in scope.

    Otherwise an agency admin could reset the password of an officer who is also
    a manager elsewhere and so take over the other role.
    """
    scope = scope_of(user)
    if scope.is_superuser:
        return User.objects.all()
    if not scope.managed_sites and not scope.admin_agencies:
        return User.objects.none()
    in_scope = Q(site_id__in=scope.managed_sites)
    if scope.admin_agencies:
        in_scope |= Q(agency_id__in=scope.admin_agencies, role__in=[Role.AGENCY_ADMIN, Role.OFFICER])
    outside = Membership.objects.exclude(in_scope).values("user_id")
    inside = Membership.objects.filter(in_scope).values("user_id")
    return User.objects.filter(id__in=inside, is_superuser=False).exclude(id__in=outside)


# Counters -----------------------------------------------------------------------


def workable_counters(user: User) -> QuerySet[Counter]:
    """Counters the user may open: their agency's counters at sites where they hold the role."""
    if not user.is_authenticated or not user.is_active:
        return Counter.objects.none()
    pairs = Membership.objects.filter(
        user=user,
        role__in=[Role.OFFICER, Role.AGENCY_ADMIN],
        agency_id=OuterRef("agency_id"),
        site_id=OuterRef("site_id"),
    )
    return Counter.objects.filter(
        Exists(pairs), is_active=True, site__is_active=True, agency__is_active=True
    ).select_related("site", "agency")


def readable_counters(user: User) -> QuerySet[Counter]:
    """Counters of the sites the user oversees, and of the agencies the user works for."""
    scope = scope_of(user)
    if scope.is_superuser:
        return Counter.objects.all()
    return Counter.objects.filter(
        Q(site_id__in=scope.managed_sites | scope.audited_sites)
        | Q(agency_id__in=scope.admin_agencies | scope.officer_agencies | scope.audited_agencies)
    )


def can_work_at_counter(user: User, counter: Counter) -> bool:
    return workable_counters(user).filter(pk=counter.pk).exists()


SITE = sql.Columns(Site, "s")


def front_desk_site(user: User, slug: str) -> Site:
    """``get_object_or_404(front_desk_sites(user), slug=slug)``, for the API's ticket call:
    every ticket passes here, so the statement is written by hand (mpp.core.sql)."""
    row = sql.fetchone(
        f"SELECT {SITE.sql} FROM {sql.table(Site)} s WHERE s.slug = %s AND s.is_active = %s",
        [slug[:80], True],
    )
    scope = scope_of(user)
    if row is None:
        raise Http404
    site = SITE.build(row)
    if not (scope.is_superuser or site.pk in scope.ticket_sites):
        raise Http404
    return site


def front_desk_sites(user: User) -> QuerySet[Site]:
    """Sites where the user may issue tickets for visitors (front desk and managers)."""
    scope = scope_of(user)
    if scope.is_superuser:
        return Site.objects.filter(is_active=True)
    return Site.objects.filter(id__in=scope.ticket_sites, is_active=True)
