"""Stress in the family (the randvoorwaarden): per factor the answer, a note the parent may get,
and from version 2 on the action agreed when it plays, or who is already on it."""

from crispy_forms.layout import Div, LayoutObject
from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.forms import DateInput
from observaties.checklist.markup import (
    NOTE,
    RADIOS,
    ItemRows,
    PlainField,
    SafeHtml,
    column,
    slot,
    source_mark,
)
from observaties.models import NOTE_MAX_LENGTH, TEXT_MAX_LENGTH, Agreement, ContextAnswer

_ACTION_FIELDS = ("factor_action", "factor_action_who", "factor_action_other", "factor_action_due")


class StressPart:
    def __init__(self, version, *, actions: bool):
        self.version = version
        self.factors = version.factors
        self.actions = actions  # the version offers actions per factor

    def fields(self):
        for factor in self.factors:
            yield (
                f"factor_{factor.pk}",
                forms.ChoiceField(
                    label=factor.label,
                    choices=ContextAnswer.Answer.choices,
                    widget=forms.RadioSelect(attrs=RADIOS),
                    required=False,
                    help_text=_factor_help(factor),
                ),
            )
            yield (
                f"factor_note_{factor.pk}",
                forms.CharField(
                    label=_("Toelichting bij ‘%(factor)s’") % {"factor": factor.label},
                    widget=forms.Textarea(attrs=NOTE),
                    max_length=NOTE_MAX_LENGTH,
                    required=False,
                ),
            )
            yield (
                f"factor_share_{factor.pk}",
                forms.BooleanField(
                    label=_("Deze toelichting delen met de ouder (op het blad voor de ouder)"),
                    required=False,
                ),
            )
            if self.actions:
                yield from _action_fields(factor)

    @staticmethod
    def initial(content):
        initial = {}
        for pk, (answer, note) in content.context.items():
            initial[f"factor_{pk}"] = answer
            initial[f"factor_note_{pk}"] = note
            initial[f"factor_share_{pk}"] = pk in content.shared_factors
            initial[f"factor_underway_{pk}"] = content.underway.get(pk, "")
        for pk, action in content.stress_actions.items():
            for name, value in zip(_ACTION_FIELDS, action, strict=True):
                initial[f"{name}_{pk}"] = value
        return initial

    def content(self, data):
        pks = [factor.pk for factor in self.factors]
        content = {
            "context": {
                pk: (data.get(f"factor_{pk}", ""), data.get(f"factor_note_{pk}", "")) for pk in pks
            },
            "shared_factors": {pk for pk in pks if data.get(f"factor_share_{pk}")},
        }
        if self.actions:
            actions = {
                pk: (
                    data.get(f"factor_action_{pk}", ""),
                    data.get(f"factor_action_who_{pk}", ""),
                    data.get(f"factor_action_other_{pk}", ""),
                    data.get(f"factor_action_due_{pk}"),
                )
                for pk in pks
            }
            content["stress_actions"] = {pk: a for pk, a in actions.items() if any(a)}
            content["underway"] = {
                pk: data[f"factor_underway_{pk}"] for pk in pks if data.get(f"factor_underway_{pk}")
            }
        return content

    def layout(self, guidance):
        return Div(
            SafeHtml(
                format_html(
                    '<h2 class="h4" id="randvoorwaarden">{}</h2><p>{} {}</p>',
                    _("Randvoorwaarden: stress in het gezin"),
                    guidance,
                    source_mark(self.version.stress_guidance_source),
                )
            ),
            *[
                part
                for f in self.factors
                for part in (
                    ItemRows((f"factor_{f.pk}", f"factor_note_{f.pk}", "", f"factor_share_{f.pk}")),
                    TensionQuestion(f.pk) if f.code == ADULT_TENSION else SafeHtml(""),
                    StressAction(f) if self.actions else SafeHtml(""),
                )
            ],
            css_class="checklist-condition",
        )


def _factor_help(factor):
    """The factor's hint, with where the factor and its hint come from when that is recorded."""
    marks = []
    if factor.label_source is not None and factor.label_source.is_organisation:
        marks.append(_("factor: eigen tekst van de organisatie"))
    elif factor.label_source is not None and factor.label_source.is_knowledge_page:
        marks.append(_("factor: kennispagina NJi"))
    if factor.hint and factor.hint_source is not None and factor.hint_source.is_organisation:
        marks.append(_("toelichting: eigen tekst van de organisatie"))
    return f"{factor.hint} ({'; '.join(marks)})" if marks else factor.hint


def _action_fields(factor):
    """The action agreed when the factor plays (offering the catalogue's examples), or who is
    already on it."""
    named = {"factor": factor.label}
    yield (
        f"factor_action_{factor.pk}",
        forms.CharField(
            label=_("Actie bij ‘%(factor)s’: wat") % named,
            max_length=TEXT_MAX_LENGTH,
            required=False,
            widget=forms.TextInput(
                attrs={"list": f"acties-{factor.pk}"} if factor.suggestions else {}
            ),
            help_text=_("Kies een voorbeeld of schrijf zelf wat er gebeurt.")
            if factor.suggestions
            else "",
        ),
    )
    yield (
        f"factor_action_who_{factor.pk}",
        forms.ChoiceField(
            label=_("Wie"), choices=[("", "—"), *Agreement.Who.choices], required=False
        ),
    )
    yield (
        f"factor_action_other_{factor.pk}",
        forms.CharField(
            label=_("Naar wie of wie anders"),
            max_length=100,
            required=False,
            help_text=_("Bijvoorbeeld ‘%(who)s’.") % {"who": factor.referral_example}
            if factor.referral_example
            else _("Bijvoorbeeld een instantie of iemand uit de omgeving van de ouder."),
        ),
    )
    yield (
        f"factor_action_due_{factor.pk}",
        forms.DateField(
            label=_("Uiterlijk op"),
            widget=DateInput(),
            required=False,
            help_text=_("Leeg: bij het volgende bezoek."),
        ),
    )
    yield (
        f"factor_underway_{factor.pk}",
        forms.CharField(
            label=_("Of: al in gang, door wie"),
            max_length=200,
            required=False,
            help_text=_("Als er al hulp loopt, bijvoorbeeld ‘maatschappelijk werk, sinds maart’."),
        ),
    )


# The factor on tension between adults at home, by its code (stable across versions, as the
# team overview matches factors).
ADULT_TENSION = "RV-4"


class TensionQuestion(LayoutObject):
    """Beside the factor on tension between adults: when this visit records a concern about the
    child's safety and the factor is answered ‘nee’, a neutral question whether that answer is
    right. Read from the two answers only, never from what was typed; it never blocks."""

    def __init__(self, pk):
        self.pk = pk

    def render(self, form, context, **kwargs):
        return _tension_question(form, self.pk)


@slot
def _tension_question(form, pk):
    if "safety_concern" not in form.fields:
        return ""
    if form["safety_concern"].value() != "ja" or form[f"factor_{pk}"].value() != "nee":
        return ""
    return format_html(
        '<p class="alert alert-info py-2 small" role="note" id="vraag-spanningen">{}</p>',
        _(
            "Bij dit bezoek staat een zorg over de veiligheid van het kind, en hier ‘nee’. "
            "Klopt dat antwoord? Pas het aan als het niet klopt; zo laten kan ook."
        ),
    )


class StressAction(LayoutObject):
    """Under a stress factor: the action agreed when it plays (with the catalogue's examples to
    choose from), or who is already on it. Open when something is filled in."""

    def __init__(self, factor):
        self.factor = factor

    def render(self, form, context, **kwargs):
        pk = self.factor.pk
        names = [
            f"factor_action_{pk}",
            f"factor_action_who_{pk}",
            f"factor_action_other_{pk}",
            f"factor_action_due_{pk}",
            f"factor_underway_{pk}",
        ]
        suggestions = format_html(
            '<datalist id="acties-{}">{}</datalist>',
            pk,
            format_html_join("", '<option value="{}">', ((s,) for s in self.factor.suggestions)),
        )
        return format_html(
            '<details class="stress-action mb-3"{open}><summary>{summary}</summary>'
            '<div class="row">{what}{who}</div><div class="row">{other}{due}</div>{underway}'
            "{suggestions}{source}</details>",
            open=_open_when_filled(form, pk),
            summary=_("Bij ‘ja’: actie of al in gang (%(factor)s)") % {"factor": self.factor.label},
            what=column(form, names[0], "col-md-8"),
            who=column(form, names[1], "col-md-4"),
            other=column(form, names[2], "col-md-8"),
            due=column(form, names[3], "col-md-4"),
            underway=PlainField(names[4]).render(form, context),
            suggestions=suggestions if self.factor.suggestions else "",
            source=format_html('<p class="small mb-0">{}</p>', source_mark(source))
            if (source := self.factor.action_suggestions_source) is not None
            and self.factor.suggestions
            else "",
        )


@slot
def _open_when_filled(form, pk):
    """The action's part opens when anything in it is filled in or wrong."""
    names = [f"{name}_{pk}" for name in (*_ACTION_FIELDS, "factor_underway")]
    filled = any(form[name].value() for name in names) or any(form[n].errors for n in names)
    return mark_safe(" open") if filled else ""
