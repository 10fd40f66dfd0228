from django.urls import path

from mpp.surveys import views

app_name = "surveys"

urlpatterns = [
    path("survei/<str:token>/", views.choose, name="choose"),
    path("survei/<str:token>/<int:request_id>/", views.answer, name="answer"),
    path("skm/", views.report, name="report"),
    path("skm/unduh/", views.download, name="download"),
    path("skm/kertas/", views.paper, name="paper"),
    path("<slug:site>/anjungan/survei/", views.kiosk, name="kiosk"),
    path("<slug:site>/anjungan/survei/isi/<str:ticket>/", views.kiosk_answer, name="kiosk-answer"),
    path("<slug:site>/ikm/", views.public, name="public"),
]
