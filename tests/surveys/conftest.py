from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket
from mpp.surveys import national

ALL_FOUR = {key: 4 for key, *_rest in national.NINE}


def served(hall, service=None, counter=None, phone=""):
    """A visitor issued a ticket, called and served to the end: the finished request."""
    world = hall.world
    visit = issue_ticket(site=world.site, services=[service or world.service_a], phone=phone)
    session = hall.session(counter or hall.counter_a1)
    request = desk.call_next(session=session)
    assert request.visit_id == visit.pk
    desk.finish_service(session=session, request_id=request.pk, outcome="completed")
    request.refresh_from_db()
    return request


def survey_form(values=None, **profile):
    data = {f"u_{key}": str(value) for key, value in (values or ALL_FOUR).items()}
    return {**data, **profile}
