"""Every text of a version and the field that names its source, per part."""

from hechting.models.contents import BehaviourItem, ConditionContent, ContextFactor, ScaleOption
from hechting.models.guidance import InterventionPointer, MeldcodeText
from hechting.models.judgements import AgeHint, FitQuestion
from hechting.models.versions import ChecklistVersion

# Every text of a version and the field that names its source, per part.
SOURCED_TEXTS = {
    ChecklistVersion: [
        ("stress_guidance", "stress_guidance_source"),
        ("benefits", "benefits_source"),
        ("parent_benefits", "parent_benefits_source"),
        ("safety_guidance", "safety_guidance_source"),
        ("injury_guidance", "injury_guidance_source"),
    ],
    ConditionContent: [
        ("explanation", "explanation_source"),
        ("item_intro", "item_intro_source"),
        ("guidance", "guidance_source"),
        ("advice", "advice_source"),
        ("parent_tip", "parent_tip_source"),
    ],
    BehaviourItem: [
        ("text", "text_source"),
        ("hint", "hint_source"),
        ("parent_wording", "parent_wording_source"),
        ("parent_tip", "parent_tip_source"),
    ],
    ScaleOption: [("definition", "definition_source")],
    ContextFactor: [
        ("label", "label_source"),
        ("hint", "hint_source"),
        ("action_suggestions", "action_suggestions_source"),
        ("referral_example", "referral_example_source"),
    ],
    MeldcodeText: [("text", "text_source")],
    InterventionPointer: [("description", "source")],
    FitQuestion: [
        ("text", "text_source"),
        ("hint", "hint_source"),
        ("not_fitting", "not_fitting_source"),
    ],
    AgeHint: [("text", "text_source")],
}
