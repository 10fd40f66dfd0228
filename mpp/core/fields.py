from django.core import validators
from django.db import models


class LimitedTextField(models.TextField):
    """A TextField whose ``max_length`` is enforced by model validation too.

    Django's TextField passes ``max_length`` only to the form widget, so an API
    call or a service could store text of any size; this adds the validator.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))
