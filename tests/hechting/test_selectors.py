"""A published version is frozen, so its content is read once per process; a draft never is."""

import pytest

from hechting.models import BehaviourItem
from hechting.selectors import version_content
from hechting.services import checklist_version_publish

pytestmark = pytest.mark.django_db


def _texts(content):
    return [item.text for section in content.sections for item in section.items]


def test_a_published_version_is_read_from_the_database_once(
    current_version, django_assert_num_queries
):
    first = version_content(current_version)
    with django_assert_num_queries(0):
        again = version_content(current_version)
    assert again is first
    assert len(_texts(first)) == 8
    assert len(first.scale) == 5
    assert len(first.factors) == 6


def test_a_draft_is_read_afresh_so_the_admin_preview_shows_each_edit(draft):
    before = version_content(draft)
    item = BehaviourItem.objects.get(version=draft, code="SR-2")
    item.text = "Lacht naar het kind als het kind lacht."
    item.save()
    assert "Lacht naar het kind als het kind lacht." not in _texts(before)
    assert "Lacht naar het kind als het kind lacht." in _texts(version_content(draft))


def test_a_draft_read_before_publishing_shows_its_final_text_once_published(draft):
    version_content(draft)
    BehaviourItem.objects.filter(version=draft, code="SR-2").update(
        text="een vriendelijke gezichtsuitdrukking heeft"
    )
    published = checklist_version_publish(version=draft)
    assert "een vriendelijke gezichtsuitdrukking heeft" in _texts(version_content(published))
