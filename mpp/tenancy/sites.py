"""Which site a public address names: every app's public pages find their site here."""

from django.conf import settings
from django.shortcuts import get_object_or_404

from mpp.tenancy.models import Site


def active_site(slug: str) -> Site:
    return get_object_or_404(Site, slug=slug, is_active=True)


def default_site() -> Site | None:
    """The site ``/`` opens: the configured one, or the only active one."""
    sites = Site.objects.filter(is_active=True)
    if settings.MPP_DEFAULT_SITE:
        return sites.filter(slug=settings.MPP_DEFAULT_SITE).first()
    first_two = list(sites[:2])
    return first_two[0] if len(first_two) == 1 else None
