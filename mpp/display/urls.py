from django.urls import path

from mpp.display import views

app_name = "display"

urlpatterns = [
    path("<slug:site>/papan/", views.board, name="board"),
    path("<slug:site>/papan/state.json", views.board_state, name="board-state"),
]
