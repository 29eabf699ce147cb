"""The safety section, along the meldcode: any concern, and with one the signals (from version 3
with an injury and whether the child moves about by itself), the step reached, the consultations,
the conversation with the parent, the afwegingskader's questions and the decision, each dated."""

import dataclasses

from crispy_forms.layout import LayoutObject
from django import forms
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from core.forms import DateInput
from observaties.checklist.markup import (
    RADIOS,
    PlainField,
    column,
    radio_group,
    slot,
    source_mark,
    table_head,
    table_rows,
)
from observaties.models import (
    NOTE_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    SafetyAssessment,
    SafetyConsultation,
)
from observaties.models.safety import CONFIDENTIAL
from observaties.observations.content import SAFETY_DETAILS, SafetyContent

CONSULTATION_ROWS = 4  # this visit's consultations: fixed rows, so that no script is needed
_CONSULTATION_FIELDS = ("safety_consult_on", "safety_consult_with", "safety_consult_outcome")

_EMPTY = {field.name: field.default for field in dataclasses.fields(SafetyContent)}


def _blank(choices):
    """A select's choices, with "—" for nothing chosen yet."""
    return [("", "—"), *choices]


def _note(label):
    """A short note of the section: two rows, the notes' limit."""
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )


class SafetyPart:
    def __init__(self, version, answers):
        self.version = version
        self.answers = answers

    @property
    def carried(self):
        """The child's concern an earlier visit left open, carried on by this one."""
        answers = self.answers
        return answers.carried_safety.concern if answers and answers.carried_safety else None

    @property
    def earlier_consultations(self):
        """The concern's consultations recorded at other visits, shown above this visit's rows."""
        return self.answers.earlier_consultations if self.answers is not None else []

    def fields(self):
        dates = {"widget": DateInput(), "required": False}
        yield (
            "safety_concern",
            forms.ChoiceField(
                label=_("Heb je zorgen over de veiligheid van het kind?"),
                choices=[("nee", _("nee")), ("ja", _("ja"))],
                widget=forms.RadioSelect(attrs=RADIOS),
                required=False,
                help_text=_("Signalen van huiselijk geweld of kindermishandeling."),
            ),
        )
        yield (
            "safety_signals",
            forms.CharField(
                label=_("Welke signalen zag of hoorde je? In je eigen woorden"),
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=TEXT_MAX_LENGTH,
                required=False,
            ),
        )
        if self.version.asks_injury_alarm:
            yield (
                "safety_injury",
                forms.ChoiceField(
                    label=_("Zag je een blauwe plek of ander letsel bij het kind?"),
                    choices=SafetyAssessment.Answer.choices,
                    widget=forms.RadioSelect(attrs=RADIOS),
                    required=False,
                ),
            )
            yield (
                "safety_mobile",
                forms.ChoiceField(
                    label=_("Beweegt het kind zich al zelf voort: rollen, kruipen of lopen?"),
                    choices=SafetyAssessment.Answer.choices,
                    widget=forms.RadioSelect(attrs=RADIOS),
                    required=False,
                    help_text=_(
                        "Alleen bij letsel. Het gaat om wat het kind kan, niet om de leeftijd."
                    ),
                ),
            )
        steps = (
            (step.number, f"{step.number}. {step.text}") for step in self.version.meldcode_steps
        )
        yield (
            "safety_step",
            forms.TypedChoiceField(
                label=_("Stap van de meldcode die je hebt bereikt"),
                choices=[("", "—"), *steps],
                coerce=int,
                empty_value=None,
                required=False,
            ),
        )
        yield "safety_step_on", forms.DateField(label=_("Stap bereikt op"), **dates)
        whom = _blank(SafetyConsultation.With.choices)
        for row in range(CONSULTATION_ROWS):
            number = {"number": row + 1}
            yield (
                f"safety_consult_on_{row}",
                forms.DateField(
                    label=_("Datum (overleg %(number)s)") % number,
                    widget=DateInput(attrs={"class": "form-control"}),
                    required=False,
                ),
            )
            yield (
                f"safety_consult_with_{row}",
                forms.ChoiceField(
                    label=_("Met wie (overleg %(number)s)") % number, choices=whom, required=False
                ),
            )
            yield (
                f"safety_consult_outcome_{row}",
                forms.CharField(
                    label=_("Uitkomst (overleg %(number)s)") % number,
                    max_length=NOTE_MAX_LENGTH,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 1}),
                ),
            )
        yield "safety_talk_on", forms.DateField(label=_("Gesprek met de ouder op"), **dates)
        yield (
            "safety_talk_note",
            _note(_("Wat kwam uit het gesprek?")),
        )
        yield (
            "safety_talk_skipped",
            forms.ChoiceField(
                label=_("Of: het gesprek is niet gevoerd, omdat"),
                choices=_blank(SafetyAssessment.TalkSkipped.choices),
                required=False,
            ),
        )
        yield (
            "safety_talk_skipped_note",
            _note(_("Toelichting: waarom geen gesprek")),
        )
        answers = _blank(SafetyAssessment.Answer.choices)
        for question in self.version.meldcode_questions:
            number = question.number
            yield (
                f"safety_answer_{number}",
                forms.ChoiceField(
                    label=_("Afweging %(number)s. %(question)s")
                    % {"number": number, "question": question.text},
                    choices=answers,
                    required=False,
                ),
            )
            yield (
                f"safety_answer_{number}_on",
                forms.DateField(label=_("Datum afweging %(number)s") % {"number": number}, **dates),
            )
        yield (
            "safety_decision",
            forms.ChoiceField(
                label=_("Besluit"),
                choices=_blank(SafetyAssessment.Decision.choices),
                required=False,
                help_text=_(
                    "Hulp en een melding kunnen samen. ‘Afgesloten’ sluit de zorg af zodra je de "
                    "observatie indient."
                ),
            ),
        )
        yield "safety_decision_on", forms.DateField(label=_("Besluit op"), **dates)
        yield (
            "safety_decided_by",
            forms.CharField(
                label=_("Wie namen het besluit?"),
                max_length=200,
                required=False,
                help_text=_("Bijvoorbeeld ‘ik, samen met de aandachtsfunctionaris’."),
            ),
        )
        yield "safety_reported_on", forms.DateField(label=_("Gemeld bij Veilig Thuis op"), **dates)
        yield (
            "safety_report_reference",
            forms.CharField(
                label=_("Kenmerk van Veilig Thuis (als je het hebt)"),
                max_length=100,
                required=False,
            ),
        )
        yield (
            "safety_decision_note",
            _note(_("Toelichting bij het besluit (verplicht bij afsluiten)")),
        )

    def initial(self, content):
        """The section as this visit recorded it, or as the last visit left a concern that is
        still open (to bring up to date, without its consultations), or the bare answer."""
        safety = content.safety
        if self.answers is not None and self.answers.own_safety is None:
            carried = self.answers.carried_safety
            if carried is None:
                return {"safety_concern": safety.concern}
            safety = SafetyContent.of(carried)
        if safety.concern != "ja":
            return {"safety_concern": safety.concern}
        initial = {f"safety_{name}": getattr(safety, name) for name in SAFETY_DETAILS}
        initial["safety_concern"] = "ja"
        for number, (answer, on) in safety.answers.items():
            initial[f"safety_answer_{number}"] = answer
            initial[f"safety_answer_{number}_on"] = on
        for row, values in enumerate(safety.consultations[:CONSULTATION_ROWS]):
            for name, value in zip(_CONSULTATION_FIELDS, values, strict=True):
                initial[f"{name}_{row}"] = value
        return initial

    def content(self, data):
        numbers = [q.number for q in self.version.meldcode_questions]
        return {
            "safety": SafetyContent(
                concern=data.get("safety_concern", ""),
                answers={
                    n: (data.get(f"safety_answer_{n}", ""), data.get(f"safety_answer_{n}_on"))
                    for n in numbers
                },
                consultations=[
                    (
                        data.get(f"safety_consult_on_{row}"),
                        data.get(f"safety_consult_with_{row}", ""),
                        data.get(f"safety_consult_outcome_{row}", ""),
                    )
                    for row in range(CONSULTATION_ROWS)
                ],
                **{name: data.get(f"safety_{name}", _EMPTY[name]) for name in SAFETY_DETAILS},
            )
        }

    def layout(self):
        return SafetySection(self.version)


class SafetySection(LayoutObject):
    """The safety section, apart from the conditions and the stress factors: the answer, and
    with a concern the signals, the meldcode step, the consultations, the conversation with the
    parent, the afwegingskader's questions and the decision, each with its date."""

    def __init__(self, version):
        self.version = version

    def render(self, form, context, **kwargs):
        questions = format_html_join(
            "",
            '<div class="row">{}{}</div>',
            (
                (
                    column(form, f"safety_answer_{q.number}", "col-md-8"),
                    column(form, f"safety_answer_{q.number}_on", "col-md-4"),
                )
                for q in self.version.meldcode_questions
            ),
        )
        return format_html(
            '<section class="checklist-condition safety-section" aria-labelledby="veiligheid">'
            '<h2 class="h4" id="veiligheid">{title}</h2><p class="small">{confidential}</p>'
            "<p>{guidance} {mark}</p>{carried}{concern}"
            '<fieldset class="safety-details"><legend class="h6">{details}</legend>{signals}'
            "{injury}"
            '<div class="row">{step}{step_on}</div>'
            '<h3 class="h6" id="veiligheid-overleg">{consultations_title}</h3>'
            '<p class="small">{consultations_help}</p>{earlier}'
            '<div class="table-responsive"><table class="table table-sm table-stack '
            'table-stack-fields" aria-labelledby="veiligheid-overleg"><thead><tr>{head}</tr>'
            "</thead><tbody>{rows}</tbody></table></div>"
            '<h3 class="h6">{talk_title}</h3><p class="small">{talk_help}</p>'
            '<div class="row">{talk_on}</div>{talk_note}'
            '<div class="row">{talk_skipped}</div>{talk_skipped_note}'
            '<h3 class="h6">{weighing}</h3><p class="small">{weighing_help}</p>{questions}'
            '<h3 class="h6">{decision_title}</h3>'
            '<div class="row">{decision}{decision_on}</div>{decided_by}'
            '<div class="row">{reported_on}{report_reference}</div>{decision_note}</fieldset>'
            "</section>",
            title=_("Zorgen over de veiligheid van het kind"),
            confidential=CONFIDENTIAL,
            guidance=self.version.safety_guidance,
            mark=source_mark(self.version.safety_guidance_source),
            carried=_carried(form),
            concern=radio_group(form["safety_concern"]),
            details=_("Alleen bij ‘ja’"),
            signals=PlainField("safety_signals").render(form, context),
            injury=self._injury(form),
            step=column(form, "safety_step", "col-md-8"),
            step_on=column(form, "safety_step_on", "col-md-4"),
            consultations_title=_("Overleg"),
            consultations_help=_(
                "Elk overleg over deze zorg bij dit bezoek: wanneer, met wie en wat eruit kwam. "
                "Advies van Veilig Thuis is overleg, geen melding."
            ),
            earlier=_earlier_consultations(form),
            head=table_head(_("Datum"), _("Met wie"), _("Uitkomst")),
            rows=table_rows(
                form,
                ["safety_consult_on", "safety_consult_with", "safety_consult_outcome"],
                CONSULTATION_ROWS,
            ),
            talk_title=_("Gesprek met de ouder over de signalen (stap 3)"),
            talk_help=_(
                "Met de datum. Kon het gesprek niet, kies dan de reden uit de meldcode en licht "
                "haar toe."
            ),
            talk_on=column(form, "safety_talk_on", "col-md-4"),
            talk_note=PlainField("safety_talk_note").render(form, context),
            talk_skipped=column(form, "safety_talk_skipped", "col-md-8"),
            talk_skipped_note=PlainField("safety_talk_skipped_note").render(form, context),
            weighing=_("Afwegingskader (vanaf stap 4)"),
            weighing_help=_("Beantwoord de afwegingen die je hebt gemaakt, elk met de datum."),
            questions=questions,
            decision_title=_("Besluit (stap 5)"),
            decision=column(form, "safety_decision", "col-md-8"),
            decision_on=column(form, "safety_decision_on", "col-md-4"),
            decided_by=PlainField("safety_decided_by").render(form, context),
            reported_on=column(form, "safety_reported_on", "col-md-4"),
            report_reference=column(form, "safety_report_reference", "col-md-8"),
            decision_note=PlainField("safety_decision_note").render(form, context),
        )

    def _injury(self, form):
        """From version 3: an injury, the child's mobility, and the guideline's text."""
        if not self.version.asks_injury_alarm:
            return ""
        guidance = format_html(
            "{} {}",
            self.version.injury_guidance,
            source_mark(self.version.injury_guidance_source),
        )
        return format_html(
            "{}{}{}",
            radio_group(form["safety_injury"]),
            radio_group(form["safety_mobile"]),
            _injury_guidance(form, guidance),
        )


@slot
def _carried(form):
    """The concern an earlier visit left open, if this visit carries it on."""
    concern = form.open_concern
    if concern is None:
        return ""
    return format_html(
        '<p class="alert alert-warning py-2">{}</p>',
        _(
            "Er loopt een zorg over de veiligheid van dit kind sinds %(date)s. Werk de stand "
            "hieronder bij; de zorg blijft open tot je een afsluitend besluit vastlegt."
        )
        % {"date": date_format(concern.opened_on, "j F Y")},
    )


@slot
def _injury_guidance(form, guidance):
    """The organisation's text on an injury in a child that does not yet move about by itself:
    open when the answers say so, and always there to open."""
    opened = form["safety_injury"].value() == "ja" and form["safety_mobile"].value() == "nee"
    return format_html(
        '<details class="alert alert-danger py-2 injury-guidance"{}><summary>{}</summary>'
        '<p class="mb-0 mt-2">{}</p></details>',
        " open" if opened else "",
        _("Letsel bij een kind dat zich nog niet zelf voortbeweegt"),
        guidance,
    )


@slot
def _earlier_consultations(form):
    """The concern's consultations recorded at earlier visits, in order, to read."""
    consultations = form.safety.earlier_consultations if form.safety is not None else []
    if not consultations:
        return ""
    return format_html(
        '<p class="small mb-1">{}</p><ul class="small">{}</ul>',
        _("Eerder vastgelegd bij deze zorg:"),
        format_html_join(
            "",
            "<li>{}: {}{}</li>",
            (
                (
                    date_format(consultation.on, "j F Y"),
                    consultation.get_with_whom_display(),
                    f" – {consultation.outcome}" if consultation.outcome else "",
                )
                for consultation in consultations
            ),
        ),
    )
