"""What applications add to the hall's screens (mpp.queueing.extensions)."""

from mpp.cases.models import Application
from mpp.catalog import selectors as catalog


class ApplicationExtension:
    def console_section(self, request, session, current):
        if current is None:
            return None
        standard = catalog.current_standard(current.service)
        return {
            "template": "cases/_console.html",
            "opened": list(Application.objects.filter(request=current).order_by("id")),
            "standard": standard,
            "has_phone": bool(current.visit.phone),
        }

    def status_section(self, visit):
        applications = list(
            Application.objects.filter(request__visit=visit).select_related("service").order_by("id")
        )
        return {"template": "cases/_status.html", "applications": applications} if applications else None
