from django.urls import path

from observaties.views import (
    case_system,
    downloads,
    families,
    observations,
    overviews,
    parent_sheets,
    safety,
)

app_name = "observaties"

urlpatterns = [
    path("gezinnen/", families.family_list, name="family-list"),
    path("gezinnen/nieuw/", families.family_create, name="family-create"),
    path("gezinnen/<int:pk>/", families.family_detail, name="family-detail"),
    path("gezinnen/<int:pk>/wijzigen/", families.family_edit, name="family-edit"),
    path("gezinnen/<int:pk>/inzage/", downloads.family_export, name="family-export"),
    path("gezinnen/<int:pk>/afsluiten/", families.family_close, name="family-close"),
    path("gezinnen/<int:pk>/heropenen/", families.family_reopen, name="family-reopen"),
    path("gezinnen/<int:pk>/zaak/", case_system.family_zaak, name="family-zaak"),
    path("gezinnen/<int:pk>/kinderen/nieuw/", families.child_create, name="child-create"),
    path(
        "gezinnen/<int:pk>/observaties/nieuw/",
        observations.observation_create,
        name="observation-create",
    ),
    path("observaties/<int:pk>/", observations.observation_detail, name="observation-detail"),
    path("observaties/<int:pk>/rapport.pdf", downloads.observation_pdf, name="observation-pdf"),
    path(
        "observaties/<int:pk>/vertrouwelijk.pdf",
        downloads.safety_pdf,
        name="observation-safety-pdf",
    ),
    path(
        "observaties/<int:pk>/archief/<int:document_pk>.pdf",
        downloads.archived_document,
        name="archived-document",
    ),
    path(
        "observaties/<int:pk>/voor-de-ouder/",
        parent_sheets.parent_sheet_view,
        name="parent-sheet",
    ),
    path(
        "observaties/<int:pk>/voor-de-ouder/voorlezen/",
        parent_sheets.parent_sheet_read_aloud,
        name="parent-sheet-read-aloud",
    ),
    path(
        "observaties/<int:pk>/voor-de-ouder.pdf",
        parent_sheets.parent_sheet_pdf,
        name="parent-sheet-pdf",
    ),
    path(
        "observaties/<int:pk>/voor-de-ouder/aanpassen/",
        parent_sheets.parent_sheet_edit,
        name="parent-sheet-edit",
    ),
    path("kinderen/<int:pk>/verloop.pdf", downloads.child_pdf, name="child-pdf"),
    path("observaties/<int:pk>/invullen/", observations.observation_edit, name="observation-edit"),
    path(
        "observaties/<int:pk>/verwijderen/",
        observations.observation_discard,
        name="observation-discard",
    ),
    path(
        "observaties/<int:pk>/beoordelen/",
        observations.observation_review,
        name="observation-review",
    ),
    path(
        "observaties/<int:pk>/heropenen/",
        observations.observation_reopen,
        name="observation-reopen",
    ),
    path(
        "observaties/<int:pk>/zaaksysteem/<int:delivery_pk>/opnieuw/",
        case_system.delivery_retry,
        name="delivery-retry",
    ),
    path("veiligheid/<int:pk>/", safety.concern_detail, name="safety-concern"),
    path("teams/<int:pk>/overzicht/", overviews.team_overview, name="team-overview"),
    path("teams/<int:pk>/overzicht.csv", overviews.team_overview_csv, name="team-overview-csv"),
]
