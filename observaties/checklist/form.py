"""The checklist form a professional fills in after a home visit, built from the pinned version.

One page, grouped per condition; each behaviour item is a native radio group (Tab to the item,
arrow keys to the answer) with its note and its observation hint one click away.
"""

import re
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import DateInput
from hechting.models import Condition
from hechting.selectors import version_content
from observaties import selectors, services
from observaties.checklist.markup import (
    AgreementTable,
    FollowUps,
    ItemRows,
    NetworkTable,
    PlainField,
    ReflectionNote,
    SafeHtml,
    SafetySection,
    StressAction,
    source_mark,
)
from observaties.models import (
    NOTE_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Agreement,
    AgreementFollowUp,
    CaregiverChange,
    CaregiverEntry,
    ConditionReflection,
    ContextAnswer,
    Observation,
    SafetyAssessment,
)

_RADIOS = {"class": "form-check-input"}
_NOTE = {"class": "form-control", "rows": 1}

# Fixed rows, so that the form works without JavaScript; blank rows are ignored.
CAREGIVER_ROWS = 6
CHANGE_ROWS = 4
AGREEMENT_ROWS = 4

_OWN_FIELD = re.compile(
    r"^(item|note|factor|factor_note|factor_share|factor_action|factor_action_who|"
    r"factor_action_other|factor_action_due|factor_underway|reflection|followup|followup_note)"
    r"_(\d+)$"
)
_ACTION_FIELDS = ("factor_action", "factor_action_who", "factor_action_other", "factor_action_due")


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


class ChecklistForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    # Set on the page of a conflict: the stored version that "save mine over it" replaces.
    overwrite_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    caregiver = forms.ChoiceField(
        label=gettext_lazy("Geobserveerde opvoeder"), choices=Observation.Caregiver.choices
    )
    visit_date = forms.DateField(label=gettext_lazy("Datum huisbezoek"), widget=DateInput())
    setting = forms.ChoiceField(label=gettext_lazy("Situatie"), choices=Observation.Setting.choices)
    conclusion = forms.CharField(
        label=gettext_lazy("Conclusie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
    )
    next_visit = forms.DateField(
        label=gettext_lazy("Volgend huisbezoek"), widget=DateInput(), required=False
    )
    discussed_on = forms.DateField(
        label=gettext_lazy("Besproken met de ouder op"),
        widget=DateInput(),
        required=False,
        help_text=gettext_lazy("Wanneer je wat je zag met de ouder besprak."),
    )
    parent_reaction = forms.CharField(
        label=gettext_lazy("Reactie van de ouder (niet verplicht)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        help_text=gettext_lazy("Zo veel mogelijk in de woorden van de ouder."),
    )

    def __init__(self, *args, observation: Observation, report=None, **kwargs):
        """`report`, the observation's ObservationReport, gives the stored answers to show; a
        submitted form needs only the structure of the observation's checklist version."""
        self.observation = observation
        self.report = report
        super().__init__(*args, initial=self._initial(observation, report), **kwargs)
        version = version_content(observation.version)
        no_opportunity = [o for o in version.scale if o.is_no_opportunity]
        choices = [(str(o.pk), o.label) for o in version.scale if not o.is_no_opportunity]
        choices += [(str(o.pk), o.label) for o in no_opportunity]
        self.sections = version.sections
        for section in self.sections:
            for item in section.items:
                self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                    label=f"{item.code} {item.text}",
                    choices=choices,
                    widget=forms.RadioSelect(attrs=_RADIOS),
                    required=False,
                )
                self.fields[f"note_{item.pk}"] = forms.CharField(
                    label=_("Toelichting bij %(code)s") % {"code": item.code},
                    widget=forms.Textarea(attrs=_NOTE),
                    max_length=NOTE_MAX_LENGTH,
                    required=False,
                )
            judged = observation.version.asks_work_points
            self.fields[f"reflection_{section.condition.pk}"] = forms.CharField(
                label=(
                    _("Waarom? Schrijf het in je eigen woorden (‘%(condition)s’)")
                    if judged
                    else _("Reflectie op ‘%(condition)s’")
                )
                % {"condition": section.condition.name},
                widget=forms.Textarea(attrs={**_NOTE, "rows": 2}),
                max_length=TEXT_MAX_LENGTH,
                required=False,
            )
            if judged:
                self.fields[f"work_point_{section.condition.pk}"] = forms.ChoiceField(
                    label=_("Is ‘%(condition)s’ een werkpunt met de ouder?")
                    % {"condition": section.condition.name},
                    choices=ConditionReflection.WorkPoint.choices,
                    widget=forms.RadioSelect(attrs=_RADIOS),
                    required=False,
                    help_text=_(
                        "Jouw eigen oordeel; de telling hierboven is alleen een hulpmiddel."
                    ),
                )
        self.network = observation.version.records_caregiver_network
        self.work_points = observation.version.asks_work_points
        self.stress_actions = observation.version.offers_stress_actions
        if self.network:
            self._network_fields()
        self.factors = version.factors
        for factor in self.factors:
            self.fields[f"factor_{factor.pk}"] = forms.ChoiceField(
                label=factor.label,
                choices=ContextAnswer.Answer.choices,
                widget=forms.RadioSelect(attrs=_RADIOS),
                required=False,
                help_text=_factor_help(factor),
            )
            self.fields[f"factor_note_{factor.pk}"] = forms.CharField(
                label=_("Toelichting bij ‘%(factor)s’") % {"factor": factor.label},
                widget=forms.Textarea(attrs=_NOTE),
                max_length=NOTE_MAX_LENGTH,
                required=False,
            )
            self.fields[f"factor_share_{factor.pk}"] = forms.BooleanField(
                label=_("Deze toelichting delen met de ouder (op het blad voor de ouder)"),
                required=False,
            )
            if self.stress_actions:
                self._stress_action_fields(factor)
        self._agreement_fields()
        self.safety = observation.asks_safety
        if self.safety:
            self._safety_fields(version)

    def _stress_action_fields(self, factor):
        """Per stress factor: the action agreed when it plays (offering the catalogue's examples),
        or who is already on it."""
        named = {"factor": factor.label}
        self.fields[f"factor_action_{factor.pk}"] = forms.CharField(
            label=_("Actie bij ‘%(factor)s’: wat") % named,
            max_length=TEXT_MAX_LENGTH,
            required=False,
            widget=forms.TextInput(
                attrs={"list": f"acties-{factor.pk}"} if factor.suggestions else {}
            ),
            help_text=_("Kies een voorbeeld of schrijf zelf wat er gebeurt.")
            if factor.suggestions
            else "",
        )
        self.fields[f"factor_action_who_{factor.pk}"] = forms.ChoiceField(
            label=_("Wie"), choices=[("", "—"), *Agreement.Who.choices], required=False
        )
        self.fields[f"factor_action_other_{factor.pk}"] = forms.CharField(
            label=_("Naar wie of wie anders"),
            max_length=100,
            required=False,
            help_text=_("Bijvoorbeeld ‘schuldhulpverlening gemeente’."),
        )
        self.fields[f"factor_action_due_{factor.pk}"] = forms.DateField(
            label=_("Uiterlijk op"),
            widget=DateInput(),
            required=False,
            help_text=_("Leeg: bij het volgende bezoek."),
        )
        self.fields[f"factor_underway_{factor.pk}"] = forms.CharField(
            label=_("Of: al in gang, door wie"),
            max_length=200,
            required=False,
            help_text=_("Als er al hulp loopt, bijvoorbeeld ‘maatschappelijk werk, sinds maart’."),
        )

    def _safety_fields(self, version):
        dates = {"widget": DateInput(), "required": False}
        self.fields["safety_concern"] = forms.ChoiceField(
            label=_("Heb je zorgen over de veiligheid van het kind?"),
            choices=[("nee", _("nee")), ("ja", _("ja"))],
            widget=forms.RadioSelect(attrs=_RADIOS),
            required=False,
            help_text=_("Signalen van huiselijk geweld of kindermishandeling."),
        )
        self.fields["safety_signals"] = forms.CharField(
            label=_("Welke signalen zag of hoorde je? In je eigen woorden"),
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=TEXT_MAX_LENGTH,
            required=False,
        )
        self.fields["safety_step"] = forms.TypedChoiceField(
            label=_("Stap van de meldcode die je hebt bereikt"),
            choices=[
                ("", "—"),
                *((step.number, f"{step.number}. {step.text}") for step in version.meldcode_steps),
            ],
            coerce=int,
            empty_value=None,
            required=False,
        )
        self.fields["safety_step_on"] = forms.DateField(label=_("Stap bereikt op"), **dates)
        self.fields["safety_consulted"] = forms.CharField(
            label=_("Overlegd met"),
            max_length=200,
            required=False,
            help_text=_("Functie of instantie, bijvoorbeeld ‘aandachtsfunctionaris’."),
        )
        self.fields["safety_consulted_on"] = forms.DateField(label=_("Overlegd op"), **dates)
        answers = [("", "—"), *SafetyAssessment.Answer.choices]
        for question in version.meldcode_questions:
            number = question.number
            self.fields[f"safety_answer_{number}"] = forms.ChoiceField(
                label=_("Afweging %(number)s. %(question)s")
                % {"number": number, "question": question.text},
                choices=answers,
                required=False,
            )
            self.fields[f"safety_answer_{number}_on"] = forms.DateField(
                label=_("Datum afweging %(number)s") % {"number": number}, **dates
            )
        self.fields["safety_decision"] = forms.ChoiceField(
            label=_("Besluit"),
            choices=[("", "—"), *SafetyAssessment.Decision.choices],
            required=False,
            help_text=_("‘Afgesloten’ sluit de zorg af zodra je de observatie indient."),
        )
        self.fields["safety_decision_on"] = forms.DateField(label=_("Besluit op"), **dates)
        self.fields["safety_decision_note"] = forms.CharField(
            label=_("Toelichting bij het besluit (verplicht bij afsluiten)"),
            widget=forms.Textarea(attrs={"rows": 2}),
            max_length=NOTE_MAX_LENGTH,
            required=False,
        )

    def _agreement_fields(self):
        whos = [("", "—"), *Agreement.Who.choices]
        for row in range(AGREEMENT_ROWS):
            number = {"number": row + 1}
            self.fields[f"agreement_what_{row}"] = forms.CharField(
                label=_("Wat (afspraak %(number)s)") % number,
                max_length=TEXT_MAX_LENGTH,
                required=False,
                # A text area, so that an agreement of several lines keeps them when saved again.
                widget=forms.Textarea(attrs={"rows": 1}),
            )
            self.fields[f"agreement_who_{row}"] = forms.ChoiceField(
                label=_("Wie (afspraak %(number)s)") % number, choices=whos, required=False
            )
            self.fields[f"agreement_other_{row}"] = forms.CharField(
                label=_("Wie anders (afspraak %(number)s)") % number,
                max_length=100,
                required=False,
            )
            self.fields[f"agreement_due_{row}"] = forms.DateField(
                label=_("Uiterlijk op (afspraak %(number)s)") % number,
                widget=DateInput(attrs={"class": "form-control"}),
                required=False,
            )
        self.open_agreements = selectors.open_agreements(self.observation)
        for agreement in self.open_agreements:
            self.fields[f"followup_{agreement.pk}"] = forms.ChoiceField(
                label=_("‘%(what)s’ (%(who)s, afgesproken op %(date)s)")
                % {
                    "what": agreement.what,
                    "who": agreement.get_who_display(),
                    "date": date_format(agreement.observation.visit_date, "j F Y"),
                },
                choices=AgreementFollowUp.Outcome.choices,
                widget=forms.RadioSelect(attrs=_RADIOS),
                required=False,
            )
            self.fields[f"followup_note_{agreement.pk}"] = forms.CharField(
                label=_("Toelichting (verplicht bij gestopt)"),
                widget=forms.Textarea(attrs=_NOTE),
                max_length=200,
                required=False,
            )

    def _network_fields(self):
        relations = [("", "—"), *CaregiverEntry.Relation.choices]
        for row in range(CAREGIVER_ROWS):
            self.fields[f"caregiver_relation_{row}"] = forms.ChoiceField(
                label=_("Opvoeder %(number)s") % {"number": row + 1},
                choices=relations,
                required=False,
            )
            self.fields[f"caregiver_days_{row}"] = forms.DecimalField(
                label=_("Dagen per week (opvoeder %(number)s)") % {"number": row + 1},
                min_value=Decimal("0.5"),
                max_value=Decimal("7"),
                decimal_places=1,
                required=False,
                widget=forms.NumberInput(attrs={"step": "0.5", "class": "form-control"}),
            )
            self.fields[f"caregiver_note_{row}"] = forms.CharField(
                label=_("Toelichting (opvoeder %(number)s)") % {"number": row + 1},
                max_length=200,
                required=False,
            )
        causes = [("", "—"), *CaregiverChange.Cause.choices]
        for row in range(CHANGE_ROWS):
            self.fields[f"change_what_{row}"] = forms.CharField(
                label=_("Wat veranderde (wisseling %(number)s)") % {"number": row + 1},
                max_length=200,
                required=False,
            )
            self.fields[f"change_month_{row}"] = forms.DateField(
                label=_("Maand (wisseling %(number)s)") % {"number": row + 1},
                input_formats=["%Y-%m"],
                required=False,
                widget=forms.DateInput(
                    format="%Y-%m",
                    attrs={"type": "month", "class": "form-control", "placeholder": "jjjj-mm"},
                ),
            )
            self.fields[f"change_cause_{row}"] = forms.ChoiceField(
                label=_("Oorzaak (wisseling %(number)s)") % {"number": row + 1},
                choices=causes,
                required=False,
            )
            self.fields[f"change_outside_{row}"] = forms.ChoiceField(
                label=_("Buiten de invloed van de ouder? (wisseling %(number)s)")
                % {"number": row + 1},
                choices=[
                    ("", _("volgt uit de oorzaak")),
                    ("ja", _("ja")),
                    ("nee", _("nee")),
                ],
                required=False,
            )

    @staticmethod
    def _initial(observation, report):
        initial = {
            "lock_version": observation.lock_version,
            "caregiver": observation.caregiver,
            "visit_date": observation.visit_date,
            "setting": observation.setting,
            "conclusion": observation.conclusion,
            "next_visit": observation.next_visit,
            "discussed_on": observation.discussed_on,
            "parent_reaction": observation.parent_reaction,
        }
        if report is None:
            return initial
        for section in report.sections:
            initial[f"reflection_{section.condition.pk}"] = section.reflection
            initial[f"work_point_{section.condition.pk}"] = section.work_point
            for scored in section.items:
                if scored.option:
                    initial[f"item_{scored.item.pk}"] = str(scored.option.pk)
                initial[f"note_{scored.item.pk}"] = scored.note
        for factor, answer in report.context_answers:
            if answer:
                initial[f"factor_{factor.pk}"] = answer.answer
                initial[f"factor_note_{factor.pk}"] = answer.note
                initial[f"factor_share_{factor.pk}"] = answer.share_with_parent
                initial[f"factor_underway_{factor.pk}"] = answer.underway_by
        for factor_id, action in report.stress_actions.items():
            initial[f"factor_action_{factor_id}"] = action.what
            initial[f"factor_action_who_{factor_id}"] = action.who
            initial[f"factor_action_other_{factor_id}"] = action.who_other
            initial[f"factor_action_due_{factor_id}"] = action.due
        initial.update(_safety_initial(observation, report))
        for row, agreement in enumerate(report.agreements):
            initial[f"agreement_what_{row}"] = agreement.what
            initial[f"agreement_who_{row}"] = agreement.who
            initial[f"agreement_other_{row}"] = agreement.who_other
            initial[f"agreement_due_{row}"] = agreement.due
        for follow_up in report.follow_ups:
            initial[f"followup_{follow_up.agreement_id}"] = follow_up.outcome
            initial[f"followup_note_{follow_up.agreement_id}"] = follow_up.note
        for row, entry in enumerate(report.caregivers or report.previous_caregivers):
            initial[f"caregiver_relation_{row}"] = entry.relation
            initial[f"caregiver_days_{row}"] = entry.days_per_week
            initial[f"caregiver_note_{row}"] = entry.note
        for row, change in enumerate(report.changes):
            initial[f"change_what_{row}"] = change.what
            initial[f"change_month_{row}"] = change.month
            initial[f"change_cause_{row}"] = change.cause
            initial[f"change_outside_{row}"] = "ja" if change.outside_parent_control else "nee"
        return initial

    @property
    def open_concern(self):
        """The child's safety concern that an earlier visit left open, carried on by this one."""
        report = self.report
        return report.safety_carried.concern if report and report.safety_carried else None

    @cached_property
    def helper(self):
        """The layout, built only for a form that is shown."""
        helper = FormHelper()
        helper.form_tag = False
        helper.include_media = False  # none of its widgets has media; collecting them is not free
        helper.form_show_errors = False  # the error summary above the form lists them all
        parts = [
            SafeHtml(self._introduction()),
            Fieldset(
                _("Huisbezoek"),
                Div(
                    Div(PlainField("caregiver"), css_class="col-md-4"),
                    Div(PlainField("visit_date"), css_class="col-md-4"),
                    Div(PlainField("setting"), css_class="col-md-4"),
                    css_class="row",
                ),
                PlainField("lock_version"),
            ),
        ]
        for section in self.sections:
            parts.append(self._condition_layout(section))
        parts.append(
            Div(
                SafeHtml(
                    format_html(
                        '<h2 class="h4" id="randvoorwaarden">{}</h2><p>{} {}</p>',
                        _("Randvoorwaarden: stress in het gezin"),
                        self.observation.version.stress_guidance,
                        source_mark(
                            version_content(self.observation.version).stress_guidance_source
                        ),
                    )
                ),
                *[
                    part
                    for f in self.factors
                    for part in (
                        ItemRows(
                            (f"factor_{f.pk}", f"factor_note_{f.pk}", "", f"factor_share_{f.pk}")
                        ),
                        StressAction(f) if self.stress_actions else SafeHtml(""),
                    )
                ],
                css_class="checklist-condition",
            )
        )
        if self.safety:
            parts.append(
                SafetySection(
                    version_content(self.observation.version), open_concern=self.open_concern
                )
            )
        parts.append(
            Fieldset(
                _("Afronding"),
                PlainField("conclusion"),
                FollowUps(self.open_agreements),
                AgreementTable(AGREEMENT_ROWS),
                Div(
                    Div(PlainField("next_visit"), css_class="col-md-6"),
                    Div(PlainField("discussed_on"), css_class="col-md-6"),
                    css_class="row",
                ),
                PlainField("parent_reaction"),
            )
        )
        helper.layout = Layout(*parts)
        return helper

    def _introduction(self):
        """Why it matters (collapsed) and what each answer means, above the checklist."""
        version = version_content(self.observation.version)
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

    def _condition_layout(self, section):
        key = section.condition.key
        content = section.content
        network = self.network and key == Condition.Key.CONTINUITY
        answered = sum(1 for item in section.items if self._answered(item))
        count = (
            ""
            if network
            else format_html(
                '<p class="answered-count small" aria-live="polite" data-template="{}">{}</p>',
                _("{answered} van {total} items beantwoord"),
                _("%(answered)s van %(total)s items beantwoord")
                % {"answered": answered, "total": len(section.items)},
            )
        )
        intro = format_html(
            '<h2 class="h4" id="voorwaarde-{key}">{name}</h2>{count}<p>{explanation} {mark}</p>'
            '<details class="mb-2"><summary>{guidance_title}</summary><p>{guidance} {guidance_mark}'
            "</p></details>{item_intro}",
            key=key,
            name=section.condition.name,
            count=count,
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
        parts = [SafeHtml(intro)]
        if network:
            parts.append(
                NetworkTable(
                    self._previous_network_note(),
                    caregiver_rows=CAREGIVER_ROWS,
                    change_rows=CHANGE_ROWS,
                )
            )
        else:
            items = [
                (f"item_{item.pk}", f"note_{item.pk}", self._hint(item)) for item in section.items
            ]
            parts.append(ItemRows(*items, note_class="item-note"))
        if self.work_points:
            if not network:
                parts.append(SafeHtml(self._lower_half_hint(section)))
            parts.append(ItemRows((f"work_point_{section.condition.pk}", None, "")))
        parts.append(ReflectionNote(f"reflection_{section.condition.pk}"))
        return Div(*parts, css_class="checklist-condition", data_checklist_condition=key)

    def _lower_half_hint(self, section):
        """The count behind version 1's rule, as information for the professional only."""
        scale = version_content(self.observation.version).scale
        by_pk = {str(option.pk): option for option in scale}
        distribution = selectors.scale_distribution(
            scale, [by_pk.get(self._value(f"item_{item.pk}")) for item in section.items]
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

    def _previous_network_note(self):
        report = self.report
        if report is None or report.caregivers or not report.previous_caregivers:
            return ""
        return _(
            "Overgenomen van het huisbezoek van %(date)s. Controleer het met de ouder en pas "
            "het aan waar nodig."
        ) % {"date": date_format(report.previous_network_date, "j F Y")}

    @staticmethod
    def _hint(item):
        if not item.hint:
            return ""
        return format_html(
            '<details class="hint"><summary>{}</summary><p class="mb-0">{} {}</p></details>',
            _("Waar let je op?"),
            item.hint,
            source_mark(item.hint_source),
        )

    def _value(self, name):
        value = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
        return "" if value is None else str(value)

    def _answered(self, item):
        name = f"item_{item.pk}"
        value = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
        return bool(value)

    def clean(self):
        cleaned = super().clean()
        foreign = [key for key in self.data if _OWN_FIELD.match(key) and key not in self.fields]
        if foreign:
            raise ValidationError(
                _(
                    "Het formulier bevat antwoorden die niet bij deze checklistversie horen. "
                    "Laad de pagina opnieuw; er is niets opgeslagen."
                )
            )
        visit_date = cleaned.get("visit_date")
        if visit_date:
            try:
                services.validate_visit_date(child=self.observation.child, visit_date=visit_date)
            except ValidationError as error:
                self.add_error(None, error)
        next_visit = cleaned.get("next_visit")
        if visit_date and next_visit and next_visit < visit_date:
            self.add_error("next_visit", _("Het volgende huisbezoek ligt vóór dit huisbezoek."))
        if self.network:
            self._clean_network(cleaned)
        if self.stress_actions:
            self._clean_stress_actions(cleaned)
        if self.safety:
            self._clean_safety(cleaned)
        self._clean_agreements(cleaned)
        return cleaned

    def _clean_stress_actions(self, cleaned):
        for factor in self.factors:
            pk = factor.pk
            action = [cleaned.get(f"{name}_{pk}") for name in _ACTION_FIELDS]
            underway = cleaned.get(f"factor_underway_{pk}")
            if not (any(action) or underway):
                continue
            what, who, other, _due = action
            if cleaned.get(f"factor_{pk}") != ContextAnswer.Answer.YES:
                self.add_error(
                    f"factor_action_{pk}" if any(action) else f"factor_underway_{pk}",
                    _("Een actie hoort bij ‘ja’. Kies ‘ja’, of maak deze velden leeg."),
                )
            elif any(action) and not what:
                self.add_error(f"factor_action_{pk}", _("Schrijf op wat er gebeurt."))
            elif what and not who:
                self.add_error(f"factor_action_who_{pk}", _("Kies wie het doet."))
            elif who in Agreement.NAMED and not other:
                self.add_error(
                    f"factor_action_other_{pk}",
                    _("Schrijf op naar wie je verwijst.")
                    if who == Agreement.Who.REFERRAL
                    else _("Schrijf op wie het doet."),
                )

    def _clean_safety(self, cleaned):
        details = [
            name
            for name in self.fields
            if name.startswith("safety_") and name != "safety_concern" and cleaned.get(name)
        ]
        if details and cleaned.get("safety_concern") != "ja":
            self.add_error(
                "safety_concern",
                _(
                    "Je vulde iets in over de veiligheid van het kind. Kies ‘ja’, of maak die "
                    "velden leeg."
                ),
            )

    def _clean_agreements(self, cleaned):
        for row in range(AGREEMENT_ROWS):
            what = cleaned.get(f"agreement_what_{row}")
            who = cleaned.get(f"agreement_who_{row}")
            other = cleaned.get(f"agreement_other_{row}")
            due = cleaned.get(f"agreement_due_{row}")
            if (who or other or due) and not what:
                self.add_error(f"agreement_what_{row}", _("Schrijf op wat er is afgesproken."))
            elif what and not who:
                self.add_error(f"agreement_who_{row}", _("Kies wie het doet."))
            elif who == Agreement.Who.OTHER and not other:
                self.add_error(f"agreement_other_{row}", _("Schrijf op wie het doet."))
            visit_date = cleaned.get("visit_date")
            if due and visit_date and due < visit_date:
                self.add_error(f"agreement_due_{row}", _("Deze datum ligt vóór het huisbezoek."))
        for agreement in self.open_agreements:
            outcome = cleaned.get(f"followup_{agreement.pk}")
            note = cleaned.get(f"followup_note_{agreement.pk}", "")
            if outcome == AgreementFollowUp.Outcome.STOPPED and not note.strip():
                self.add_error(
                    f"followup_note_{agreement.pk}",
                    _("Schrijf in een paar woorden waarom de afspraak is gestopt."),
                )

    def _clean_network(self, cleaned):
        for row in range(CAREGIVER_ROWS):
            filled = cleaned.get(f"caregiver_days_{row}") or cleaned.get(f"caregiver_note_{row}")
            if filled and not cleaned.get(f"caregiver_relation_{row}"):
                self.add_error(
                    f"caregiver_relation_{row}", _("Kies wie deze opvoeder is voor het kind.")
                )
        for row in range(CHANGE_ROWS):
            what = cleaned.get(f"change_what_{row}")
            cause = cleaned.get(f"change_cause_{row}")
            if (what or cause or cleaned.get(f"change_month_{row}")) and not (what and cause):
                self.add_error(
                    f"change_what_{row}" if not what else f"change_cause_{row}",
                    _("Vul bij een wisseling in wat er veranderde én de oorzaak."),
                )
            if cause == CaregiverChange.Cause.OTHER and not cleaned.get(f"change_outside_{row}"):
                self.add_error(
                    f"change_outside_{row}",
                    _("Bij een andere oorzaak: kies of die buiten de invloed van de ouder lag."),
                )

    def _network(self):
        data = self.cleaned_data
        caregivers = [
            (
                data[f"caregiver_relation_{row}"],
                data[f"caregiver_days_{row}"],
                data[f"caregiver_note_{row}"],
            )
            for row in range(CAREGIVER_ROWS)
            if data[f"caregiver_relation_{row}"]
        ]
        changes = []
        for row in range(CHANGE_ROWS):
            cause = data[f"change_cause_{row}"]
            if not (data[f"change_what_{row}"] and cause):
                continue
            outside = data[f"change_outside_{row}"]
            changes.append(
                (
                    data[f"change_what_{row}"],
                    cause,
                    outside == "ja" if outside else cause in CaregiverChange.OUTSIDE_PARENT_CONTROL,
                    data[f"change_month_{row}"],
                )
            )
        return caregivers, changes

    def require_complete(self):
        """For submitting: every item needs a scale answer or 'geen gelegenheid'."""
        # Quoting the option as the page shows it: the checklist's text stays Dutch in English.
        none = next(
            o for o in version_content(self.observation.version).scale if o.is_no_opportunity
        )
        message = _("Kies een antwoord of ‘%(label)s’.") % {"label": none.label}
        for section in self.sections:
            for item in section.items:
                if not self.cleaned_data.get(f"item_{item.pk}"):
                    self.add_error(f"item_{item.pk}", message)
            if not self.work_points:
                continue
            pk = section.condition.pk
            work_point = self.cleaned_data.get(f"work_point_{pk}")
            if not work_point:
                self.add_error(f"work_point_{pk}", _("Kies of dit een werkpunt is met de ouder."))
            elif work_point == "ja" and not self.cleaned_data.get(f"reflection_{pk}", "").strip():
                self.add_error(
                    f"reflection_{pk}", _("Schrijf in je eigen woorden waarom dit een werkpunt is.")
                )
        for agreement in self.open_agreements:
            if not self.cleaned_data.get(f"followup_{agreement.pk}"):
                self.add_error(
                    f"followup_{agreement.pk}",
                    _("Kies hoe het ging met deze afspraak: gedaan, loopt nog of gestopt."),
                )
        if self.stress_actions:
            self._require_stress_actions()
        if self.safety:
            self._require_safety()
        if self.network and not any(
            self.cleaned_data.get(f"caregiver_relation_{row}") for row in range(CAREGIVER_ROWS)
        ):
            self.add_error(
                "caregiver_relation_0",
                _("Vul in wie er in een gewone week voor het kind zorgt."),
            )
        return self.is_valid()

    def _require_stress_actions(self):
        data = self.cleaned_data
        for factor in self.factors:
            pk = factor.pk
            if data.get(f"factor_{pk}") != ContextAnswer.Answer.YES:
                continue
            if not (data.get(f"factor_action_{pk}") or data.get(f"factor_underway_{pk}")):
                self.add_error(
                    f"factor_action_{pk}",
                    _(
                        "Leg een actie vast (wat, wie en wanneer), of vul in wie er al mee bezig "
                        "is."
                    ),
                )

    def _require_safety(self):
        data = self.cleaned_data
        concern = data.get("safety_concern")
        if not concern:
            self.add_error("safety_concern", _("Kies ja of nee."))
            return
        if concern != "ja":
            return
        if not data.get("safety_signals", "").strip():
            self.add_error("safety_signals", _("Beschrijf welke signalen je zag of hoorde."))
        if data.get("safety_step") is None:
            self.add_error("safety_step", _("Kies welke stap van de meldcode je hebt bereikt."))
        elif not data.get("safety_step_on"):
            self.add_error("safety_step_on", _("Vul in wanneer je deze stap bereikte."))
        elif data["safety_step"] >= SafetyAssessment.DECIDING_STEP and not data.get(
            "safety_decision"
        ):
            self.add_error("safety_decision", _("Bij stap 5 hoort een besluit, met de datum."))

    def _stress_content(self):
        data = self.cleaned_data
        answered_yes = [
            f.pk for f in self.factors if data.get(f"factor_{f.pk}") == ContextAnswer.Answer.YES
        ]
        actions = {
            pk: tuple(data[f"{name}_{pk}"] for name in _ACTION_FIELDS)
            for pk in answered_yes
            if data[f"factor_action_{pk}"]
        }
        underway = {
            pk: data[f"factor_underway_{pk}"]
            for pk in answered_yes
            if data[f"factor_underway_{pk}"]
        }
        return actions, underway

    def _safety_content(self):
        if not self.safety:
            return services.SafetyContent()
        data = self.cleaned_data
        numbers = [n for n in SafetyAssessment.QUESTIONS if f"safety_answer_{n}" in self.fields]
        return services.SafetyContent(
            concern=data["safety_concern"],
            signals=data["safety_signals"],
            step=data["safety_step"],
            step_on=data["safety_step_on"],
            consulted=data["safety_consulted"],
            consulted_on=data["safety_consulted_on"],
            answers={
                n: (data[f"safety_answer_{n}"], data[f"safety_answer_{n}_on"]) for n in numbers
            },
            decision=data["safety_decision"],
            decision_on=data["safety_decision_on"],
            decision_note=data["safety_decision_note"],
        )

    def content(self) -> services.ObservationContent:
        data = self.cleaned_data
        caregivers, changes = self._network() if self.network else ([], [])
        actions, underway = self._stress_content() if self.stress_actions else ({}, {})
        return services.ObservationContent(
            caregiver=data["caregiver"],
            visit_date=data["visit_date"],
            setting=data["setting"],
            scores={
                item.pk: (
                    int(data[f"item_{item.pk}"]) if data[f"item_{item.pk}"] else None,
                    data[f"note_{item.pk}"],
                )
                for section in self.sections
                for item in section.items
            },
            reflections={
                section.condition.pk: data[f"reflection_{section.condition.pk}"]
                for section in self.sections
            },
            context={
                factor.pk: (data[f"factor_{factor.pk}"], data[f"factor_note_{factor.pk}"])
                for factor in self.factors
            },
            conclusion=data["conclusion"],
            next_visit=data["next_visit"],
            discussed_on=data["discussed_on"],
            parent_reaction=data["parent_reaction"],
            shared_factors={f.pk for f in self.factors if data.get(f"factor_share_{f.pk}")},
            agreements=[
                (
                    data[f"agreement_what_{row}"],
                    data[f"agreement_who_{row}"],
                    data[f"agreement_other_{row}"],
                    data[f"agreement_due_{row}"],
                )
                for row in range(AGREEMENT_ROWS)
                if data[f"agreement_what_{row}"]
            ],
            follow_ups={
                agreement.pk: (
                    data[f"followup_{agreement.pk}"],
                    data[f"followup_note_{agreement.pk}"],
                )
                for agreement in self.open_agreements
                if data[f"followup_{agreement.pk}"]
            },
            work_points={
                section.condition.pk: data.get(f"work_point_{section.condition.pk}", "")
                for section in self.sections
            },
            caregivers=caregivers,
            changes=changes,
            stress_actions=actions,
            underway=underway,
            safety=self._safety_content(),
        )


def _safety_initial(observation, report):
    """The safety section as this visit recorded it, or as the last visit left a concern that
    is still open (to bring up to date), or nothing."""
    assessment = report.safety or report.safety_carried
    if assessment is None:
        return {"safety_concern": observation.safety_concern}
    initial = {
        "safety_concern": "ja",
        "safety_signals": assessment.signals,
        "safety_step": assessment.step,
        "safety_step_on": assessment.step_on,
        "safety_consulted": assessment.consulted,
        "safety_consulted_on": assessment.consulted_on,
        "safety_decision": assessment.decision,
        "safety_decision_on": assessment.decision_on,
        "safety_decision_note": assessment.decision_note,
    }
    for number, answer, on in assessment.answers:
        initial[f"safety_answer_{number}"] = answer
        initial[f"safety_answer_{number}_on"] = on
    return initial
