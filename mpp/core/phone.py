"""Indonesian telephone numbers, as people type them, to one form (E.164, +62...)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s\-.()/]")
_DIGITS = re.compile(r"[0-9]+")  # str.isdigit() would let superscripts and other scripts' digits in


def normalize_phone(value: str) -> str:
    """``0812-3456-7890``, ``62812...`` and ``+62 812 ...`` all become ``+628123457890``.

    Numbers are Indonesian: 0 or 62 or +62 first, then 7 to 12 digits that do not
    start with 0 (mobile numbers start with 8, landlines with an area code).
    """
    compact = _SEPARATORS.sub("", value or "")
    if not compact:
        raise ValidationError(_("Enter a telephone number."), code="required")
    if compact.startswith("+"):
        if not compact.startswith("+62"):
            raise ValidationError(_("Only Indonesian numbers (+62) can be used."), code="country")
        national = compact[3:]
    elif compact.startswith("62"):
        national = compact[2:]
    elif compact.startswith("0"):
        national = compact[1:]
    else:
        raise ValidationError(_("Start the number with 0 or +62."), code="prefix")
    if not _DIGITS.fullmatch(national):
        raise ValidationError(_("A telephone number has only digits."), code="not_digits")
    if national.startswith("0") or not 7 <= len(national) <= 12:
        raise ValidationError(_("This is not a valid Indonesian telephone number."), code="invalid")
    return "+62" + national
