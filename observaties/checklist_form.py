"""The checklist form a professional fills in after a home visit, built from the pinned version.

One page, grouped per condition; each behaviour item is a native radio group (Tab to the item,
arrow keys to the answer) with its note and its observation hint one click away.
"""

import re
from html import escape

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout, LayoutObject
from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hechting.selectors import version_content
from observaties import services
from observaties.forms import DateInput
from observaties.models import NOTE_MAX_LENGTH, TEXT_MAX_LENGTH, ContextAnswer, Observation

_RADIOS = {"class": "form-check-input"}
_NOTE = {"class": "form-control", "rows": 1}

_OWN_FIELD = re.compile(r"^(item|note|factor|factor_note|reflection)_(\d+)$")


class _Html(LayoutObject):
    """Already escaped HTML; unlike crispy's HTML it is never parsed as a template."""

    def __init__(self, html):
        self.html = html

    def render(self, form, context, **kwargs):
        return self.html


class _Rows(LayoutObject):
    """The repeated rows of the checklist: per item a radio group, its hint and its note.

    About 75 radio buttons and 20 notes. They are written here with the markup of Django's
    RadioSelect and Textarea (and the same ids, aria attributes and errors) because rendering a
    widget template per button took most of the page's time.
    """

    def __init__(self, *rows, note_class=""):
        self.rows = rows  # (choice field name, note field name, hint as safe HTML)
        self.note_class = note_class

    def render(self, form, context, **kwargs):
        # Every part is already escaped (SafeString), so plain joining keeps it safe.
        return mark_safe(
            "".join(
                f'<div class="checklist-item">{_radio_group(form[choice])}{hint}'
                f"{_note(form[note], self.note_class)}</div>"
                for choice, note, hint in self.rows
            )
        )


class _Note(LayoutObject):
    """A reflection: a note of its own, in the same markup as the notes in the rows."""

    def __init__(self, name):
        self.name = name

    def render(self, form, context, **kwargs):
        return _note(form[self.name], "")


class _Field(LayoutObject):
    """One of the form's few ordinary fields, in crispy's Bootstrap 5 markup (label, widget with
    its validation classes, help text, errors) without a wrapper template per field."""

    # The classes crispy gives each kind of widget, besides Bootstrap's own.
    _CLASSES = {
        forms.Select: "select form-select",
        forms.Textarea: "textarea form-control",
        DateInput: "dateinput form-control",
    }

    def __init__(self, name):
        self.name = name

    def render(self, form, context, **kwargs):
        bound = form[self.name]
        widget = bound.field.widget
        if widget.is_hidden:
            return _widget(bound, {})
        attrs = {"class": self._CLASSES[type(widget)]}
        if bound.errors:
            attrs["class"] += " is-invalid"
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = f"{bound.auto_id}_error"
        return format_html(
            '<div id="div_{}" class="mb-3"><label for="{}" class="form-label{}">{}{}</label>'
            "{}{}{}</div>",
            bound.auto_id,
            bound.auto_id,
            " requiredField" if bound.field.required else "",
            bound.label,
            mark_safe('<span class="asteriskField">*</span>') if bound.field.required else "",
            _widget(bound, attrs),
            format_html(
                '<div id="{}_helptext" class="form-text">{}</div>', bound.auto_id, bound.help_text
            )
            if bound.help_text
            else "",
            format_html(
                '<div id="{}_error" class="invalid-feedback">{}</div>',
                bound.auto_id,
                format_html_join(
                    "",
                    '<span id="error_{}_{}"><strong>{}</strong></span>',
                    ((index, bound.auto_id, error) for index, error in enumerate(bound.errors, 1)),
                ),
            )
            if bound.errors
            else "",
        )


def _widget(bound, attrs):
    """The field's input, textarea or select as Django's widget templates write it, attributes
    and all, without a template per widget and per option."""
    widget = bound.field.widget
    attrs = bound.build_widget_attrs(attrs, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    if isinstance(widget, forms.Select):
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>',
            (
                (option["value"], _attributes(option["attrs"]), option["label"])
                for _group, choices, _index in context["optgroups"]
                for option in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            context["name"],
            _attributes(context["attrs"]),
            options,
        )
    if isinstance(widget, forms.Textarea):
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            context["name"],
            _attributes(context["attrs"]),
            context["value"] or "",
        )
    value = context["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        context["type"],
        context["name"],
        format_html(' value="{}"', value) if value is not None else "",
        _attributes(context["attrs"]),
    )


def _attributes(attrs):
    """Like django/forms/widgets/attrs.html: True is a bare attribute, False none."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _errors(bound):
    return format_html(
        '<div id="{}_error" class="invalid-feedback d-block">{}</div>',
        bound.auto_id,
        format_html_join(
            "", '<p class="mb-0"><strong>{}</strong></p>', ((e,) for e in bound.errors)
        ),
    )


def _radio_group(bound):
    value = bound.value()
    selected = "" if value is None else str(value)
    name, invalid = escape(bound.html_name), ' aria-invalid="true"' if bound.errors else ""
    # Escaped with the standard library rather than format_html: some 75 buttons per page.
    buttons = []
    for index, (key, label) in enumerate(bound.field.choices):
        option_id = escape(f"{bound.auto_id}_{index}")
        checked = " checked" if str(key) == selected else ""
        buttons.append(
            f'<div class="form-check form-check-inline"><input type="radio" name="{name}" '
            f'value="{escape(str(key))}" class="form-check-input" id="{option_id}"{invalid}'
            f'{checked}><label class="form-check-label" for="{option_id}">'
            f"{escape(str(label))}</label></div>"
        )
    auto_id = escape(bound.auto_id)
    described = f' aria-describedby="{auto_id}_error"' if bound.errors else ""
    help_text = (
        f'<div class="form-text">{escape(str(bound.help_text))}</div>' if bound.help_text else ""
    )
    return mark_safe(
        f'<fieldset id="div_{auto_id}" class="mb-2"{described}>'
        f'<legend class="fs-6 fw-semibold form-label mb-1">{escape(str(bound.label))}</legend>'
        f'<div class="checklist-scale">{"".join(buttons)}</div>{help_text}'
        f"{_errors(bound) if bound.errors else ''}</fieldset>"
    )


def _note(bound, wrapper_class):
    described = (
        f' aria-invalid="true" aria-describedby="{escape(bound.auto_id)}_error"'
        if bound.errors
        else ""
    )
    value = bound.value()
    auto_id = escape(bound.auto_id)
    # Like Django's Textarea: a newline after the tag, so a note that starts with one keeps it.
    # Escaped with the standard library rather than format_html: some 25 notes per page.
    return mark_safe(
        f'<div id="div_{auto_id}" class="mb-2{f" {wrapper_class}" if wrapper_class else ""}">'
        f'<label class="form-label small mb-1" for="{auto_id}">{escape(str(bound.label))}</label>'
        f'<textarea name="{escape(bound.html_name)}" cols="40" '
        f'rows="{bound.field.widget.attrs["rows"]}" class="form-control" '
        f'maxlength="{bound.field.max_length}"{described} id="{auto_id}">'
        f"\n{escape('' if value is None else str(value))}</textarea>"
        f"{_errors(bound) if bound.errors else ''}</div>"
    )


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
                    Div(_Field("caregiver"), css_class="col-md-4"),
                    Div(_Field("visit_date"), css_class="col-md-4"),
                    Div(_Field("setting"), css_class="col-md-4"),
                    css_class="row",
                ),
                _Field("lock_version"),
            )
        ]
        for section in self.sections:
            parts.append(self._condition_layout(section))
        parts.append(
            Div(
                _Html(
                    format_html(
                        '<h2 class="h4" id="randvoorwaarden">{}</h2><p>{}</p>',
                        _("Randvoorwaarden: stress in het gezin"),
                        self.observation.version.stress_guidance,
                    )
                ),
                _Rows(*[(f"factor_{f.pk}", f"factor_note_{f.pk}", "") for f in self.factors]),
                css_class="checklist-condition",
            )
        )
        parts.append(
            Fieldset(
                _("Afronding"),
                _Field("conclusion"),
                _Field("agreed_actions"),
                _Field("next_visit"),
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
            _Html(intro),
            _Rows(*items, note_class="item-note"),
            _Note(f"reflection_{section.condition.pk}"),
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
