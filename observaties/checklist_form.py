"""The checklist form a professional fills in after a home visit, built from the pinned version.

One page, grouped per condition; each behaviour item is a native radio group (Tab to the item,
arrow keys to the answer) with its note and its observation hint one click away.
"""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hechting.selectors import version_content
from observaties import services
from observaties.checklist_markup import ItemRows, PlainField, ReflectionNote, SafeHtml
from observaties.forms import DateInput
from observaties.models import NOTE_MAX_LENGTH, TEXT_MAX_LENGTH, ContextAnswer, Observation

_RADIOS = {"class": "form-check-input"}
_NOTE = {"class": "form-control", "rows": 1}

_OWN_FIELD = re.compile(r"^(item|note|factor|factor_note|reflection)_(\d+)$")


class ChecklistForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    caregiver = forms.ChoiceField(
        label=gettext_lazy("geobserveerde opvoeder"), choices=Observation.Caregiver.choices
    )
    visit_date = forms.DateField(label=gettext_lazy("datum huisbezoek"), widget=DateInput())
    setting = forms.ChoiceField(label=gettext_lazy("situatie"), choices=Observation.Setting.choices)
    conclusion = forms.CharField(
        label=gettext_lazy("conclusie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
    )
    agreed_actions = forms.CharField(
        label=gettext_lazy("afspraken met de ouder"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
    )
    next_visit = forms.DateField(
        label=gettext_lazy("volgend huisbezoek"), widget=DateInput(), required=False
    )

    def __init__(self, *args, observation: Observation, report=None, **kwargs):
        """`report`, the observation's ObservationReport, gives the stored answers to show; a
        submitted form needs only the structure of the observation's checklist version."""
        self.observation = observation
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
            self.fields[f"reflection_{section.condition.pk}"] = forms.CharField(
                label=_("Reflectie op ‘%(condition)s’") % {"condition": section.condition.name},
                widget=forms.Textarea(attrs={**_NOTE, "rows": 2}),
                max_length=TEXT_MAX_LENGTH,
                required=False,
            )
        self.factors = version.factors
        for factor in self.factors:
            self.fields[f"factor_{factor.pk}"] = forms.ChoiceField(
                label=factor.label,
                choices=ContextAnswer.Answer.choices,
                widget=forms.RadioSelect(attrs=_RADIOS),
                required=False,
                help_text=factor.hint,
            )
            self.fields[f"factor_note_{factor.pk}"] = forms.CharField(
                label=_("Toelichting bij ‘%(factor)s’") % {"factor": factor.label},
                widget=forms.Textarea(attrs=_NOTE),
                max_length=NOTE_MAX_LENGTH,
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
            "agreed_actions": observation.agreed_actions,
            "next_visit": observation.next_visit,
        }
        if report is None:
            return initial
        for section in report.sections:
            initial[f"reflection_{section.condition.pk}"] = section.reflection
            for scored in section.items:
                if scored.option:
                    initial[f"item_{scored.item.pk}"] = str(scored.option.pk)
                initial[f"note_{scored.item.pk}"] = scored.note
        for factor, answer in report.context_answers:
            if answer:
                initial[f"factor_{factor.pk}"] = answer.answer
                initial[f"factor_note_{factor.pk}"] = answer.note
        return initial

    @cached_property
    def helper(self):
        """The layout, built only for a form that is shown."""
        helper = FormHelper()
        helper.form_tag = False
        helper.include_media = False  # none of its widgets has media; collecting them is not free
        parts = [
            Fieldset(
                _("Huisbezoek"),
                Div(
                    Div(PlainField("caregiver"), css_class="col-md-4"),
                    Div(PlainField("visit_date"), css_class="col-md-4"),
                    Div(PlainField("setting"), css_class="col-md-4"),
                    css_class="row",
                ),
                PlainField("lock_version"),
            )
        ]
        for section in self.sections:
            parts.append(self._condition_layout(section))
        parts.append(
            Div(
                SafeHtml(
                    format_html(
                        '<h2 class="h4" id="randvoorwaarden">{}</h2><p>{}</p>',
                        _("Randvoorwaarden: stress in het gezin"),
                        self.observation.version.stress_guidance,
                    )
                ),
                ItemRows(*[(f"factor_{f.pk}", f"factor_note_{f.pk}", "") for f in self.factors]),
                css_class="checklist-condition",
            )
        )
        parts.append(
            Fieldset(
                _("Afronding"),
                PlainField("conclusion"),
                PlainField("agreed_actions"),
                PlainField("next_visit"),
            )
        )
        helper.layout = Layout(*parts)
        return helper

    def _condition_layout(self, section):
        key = section.condition.key
        answered = sum(1 for item in section.items if self._answered(item))
        intro = format_html(
            '<h2 class="h4" id="voorwaarde-{key}">{name}</h2>'
            '<p class="answered-count small" aria-live="polite" data-template="{template}">'
            "{count}</p><p>{explanation}</p>"
            '<details class="mb-2"><summary>{guidance_title}</summary><p>{guidance}</p></details>',
            key=key,
            name=section.condition.name,
            template=_("{answered} van {total} items beantwoord"),
            count=_("%(answered)s van %(total)s items beantwoord")
            % {"answered": answered, "total": len(section.items)},
            explanation=section.content.explanation if section.content else "",
            guidance_title=_("Wat kun je als professional doen?"),
            guidance=section.content.guidance if section.content else "",
        )
        items = [(f"item_{item.pk}", f"note_{item.pk}", self._hint(item)) for item in section.items]
        return Div(
            SafeHtml(intro),
            ItemRows(*items, note_class="item-note"),
            ReflectionNote(f"reflection_{section.condition.pk}"),
            css_class="checklist-condition",
            data_checklist_condition=key,
        )

    @staticmethod
    def _hint(item):
        if not item.hint:
            return ""
        return format_html(
            '<details class="hint"><summary>{}</summary><p class="mb-0">{}</p></details>',
            _("Waar let je op?"),
            item.hint,
        )

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
        return cleaned

    def require_complete(self):
        """For submitting: every item needs a scale answer or 'geen gelegenheid'."""
        message = _("Kies een antwoord of ‘geen gelegenheid om te observeren’.")
        for section in self.sections:
            for item in section.items:
                if not self.cleaned_data.get(f"item_{item.pk}"):
                    self.add_error(f"item_{item.pk}", message)
        return self.is_valid()

    def content(self) -> services.ObservationContent:
        data = self.cleaned_data
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
            agreed_actions=data["agreed_actions"],
            next_visit=data["next_visit"],
        )
