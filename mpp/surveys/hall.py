"""What the survey adds to the hall's screens (mpp.queueing.extensions)."""

from mpp.surveys import selectors


class SurveyExtension:
    def status_section(self, visit):
        """On the ticket's status page: rate each finished service, once."""
        open_ = selectors.open_requests(visit)
        return {"template": "surveys/_status.html", "visit": visit, "open": open_} if open_ else None

    def kiosk_section(self, site):
        return {"template": "surveys/_kiosk.html", "site": site}
