"""Who reads which survey results: per (site, agency) pair, as memberships give them.

A manager or a site-wide auditor reads every agency of the site; an agency admin, an
officer or an agency auditor reads that agency at that site only. Front desk staff
enter paper forms for the site. IKM figures themselves are public (docs/surveys.md);
what this guards is the respondent-level data, the exports and the staff pages.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from mpp.tenancy.models import Membership, Role, User


@dataclass
class Reach:
    """Sites the user reaches, each with the agencies there (None: all of the site's)."""

    everything: bool = False
    sites: dict[int, set[int] | None] = field(default_factory=dict)

    def allows(self, site_id: int, agency_id: int | None) -> bool:
        """May the user see the site as a whole (agency None) or this agency there?"""
        if self.everything:
            return True
        if site_id not in self.sites:
            return False
        agencies = self.sites[site_id]
        return agencies is None or (agency_id is not None and agency_id in agencies)

    def whole_site(self, site_id: int) -> bool:
        return self.everything or (site_id in self.sites and self.sites[site_id] is None)

    def q(self) -> Q:
        """A filter on rows with ``site_id`` and ``agency_id``."""
        if self.everything:
            return Q()
        condition = Q(pk__in=[])
        for site_id, agencies in self.sites.items():
            condition |= (
                Q(site_id=site_id) if agencies is None else Q(site_id=site_id, agency_id__in=agencies)
            )
        return condition


def _reach(user: User, roles: tuple[str, ...]) -> Reach:
    reach = Reach()
    if not user.is_authenticated or not user.is_active:
        return reach
    if user.is_superuser:
        return Reach(everything=True)
    rows = Membership.objects.filter(user=user, role__in=roles, site__is_active=True).exclude(
        agency__is_active=False
    )
    for role, site_id, agency_id in rows.values_list("role", "site_id", "agency_id"):
        if agency_id is None or role == Role.MANAGER:
            reach.sites[site_id] = None
        elif reach.sites.get(site_id, set()) is not None:
            reach.sites.setdefault(site_id, set()).add(agency_id)
    return reach


def readers(user: User) -> Reach:
    """Where the user reads survey results and exports."""
    return _reach(user, (Role.MANAGER, Role.AGENCY_ADMIN, Role.OFFICER, Role.AUDITOR))


def enterers(user: User) -> Reach:
    """Where the user may type in paper forms."""
    return _reach(user, (Role.MANAGER, Role.AGENCY_ADMIN, Role.OFFICER, Role.FRONT_DESK))
