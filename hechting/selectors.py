"""Reads of the checklist catalogue, with their joins decided here."""

from dataclasses import dataclass

from hechting.models import BehaviourItem, ChecklistVersion, Condition, ConditionContent


@dataclass(frozen=True)
class ConditionSection:
    """One condition as a version presents it: its texts and its items in order."""

    condition: Condition
    content: ConditionContent | None
    items: list[BehaviourItem]


def checklist_by_condition(version: ChecklistVersion) -> list[ConditionSection]:
    """The version's items grouped per condition, in the order professionals see them."""
    contents = {
        content.condition_id: content
        for content in version.condition_contents.select_related("condition")
    }
    items = list(version.items.select_related("condition"))
    return [
        ConditionSection(
            condition=condition,
            content=contents.get(condition.pk),
            items=[item for item in items if item.condition_id == condition.pk],
        )
        for condition in Condition.objects.all()
    ]
