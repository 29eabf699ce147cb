"""The three conditions for secure attachment: per condition its behaviour items with their
notes, the professional's judgement of fit and of the child's signals (from version 4 on), the
professional's werkpunt (from version 2 on) and their reflection."""

from crispy_forms.layout import Div
from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from hechting.models import Condition
from observaties import selectors
from observaties.checklist.markup import (
    NOTE,
    RADIOS,
    ItemRows,
    ReflectionNote,
    SafeHtml,
    Slot,
    checkbox,
    note_field,
    radio_group,
    slot,
    source_mark,
)
from observaties.models import NOTE_MAX_LENGTH, TEXT_MAX_LENGTH, ConditionReflection, FitAnswer

# What did not fit: a field misfit_<name>_<question id> each, named as FitAnswer's fields.
MISFITS = FitAnswer.MISFITS


class ConditionsPart:
    def __init__(self, version, *, work_points: bool, network: bool):
        self.version = version
        self.sections = version.sections
        self.work_points = work_points  # the version asks the professional's werkpunt
        self.network = network  # continuity is recorded as the caregiver network

    def fields(self):
        no_opportunity = [o for o in self.version.scale if o.is_no_opportunity]
        choices = [(str(o.pk), o.label) for o in self.version.scale if not o.is_no_opportunity]
        choices += [(str(o.pk), o.label) for o in no_opportunity]
        for section in self.sections:
            for item in section.items:
                yield (
                    f"item_{item.pk}",
                    forms.ChoiceField(
                        label=f"{item.code} {item.text}",
                        choices=choices,
                        widget=forms.RadioSelect(attrs=RADIOS),
                        required=False,
                    ),
                )
                yield (
                    f"note_{item.pk}",
                    forms.CharField(
                        label=_("Toelichting bij %(code)s") % {"code": item.code},
                        widget=forms.Textarea(attrs=NOTE),
                        max_length=NOTE_MAX_LENGTH,
                        required=False,
                    ),
                )
            yield from _fit_fields(section)
            named = {"condition": section.condition.name}
            yield (
                f"reflection_{section.condition.pk}",
                forms.CharField(
                    label=(
                        _("Waarom? Schrijf het in je eigen woorden (‘%(condition)s’)")
                        if self.work_points
                        else _("Reflectie op ‘%(condition)s’")
                    )
                    % named,
                    widget=forms.Textarea(attrs={**NOTE, "rows": 2}),
                    max_length=TEXT_MAX_LENGTH,
                    required=False,
                ),
            )
            if self.work_points:
                yield (
                    f"work_point_{section.condition.pk}",
                    forms.ChoiceField(
                        label=_("Is ‘%(condition)s’ een werkpunt met de ouder?") % named,
                        choices=ConditionReflection.WorkPoint.choices,
                        widget=forms.RadioSelect(attrs=RADIOS),
                        required=False,
                        help_text=_(
                            "Jouw eigen oordeel; de telling hierboven is alleen een hulpmiddel."
                        ),
                    ),
                )

    @staticmethod
    def initial(content):
        initial = {}
        for pk, (option, note) in content.scores.items():
            if option is not None:
                initial[f"item_{pk}"] = str(option)
            initial[f"note_{pk}"] = note
        for pk, text in content.reflections.items():
            initial[f"reflection_{pk}"] = text
        for pk, work_point in content.work_points.items():
            initial[f"work_point_{pk}"] = work_point
        for pk, (answer, misfits, note) in content.fits.items():
            initial[f"fit_{pk}"] = answer
            initial[f"fit_note_{pk}"] = note
            for name, misfit in MISFITS:
                initial[f"misfit_{name}_{pk}"] = misfit in misfits
        return initial

    def content(self, data):
        items = [item for section in self.sections for item in section.items]
        conditions = [section.condition.pk for section in self.sections]
        return {
            "scores": {
                item.pk: (
                    int(data[f"item_{item.pk}"]) if data.get(f"item_{item.pk}") else None,
                    data.get(f"note_{item.pk}", ""),
                )
                for item in items
            },
            "reflections": {pk: data.get(f"reflection_{pk}", "") for pk in conditions},
            "work_points": {pk: data.get(f"work_point_{pk}", "") for pk in conditions},
            "fits": {
                question.pk: (
                    data.get(f"fit_{question.pk}", ""),
                    frozenset(
                        misfit
                        for name, misfit in MISFITS
                        if data.get(f"misfit_{name}_{question.pk}")
                    ),
                    data.get(f"fit_note_{question.pk}", ""),
                )
                for section in self.sections
                for question in section.fit_questions
            },
        }

    def introduction(self):
        """Why it matters (collapsed) and what each answer means, above the checklist."""
        version = self.version
        parts = []
        if version.benefits:
            parts.append(
                format_html(
                    '<details class="mb-3 benefits"><summary>{}</summary>'
                    '<p class="mb-1 pre-line">{}</p>{}</details>',
                    _("Waarom is veilige hechting belangrijk?"),
                    version.benefits,
                    source_mark(version.benefits_source),
                )
            )
        if any(option.definition for option in version.scale):
            parts.append(
                format_html(
                    '<details class="mb-3 scale-definitions"><summary>{}</summary>'
                    '<dl class="small mb-1">{}</dl>{}</details>',
                    _("Wat betekenen de antwoorden?"),
                    format_html_join(
                        "",
                        "<dt>{}</dt><dd>{}</dd>",
                        ((option.label, option.definition) for option in version.scale),
                    ),
                    source_mark(version.scale[0].definition_source),
                )
            )
        return format_html_join("", "{}", ((part,) for part in parts))

    def layout(self, number, *, network_layout=None):
        """Condition `number` (counted from 0); `network_layout` takes the items' place under
        continuity where the network is asked."""
        section = self.sections[number]
        key = section.condition.key
        content = section.content
        network = self.network and key == Condition.Key.CONTINUITY
        intro = format_html(
            "<p>{explanation} {mark}</p>"
            '<details class="mb-2"><summary>{guidance_title}</summary><p>{guidance} {guidance_mark}'
            "</p></details>{item_intro}",
            explanation=content.explanation if content else "",
            mark=source_mark(getattr(content, "explanation_source", None)),
            guidance_title=_("Wat kun je als professional doen?"),
            guidance=content.guidance if content else "",
            guidance_mark=source_mark(getattr(content, "guidance_source", None)),
            item_intro=format_html(
                '<p class="fw-semibold mb-1">{} {}</p>',
                content.item_intro,
                source_mark(content.item_intro_source),
            )
            if content and content.item_intro
            else "",
        )
        parts = [
            SafeHtml(
                format_html(
                    '<h2 class="h4" id="voorwaarde-{}">{}</h2>', key, section.condition.name
                )
            ),
            SafeHtml("") if network else Slot(_answered_count, number),
            SafeHtml(intro),
        ]
        if section.age_hints:
            parts.append(Slot(_age_hints, number))
        if network:
            parts.append(network_layout)
        else:
            items = [(f"item_{item.pk}", f"note_{item.pk}", _hint(item)) for item in section.items]
            parts.append(ItemRows(*items, note_class="item-note"))
        if section.fit_questions:
            parts.append(FitRows(section))
        if self.work_points:
            if not network:
                parts.append(Slot(_lower_half_hint, number))
            parts.append(ItemRows((f"work_point_{section.condition.pk}", None, "")))
        parts.append(ReflectionNote(f"reflection_{section.condition.pk}"))
        return Div(*parts, css_class="checklist-condition", data_checklist_condition=key)


@slot
def _answered_count(form, number):
    items = form.conditions.sections[number].items
    answered = sum(1 for item in items if form.value_of(f"item_{item.pk}"))
    return format_html(
        '<p class="answered-count small" aria-live="polite" data-template="{}">{}</p>',
        _("{answered} van {total} items beantwoord"),
        _("%(answered)s van %(total)s items beantwoord")
        % {"answered": answered, "total": len(items)},
    )


@slot
def _lower_half_hint(form, number):
    """The count behind version 1's rule, as information for the professional only."""
    scale = form.conditions.version.scale
    by_pk = {str(option.pk): option for option in scale}
    items = form.conditions.sections[number].items
    distribution = selectors.scale_distribution(
        scale, [by_pk.get(form.value_of(f"item_{item.pk}")) for item in items]
    )
    if not distribution.observed:
        return ""  # nothing observed yet: there is nothing to count
    return format_html(
        '<p class="small text-body-secondary mb-1">{}</p>',
        _(
            "Ter informatie: %(lower)s van de %(observed)s geobserveerde items staan op "
            "‘%(labels)s’. Of dit een werkpunt is, bepaal je zelf."
        )
        % {
            "lower": distribution.lower_half,
            "observed": distribution.observed,
            "labels": "’ of ‘".join(option.label for option in distribution.lower_points),
        },
    )


def _hint(item):
    if not item.hint:
        return ""
    return format_html(
        '<details class="hint"><summary>{}</summary><p class="mb-0">{} {}</p></details>',
        _("Waar let je op?"),
        item.hint,
        source_mark(item.hint_source),
    )


def _fit_fields(section):
    """Per question of fit or of the child's signals: the answer, what did not fit (for the
    parent's responses) and a note."""
    for question in section.fit_questions:
        choices = [
            (answer, FitAnswer.label(question, answer)) for answer in FitAnswer.Answer.values
        ]
        yield (
            f"fit_{question.pk}",
            forms.ChoiceField(
                label=f"{question.code} {question.text}",
                choices=choices,
                widget=forms.RadioSelect(attrs=RADIOS),
                required=False,
            ),
        )
        if question.is_about_the_parent:
            for name, misfit in MISFITS:
                yield (
                    f"misfit_{name}_{question.pk}",
                    forms.BooleanField(
                        label=_("%(code)s paste niet: %(kind)s")
                        % {"code": question.code, "kind": misfit.label},
                        required=False,
                    ),
                )
        yield (
            f"fit_note_{question.pk}",
            forms.CharField(
                label=_("Toelichting bij %(code)s") % {"code": question.code},
                widget=forms.Textarea(attrs=NOTE),
                max_length=NOTE_MAX_LENGTH,
                required=False,
            ),
        )


class FitRows(ItemRows):
    """The questions of fit and of the child's signals under a condition's items: a judgement
    of its own, never counted with the items. Under a question about the parent's responses,
    what did not fit, with the catalogue's prompt, and a pointer to the safety section when
    something frightening is ticked."""

    def __init__(self, section):
        self.section = section
        super().__init__(note_class="item-note")

    def render(self, form, context, **kwargs):
        rows = []
        for question in self.section.fit_questions:
            pk = question.pk
            misfit = ""
            if question.is_about_the_parent:
                misfit = format_html(
                    '<fieldset class="misfit mb-2"><legend class="small fw-semibold mb-1">{}'
                    "</legend>{}{}{}</fieldset>{}",
                    _("Bij ‘wisselend’ of ‘paste meestal niet’: wat paste niet?"),
                    format_html(
                        '<p class="small mb-1">{} {}</p>',
                        question.not_fitting,
                        source_mark(question.not_fitting_source),
                    )
                    if question.not_fitting
                    else "",
                    format_html_join(
                        "", "{}", ((checkbox(form[f"misfit_{name}_{pk}"]),) for name, _m in MISFITS)
                    ),
                    "",
                    Slot(_frightening, pk).render(form, context),
                )
            rows.append(
                format_html(
                    '<div class="checklist-item fit-question">{}{}{}{}</div>',
                    radio_group(form[f"fit_{pk}"]),
                    _hint(question),
                    misfit,
                    note_field(form[f"fit_note_{pk}"], self.note_class),
                )
            )
        return format_html(
            '<div class="fit-questions mt-3"><h3 class="h6">{}</h3><p class="small">{}</p>{}</div>',
            _("Paste het? Jouw oordeel"),
            _(
                "Naast hoe vaak je het gedrag zag: paste het bij wat het kind liet zien? Dit "
                "oordeel telt niet mee in een telling; het staat op zichzelf."
            ),
            format_html_join("", "{}", ((row,) for row in rows)),
        )


@slot
def _frightening(form, pk):
    """A pointer to the safety section when frightening behaviour is ticked; it never blocks."""
    if not form[f"misfit_frightening_{pk}"].value():
        return ""
    if "safety_concern" in form.fields:
        text = _(
            "Je kruiste ‘beangstigend’ aan. Leg wat je zag ook vast bij ‘Zorgen over de "
            "veiligheid van het kind’, en volg de meldcode van je organisatie."
        )
        return format_html(
            '<p class="alert alert-warning py-2 small" role="note">{} <a href="#veiligheid">{}</a>'
            "</p>",
            text,
            _("Naar de zorgen over de veiligheid"),
        )
    return format_html(
        '<p class="alert alert-warning py-2 small" role="note">{}</p>',
        _(
            "Je kruiste ‘beangstigend’ aan. Volg de meldcode van je organisatie en overleg met "
            "je teamleider."
        ),
    )


@slot
def _age_hints(form, number):
    """The organisation's hints for the child's age at the visit, where the page's example does
    not fit it."""
    section = form.conditions.sections[number]
    observation = form.observation
    hints = section.age_hints_for(observation.child.age_in_months(observation.visit_date))
    if not hints:
        return ""
    return format_html(
        '<div class="alert alert-light border small age-hints" role="note"><p class="fw-semibold'
        ' mb-1">{}</p><ul class="mb-0">{}</ul></div>',
        _("Bij de leeftijd van dit kind"),
        format_html_join(
            "",
            "<li>{}{} {}</li>",
            (
                (
                    format_html("<strong>{}</strong>: ", hint.item_code) if hint.item_code else "",
                    hint.text,
                    source_mark(hint.text_source),
                )
                for hint in hints
            ),
        ),
    )
