"""Every error the API returns has one shape, in the caller's language:

    {"detail": "A sentence for people", "errors": [{"field": "sk_date", "message": "..."}]}

``field`` names the input at fault (a dotted path inside the body), or is null
for a problem with the request as a whole.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from mpp.booking.services import BookingRefused
from mpp.cases.services import TrackingRefused
from mpp.queueing.rules import Refusal
from mpp.queueing.services import counter as desk
from mpp.queueing.services import sessions

# Pydantic's error types -> our translated sentences (its own are English only).
_MESSAGES = {
    "missing": lambda ctx: _("This field is required."),
    "string_too_long": lambda ctx: _("At most %(max)s characters.") % {"max": ctx.get("max_length")},
    "string_too_short": lambda ctx: _("At least %(min)s characters.") % {"min": ctx.get("min_length")},
    "string_type": lambda ctx: _("Enter text."),
    "string_pattern_mismatch": lambda ctx: _("The value has the wrong form."),
    "int_parsing": lambda ctx: _("Enter a whole number."),
    "int_type": lambda ctx: _("Enter a whole number."),
    "int_from_float": lambda ctx: _("Enter a whole number."),
    "bool_parsing": lambda ctx: _("Enter true or false."),
    "bool_type": lambda ctx: _("Enter true or false."),
    "date_parsing": lambda ctx: _("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": lambda ctx: _("Enter a date as YYYY-MM-DD."),
    "date_type": lambda ctx: _("Enter a date as YYYY-MM-DD."),
    "datetime_parsing": lambda ctx: _("Enter a date and time (ISO 8601)."),
    "greater_than_equal": lambda ctx: _("Must be at least %(ge)s.") % {"ge": ctx.get("ge")},
    "less_than_equal": lambda ctx: _("Must be at most %(le)s.") % {"le": ctx.get("le")},
    "greater_than": lambda ctx: _("Must be more than %(gt)s.") % {"gt": ctx.get("gt")},
    "enum": lambda ctx: _("Choose one of: %(expected)s.") % {"expected": ctx.get("expected")},
    "literal_error": lambda ctx: _("Choose one of: %(expected)s.") % {"expected": ctx.get("expected")},
    "list_type": lambda ctx: _("Enter a list."),
    "too_long": lambda ctx: _("Too many items (at most %(max)s).") % {"max": ctx.get("max_length")},
    "extra_forbidden": lambda ctx: _("Unknown field."),
    "json_invalid": lambda ctx: _("The body is not valid JSON."),
    "model_attributes_type": lambda ctx: _("Send a JSON object."),
    "dict_type": lambda ctx: _("Send a JSON object."),
}

# Where ninja says the value was; dropped from the field path shown to callers.
_LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "payload", "data"}


def _field(loc) -> str | None:
    parts = [str(part) for part in loc if str(part) not in _LOCATIONS]
    return ".".join(parts) or None


def problem(api: NinjaAPI, request, status: int, detail: str, errors: list[dict] | None = None):
    return api.create_response(request, {"detail": str(detail), "errors": errors or []}, status=status)


def install(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def invalid_input(request, exc):
        errors = []
        for error in exc.errors:
            make = _MESSAGES.get(error.get("type", ""))
            message = make(error.get("ctx") or {}) if make else _("Invalid value.")
            errors.append({"field": _field(error.get("loc", ())), "message": str(message)})
        return problem(api, request, 422, _("The request has invalid values."), errors)

    @api.exception_handler(Refusal)
    def hall_refuses(request, exc):
        # The hall cannot do it now (closed, cut-off, quota): a conflict with the state, with its reason.
        return problem(
            api, request, 409, exc.message, [{"field": None, "message": exc.message, "code": exc.code}]
        )

    @api.exception_handler(TrackingRefused)
    def tracking_refused(request, exc):
        status = 429 if exc.code == "limited" else 404
        return problem(
            api, request, status, exc.message, [{"field": None, "message": exc.message, "code": exc.code}]
        )

    @api.exception_handler(BookingRefused)
    def booking_refused(request, exc):
        status = {"limited": 429, "not_found": 404}.get(exc.code, 409)
        return problem(
            api, request, status, exc.message, [{"field": None, "message": exc.message, "code": exc.code}]
        )

    @api.exception_handler(desk.NotFound)
    def not_at_counter(request, exc):
        return problem(api, request, 404, exc.messages[0])

    @api.exception_handler(sessions.CounterBusy)
    def counter_busy(request, exc):
        return problem(api, request, 409, exc.messages[0], [{"field": None, "message": exc.messages[0]}])

    @api.exception_handler(DjangoValidationError)
    def refused(request, exc):
        if hasattr(exc, "error_dict"):
            errors = [
                {"field": None if field == "__all__" else field, "message": str(message)}
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"field": None, "message": str(message)} for message in exc.messages]
        return problem(api, request, 422, errors[0]["message"] if errors else _("Refused."), errors)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem(api, request, 404, _("Not found."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return problem(api, request, 403, _("You may not do this."))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return problem(api, request, 401, _("Log in or send a valid API token."))

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 400 and exc.message.startswith("Cannot parse request body"):
            # Raised by ninja around the body parser (bad JSON, or a NUL character).
            message = _("The body is not valid JSON, or it holds a NUL character.")
            return problem(api, request, 400, message, [{"field": None, "message": message}])
        return problem(api, request, exc.status_code, exc.message)
