"""How API callers prove who they are: a bearer token or the browser session.

Both end with ``request.auth`` holding the staff user, and every handler then
goes through the same access helpers as the pages (``mpp.tenancy.access``).
"""

from django.contrib.auth.models import AnonymousUser
from ninja.security import HttpBearer, SessionAuth

from mpp.api.services import authenticate_token


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        return authenticate_token(token)


class StaffSession(SessionAuth):
    """The back-office login; unsafe methods must carry the CSRF token."""

    def _get_key(self, request):
        # Without a session cookie there is no login to ride: the caller is anonymous (401,
        # "log in or send a valid token"), not a forged form (403), and needs no CSRF check.
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


def anonymous(request):
    """Public reads: anyone, with ``request.auth`` the anonymous user."""
    return AnonymousUser()


STAFF = [BearerToken(), StaffSession()]
PUBLIC = [BearerToken(), StaffSession(), anonymous]
