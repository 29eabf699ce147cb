"""What one save of the checklist records, keyed by the pinned version's own ids.

Rows of a table (agreements, caregivers, changes) keep their place on the form, blank rows
included, so that a rule can name the row it is about; the save stores only the rows filled in.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from observaties.models import SafetyAssessment


@dataclass
class SafetyContent:
    """The checklist's section on the child's safety, along the meldcode."""

    concern: str = ""  # "ja", "nee" or "" (not answered yet)
    signals: str = ""
    step: int | None = None
    step_on: date | None = None
    consulted: str = ""
    consulted_on: date | None = None
    answers: dict[int, tuple[str, date | None]] = field(default_factory=dict)  # question: (ja/nee)
    decision: str = ""
    decision_on: date | None = None
    decision_note: str = ""

    def assessment_fields(self) -> dict:
        fields = {
            "signals": self.signals,
            "step": self.step,
            "step_on": self.step_on,
            "consulted": self.consulted,
            "consulted_on": self.consulted_on,
            "decision": self.decision,
            "decision_on": self.decision_on,
            "decision_note": self.decision_note,
        }
        for number in SafetyAssessment.QUESTIONS:
            answer, on = self.answers.get(number, ("", None))
            fields[f"answer_{number}"] = answer
            fields[f"answer_{number}_on"] = on
        return fields

    @property
    def has_details(self) -> bool:
        """Anything filled in besides the answer to "any concern?"."""
        return any(
            value not in (None, "")
            for name, value in self.assessment_fields().items()
            if not name.startswith("answer_")
        ) or any(answer or on for answer, on in self.answers.values())

    @classmethod
    def of(cls, assessment) -> "SafetyContent":
        """A stored part of a concern as content: this visit's, or one to bring up to date."""
        return cls(
            concern="ja",
            signals=assessment.signals,
            step=assessment.step,
            step_on=assessment.step_on,
            consulted=assessment.consulted,
            consulted_on=assessment.consulted_on,
            answers={number: (answer, on) for number, answer, on in assessment.answers},
            decision=assessment.decision,
            decision_on=assessment.decision_on,
            decision_note=assessment.decision_note,
        )


@dataclass
class ObservationContent:
    """Everything the checklist form records, keyed by the pinned version's own ids."""

    caregiver: str
    visit_date: date
    setting: str
    scores: dict[int, tuple[int | None, str]] = field(default_factory=dict)  # item: (option, note)
    reflections: dict[int, str] = field(default_factory=dict)  # condition id: text
    context: dict[int, tuple[str, str]] = field(default_factory=dict)  # factor: (answer, note)
    conclusion: str = ""
    next_visit: date | None = None
    discussed_on: date | None = None
    parent_reaction: str = ""
    shared_factors: set[int] = field(default_factory=set)  # factors whose note the parent gets
    # rows: (what, who, who else, due)
    agreements: list[tuple[str, str, str, date | None]] = field(default_factory=list)
    # per stress factor answered "ja": an action (what, who, who else, due) or who is already on it
    stress_actions: dict[int, tuple[str, str, str, date | None]] = field(default_factory=dict)
    underway: dict[int, str] = field(default_factory=dict)
    safety: SafetyContent = field(default_factory=SafetyContent)
    # agreement id of an earlier visit: (outcome, note)
    follow_ups: dict[int, tuple[str, str]] = field(default_factory=dict)
    work_points: dict[int, str] = field(default_factory=dict)  # condition id: "ja", "nee" or ""
    # rows: (relation, days per week, note)
    caregivers: list[tuple[str, Decimal | None, str]] = field(default_factory=list)
    # rows: (what, cause, outside the parent's control (None: as the cause says), month)
    changes: list[tuple[str, str, bool | None, date | None]] = field(default_factory=list)
