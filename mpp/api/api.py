import json

from ninja import Field, NinjaAPI, Schema
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


class ProblemField(Schema):
    field: str | None = Field(..., description="The input at fault (a dotted path), or null.")
    message: str
    code: str | None = Field(
        None, description="A stable code where the hall refuses (quota, closed_day, ...)."
    )


class Problem(Schema):
    """The one shape of every error (mpp.api.errors)."""

    detail: str = Field(..., description="A sentence for people, in the caller's language.")
    errors: list[ProblemField]


class PlatformApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The schema, with every operation's errors described once: any status an operation
        does not list is an error in the one shape (``Problem``), so that clients can read
        401, 403, 404, 409 and 422 alike."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(problem.pop("$defs", {}))
        components["Problem"] = problem
        error = {
            "description": "An error: 401 not logged in, 403 not allowed, 404 not found or not yours, "
            "409 refused in the current state (closed, quota, busy), 422 invalid input.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                operation.setdefault("responses", {}).setdefault("default", error)
        return schema


api = PlatformApi(
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
