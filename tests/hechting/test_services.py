"""Drafting and publishing checklist versions: deep copies, validation and atomicity."""

import pytest
from django.core.exceptions import ValidationError

from hechting.models import ChecklistVersion, ScaleOption
from hechting.services import checklist_version_create_draft, checklist_version_publish

pytestmark = pytest.mark.django_db


def _snapshot(version):
    return {
        "items": list(version.items.values_list("code", "text", "hint", "condition__key")),
        "scale": list(version.scale_options.values_list("position", "label", "is_no_opportunity")),
        "factors": list(version.context_factors.values_list("code", "label")),
        "contents": list(
            version.condition_contents.values_list("condition__key", "explanation", "advice")
        ),
        "stress": version.stress_guidance,
    }


def test_a_new_draft_is_a_deep_copy_of_the_current_version(current_version):
    draft = checklist_version_create_draft()
    assert draft.number == 5
    assert draft.is_draft
    assert draft.based_on == current_version
    assert _snapshot(draft) == _snapshot(current_version)
    shared = set(draft.items.values_list("pk", flat=True)) & set(
        current_version.items.values_list("pk", flat=True)
    )
    assert not shared


def test_only_one_draft_at_a_time(draft):
    with pytest.raises(ValidationError) as error:
        checklist_version_create_draft()
    assert "Er is al een conceptversie" in error.value.messages[0]
    assert ChecklistVersion.objects.count() == 5


def test_publishing_makes_the_draft_current_and_retires_the_previous(current_version, draft):
    before = _snapshot(current_version)
    item = draft.items.get(code="ME-1")
    item.hint = "Kijkt de ouder naar het kind en luistert die naar wat het laat horen?"
    item.save()

    checklist_version_publish(version=draft)

    current_version.refresh_from_db()
    assert ChecklistVersion.objects.current() == draft
    assert current_version.status == ChecklistVersion.Status.RETIRED
    assert current_version.retired_at is not None
    assert _snapshot(current_version) == before
    assert draft.items.get(code="ME-1").hint.startswith("Kijkt de ouder naar het kind")


def test_publishing_refuses_a_condition_without_items(current_version, draft):
    draft.items.filter(condition__key="mentaliseren").delete()
    with pytest.raises(ValidationError) as error:
        checklist_version_publish(version=draft)
    assert "Voorwaarde ‘Mentaliseren’ heeft geen gedragsitems." in error.value.messages
    draft.refresh_from_db()
    assert draft.is_draft
    assert ChecklistVersion.objects.current() == current_version


def test_publishing_refuses_a_scale_without_options(current_version, draft):
    draft.scale_options.all().delete()
    with pytest.raises(ValidationError) as error:
        checklist_version_publish(version=draft)
    assert error.value.messages == [
        "De antwoordschaal heeft minstens twee antwoordmogelijkheden nodig.",
        "De antwoordschaal mist de optie ‘geen gelegenheid om te observeren’.",
    ]
    assert ChecklistVersion.objects.current() == current_version


def test_publishing_refuses_a_scale_without_no_opportunity(draft):
    ScaleOption.objects.filter(version=draft, is_no_opportunity=True).delete()
    with pytest.raises(ValidationError) as error:
        checklist_version_publish(version=draft)
    assert error.value.messages == [
        "De antwoordschaal mist de optie ‘geen gelegenheid om te observeren’."
    ]


def test_publishing_refuses_a_condition_without_explanation(draft):
    draft.condition_contents.filter(condition__key="mentaliseren").delete()
    with pytest.raises(ValidationError) as error:
        checklist_version_publish(version=draft)
    assert error.value.messages == ["Voorwaarde ‘Mentaliseren’ heeft geen uitleg."]


def test_a_published_version_cannot_be_published_again(current_version):
    with pytest.raises(ValidationError) as error:
        checklist_version_publish(version=current_version)
    assert error.value.messages == ["Alleen een conceptversie kan worden gepubliceerd."]


def test_a_draft_can_be_based_on_the_new_current_version_after_publishing(draft):
    checklist_version_publish(version=draft)
    third = checklist_version_create_draft()
    assert third.number == 6
    assert third.based_on == draft
