import datetime as dt
import hashlib
import secrets

from django.db import transaction

from mpp.api.models import ApiToken
from mpp.core import clock, sql
from mpp.tenancy.models import User

TOKEN_PREFIX = "mpp_"  # noqa: S105 - a label, not a secret
# Writing last_used_at on every call would make each read a write; once in a while is enough.
LAST_USED_GRANULARITY = dt.timedelta(minutes=5)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(*, user: User, name: str, expires_at: dt.datetime | None = None) -> tuple[ApiToken, str]:
    """A new token; the plain value is returned once and never stored."""
    secret = secrets.token_urlsafe(32)
    plain = f"{TOKEN_PREFIX}{secret}"
    token = ApiToken(
        user=user,
        name=name,
        prefix=plain[: len(TOKEN_PREFIX) + 6],
        key_hash=hash_token(plain),
        expires_at=expires_at,
    )
    token.full_clean(exclude=["key_hash", "prefix"])
    with transaction.atomic():
        token.save()
    return token, plain


TOKEN = sql.Columns(ApiToken, "t", ["revoked_at", "expires_at", "last_used_at"])
USER = sql.Columns(User, "u")


def authenticate_token(plain: str) -> User | None:
    if not plain.startswith(TOKEN_PREFIX) or len(plain) > 200:
        return None
    now = clock.now()
    # Every API call passes here, so the statement is written by hand (mpp.core.sql):
    # ApiToken.objects.select_related("user").get(key_hash=...)
    row = sql.fetchone(
        f"SELECT {sql.select(TOKEN, USER)} FROM {sql.table(ApiToken)} t"
        f" JOIN {sql.table(User)} u ON u.id = t.user_id WHERE t.key_hash = %s",
        [hash_token(plain)],
    )
    if row is None:
        return None
    token, user = sql.build_row(row, TOKEN, USER)
    if token.revoked_at or (token.expires_at and token.expires_at <= now) or not user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        # Accepted race: two calls may both write; the later time wins, which is right.
        sql.update(ApiToken, token.pk, {"last_used_at": now})
    return user


def revoke_token(*, token: ApiToken) -> ApiToken:
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    return token
