"""What booking adds to the hall's screens (mpp.queueing.extensions)."""


class BookingExtension:
    def kiosk_section(self, site):
        return {"template": "booking/_kiosk.html", "site": site}

    def front_desk_section(self, request, site):
        return {"template": "booking/_front_desk.html", "site": site}
