"""Masks for personal data on every screen and export.

NIK: first 4 and last 4 digits (``6203********0001``), as ARCHITECTURE.md shows.
Phone: the operator prefix and the last 3 digits. E-mail: first letter and domain.
"""

from mpp.core.nik import mask_nik

__all__ = ["mask_email", "mask_nik", "mask_phone"]


def mask_phone(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:4] + "*" * (len(digits) - 7) + digits[-3:]


def mask_email(value: str) -> str:
    local, sep, domain = value.partition("@")
    if not sep or not local:
        return "*" * len(value)
    return local[0] + "*" * max(len(local) - 1, 3) + "@" + domain
