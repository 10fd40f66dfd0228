from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mpp.core"

    def ready(self):
        from mpp.core import checks  # noqa: F401 - registers the system checks
