"""How apps above the queue add to the hall's screens without the queue importing them.

``settings.MPP_HALL_EXTENSIONS`` lists classes (dotted paths) with any of:

- ``console_section(request, session, current) -> dict | None``: a block of the counter
  console for the request at the counter; the dict names its ``template`` and context.
- ``status_section(visit) -> dict | None``: a block of the visitor's status page.
- ``kiosk_section(site) -> dict | None`` and ``front_desk_section(site) -> dict | None``:
  a block of the kiosk's first screen and of the front desk page. On the kiosk, blocks
  come as a row of buttons above the agencies, or below them with ``"below": True``
  (longer texts: the main task, an agency then a number, stays first).
- ``check_finish(request_) -> list[str]``: reasons why a request may not be finished yet
  (the hand-off data the next agency needs, say); ``finish_service`` refuses with them.
- ``reserved_places(offer, day) -> int``: places of the day's quota held for visitors
  still to come (online bookings); walk-in tickets count them as taken.

The list is explicit configuration, read in one place, so every reader of a screen can
see what extends it (docs/architecture.md); there are no signals.
"""

import functools

from django.conf import settings
from django.utils.module_loading import import_string


@functools.cache
def _extensions() -> tuple:
    return tuple(import_string(path)() for path in settings.MPP_HALL_EXTENSIONS)


def _sections(name: str, *args) -> list[dict]:
    sections = []
    for extension in _extensions():
        method = getattr(extension, name, None)
        section = method(*args) if method else None
        if section:
            sections.append(section)
    return sections


def console_sections(request, session, current) -> list[dict]:
    return _sections("console_section", request, session, current)


def status_sections(visit) -> list[dict]:
    return _sections("status_section", visit)


def kiosk_sections(site) -> list[dict]:
    return _sections("kiosk_section", site)


def front_desk_sections(request, site) -> list[dict]:
    return _sections("front_desk_section", request, site)


def finish_problems(request_) -> list[str]:
    problems: list[str] = []
    for extension in _extensions():
        method = getattr(extension, "check_finish", None)
        if method:
            problems += method(request_)
    return problems


def reserved_places(offer, day) -> int:
    total = 0
    for extension in _extensions():
        method = getattr(extension, "reserved_places", None)
        if method:
            total += method(offer, day)
    return total
