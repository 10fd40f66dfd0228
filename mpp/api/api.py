import json

from ninja import NinjaAPI
from ninja.parser import Parser

from mpp.api import errors
from mpp.api.routers import booking, catalog, complaints, consultation, journeys, queue, staff, surveys


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


class StrictParser(Parser):
    """JSON bodies only, and no NUL characters in them (PostgreSQL cannot store NUL)."""

    def parse_body(self, request):
        data = json.loads(request.body)
        if _holds_nul(data):
            raise ValueError("NUL character in the body")
        return data


api = NinjaAPI(
    title="MPP platform API",
    version="1",
    description=(
        "Everything the portal and the back office do, for agency systems and national platforms. "
        "Authenticate with `Authorization: Bearer <token>` (tokens are issued in the back office) "
        "or the back-office session with its CSRF token. Errors share one JSON shape: "
        '`{"detail": "...", "errors": [{"field": "...", "message": "..."}]}`. '
        "Messages follow `Accept-Language` (id or en; Indonesian by default)."
    ),
    urls_namespace="api",
    parser=StrictParser(),
)
errors.install(api)
api.add_router("", catalog.router)
api.add_router("", queue.router)
api.add_router("", journeys.router)
api.add_router("", booking.router)
api.add_router("", surveys.router)
api.add_router("", complaints.router)
api.add_router("", consultation.router)
api.add_router("", staff.router)
