"""The hall end to end in Chromium: kiosk, counter console and a board on the real live feed.

The live feed runs as it does in production: a granian ASGI process of its own,
reading the same (test) database as the pages served by pytest-django's live server.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from django.db import connection
from django.test import Client

from mpp.queueing import kiosks
from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket
from tests.browser.conftest import assert_accessible, screenshot

ROOT = Path(__file__).resolve().parents[2]
GRANIAN = str(Path(sys.executable).with_name("granian"))


def database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


class LiveFeed:
    """The boards' feed in its own process; it can be stopped and started again on its port."""

    def __init__(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, "DATABASE_URL": database_url(), "MPP_LIVE_POLL_SECONDS": "0.05"}
        self.process = subprocess.Popen(
            [
                GRANIAN,
                "--interface",
                "asginl",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                "1",
                "--workers-kill-timeout",
                "2",
                "--log-level",
                "warning",
                "mpp.display.live:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(200):
            try:
                httpx.get(f"{self.url}/live/none/board/", timeout=0.5)
                return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError("the live feed did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def live_feed(settings, transactional_db):
    feed = LiveFeed()
    feed.start()
    settings.MPP_LIVE_URL = feed.url
    yield feed
    feed.stop()


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll a JavaScript expression; page.wait_for_function would need eval, which the CSP forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(50)


ONLINE = "document.querySelector('#board-status').textContent.includes('Tersambung')"


def login_cookie(live_server, user) -> dict:
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


def new_page(browser, **context_options):
    context = browser.new_context(locale="id-ID", **context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_kiosk_ticket_is_called_at_the_console_and_appears_on_the_board(
    live_server, live_feed, browser, axe, hall
):
    site = hall.world.site
    board_context, board = new_page(browser, viewport={"width": 1280, "height": 720})
    board.goto(f"{live_server.url}/{site.slug}/papan/")
    wait_until(board, ONLINE)

    kiosk_context, kiosk = new_page(browser, viewport={"width": 1080, "height": 1920}, has_touch=True)
    kiosk_context.add_cookies(
        [{"name": kiosks.COOKIE, "value": kiosks.enrolment_value(site.pk), "url": live_server.url}]
    )
    kiosk.goto(f"{live_server.url}/{site.slug}/anjungan/")
    assert_accessible(axe, kiosk)
    kiosk.get_by_role("link", name="Dukcapil").click()
    kiosk.get_by_role("link", name=hall.world.service_a.name).click()
    assert kiosk.get_by_role("heading", name="Mohon periksa: apakah Anda sudah membawa ini?").is_visible()
    assert_accessible(axe, kiosk)
    screenshot(kiosk, "kiosk-service")
    kiosk.get_by_role("button", name="Ambil nomor antrean").click()
    assert kiosk.locator("#ticket-number").inner_text() == "A001"
    assert_accessible(axe, kiosk)
    screenshot(kiosk, "kiosk-ticket")

    console_context, console = new_page(browser, viewport={"width": 1366, "height": 768})
    console_context.add_cookies([login_cookie(live_server, hall.world.officer_a)])
    console.goto(f"{live_server.url}/konsol/")
    console.get_by_role("button", name="Loket 1").click()
    console.get_by_role("button", name="Panggil berikutnya").click()
    console.wait_for_selector(".console-code")
    assert console.locator(".console-code").inner_text().startswith("A001")
    screenshot(console, "console-called")

    # The board, never reloaded, shows the call.
    wait_until(board, "document.querySelector('#now-calling').textContent.includes('A001')")
    assert "A001" in board.locator("#counter-list").inner_text()
    assert board.evaluate("window.mppBoard.announced.length") == 1
    assert_accessible(axe, board)
    screenshot(board, "board-called")
    for context in (board_context, kiosk_context, console_context):
        context.close()


def test_a_board_that_loses_its_feed_misses_no_call_and_announces_none_twice(
    live_server, live_feed, browser, hall
):
    site = hall.world.site
    session = hall.session(hall.counter_a1)

    def call_one():
        issue_ticket(site=site, services=[hall.world.service_a])
        request = desk.call_next(session=session)
        desk.finish_service(session=session, request_id=request.pk, outcome="completed")
        return request

    context, board = new_page(browser, viewport={"width": 1280, "height": 720})
    board.goto(f"{live_server.url}/{site.slug}/papan/")
    wait_until(board, ONLINE)
    first = call_one()
    wait_until(board, "window.mppBoard.announced.length === 1")

    live_feed.stop()  # the feed goes away (a restart, a network cut)
    wait_until(board, f"!({ONLINE})")
    second, third = call_one(), call_one()
    live_feed.start()  # EventSource reconnects by itself, sending Last-Event-ID

    wait_until(board, "window.mppBoard.announced.length >= 3", timeout=20)
    board.wait_for_timeout(500)  # anything announced twice would show up here
    called_ids = board.evaluate("window.mppBoard.announced")
    assert len(called_ids) == 3
    assert len(set(called_ids)) == 3
    assert "A003" in board.locator("#now-calling").inner_text()
    recent = board.locator("#recent-list").inner_text()
    assert "A001" in recent
    assert "A002" in recent
    assert [r.visit.code for r in (first, second, third)] == ["A001", "A002", "A003"]

    board.reload()  # a reload shows the state and announces nothing again
    wait_until(board, ONLINE)
    board.wait_for_timeout(500)
    assert board.evaluate("window.mppBoard.announced.length") == 0
    assert "A003" in board.locator("#now-calling").inner_text()
    context.close()
