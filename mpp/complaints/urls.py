from django.urls import path

from mpp.complaints import views

app_name = "complaints"

urlpatterns = [
    path("pengaduan/", views.choose_site, name="choose-site"),
    path("pengaduan/lacak/", views.track, name="track"),
    path("<slug:site>/pengaduan/", views.submit, name="submit"),
    path("<slug:site>/anjungan/pengaduan/", views.kiosk_submit, name="kiosk-submit"),
    path("<slug:site>/meja-depan/pengaduan/", views.desk_submit, name="desk-submit"),
]
