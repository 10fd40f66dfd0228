"""Counting attempts per key in a sliding window, in the database.

Accepted race: two requests at the same instant may both pass the last free attempt
of a window; a limit of five guesses that lets six through does not change its point.
"""

import datetime as dt
import hashlib

from django.conf import settings

from mpp.core import clock
from mpp.core.models import RateLimitHit


def _key(value: str) -> str:
    # Keys are IP addresses and identifiers: stored only as a keyed hash.
    return hashlib.sha256(f"{settings.MPP_HASH_KEY}:{value}".encode()).hexdigest()


def exceeded(*, bucket: str, key: str, limit: int, window: dt.timedelta) -> bool:
    since = clock.now() - window
    return RateLimitHit.objects.filter(bucket=bucket, key=_key(key), at__gte=since).count() >= limit


def hit(*, bucket: str, key: str) -> None:
    RateLimitHit.objects.create(bucket=bucket, key=_key(key), at=clock.now())


def forget_before(moment: dt.datetime) -> int:
    """Housekeeping: attempts older than any window."""
    return RateLimitHit.objects.filter(at__lt=moment).delete()[0]


def client_ip(request) -> str:
    """The caller's address.

    Behind ``MPP_PROXY_HOPS`` proxies, the address the outermost of them saw: each proxy
    appends the address it was called from to X-Forwarded-For, so that one is the
    ``hops``-th from the right. The entries left of it are the caller's own words, and a
    caller who writes a new one each time must not get a new limit each time.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.MPP_PROXY_HOPS
    if hops:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if forwarded:
            return forwarded[-min(hops, len(forwarded))][:64]
    return remote or "unknown"
