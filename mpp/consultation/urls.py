from django.urls import path

from mpp.consultation import views

app_name = "consultation"

urlpatterns = [
    path("<slug:site>/konsultasi/", views.consultation_list, name="list"),
    path("<slug:site>/konsultasi/<int:pk>/", views.consultation_detail, name="detail"),
    path("<slug:site>/konsultasi/<int:pk>/komentar/", views.comment, name="comment"),
]
