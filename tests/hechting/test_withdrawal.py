"""A checklist version withdrawn after it was found wrong: frozen as it was, every observation on
it says so with the reason, and each approved one gets an addendum beside its report, which is
never changed."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hechting.catalogue.content import content_hash
from hechting.models import ChecklistVersion, FrozenChecklistError
from hechting.services import checklist_version_withdraw
from observaties import retention
from observaties.models import ArchivedDocument
from tests import pdfs
from tests.factories import approved_observation

pytestmark = pytest.mark.django_db

REASON = "Fictief: het advies werd berekend en de interventies pasten niet bij de leeftijd."


@pytest.fixture
def version_1(current_version):
    return ChecklistVersion.objects.get(number=1)


@pytest.fixture
def on_version_1(child, professional, team_lead, version_1):
    """An approved version-1 observation whose items sit low on the scale, so that its report
    printed the advice version 1 computed."""
    return approved_observation(child, professional, team_lead, position=1, version=version_1)


def _withdraw(django_capture_on_commit_callbacks, version, reason=REASON):
    with django_capture_on_commit_callbacks(execute=True):
        return checklist_version_withdraw(version=version, reason=reason)


def test_only_a_retired_version_with_a_reason_is_withdrawn(
    current_version, version_1, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError, match="Publiceer eerst een nieuwe versie"):
        checklist_version_withdraw(version=current_version, reason=REASON)
    with pytest.raises(ValidationError, match="Schrijf op wat er niet klopte"):
        checklist_version_withdraw(version=version_1, reason="  ")
    fingerprint = content_hash(version_1)
    withdrawn = _withdraw(django_capture_on_commit_callbacks, version_1)
    assert (withdrawn.status, withdrawn.withdrawal_reason) == ("ingetrokken", REASON)
    assert withdrawn.withdrawn_at is not None
    # Its content stays frozen, and its fingerprint leaves the withdrawal out.
    assert content_hash(withdrawn) == withdrawn.content_hash == fingerprint
    withdrawn.stress_guidance = "Anders."
    with pytest.raises(FrozenChecklistError):
        withdrawn.save()
    withdrawn.refresh_from_db()
    withdrawn.status = ChecklistVersion.Status.RETIRED
    with pytest.raises(FrozenChecklistError):
        withdrawn.save()
    with pytest.raises(ValidationError, match="Alleen een vervallen versie"):
        checklist_version_withdraw(version=withdrawn, reason=REASON)


def test_each_approved_observation_gets_an_addendum_and_keeps_its_report(
    on_version_1, version_1, django_capture_on_commit_callbacks
):
    report = on_version_1.archived_documents.get(kind="rapport")
    _withdraw(django_capture_on_commit_callbacks, version_1)
    addendum = on_version_1.archived_documents.get(kind="aanvulling")
    text = pdfs.text(bytes(addendum.pdf))
    assert "Aanvulling bij dit rapport" in text
    assert REASON in text
    assert "Wat dit rapport daardoor zei" in text
    assert "niet getoetst aan de leeftijd van het kind: 8 maanden bij het bezoek" in text
    assert addendum.approval_id == report.approval_id
    assert pdfs.dangling_marks(bytes(addendum.pdf)) == []
    # The report itself is untouched.
    again = ArchivedDocument.objects.get(pk=report.pk)
    assert (again.sha256, again.superseded_by_id) == (report.sha256, None)
    assert bytes(again.pdf) == bytes(report.pdf)


def test_the_page_and_the_data_request_carry_the_withdrawal(
    client, on_version_1, version_1, team_lead, django_capture_on_commit_callbacks
):
    _withdraw(django_capture_on_commit_callbacks, version_1)
    client.force_login(team_lead)
    page = client.get(reverse("observaties:observation-detail", args=[on_version_1.pk]))
    content = page.content.decode()
    assert "Checklistversie 1 is op" in content
    assert REASON in content
    assert "Aanvulling bij dit rapport (PDF)" in content
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(retention.family_export_zip(on_version_1.child.family)))
    )
    names = archive.namelist()
    assert any(
        name.endswith(f"aanvulling-NRD-0001-2025-09-15-observatie-{on_version_1.pk}.pdf")
        for name in names
    ), names


def test_the_functional_admin_withdraws_with_a_reason(
    client,
    functional_admin,
    version_1,
    current_version,
    on_version_1,
    django_capture_on_commit_callbacks,
):
    client.force_login(functional_admin)
    change = client.get(reverse("admin:hechting_checklistversion_change", args=[version_1.pk]))
    url = reverse("admin:hechting_checklistversion_withdraw", args=[version_1.pk])
    assert url in change.content.decode()
    current = client.get(
        reverse("admin:hechting_checklistversion_change", args=[current_version.pk])
    )
    assert "intrekken/" not in current.content.decode()
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200
    assert "Dit veld is vereist." in refused.content.decode()
    response = client.post(
        reverse("admin:hechting_checklistversion_withdraw", args=[current_version.pk]),
        {"reason": REASON},
    )
    assert "Publiceer eerst een nieuwe versie" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": REASON})
    assert response.status_code == 302
    version_1.refresh_from_db()
    assert version_1.is_withdrawn
    assert on_version_1.archived_documents.filter(kind="aanvulling").exists()


def test_the_api_names_the_withdrawal(
    client, on_version_1, version_1, team, django_capture_on_commit_callbacks
):
    from tests.api.conftest import call, register

    withdrawn = _withdraw(django_capture_on_commit_callbacks, version_1)
    _client, credential = register("Dossier (fictief)", team)
    body = call(client, f"/api/v1/observaties/{on_version_1.pk}", credential).json()
    assert body["checklistversie"]["intrekking"]["reden"] == REASON
    summary = call(client, f"/api/v1/observaties/{on_version_1.pk}/samenvatting", credential)
    assert (
        f"Deze checklistversie is ingetrokken op {withdrawn.withdrawn_at:%d-%m-%Y}: {REASON}"
        in (summary.content.decode())
    )


def test_the_addendum_goes_to_the_case_system_beside_the_report(
    case_system, on_version_1, version_1, django_capture_on_commit_callbacks
):
    from observaties.models import Delivery

    report = Delivery.objects.get(document__observation=on_version_1, document__kind="rapport")
    _withdraw(django_capture_on_commit_callbacks, version_1)
    addendum = Delivery.objects.get(document__observation=on_version_1, document__kind="aanvulling")
    assert addendum.document_type == report.document_type == case_system.report_type
    assert addendum.confidentiality == case_system.report_confidentiality
    assert addendum.identification.endswith(f"-{on_version_1.pk}-aanvulling")
