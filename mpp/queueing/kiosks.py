"""Which browsers are kiosks. A kiosk gives tickets without a login, so only a browser
that a staff member enrolled (a signed cookie naming the site) may act as one; any
other browser sees how to get a number instead, and nobody can take numbers from home."""

from django.core import signing

COOKIE = "mpp_kiosk"
SALT = "mpp.queueing.kiosk"
MAX_AGE = 60 * 60 * 24 * 400  # enrolment lasts a year; re-enrol once a year


def enrolment_value(site_id: int) -> str:
    return signing.dumps({"site": site_id}, salt=SALT)


def enrolled_site_id(request) -> int | None:
    raw = request.COOKIES.get(COOKIE)
    if not raw:
        return None
    try:
        return signing.loads(raw, salt=SALT, max_age=MAX_AGE)["site"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
