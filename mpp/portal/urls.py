from django.urls import path

from mpp.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:site>/", views.site_home, name="site-home"),
    path("<slug:site>/cari/", views.search, name="search"),
    path("<slug:site>/instansi/", views.agency_list, name="agency-list"),
    path("<slug:site>/instansi/<slug:agency>/", views.agency_detail, name="agency-detail"),
    path("<slug:site>/layanan/<slug:agency>/<slug:service>/", views.service_detail, name="service-detail"),
    path(
        "<slug:site>/layanan/<slug:agency>/<slug:service>/versi/<int:version>/",
        views.service_detail,
        name="service-version",
    ),
]
