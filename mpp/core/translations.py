"""Django's own messages whose Indonesian translation is wrong, translated again here.

Django's catalogue renders "... already exists" for several fields as "... ini tidak
ada" ("does not exist"). Our catalogue (LOCALE_PATHS) is read first, and listing the
msgids here keeps makemessages from dropping them as obsolete.
"""

from django.utils.translation import gettext_noop

CORRECTED = [
    gettext_noop("%(model_name)s with this %(field_labels)s already exists."),
]
