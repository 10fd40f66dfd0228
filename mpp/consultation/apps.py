from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "mpp.consultation"
    verbose_name = _("Public consultation")

    # Asked by mpp.catalog.services.publish_standard (the catalogue imports no app above it).

    def check_publication(self, standard) -> None:
        """A draft opened for public consultation is published only once the consultation is concluded."""
        from mpp.consultation.services import check_publication

        check_publication(standard=standard)

    def publication_notes(self, standard) -> list[str]:
        from mpp.consultation.services import publication_notes

        return publication_notes(standard=standard)
