from django.urls import path

from mpp.journeys import views

app_name = "journeys"

urlpatterns = [
    path("konsol/<int:counter_id>/perjalanan/", views.handoff, name="handoff"),
    path("<slug:site>/anjungan/peristiwa/<slug:event>/", views.kiosk, name="kiosk"),
    path("<slug:site>/meja-depan/peristiwa/", views.front_desk, name="front-desk"),
    path("<slug:site>/peristiwa/", views.portal_list, name="portal-list"),
    path("<slug:site>/peristiwa/<slug:event>/", views.portal_detail, name="portal-detail"),
]
