"""The checklist as functional admins maintain it: versions, items, scale and context factors.

A published version is frozen for ever, because observations pin it and their reports must read
the same years later. Every write path of the ORM (save, delete, queryset update, delete and
bulk_create) refuses to change a frozen version or anything in it.

One module per concept; everything is importable from here as before.
"""

from hechting.models.contents import (
    BehaviourItem,
    ConditionContent,
    ContextFactor,
    ScaleOption,
)
from hechting.models.guidance import (
    InterventionPointer,
    MeldcodeText,
)
from hechting.models.judgements import (
    AgeHint,
    FitQuestion,
)
from hechting.models.sourced import (
    SOURCED_TEXTS,
)
from hechting.models.sources import (
    KNOWLEDGE_PAGE_CITATION,
    KNOWLEDGE_PAGE_TITLE,
    TextSource,
    code_validator,
    source_field,
)
from hechting.models.versions import (
    ChecklistVersion,
    ChecklistVersionQuerySet,
    Condition,
    FrozenChecklistError,
    VersionedPart,
    VersionedPartQuerySet,
)

__all__ = [
    "KNOWLEDGE_PAGE_CITATION",
    "KNOWLEDGE_PAGE_TITLE",
    "SOURCED_TEXTS",
    "AgeHint",
    "BehaviourItem",
    "ChecklistVersion",
    "ChecklistVersionQuerySet",
    "Condition",
    "ConditionContent",
    "ContextFactor",
    "FitQuestion",
    "FrozenChecklistError",
    "InterventionPointer",
    "MeldcodeText",
    "ScaleOption",
    "TextSource",
    "VersionedPart",
    "VersionedPartQuerySet",
    "code_validator",
    "source_field",
]
