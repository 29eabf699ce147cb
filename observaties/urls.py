from django.urls import path

from observaties import views

app_name = "observaties"

urlpatterns = [
    path("gezinnen/", views.family_list, name="family-list"),
    path("gezinnen/nieuw/", views.family_create, name="family-create"),
    path("gezinnen/<int:pk>/", views.family_detail, name="family-detail"),
    path("gezinnen/<int:pk>/wijzigen/", views.family_edit, name="family-edit"),
    path("gezinnen/<int:pk>/inzage/", views.family_export, name="family-export"),
    path("gezinnen/<int:pk>/afsluiten/", views.family_close, name="family-close"),
    path("gezinnen/<int:pk>/kinderen/nieuw/", views.child_create, name="child-create"),
    path(
        "gezinnen/<int:pk>/observaties/nieuw/",
        views.observation_create,
        name="observation-create",
    ),
    path("observaties/<int:pk>/", views.observation_detail, name="observation-detail"),
    path("observaties/<int:pk>/rapport.pdf", views.observation_pdf, name="observation-pdf"),
    path("kinderen/<int:pk>/verloop.pdf", views.child_pdf, name="child-pdf"),
    path("observaties/<int:pk>/invullen/", views.observation_edit, name="observation-edit"),
    path("observaties/<int:pk>/beoordelen/", views.observation_review, name="observation-review"),
    path("observaties/<int:pk>/heropenen/", views.observation_reopen, name="observation-reopen"),
    path("teams/<int:pk>/overzicht/", views.team_overview, name="team-overview"),
    path("teams/<int:pk>/overzicht.csv", views.team_overview_csv, name="team-overview-csv"),
]
