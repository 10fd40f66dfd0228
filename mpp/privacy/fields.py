from django.core.exceptions import FieldError
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

    def get_lookup(self, lookup_name):
        # Ciphertext never equals anything a query could compare it with: say so loudly.
        if lookup_name != "isnull":
            raise FieldError(f"{self.name} is encrypted; look it up through its keyed hash instead")
        return super().get_lookup(lookup_name)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)
