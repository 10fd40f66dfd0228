"""Who may see and change a consultation: 404 for anything outside the user's agencies."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.http import Http404

from mpp.consultation.models import Comment, Consultation
from mpp.tenancy.access import editable_agencies, readable_agencies
from mpp.tenancy.models import User


def _get(queryset: QuerySet, pk: object):
    try:
        return queryset.get(pk=int(str(pk)))
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def public_consultations(now: dt.datetime) -> QuerySet[Consultation]:
    """What anyone may read: consultations that have opened, of active agencies."""
    return Consultation.objects.filter(opens_at__lte=now, service__agency__is_active=True)


def visible_consultations(user: User, now: dt.datetime) -> QuerySet[Consultation]:
    """The public ones, plus every consultation of the agencies whose internals the user reads."""
    visible = Q(opens_at__lte=now, service__agency__is_active=True)
    if user.is_authenticated:
        visible |= Q(service__agency__in=readable_agencies(user))
    return Consultation.objects.filter(visible)


def get_consultation_for_read(user: User, pk: object, now: dt.datetime) -> Consultation:
    return _get(visible_consultations(user, now).select_related("service__agency", "standard"), pk)


def get_consultation_for_edit(user: User, pk: object) -> Consultation:
    """Opening, answering and concluding: the agency's admins and the managers of its sites."""
    queryset = Consultation.objects.filter(service__agency__in=editable_agencies(user))
    return _get(queryset.select_related("service__agency", "standard"), pk)


def get_comment_for_edit(user: User, consultation: Consultation, pk: object) -> Comment:
    return _get(consultation.comments.select_related("consultation"), pk)
