"""What life events add to the hall's screens (mpp.queueing.extensions)."""

from django.utils.translation import gettext as _

from mpp.core.nik import mask_nik
from mpp.journeys import selectors, services
from mpp.journeys.models import HandoffField, Journey
from mpp.privacy.services import record_access_once
from mpp.queueing.models import RequestStatus
from mpp.queueing.views.common import counters_for


class JourneyExtension:
    def console_section(self, request, session, current):
        if current is None:
            return None
        journey = Journey.objects.filter(visit_id=current.visit_id).select_related("life_event").first()
        if journey is None:
            return None
        step = journey.life_event.steps.filter(position=current.step).first()
        if step is None:
            return None
        shown = []
        values = selectors.visible_values(journey, step)
        if values:
            # A hand-off may hold a NIK: each officer's reading of it is in the access audit.
            record_access_once(
                user=request.user,
                subject=f"journeys.journey:{journey.pk}",
                fields=[value.field.key for value in values],
                purpose=_("Hand-off of a life-event journey"),
                site=session.counter.site,
                agency=session.counter.agency,
            )
            for value in values:
                text = mask_nik(value.value) if value.field.kind == HandoffField.Kind.NIK else value.value
                shown.append(
                    {"label": value.field.label, "value": text, "agency": value.field.step.service.agency}
                )
        own = {v.field_id: v.value for v in journey.values.filter(field__step=step)}
        fields = [{"field": f, "value": own.get(f.pk, "")} for f in selectors.own_fields(step)]
        return {
            "template": "journeys/_console.html",
            "journey": journey,
            "step": step,
            "total": journey.life_event.steps.count(),
            "steps_so_far": list(
                current.visit.requests.select_related("agency", "service").order_by("step", "id")
            ),
            "shown": shown,
            "fields": fields,
            "missing": services.missing_required(current),
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
        return {"template": "journeys/_kiosk.html", "life_events": events, "site": site} if events else None

    def front_desk_section(self, request, site):
        events = list(selectors.life_events_at(site, in_hall=True))
        return (
            {"template": "journeys/_front_desk.html", "life_events": events, "site": site} if events else None
        )
