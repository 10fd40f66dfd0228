"""The back office keeps life events in a shape the hall can issue: steps 1..n, at most
what one number holds, and steps that journeys have followed keep their meaning."""

import pytest

from mpp.journeys import services
from mpp.journeys.models import MAX_STEPS, JourneyStep
from tests import factories
from tests.halls import make_lost_ktp_journey


@pytest.fixture
def lost_ktp(hall):
    return make_lost_ktp_journey(hall)


def form_data(life_event, rows):
    """The life event's admin form; ``rows`` are (step or None, position, service, delete)."""
    data = {
        "slug": life_event.slug,
        "name": life_event.name,
        "summary": life_event.summary,
        "keywords": life_event.keywords,
        "is_active": "on",
        "steps-TOTAL_FORMS": str(len(rows)),
        "steps-INITIAL_FORMS": str(sum(1 for row in rows if row[0] is not None)),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": str(MAX_STEPS),
    }
    for index, (step, position, service, delete) in enumerate(rows):
        prefix = f"steps-{index}-"
        data.update(
            {
                prefix + "id": str(step.pk) if step else "",
                prefix + "life_event": str(life_event.pk),
                prefix + "position": str(position),
                prefix + "service": str(service.pk),
                prefix + "note": "",
            }
        )
        if delete:
            data[prefix + "DELETE"] = "on"
    return data


def change(client, life_event, rows):
    return client.post(f"/admin/journeys/lifeevent/{life_event.pk}/change/", form_data(life_event, rows))


def step_errors(response):
    """The steps' errors on the refused form: the whole order's, and each row's."""
    formset = response.context["inline_admin_formsets"][0].formset
    return list(formset.non_form_errors()), [form.errors for form in formset.forms]


def positions(life_event):
    return list(life_event.steps.order_by("position").values_list("service__slug", "position"))


@pytest.mark.parametrize(
    "numbers",
    [(0, 1), (1, 3), (10, 20), (2, 3), (1, 1)],
    ids=["zero", "gap", "tens", "not-from-one", "twice"],
)
def test_steps_are_numbered_one_to_n(client, hall, lost_ktp, numbers):
    police, dukcapil = lost_ktp.steps.order_by("position")
    client.force_login(hall.world.manager)
    response = change(
        client,
        lost_ktp,
        [(police, numbers[0], police.service, False), (dukcapil, numbers[1], dukcapil.service, False)],
    )
    assert response.status_code == 200  # the form again, with its error
    order_errors, rows = step_errors(response)
    assert order_errors or any("position" in errors for errors in rows)
    assert positions(lost_ktp) == [("sktlk", 1), ("ktp-hilang", 2)]


def test_at_most_as_many_steps_as_one_number_holds(client, hall, lost_ktp):
    police, dukcapil = lost_ktp.steps.order_by("position")
    extra = []
    for n in range(MAX_STEPS - 1):
        service = factories.ServiceFactory(agency=hall.world.agency_a, slug=f"extra-{n}")
        extra.append((None, n + 3, service, False))
    client.force_login(hall.world.manager)
    rows = [(police, 1, police.service, False), (dukcapil, 2, dukcapil.service, False), *extra]
    assert len(rows) == MAX_STEPS + 1
    response = change(client, lost_ktp, rows)
    assert response.status_code == 200
    order_errors, row_errors = step_errors(response)
    assert order_errors or any(row_errors)
    assert lost_ktp.steps.count() == 2
    # Exactly the maximum is fine.
    response = change(client, lost_ktp, rows[:MAX_STEPS])
    assert response.status_code == 302
    assert lost_ktp.steps.count() == MAX_STEPS


def test_swapping_two_steps_is_saved_while_a_journey_runs(client, hall, lost_ktp):
    visit = services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police, dukcapil = lost_ktp.steps.order_by("position")
    client.force_login(hall.world.manager)
    response = change(
        client, lost_ktp, [(police, 2, police.service, False), (dukcapil, 1, dukcapil.service, False)]
    )
    assert response.status_code == 302
    assert positions(lost_ktp) == [("ktp-hilang", 1), ("sktlk", 2)]
    # The running journey keeps its links: the police request is still the police step.
    links = dict(JourneyStep.objects.filter(journey__visit=visit).values_list("request__service", "step"))
    assert links == {police.service_id: police.pk, dukcapil.service_id: dukcapil.pk}


def test_a_followed_step_keeps_its_service_and_is_not_deleted(client, hall, lost_ktp):
    services.start_journey(site=hall.world.site, life_event=lost_ktp)
    police, dukcapil = lost_ktp.steps.order_by("position")
    other = factories.ServiceFactory(agency=hall.world.agency_b, slug="skck")
    client.force_login(hall.world.manager)
    response = change(client, lost_ktp, [(police, 1, other, False), (dukcapil, 2, dukcapil.service, False)])
    assert response.status_code == 200
    assert "service" in step_errors(response)[1][0]
    # The step's own page says the same.
    page = client.get(f"/admin/journeys/step/{police.pk}/change/")
    data = {"service": other.pk, "note": ""}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
    response = client.post(f"/admin/journeys/step/{police.pk}/change/", data)
    assert response.status_code == 200
    assert "service" in response.context["adminform"].form.errors
    # Deleting it: Django's admin names the journeys that protect it.
    response = change(
        client, lost_ktp, [(police, 1, police.service, False), (dukcapil, 2, dukcapil.service, True)]
    )
    assert response.status_code == 200
    assert "B001" in step_errors(response)[0][0]  # the journey that protects it
    assert positions(lost_ktp) == [("sktlk", 1), ("ktp-hilang", 2)]


def test_a_step_nobody_followed_may_change(client, hall, lost_ktp):
    police, dukcapil = lost_ktp.steps.order_by("position")
    other = factories.ServiceFactory(agency=hall.world.agency_b, slug="skck")
    client.force_login(hall.world.manager)
    response = change(client, lost_ktp, [(police, 1, other, False), (dukcapil, 2, dukcapil.service, False)])
    assert response.status_code == 302
    assert positions(lost_ktp) == [("skck", 1), ("ktp-hilang", 2)]


def test_agency_staff_read_life_events_and_do_not_change_them(client, hall, lost_ktp):
    police, dukcapil = lost_ktp.steps.order_by("position")
    client.force_login(hall.world.admin_a)
    assert client.get(f"/admin/journeys/lifeevent/{lost_ktp.pk}/change/").status_code == 200
    response = change(
        client, lost_ktp, [(police, 2, police.service, False), (dukcapil, 1, dukcapil.service, False)]
    )
    assert response.status_code == 403
    assert positions(lost_ktp) == [("sktlk", 1), ("ktp-hilang", 2)]
