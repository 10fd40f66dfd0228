import datetime as dt
import re

from mpp.notify.models import Message


def nik(n: int) -> str:
    """A valid Kapuas NIK (Selat, born 1 January 1990), the n-th serial."""
    return f"620301010190{n:04d}"


# Tuesday 1 December 2026, 09:00 WIB.
TUESDAY_9 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)


def last_code() -> str:
    """The confirmation code in the latest code message."""
    body = Message.objects.filter(kind="booking.code").order_by("-id").first().body
    return re.search(r"\b(\d{6})\b", body).group(1)
