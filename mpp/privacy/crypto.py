"""Encryption at rest and keyed hashes for personal data (UU 27/2022).

Values are encrypted with Fernet (AES-128-CBC with HMAC-SHA256, from the
``cryptography`` package) under the first key of ``MPP_DATA_KEYS``; the other
keys are kept only to read rows written before a rotation. A lookup (find a
person by NIK) uses an HMAC-SHA256 "blind index" under ``MPP_HASH_KEY``, so the
database never holds a value that can be reversed or brute-forced without the
key. The two keys are separate so that one leaking does not expose the other.
"""

import functools
import hashlib
import hmac
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@functools.cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def _current() -> MultiFernet:
    return _fernet(tuple(settings.MPP_DATA_KEYS))


def encrypt(plaintext: str) -> str:
    return _current().encrypt(plaintext.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _current().decrypt(token.encode("ascii")).decode()
    except InvalidToken as exc:  # A wrong or missing key: never return garbage.
        raise ValueError("personal data cannot be decrypted with the configured keys") from exc


def rotate(token: str) -> str:
    """Re-encrypt a value under the current key (after adding a new first key)."""
    return _current().rotate(token.encode("ascii")).decode("ascii")


def blind_index(value: str, *, purpose: str) -> str:
    """A keyed hash of a normalised value; ``purpose`` keeps NIK and phone hashes apart."""
    message = f"{purpose}:{value}".encode()
    return hmac.new(settings.MPP_HASH_KEY.encode(), message, hashlib.sha256).hexdigest()


def submit_key_index(key: str, content, *, purpose: str) -> str:
    """An idempotency key (a form's, or an API caller's) bound to what was sent with it, as
    a keyed hash: the same key with other content (a client that reuses its keys, or a
    guessed key) is another submission, never answered with the first one's result.
    ``content`` is anything JSON can write (objects by ``str``)."""
    return blind_index(json.dumps([key[:64], content], sort_keys=True, default=str), purpose=purpose)
