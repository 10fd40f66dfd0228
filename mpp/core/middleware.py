from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


class RejectNulMiddleware:
    """Refuse a NUL character anywhere in the address, before any view sees it.

    PostgreSQL cannot store or even compare text holding NUL; left alone, a
    ``%00`` in a slug or query turns into a server error deep in a query.
    Forms refuse NUL on their own (Django's ProhibitNullCharactersValidator) and
    the API's body parser does too (``mpp.api.api.StrictParser``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET
        if "\x00" in request.path or any("\x00" in key or "\x00" in value for key, value in query.items()):
            message = _("The address holds a NUL character, which is not allowed.")
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": message, "errors": [{"field": None, "message": message}]}, status=400
                )
            return HttpResponseBadRequest(message)
        return self.get_response(request)
