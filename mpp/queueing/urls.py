from django.urls import path

from mpp.queueing.views import console, frontdesk, kiosk

app_name = "queueing"

urlpatterns = [
    path("tiket/<str:token>/", kiosk.status, name="ticket-status"),
    path("konsol/", console.choose, name="console-choose"),
    path("konsol/<int:counter_id>/", console.console, name="console"),
    path("konsol/<int:counter_id>/aksi/<slug:action>/", console.act, name="console-act"),
    path("<slug:site>/anjungan/", kiosk.home, name="kiosk-home"),
    path("<slug:site>/anjungan/daftarkan/", kiosk.enrol, name="kiosk-enrol"),
    path("<slug:site>/anjungan/instansi/<slug:agency>/", kiosk.agency, name="kiosk-agency"),
    path("<slug:site>/anjungan/layanan/<int:offer>/", kiosk.service, name="kiosk-service"),
    path("<slug:site>/anjungan/tiket/<str:token>/", kiosk.ticket, name="kiosk-ticket"),
    path("<slug:site>/meja-depan/", frontdesk.front_desk, name="front-desk"),
    path("<slug:site>/meja-depan/tiket/<str:token>/", frontdesk.front_desk_ticket, name="front-desk-ticket"),
]
