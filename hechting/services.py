"""Writes that change the checklist catalogue as a whole: drafting and publishing versions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hechting.models import (
    BehaviourItem,
    ChecklistVersion,
    Condition,
    ConditionContent,
    ContextFactor,
    ScaleOption,
)

_COPIED_PARTS = (ConditionContent, BehaviourItem, ScaleOption, ContextFactor)


@transaction.atomic
def checklist_version_create_draft(*, source: ChecklistVersion | None = None) -> ChecklistVersion:
    """Start a new draft as a deep copy of `source`, by default the current version."""
    if ChecklistVersion.objects.filter(status=ChecklistVersion.Status.DRAFT).exists():
        raise ValidationError(
            _("Er is al een conceptversie. Werk die bij of verwijder haar eerst.")
        )
    if source is None:
        source = ChecklistVersion.objects.current()
    highest = ChecklistVersion.objects.aggregate(highest=Max("number"))["highest"] or 0
    draft = ChecklistVersion(
        number=highest + 1,
        status=ChecklistVersion.Status.DRAFT,
        stress_guidance=source.stress_guidance,
        based_on=source,
    )
    draft.full_clean()
    draft.save()
    for part in _COPIED_PARTS:
        copies = []
        for original in part.objects.filter(version=source):
            original.pk = None
            original.version = draft
            copies.append(original)
        part.objects.bulk_create(copies)
    return draft


def checklist_version_problems(version: ChecklistVersion) -> list[str]:
    """What stands in the way of publishing this version, in words for the functional admin."""
    problems = []
    item_conditions = set(version.items.values_list("condition_id", flat=True))
    contents = {content.condition_id: content for content in version.condition_contents.all()}
    for condition in Condition.objects.all():
        if condition.pk not in item_conditions:
            problems.append(
                _("Voorwaarde ‘%(condition)s’ heeft geen gedragsitems.")
                % {"condition": condition.name}
            )
        content = contents.get(condition.pk)
        if content is None or not content.explanation.strip():
            problems.append(
                _("Voorwaarde ‘%(condition)s’ heeft geen uitleg.") % {"condition": condition.name}
            )
    options = list(version.scale_options.all())
    if sum(not option.is_no_opportunity for option in options) < 2:
        problems.append(_("De antwoordschaal heeft minstens twee antwoordmogelijkheden nodig."))
    if not any(option.is_no_opportunity for option in options):
        problems.append(_("De antwoordschaal mist de optie ‘geen gelegenheid om te observeren’."))
    if not version.stress_guidance.strip():
        problems.append(_("De toelichting bij de randvoorwaarden is leeg."))
    return problems


@transaction.atomic
def checklist_version_publish(*, version: ChecklistVersion) -> ChecklistVersion:
    """Make a draft the current version and retire the one before it, or change nothing."""
    version = ChecklistVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        raise ValidationError(_("Alleen een conceptversie kan worden gepubliceerd."))
    problems = checklist_version_problems(version)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    previous = (
        ChecklistVersion.objects.select_for_update()
        .filter(status=ChecklistVersion.Status.PUBLISHED)
        .first()
    )
    if previous is not None:
        previous.status = ChecklistVersion.Status.RETIRED
        previous.retired_at = now
        previous.save()
    version.status = ChecklistVersion.Status.PUBLISHED
    version.published_at = now
    version.save()
    return version
