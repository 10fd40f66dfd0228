"""What booking adds to the hall's screens and quotas (mpp.queueing.extensions)."""

from mpp.booking import selectors
from mpp.booking.models import Booking
from mpp.core import clock


class BookingExtension:
    def kiosk_section(self, site):
        return {"template": "booking/_kiosk.html", "site": site}

    def front_desk_section(self, request, site):
        return {"template": "booking/_front_desk.html", "site": site}

    def reserved_places(self, offer, day):
        """Bookings of the day that still hold a place and have not checked in: their
        tickets will count once issued, so walk-ins cannot take those places meanwhile."""
        held = Booking.objects.filter(selectors.holding(clock.now()), offer=offer, day=day)
        return held.exclude(status=Booking.Status.CHECKED_IN).count()
