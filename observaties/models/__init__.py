"""Families, children and what professionals observed at home visits.

No BSN and no addresses: a family is known here only by the case reference of the organisation's
own client file (data minimisation).

One module per concept; everything is importable from here as before.
"""

from observaties.models.agreements import (
    Agreement,
    AgreementFollowUp,
)
from observaties.models.base import (
    NOTE_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    choice_label,
)
from observaties.models.deliveries import (
    Delivery,
)
from observaties.models.documents import (
    ArchiveAlarm,
    ArchivedDocument,
    ParentSheet,
)
from observaties.models.dossiers import (
    Child,
    Family,
    FamilyReopening,
)
from observaties.models.kept_forms import (
    KeptForm,
)
from observaties.models.observations import (
    CaregiverChange,
    CaregiverEntry,
    ConditionReflection,
    ContextAnswer,
    FitAnswer,
    ItemScore,
    Observation,
    StatusChange,
)
from observaties.models.safety import (
    SafetyAssessment,
    SafetyConcern,
    SafetyConsultation,
    SafetyNote,
)

__all__ = [
    "NOTE_MAX_LENGTH",
    "TEXT_MAX_LENGTH",
    "Agreement",
    "AgreementFollowUp",
    "ArchiveAlarm",
    "ArchivedDocument",
    "CaregiverChange",
    "CaregiverEntry",
    "Child",
    "ConditionReflection",
    "ContextAnswer",
    "Delivery",
    "Family",
    "FamilyReopening",
    "FitAnswer",
    "ItemScore",
    "KeptForm",
    "Observation",
    "ParentSheet",
    "SafetyAssessment",
    "SafetyConcern",
    "SafetyConsultation",
    "SafetyNote",
    "StatusChange",
    "choice_label",
]
