from django.db import models

from mpp.privacy import crypto


class EncryptedTextField(models.TextField):
    """A text column that holds only ciphertext; Python code sees the plain value.

    It cannot be searched or ordered by: store a ``blind_index`` beside it for
    lookups. Empty strings stay empty so that optional fields need no ciphertext.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)
