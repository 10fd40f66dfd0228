from django.urls import path

from mpp.booking import views

app_name = "booking"

urlpatterns = [
    path("booking/ubah/", views.manage, name="manage"),
    path("booking/<str:code>/", views.confirm, name="confirm"),
    path("<slug:site>/booking/", views.choose, name="choose"),
    path("<slug:site>/booking/<int:offer>/", views.book, name="book"),
    path("<slug:site>/anjungan/booking/", views.kiosk_check_in, name="kiosk-check-in"),
    path("<slug:site>/meja-depan/booking/", views.front_desk_check_in, name="front-desk-check-in"),
]
