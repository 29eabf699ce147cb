from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("toegangslog/", views.event_list, name="event-list"),
    path("toegangslog.csv", views.event_csv, name="event-csv"),
]
