"""A published checklist version and everything in it cannot change at the model layer."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hechting.models import (
    BehaviourItem,
    ChecklistVersion,
    ConditionContent,
    ContextFactor,
    FrozenChecklistError,
    ScaleOption,
)
from tests.factories import BehaviourItemFactory

pytestmark = pytest.mark.django_db

PARTS = [BehaviourItem, ScaleOption, ContextFactor, ConditionContent]


def test_saving_a_published_version_is_refused(current_version):
    current_version.stress_guidance = "Anders"
    with pytest.raises(FrozenChecklistError):
        current_version.save()
    current_version.refresh_from_db()
    assert current_version.stress_guidance != "Anders"


def test_deleting_a_published_version_is_refused(current_version):
    with pytest.raises(FrozenChecklistError):
        current_version.delete()
    with pytest.raises(FrozenChecklistError):
        ChecklistVersion.objects.filter(pk=current_version.pk).delete()
    assert ChecklistVersion.objects.filter(pk=current_version.pk).exists()


def test_queryset_update_of_a_published_version_is_refused(current_version):
    with pytest.raises(FrozenChecklistError):
        ChecklistVersion.objects.filter(pk=current_version.pk).update(change_note="x")


@pytest.mark.parametrize("part", PARTS, ids=lambda part: part.__name__)
def test_parts_of_a_published_version_cannot_be_saved_or_deleted(current_version, part):
    obj = part.objects.filter(version=current_version).first()
    with pytest.raises(FrozenChecklistError):
        obj.save()
    with pytest.raises(FrozenChecklistError):
        obj.delete()
    with pytest.raises(FrozenChecklistError):
        part.objects.filter(pk=obj.pk).update(version=current_version)
    with pytest.raises(FrozenChecklistError):
        part.objects.filter(version=current_version).delete()
    assert part.objects.filter(pk=obj.pk).exists()


def test_an_item_cannot_be_added_to_a_published_version(current_version):
    with pytest.raises(FrozenChecklistError):
        BehaviourItemFactory(version=current_version)
    with pytest.raises(FrozenChecklistError):
        BehaviourItem.objects.bulk_create([BehaviourItemFactory.build(version=current_version)])
    assert not current_version.items.filter(text="Testgedrag").exists()


def test_an_item_cannot_be_moved_out_of_a_published_version(current_version, draft):
    item = current_version.items.first()
    item.version = draft
    with pytest.raises(FrozenChecklistError):
        item.save()
    with pytest.raises(FrozenChecklistError):
        BehaviourItem.objects.filter(version=draft).update(version=current_version)


def test_a_draft_and_its_parts_can_change(draft):
    item = draft.items.get(code="SR-1")
    item.text = "Reageert snel als het kind toenadering zoekt."
    item.save()
    draft.change_note = "SR-1 korter"
    draft.save()
    BehaviourItemFactory(version=draft, code="ME-4")
    assert draft.items.count() == 9
    draft.items.filter(code="ME-4").delete()
    assert draft.items.count() == 8


def test_a_draft_can_be_deleted_with_its_parts(draft):
    draft.delete()
    assert not BehaviourItem.objects.filter(version_id=draft.pk).exists()


def test_a_second_published_version_is_refused_by_the_database(current_version):
    with pytest.raises(IntegrityError), transaction.atomic():
        ChecklistVersion.objects.create(
            number=99, status=ChecklistVersion.Status.PUBLISHED, stress_guidance="x"
        )


def test_item_codes_are_unique_within_a_version(draft):
    duplicate = BehaviourItemFactory.build(version=draft, code="SR-1")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Deze code komt al voor in deze versie." in error.value.messages


def test_item_codes_follow_the_pattern(draft):
    item = BehaviourItemFactory.build(version=draft, code="sr 1")
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "bijvoorbeeld SR-1" in error.value.message_dict["code"][0]


def test_exactly_one_version_is_current(current_version):
    assert ChecklistVersion.objects.filter(status=ChecklistVersion.Status.PUBLISHED).count() == 1
    assert ChecklistVersion.objects.current() == current_version
    assert current_version.is_current
