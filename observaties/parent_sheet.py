"""The sheet for the parent: what went well, what to practise, why it matters, what was agreed.

The checklist suggests the text; the professional may change it until the observation is
approved, when it is stored (`ParentSheet`) and reads the same from then on. The wording comes
from the catalogue's parent texts, in plain language; nothing of the stress factors reaches the
sheet unless the professional chose to share that note with the parent.
"""

from dataclasses import dataclass, fields

from django.db.models import Q
from django.utils.translation import gettext as _

from hechting import plain_language
from observaties import selectors
from observaties.models import ParentSheet

MAX_PRACTICE_POINTS = 2


@dataclass
class SheetText:
    """The parts of the sheet that the professional may reword."""

    went_well: str = ""  # one point per line
    practise: str = ""  # one point per line
    why: str = ""
    at_home: str = ""

    @classmethod
    def from_sheet(cls, sheet: ParentSheet):
        return cls(**{f.name: getattr(sheet, f.name) for f in fields(cls)})

    def as_fields(self):
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def problems(self):
        """What the parent could not use, per part: jargon, or more than two things to practise."""
        problems = {}
        for f in fields(self):
            jargon = plain_language.jargon_in(getattr(self, f.name))
            if jargon:
                problems[f.name] = [
                    _(
                        "Gebruik op het blad voor de ouder geen vaktaal: %(words)s. Zeg het in "
                        "gewone woorden."
                    )
                    % {"words": ", ".join(jargon)}
                ]
        if len(_lines(self.practise)) > MAX_PRACTICE_POINTS:
            problems.setdefault("practise", []).append(
                _("Hoogstens twee dingen om te oefenen: dat is te doen.")
            )
        return problems


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def suggestion(report) -> SheetText:
    """The text the checklist suggests, from the observation's report (`observation_report`)."""
    observation = report.observation
    name = observation.child.name
    points = [option for option in report.scale if not option.is_no_opportunity]
    # The upper half of the scale: what the professional saw often or (almost) always.
    seen_often = {option.pk for option in points[len(points) // 2 :]}
    went_well = [
        plain_language.for_child(scored.item.parent_wording, name)
        for section in report.sections
        for scored in section.items
        if scored.option is not None
        and scored.option.pk in seen_often
        and scored.item.parent_wording
    ]
    if not went_well:
        went_well = [_("Je maakte tijd vrij voor dit bezoek.")]
    practise = [
        plain_language.for_child(section.content.parent_tip, name)
        for section in report.sections
        if section.is_work_point and section.content and section.content.parent_tip
    ][:MAX_PRACTICE_POINTS]
    return SheetText(
        went_well="\n".join(went_well),
        practise="\n".join(practise),
        why=plain_language.for_child(report.version.parent_benefits, name),
        at_home="\n".join(answer.note.strip() for answer in report.shared_notes),
    )


@dataclass
class Sheet:
    """The sheet as the parent gets it."""

    observation: object
    text: SheetText
    stored: ParentSheet | None
    agreements: list

    @property
    def child_name(self):
        return self.observation.child.name

    @property
    def is_final(self):
        return self.stored is not None and self.stored.final_at is not None

    @property
    def is_edited(self):
        return self.stored is not None and self.stored.edited_by_id is not None

    @property
    def checklist_changed_since_edit(self):
        """The professional reworded the sheet and then changed the checklist."""
        return (
            self.is_edited
            and not self.is_final
            and self.observation.updated_at > self.stored.edited_at
        )

    @property
    def went_well(self):
        return _lines(self.text.went_well)

    @property
    def practise(self):
        return _lines(self.text.practise)

    @property
    def at_home(self):
        return _lines(self.text.at_home)

    @property
    def why(self):
        return _lines(self.text.why)

    @property
    def plain_text(self):
        """Everything the parent reads, for the plain-language check."""
        return "\n".join(
            [
                *self.went_well,
                *self.practise,
                *self.why,
                *self.at_home,
                *(agreement.what for agreement in self.agreements),
            ]
        )


def sheet_for(observation) -> Sheet:
    """The stored sheet once there is one, otherwise the suggestion from the checklist."""
    stored = ParentSheet.objects.filter(observation=observation).first()
    if stored is not None:
        text = SheetText.from_sheet(stored)
    else:
        text = suggestion(selectors.observation_report(observation, history=False))
    return Sheet(
        observation=observation,
        text=text,
        stored=stored,
        agreements=parent_agreements(observation),
    )


def parent_agreements(observation):
    """The agreements the parent reads: every general one, and an action on a stress factor only
    when the professional shares that factor's note with the parent."""
    shared = observation.context_answers.filter(share_with_parent=True).values("factor_id")
    return list(observation.agreements.filter(Q(factor__isnull=True) | Q(factor_id__in=shared)))
