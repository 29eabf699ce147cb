"""The safety section, along the meldcode: any concern, and with one the signals, the step
reached, the consultation, the afwegingskader's questions and the decision, each with its date."""

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
)
from observaties.models import NOTE_MAX_LENGTH, TEXT_MAX_LENGTH, SafetyAssessment
from observaties.observations.content import SafetyContent

_DETAILS = (
    "signals",
    "step",
    "step_on",
    "consulted",
    "consulted_on",
    "decision",
    "decision_on",
    "decision_note",
)

_EMPTY = {field.name: field.default for field in dataclasses.fields(SafetyContent)}


class SafetyPart:
    def __init__(self, version, answers):
        self.version = version
        self.answers = answers

    @property
    def carried(self):
        """The child's concern an earlier visit left open, carried on by this one."""
        answers = self.answers
        return answers.carried_safety.concern if answers and answers.carried_safety else None

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
        yield (
            "safety_consulted",
            forms.CharField(
                label=_("Overlegd met"),
                max_length=200,
                required=False,
                help_text=_("Functie of instantie, bijvoorbeeld ‘aandachtsfunctionaris’."),
            ),
        )
        yield "safety_consulted_on", forms.DateField(label=_("Overlegd op"), **dates)
        answers = [("", "—"), *SafetyAssessment.Answer.choices]
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
                choices=[("", "—"), *SafetyAssessment.Decision.choices],
                required=False,
                help_text=_("‘Afgesloten’ sluit de zorg af zodra je de observatie indient."),
            ),
        )
        yield "safety_decision_on", forms.DateField(label=_("Besluit op"), **dates)
        yield (
            "safety_decision_note",
            forms.CharField(
                label=_("Toelichting bij het besluit (verplicht bij afsluiten)"),
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=NOTE_MAX_LENGTH,
                required=False,
            ),
        )

    def initial(self, content):
        """The section as this visit recorded it, or as the last visit left a concern that is
        still open (to bring up to date), or the bare answer."""
        safety = content.safety
        if self.answers is not None and self.answers.own_safety is None:
            carried = self.answers.carried_safety
            if carried is None:
                return {"safety_concern": safety.concern}
            safety = SafetyContent.of(carried)
        if safety.concern != "ja":
            return {"safety_concern": safety.concern}
        initial = {f"safety_{name}": getattr(safety, name) for name in _DETAILS}
        initial["safety_concern"] = "ja"
        for number, (answer, on) in safety.answers.items():
            initial[f"safety_answer_{number}"] = answer
            initial[f"safety_answer_{number}_on"] = on
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
                **{name: data.get(f"safety_{name}", _EMPTY[name]) for name in _DETAILS},
            )
        }

    def layout(self):
        return SafetySection(self.version)


class SafetySection(LayoutObject):
    """The safety section, apart from the conditions and the stress factors: the answer, and
    with a concern the signals, the meldcode step, the consultation, the afwegingskader's
    questions and the decision, each with its date."""

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
            '<div class="row">{step}{step_on}</div><div class="row">{consulted}{consulted_on}</div>'
            '<h3 class="h6">{weighing}</h3><p class="small">{weighing_help}</p>{questions}'
            '<div class="row">{decision}{decision_on}</div>{decision_note}</fieldset></section>',
            title=_("Zorgen over de veiligheid van het kind"),
            confidential=_(
                "Vertrouwelijk. Staat apart in het rapport en nooit op het blad voor de ouder."
            ),
            guidance=self.version.safety_guidance,
            mark=source_mark(self.version.safety_guidance_source),
            carried=_carried(form),
            concern=radio_group(form["safety_concern"]),
            details=_("Alleen bij ‘ja’"),
            signals=PlainField("safety_signals").render(form, context),
            step=column(form, "safety_step", "col-md-8"),
            step_on=column(form, "safety_step_on", "col-md-4"),
            consulted=column(form, "safety_consulted", "col-md-8"),
            consulted_on=column(form, "safety_consulted_on", "col-md-4"),
            weighing=_("Afwegingskader (vanaf stap 4)"),
            weighing_help=_("Beantwoord de afwegingen die je hebt gemaakt, elk met de datum."),
            questions=questions,
            decision=column(form, "safety_decision", "col-md-8"),
            decision_on=column(form, "safety_decision_on", "col-md-4"),
            decision_note=PlainField("safety_decision_note").render(form, context),
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
