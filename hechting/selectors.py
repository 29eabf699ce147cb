"""Reads of the checklist catalogue, with their joins decided here."""

from dataclasses import dataclass

from hechting.models import (
    BehaviourItem,
    ChecklistVersion,
    Condition,
    ConditionContent,
    ContextFactor,
    ScaleOption,
)


@dataclass(frozen=True)
class ConditionSection:
    """One condition as a version presents it: its texts and its items in order."""

    condition: Condition
    content: ConditionContent | None
    items: list[BehaviourItem]


@dataclass(frozen=True)
class VersionContent:
    """Everything a version presents: its conditions with items, its scale, its stress factors."""

    sections: list[ConditionSection]
    scale: list[ScaleOption]
    factors: list[ContextFactor]

    def item_ids(self):
        return {item.pk for section in self.sections for item in section.items}


# Published and retired versions are frozen (every write path refuses changes), so their content
# is read once per process. The instances are shared between requests: read them, never change.
_frozen: dict[int, VersionContent] = {}


def version_content(version: ChecklistVersion) -> VersionContent:
    if version.status == ChecklistVersion.Status.DRAFT:
        return _read(version)
    content = _frozen.get(version.pk)
    if content is None:
        content = _frozen[version.pk] = _read(version)
    return content


def forget_frozen_versions():
    """For tests, whose rolled-back databases may reuse a version's id."""
    _frozen.clear()


def checklist_by_condition(version: ChecklistVersion) -> list[ConditionSection]:
    """The version's items grouped per condition, in the order professionals see them."""
    return version_content(version).sections


def _read(version):
    contents = {
        content.condition_id: content
        for content in version.condition_contents.select_related("condition")
    }
    items = list(version.items.select_related("condition"))
    sections = [
        ConditionSection(
            condition=condition,
            content=contents.get(condition.pk),
            items=[item for item in items if item.condition_id == condition.pk],
        )
        for condition in Condition.objects.all()
    ]
    return VersionContent(
        sections=sections,
        scale=list(version.scale_options.all()),
        factors=list(version.context_factors.all()),
    )
