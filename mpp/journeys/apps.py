from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "mpp.journeys"
    verbose_name = _("Life events")
