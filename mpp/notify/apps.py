from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "mpp.notify"
    verbose_name = _("Messages")

    def ready(self):
        from mpp.notify import checks  # noqa: F401 - registers the system checks
