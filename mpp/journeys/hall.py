"""What life events add to the hall's screens (mpp.queueing.extensions)."""

from django.utils.translation import gettext as _

from mpp.journeys import selectors, services
from mpp.journeys.forms import FrontDeskJourneyForm
from mpp.journeys.models import Journey
from mpp.queueing.models import RequestStatus
from mpp.queueing.views.common import counters_for


class JourneyExtension:
    def console_section(self, request, session, current):
        if current is None:
            return None
        # The step the request was linked to when the journey started; a request that is
        # no step of the journey (a transfer) shows no hand-off and asks for none.
        link = selectors.journey_step_of(current)
        if link is None:
            return None
        journey, step = link.journey, link.step
        shown = services.shown_handoff(user=request.user, counter=session.counter, journey=journey, step=step)
        own = {v.field_id: v.value for v in journey.values.filter(field__step=step)}
        own_fields = selectors.own_fields(step)
        fields = [{"field": f, "value": own.get(f.pk, "")} for f in own_fields]
        order = list(journey.links.order_by("request__step", "pk").values_list("request_id", flat=True))
        return {
            "template": "journeys/_console.html",
            "journey": journey,
            "step": step,
            "number": order.index(current.pk) + 1,
            "total": len(order),
            "steps_so_far": list(
                current.visit.requests.select_related("agency", "service").order_by("step", "id")
            ),
            "shown": shown,
            "fields": fields,
            "missing": services.missing_labels(own_fields, own),
        }

    def check_finish(self, request_):
        missing = services.missing_required(request_)
        if not missing:
            return []
        return [_("Record first, for the next agency: %(fields)s.") % {"fields": ", ".join(missing)}]

    def status_section(self, visit):
        journey = Journey.objects.filter(visit=visit).select_related("life_event").first()
        if journey is None:
            return None
        waiting = (
            visit.requests.filter(status=RequestStatus.WAITING).select_related("agency", "service").first()
        )
        return {
            "template": "journeys/_status.html",
            "journey": journey,
            "next": waiting,
            "counters": counters_for(visit.site, waiting.service) if waiting else [],
        }

    def kiosk_section(self, site):
        events = list(selectors.life_events_at(site, in_hall=True))
        if not events:
            return None
        return {"template": "journeys/_kiosk.html", "life_events": events, "site": site, "below": True}

    def front_desk_section(self, request, site):
        events = list(selectors.life_events_at(site, in_hall=True))
        return (
            {
                "template": "journeys/_front_desk.html",
                "life_events": events,
                "site": site,
                "form": FrontDeskJourneyForm(),
            }
            if events
            else None
        )
