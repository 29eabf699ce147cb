from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from api import views

app_name = "api"

# No trailing slashes (Design Rule /core/no-trailing-slash): an address with one is a 404.
urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("gezinnen", views.family_list, name="family-list"),
    path("gezinnen/<str:id>", views.family_detail, name="family-detail"),
    path("gezinnen/<str:id>/observaties", views.family_observations, name="family-observations"),
    path("observaties/<str:id>", views.observation_detail, name="observation-detail"),
    path("observaties/<str:id>/rapport", views.observation_report, name="observation-report"),
    path(
        "observaties/<str:id>/samenvatting", views.observation_summary, name="observation-summary"
    ),
]
