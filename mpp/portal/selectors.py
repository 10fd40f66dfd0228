from mpp.tenancy.models import OpeningHours, Site


def weekly_hours(site: Site) -> list[tuple[str, list[OpeningHours]]]:
    """The site's regular hours per weekday (no date ranges, no agency rows)."""
    rows = site.opening_hours.filter(agency__isnull=True, valid_from__isnull=True).order_by(
        "weekday", "opens_at"
    )
    by_day: dict[int, list[OpeningHours]] = {}
    for row in rows:
        by_day.setdefault(row.weekday, []).append(row)
    return [(label, by_day.get(value, [])) for value, label in OpeningHours.Weekday.choices]
