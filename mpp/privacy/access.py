from django.db.models import Q, QuerySet

from mpp.privacy.models import AccessLog
from mpp.tenancy.access import scope_of
from mpp.tenancy.models import User


def readable_access_logs(user: User) -> QuerySet[AccessLog]:
    """The audit of reads at the sites the user manages or audits, or of the agency audited."""
    scope = scope_of(user)
    if scope.is_superuser:
        return AccessLog.objects.all()
    return AccessLog.objects.filter(
        Q(site_id__in=scope.managed_sites | scope.audited_sites) | Q(agency_id__in=scope.audited_agencies)
    )
