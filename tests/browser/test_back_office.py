"""Back-office pages that post somewhere of their own, in a real browser."""

import datetime as dt

from mpp.cases.models import Application
from tests.browser.conftest import screenshot
from tests.browser.test_hall import login_cookie, new_page


def test_an_agency_admin_moves_an_application_on_from_its_page(live_server, browser, hall, transactional_db):
    world = hall.world
    application = Application.objects.create(
        site=world.site,
        agency=world.agency_a,
        service=world.service_a,
        received_at=dt.datetime(2026, 11, 30, 2, tzinfo=dt.UTC),
        due_date=dt.date(2026, 12, 3),
        pin_hash="x",
    )
    context, page = new_page(browser, viewport={"width": 1366, "height": 900})
    context.add_cookies([login_cookie(live_server, world.admin_a)])
    page.goto(f"{live_server.url}/admin/cases/application/{application.pk}/change/")
    assert page.locator("form form").count() == 0  # no form nested in the change form
    page.locator(".status-move").get_by_role("button", name="Diverifikasi").click()
    page.wait_for_load_state()
    screenshot(page, "admin-application-status")
    application.refresh_from_db()
    assert application.status == "verified"
    context.close()
