from django import template

from mpp.consultation import selectors
from mpp.core import clock

register = template.Library()


@register.inclusion_tag("consultation/_service_note.html")
def consultation_note(standard, site) -> dict:
    """On a service page: whether the version shown was consulted, and any draft open for comment now."""
    now = clock.now()
    upcoming = None
    if standard.status == standard.Status.PUBLISHED:
        upcoming = selectors.open_for(standard.service, now)
    return {"site": site, "record": selectors.record_of(standard), "open": upcoming}
