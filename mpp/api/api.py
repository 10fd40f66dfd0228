from ninja import NinjaAPI

from mpp.api import errors
from mpp.api.routers import catalog, staff

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
)
errors.install(api)
api.add_router("", catalog.router)
api.add_router("", staff.router)
