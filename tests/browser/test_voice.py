"""The board speaks with a real Indonesian voice: espeak-ng through speech-dispatcher,
as on a display PC without internet (shared/SETUP-NOTES: a silent ALSA sink)."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from mpp.display import selectors
from mpp.queueing.models import Event
from mpp.queueing.services import counter as desk
from mpp.queueing.services.tickets import issue_ticket
from tests.browser.conftest import ARGS, CHROMIUM

SPEECHD_CONF = Path("/etc/speech-dispatcher/speechd.conf")


@pytest.fixture(scope="module")
def speaking_browser(tmp_path_factory):
    if not SPEECHD_CONF.exists():
        pytest.fail("speech-dispatcher is not installed: run 'make system-deps'.")
    home = tmp_path_factory.mktemp("speech-home")
    config = home / "config" / "speech-dispatcher"
    shutil.copytree(SPEECHD_CONF.parent, config, symlinks=True)
    text = (config / "speechd.conf").read_text()
    # A silent sink: the test must not need a sound card, and with none the browser hangs on close.
    (config / "speechd.conf").write_text(text + '\nAudioOutputMethod "alsa"\nAudioALSADevice "null"\n')
    previous = {key: os.environ.get(key) for key in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR")}
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")
    os.environ["XDG_RUNTIME_DIR"] = str(home / "run")
    (home / "run").mkdir(mode=0o700)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[*ARGS, "--enable-speech-dispatcher", "--autoplay-policy=no-user-gesture-required"],
        )
        yield browser
        browser.close()
    for key, value in previous.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def test_the_board_speaks_the_call_with_an_indonesian_voice(
    live_server, speaking_browser, hall, transactional_db
):
    context = speaking_browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(f"{live_server.url}/contoh/papan/")
    page.wait_for_timeout(2500)  # voices load asynchronously in Chromium
    voices = page.evaluate("speechSynthesis.getVoices().map((v) => v.lang)")
    assert any(lang.lower().startswith("id") for lang in voices), voices

    issue_ticket(site=hall.world.site, services=[hall.world.service_a])
    desk.call_next(session=hall.session(hall.counter_a1))
    event = Event.objects.get(kind="called")
    payload = selectors.event_payload(event, number_style="digits")
    assert page.evaluate("(p) => window.mppBoard.handle(p)", payload)
    for _ in range(100):
        timeline = page.evaluate("window.mppBoard.timeline")
        if timeline and timeline[0].get("end"):
            break
        page.wait_for_timeout(100)
    assert timeline[0]["mode"] == "voice"
    assert timeline[0]["text"] == "Nomor antrean A, nol nol satu, silakan menuju loket satu, Dukcapil."
    assert page.evaluate("window.mppBoard.spoken") == [timeline[0]["text"]]
    context.close()
