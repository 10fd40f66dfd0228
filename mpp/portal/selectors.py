from django.conf import settings
from django.shortcuts import get_object_or_404

from mpp.tenancy.models import OpeningHours, Site


def active_site(slug: str) -> Site:
    return get_object_or_404(Site, slug=slug, is_active=True)


def default_site() -> Site | None:
    """The site ``/`` opens: the configured one, or the only active one."""
    sites = Site.objects.filter(is_active=True)
    if settings.MPP_DEFAULT_SITE:
        return sites.filter(slug=settings.MPP_DEFAULT_SITE).first()
    first_two = list(sites[:2])
    return first_two[0] if len(first_two) == 1 else None


def weekly_hours(site: Site) -> list[tuple[str, list[OpeningHours]]]:
    """The site's regular hours per weekday (no date ranges, no agency rows)."""
    rows = site.opening_hours.filter(agency__isnull=True, valid_from__isnull=True).order_by(
        "weekday", "opens_at"
    )
    by_day: dict[int, list[OpeningHours]] = {}
    for row in rows:
        by_day.setdefault(row.weekday, []).append(row)
    return [(label, by_day.get(value, [])) for value, label in OpeningHours.Weekday.choices]
