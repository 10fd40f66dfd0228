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
        # Anyone holding the ticket (or a photo of its QR code) reads the status page: it
        # says only that an application was opened. Its number, status and due date are
        # behind /lacak/, with the receipt's PIN and its rate limit.
        opened = Application.objects.filter(request__visit=visit).count()
        return {"template": "cases/_status.html", "opened": opened} if opened else None
