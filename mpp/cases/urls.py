from django.urls import path

from mpp.cases import views

app_name = "cases"

urlpatterns = [
    path("lacak/", views.track, name="track"),
    path("konsol/<int:counter_id>/permohonan/", views.open_from_console, name="open"),
    path("permohonan/<str:number>/tanda-terima/", views.receipt, name="receipt"),
]
