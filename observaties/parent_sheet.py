"""The sheet for the parent: what went well, what to practise, why it matters, what was agreed.

The checklist suggests the text; the professional may change it until the observation is
approved, when it is stored (`ParentSheet`) and reads the same from then on. The wording comes
from the catalogue's parent texts, in plain language; nothing of the stress factors reaches the
sheet unless the professional chose to share that note with the parent.
"""

from dataclasses import dataclass, fields

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hechting import plain_language
from observaties import selectors
from observaties.models import FitAnswer, ParentSheet

MAX_PRACTICE_POINTS = 2
# The parts as the sheet heads them.
PART_TITLES = {
    "went_well": gettext_lazy("Wat ging goed?"),
    "practise": gettext_lazy("Wat gaan we samen oefenen?"),
    "why": gettext_lazy("Waarom is dit belangrijk?"),
    "at_home": gettext_lazy("Wat speelt er thuis?"),
}


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

    def problems(self, child_name=""):
        """What the parent could not use or would read wrongly, per part: jargon, "het kind"
        instead of the name, words assuming the family or the child's gender, or more than two
        things to practise. These stop a save."""
        problems = {}
        for f in fields(self):
            text = getattr(self, f.name)
            jargon = plain_language.jargon_in(text)
            if jargon:
                problems.setdefault(f.name, []).append(
                    _(
                        "Gebruik op het blad voor de ouder geen vaktaal: %(words)s. Zeg het in "
                        "gewone woorden."
                    )
                    % {"words": ", ".join(jargon)}
                )
            if plain_language.names_child_generically(text):
                problems.setdefault(f.name, []).append(
                    _("Schrijf de naam %(name)s in plaats van ‘het kind’.")
                    % {"name": child_name or _("van het kind")}
                )
            assumed = plain_language.assumptions_in(text)
            if assumed:
                problems.setdefault(f.name, []).append(
                    _(
                        "‘%(words)s’ gaat ervan uit wie er in het gezin zijn, of of het kind een "
                        "jongen of een meisje is. Schrijf de naam, of ‘jij’."
                    )
                    % {"words": "’, ‘".join(assumed)}
                )
        if len(_lines(self.practise)) > MAX_PRACTICE_POINTS:
            problems.setdefault("practise", []).append(
                _("Hoogstens twee dingen om te oefenen: dat is te doen.")
            )
        return problems

    def notices(self):
        """What the professional should look at again, without stopping a save: a part whose
        sentences are long on average, and a line that says there is nothing to practise beside
        a tip to practise."""
        notices = []
        limit = plain_language.MAX_AVERAGE_SENTENCE_WORDS
        for f in fields(self):
            average = plain_language.average_sentence_length(getattr(self, f.name))
            if average > limit:
                notices.append(
                    _(
                        "‘%(part)s’ heeft gemiddeld %(average)s woorden per zin (streef: "
                        "hoogstens %(limit)s). Maak de zinnen korter."
                    )
                    % {
                        "part": PART_TITLES[f.name],
                        "average": number_format(round(average, 1), 1),
                        "limit": limit,
                    }
                )
        tips = [
            line
            for line in _lines(self.practise)
            if not plain_language.says_nothing_to_practise(line)
        ]
        if tips:
            for f in fields(self):
                for line in _lines(getattr(self, f.name)):
                    if plain_language.says_nothing_to_practise(line):
                        notices.append(
                            _(
                                "‘%(line)s’ spreekt de oefentip tegen (‘%(tip)s’). Haal een "
                                "van beide weg."
                            )
                            % {"line": line, "tip": tips[0]}
                        )
        return notices


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def suggestion(report) -> SheetText:
    """The text the checklist suggests, from the observation's report (`observation_report`)."""
    observation = report.observation
    name = observation.child.name
    points = [option for option in report.scale if not option.is_no_opportunity]
    # The upper half of the scale: what the professional saw often or (almost) always.
    seen_often = {option.pk for option in points[len(points) // 2 :]}
    # Behaviour under a condition where the professional judged that the parent's responses
    # mostly did not fit is not praised: seen often is not the same as fitting.
    went_well = [
        plain_language.for_child(scored.item.parent_wording, name)
        for section in report.sections
        if not _mostly_not_fitting(section)
        for scored in section.items
        if scored.option is not None
        and scored.option.pk in seen_often
        and scored.item.parent_wording
    ]
    if not went_well:
        went_well = [_("Je maakte tijd vrij voor dit bezoek.")]
    practise = [
        plain_language.for_child(tip, name) for tip in _practice_tips(report.sections, seen_often)
    ]
    return SheetText(
        went_well="\n".join(went_well),
        practise="\n".join(practise),
        why=plain_language.for_child(report.version.parent_benefits, name),
        at_home="\n".join(answer.note.strip() for answer in report.shared_notes),
    )


def _mostly_not_fitting(section):
    return any(
        judged.question.is_about_the_parent
        and judged.answer is not None
        and judged.answer.answer == FitAnswer.Answer.MOSTLY_NOT
        for judged in section.fits
    )


def _practice_tips(sections, seen_often):
    """At most two tips, from the werkpunten: per condition the tips of its items that were seen
    little (the lower half of the scale; never an item the sheet praises), or else the
    condition's own tip; taken in turn from each condition, so two werkpunten get one each."""
    per_condition = []
    for section in sections:
        if not section.is_work_point:
            continue
        behind = [
            scored.item.parent_tip
            for scored in section.items
            if scored.option is not None
            and not scored.option.is_no_opportunity
            and scored.option.pk not in seen_often
            and scored.item.parent_tip
        ]
        if not behind and section.content and section.content.parent_tip:
            behind = [section.content.parent_tip]
        per_condition.append(behind)
    tips = []
    for turn in range(MAX_PRACTICE_POINTS):
        tips.extend(behind[turn] for behind in per_condition if len(behind) > turn)
    return tips[:MAX_PRACTICE_POINTS]


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

    def to_look_at(self):
        """Everything on the sheet the professional should look at before the parent gets it:
        what a save of the wording refuses, what it only points out, and the same words in the
        agreements (which the checklist words)."""
        found = [
            message
            for messages in self.text.problems(self.child_name).values()
            for message in messages
        ]
        found += self.text.notices()
        for agreement in self.agreements:
            words = plain_language.assumptions_in(agreement.what)
            if plain_language.names_child_generically(agreement.what) or words:
                found.append(
                    _(
                        "De afspraak ‘%(what)s’ zegt ‘het kind’ of neemt iets aan over het gezin; "
                        "pas haar aan in de checklist."
                    )
                    % {"what": agreement.what}
                )
        return found

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
