"""Access to catalogue rows: 404 for anything outside the user's agencies."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from mpp.catalog.models import Service, ServiceStandard
from mpp.tenancy.access import editable_agencies, readable_agencies
from mpp.tenancy.models import User


def _get(queryset: QuerySet, pk: object):
    try:
        return queryset.get(pk=int(str(pk)))
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def get_service_for_edit(user: User, pk: object) -> Service:
    return _get(Service.objects.filter(agency__in=editable_agencies(user)).select_related("agency"), pk)


def get_standard_for_edit(user: User, pk: object) -> ServiceStandard:
    queryset = ServiceStandard.objects.filter(service__agency__in=editable_agencies(user))
    return _get(queryset.select_related("service__agency"), pk)


def visible_services(user: User) -> QuerySet[Service]:
    """Public services (active, with a published standard), plus every service of the user's agencies."""
    published = ServiceStandard.objects.filter(
        service=OuterRef("pk"), status=ServiceStandard.Status.PUBLISHED
    )
    public = Q(Exists(published), is_active=True, agency__is_active=True)
    if user.is_authenticated:
        public |= Q(agency__in=readable_agencies(user))
    return Service.objects.filter(public).select_related("agency")


def get_service_for_read(user: User, pk: object) -> Service:
    return _get(visible_services(user), pk)


def can_read_internal(user: User, service: Service) -> bool:
    """Drafts and the management components: for the agency's own staff and the site's."""
    return user.is_authenticated and readable_agencies(user).filter(pk=service.agency_id).exists()


def get_standard_for_read(user: User, pk: object) -> ServiceStandard:
    standard = _get(ServiceStandard.objects.select_related("service__agency"), pk)
    internal = can_read_internal(user, standard.service)
    if standard.status == ServiceStandard.Status.DRAFT and not internal:
        raise Http404
    if not internal and not visible_services(user).filter(pk=standard.service_id).exists():
        raise Http404
    return standard
