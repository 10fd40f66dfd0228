"""What complaints add to the hall's screens (mpp.queueing.extensions)."""


class ComplaintExtension:
    def kiosk_section(self, site):
        return {"template": "complaints/_kiosk.html", "site": site}

    def front_desk_section(self, request, site):
        return {"template": "complaints/_front_desk.html", "site": site}
