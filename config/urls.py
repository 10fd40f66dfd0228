from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from mpp.api.api import api
from mpp.core.views import health, health_write

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("health/", health, name="health"),
    path("health/write/", health_write, name="health-write"),
]
# Indonesian at /..., English at /en/...
urlpatterns += i18n_patterns(
    path("", include("mpp.journeys.urls")),
    path("", include("mpp.cases.urls")),
    path("", include("mpp.booking.urls")),
    path("", include("mpp.surveys.urls")),
    path("", include("mpp.complaints.urls")),
    path("", include("mpp.consultation.urls")),
    path("", include("mpp.display.urls")),
    path("", include("mpp.queueing.urls")),
    path("", include("mpp.portal.urls")),
    prefix_default_language=False,
)
