"""Reads of the checklist catalogue, with their joins decided here."""

from dataclasses import dataclass, field

from hechting.models import (
    SOURCED_TEXTS,
    AgeHint,
    BehaviourItem,
    ChecklistVersion,
    Condition,
    ConditionContent,
    ContextFactor,
    FitQuestion,
    InterventionPointer,
    MeldcodeText,
    ScaleOption,
    TextSource,
)

# Every field naming a text's source, on any part.
_SOURCE_FIELDS = {name for pairs in SOURCED_TEXTS.values() for _text, name in pairs}


@dataclass(frozen=True)
class ConditionSection:
    """One condition as a version presents it: its texts, its items in order, its questions of
    fit and of the child's signals (from version 4 on) and its hints per age band."""

    condition: Condition
    content: ConditionContent | None
    items: list[BehaviourItem]
    fit_questions: list[FitQuestion] = field(default_factory=list)
    age_hints: list[AgeHint] = field(default_factory=list)

    def age_hints_for(self, age_in_months):
        """The hints whose age band holds the child's age at the visit."""
        return [hint for hint in self.age_hints if hint.fits_age(age_in_months)]


@dataclass(frozen=True)
class VersionContent:
    """Everything a version presents: its conditions with items, its scale, its stress factors."""

    sections: list[ConditionSection]
    scale: list[ScaleOption]
    factors: list[ContextFactor]
    pointers: list[InterventionPointer] = field(default_factory=list)
    sources: dict[int, TextSource] = field(default_factory=dict)
    benefits: str = ""
    benefits_source: TextSource | None = None
    stress_guidance_source: TextSource | None = None
    parent_benefits: str = ""
    parent_benefits_source: TextSource | None = None
    safety_guidance: str = ""
    safety_guidance_source: TextSource | None = None
    asks_injury_alarm: bool = False
    injury_guidance: str = ""
    injury_guidance_source: TextSource | None = None
    meldcode_steps: list[MeldcodeText] = field(default_factory=list)
    meldcode_questions: list[MeldcodeText] = field(default_factory=list)

    def step_name(self, number):
        """The organisation's name of meldcode step `number`, or the number alone."""
        for step in self.meldcode_steps:
            if step.number == number:
                return step.text
        return str(number) if number else ""

    @property
    def organisation_sources(self):
        """Who wrote the organisation's texts, once each, for a report's list of sources; the
        sources of the safety part's texts only where they also serve another text, so that a
        report names nothing that hints at a safety concern."""
        safety_only = {
            getattr(source, "pk", None)
            for source in (
                self.safety_guidance_source,
                self.injury_guidance_source,
                *(text.text_source for text in self.meldcode_steps + self.meldcode_questions),
            )
        } - self._sources_outside_safety()
        return [
            source
            for source in self.sources.values()
            if source.is_organisation and source.pk not in safety_only
        ]

    def _sources_outside_safety(self):
        parts = [
            *(section.content for section in self.sections),
            *(item for section in self.sections for item in section.items),
            *(part for section in self.sections for part in section.fit_questions),
            *(part for section in self.sections for part in section.age_hints),
            *self.scale,
            *self.factors,
            *self.pointers,
        ]
        used = {getattr(part, name, None) for part in parts if part for name in _SOURCE_FIELDS}
        used |= {self.benefits_source, self.stress_guidance_source, self.parent_benefits_source}
        return {source.pk for source in used if source is not None}

    def item_ids(self):
        return {item.pk for section in self.sections for item in section.items}

    @property
    def fit_questions(self):
        return [question for section in self.sections for question in section.fit_questions]

    def source(self, source_id):
        """A text's source by its id, or None when the text has none (version 1)."""
        return self.sources.get(source_id)

    def pointers_for(self, condition, age_in_months):
        """The pointers for `condition` that may be offered for a child of this age."""
        return [
            pointer
            for pointer in self.pointers
            if condition.pk in pointer.condition_ids and pointer.fits_age(age_in_months)
        ]


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
    questions = list(version.fit_questions.all())
    age_hints = list(version.age_hints.all())
    sections = [
        ConditionSection(
            condition=condition,
            content=contents.get(condition.pk),
            items=[item for item in items if item.condition_id == condition.pk],
            fit_questions=[q for q in questions if q.condition_id == condition.pk],
            age_hints=[hint for hint in age_hints if hint.condition_id == condition.pk],
        )
        for condition in Condition.objects.all()
    ]
    pointers = list(version.pointers.prefetch_related("conditions"))
    for pointer in pointers:
        pointer.condition_ids = {condition.pk for condition in pointer.conditions.all()}
    scale = list(version.scale_options.all())
    factors = list(version.context_factors.all())
    meldcode = list(version.meldcode_texts.all())
    sources = {source.pk: source for source in version.sources.all()}
    # Each text's source from the one read above, instead of a query per text when shown.
    for part in [*contents.values(), *items, *questions, *age_hints, *scale, *factors]:
        for _text, name in SOURCED_TEXTS[type(part)]:
            setattr(part, name, sources.get(getattr(part, f"{name}_id")))
    for part in [*pointers, *meldcode]:
        for _text, name in SOURCED_TEXTS[type(part)]:
            setattr(part, name, sources.get(getattr(part, f"{name}_id")))
    return VersionContent(
        sections=sections,
        scale=scale,
        factors=factors,
        pointers=pointers,
        sources=sources,
        benefits=version.benefits,
        benefits_source=sources.get(version.benefits_source_id),
        stress_guidance_source=sources.get(version.stress_guidance_source_id),
        parent_benefits=version.parent_benefits,
        parent_benefits_source=sources.get(version.parent_benefits_source_id),
        safety_guidance=version.safety_guidance,
        safety_guidance_source=sources.get(version.safety_guidance_source_id),
        asks_injury_alarm=version.asks_injury_alarm,
        injury_guidance=version.injury_guidance,
        injury_guidance_source=sources.get(version.injury_guidance_source_id),
        meldcode_steps=[text for text in meldcode if text.kind == MeldcodeText.Kind.STEP],
        meldcode_questions=[text for text in meldcode if text.kind == MeldcodeText.Kind.QUESTION],
    )
