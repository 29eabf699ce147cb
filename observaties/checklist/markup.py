"""The checklist form's markup: crispy layout objects that write its fields as Django's widget
templates and crispy's Bootstrap 5 templates would, without a template per widget and per option.
"""

from contextvars import ContextVar
from functools import wraps
from html import escape

from crispy_forms.layout import LayoutObject
from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.forms import DateInput

# While a layout is compiled (observaties.checklist.compiled): the calls kept in place of what
# depends on the request.
_recording: ContextVar = ContextVar("checklist_recording", default=None)


class Recording:
    """The calls a compiled layout makes per request, each standing in its markup as a mark."""

    MARK = "\x00"

    def __init__(self):
        self.calls = []

    def keep(self, render, args):
        kept = tuple(
            ("field", arg.name)
            if isinstance(arg, forms.BoundField)
            else ("form", None)
            if isinstance(arg, forms.BaseForm)
            else ("value", arg)
            for arg in args
        )
        self.calls.append((render, kept))
        return mark_safe(f"{self.MARK}{len(self.calls) - 1}{self.MARK}")

    def record(self, render_layout):
        """`render_layout()`'s markup, with a mark for each call kept while it ran."""
        token = _recording.set(self)
        try:
            return render_layout()
        finally:
            _recording.reset(token)

    def call(self, number, form):
        render, kept = self.calls[number]
        return render(
            *(
                form[value] if kind == "field" else form if kind == "form" else value
                for kind, value in kept
            )
        )


def slot(render):
    """Markup that depends on the request (a field's value and errors, a count, what an earlier
    visit left open): rendered per request; while a layout is compiled, a mark stands in for it
    and the call is kept. Its arguments are the form, its bound fields, and values that are the
    same for every form of the version."""

    @wraps(render)
    def wrapped(*args):
        recording = _recording.get()
        if recording is None:
            return render(*args)
        return recording.keep(render, args)

    return wrapped


# The fields of frozen versions, shared by every form (observaties.checklist.compiled), each with
# its markup per answer: a field without errors shows an answer the same way every time.
_shared: dict[int, tuple[forms.Field, dict]] = {}


def share(fields):
    """Remember `fields` as shared, so that their markup per answer is kept."""
    for field in fields:
        _shared.setdefault(id(field), (field, {}))


def forget_shared():
    """For tests, whose rolled-back databases may reuse a version's id."""
    _shared.clear()


def _per_answer(render):
    """Keep the markup of a shared field without errors per answer, where the answers are few:
    a choice, a tick, or nothing filled in. Typed text is rendered every time."""

    @wraps(render)
    def wrapped(bound, *args):
        shared = _shared.get(id(bound.field))
        if shared is None or shared[0] is not bound.field or bound.name in bound.form.errors:
            return render(bound, *args)
        value = bound.value()
        if value not in (None, "", True, False) and not isinstance(
            bound.field.widget, forms.Select | forms.RadioSelect
        ):
            return render(bound, *args)
        key = (render, bound.html_name, bound.auto_id, value, *args)
        html = shared[1].get(key)
        if html is None:
            html = shared[1][key] = render(bound, *args)
        return html

    return wrapped


class Slot(LayoutObject):
    """Markup made per request by `render(form, *args)`, a `slot`."""

    def __init__(self, render, *args):
        self.render_slot = render
        self.args = args

    def render(self, form, context, **kwargs):
        return self.render_slot(form, *self.args)


# Widget attributes the checklist's radio groups and one-line notes share (widgets copy them).
RADIOS = {"class": "form-check-input"}
NOTE = {"class": "form-control", "rows": 1}


class SafeHtml(LayoutObject):
    """Already escaped HTML; unlike crispy's HTML it is never parsed as a template."""

    def __init__(self, html):
        self.html = html

    def render(self, form, context, **kwargs):
        return self.html


class ItemRows(LayoutObject):
    """The repeated rows of the checklist: per item a radio group, its hint and its note.

    About 75 radio buttons and 20 notes. They are written here with the markup of Django's
    RadioSelect and Textarea (and the same ids, aria attributes and errors) because rendering a
    widget template per button took most of the page's time.
    """

    def __init__(self, *rows, note_class=""):
        # (choice field name, note field name, hint as safe HTML[, checkbox field name])
        self.rows = rows
        self.note_class = note_class

    def render(self, form, context, **kwargs):
        # Every part is already escaped (SafeString), so plain joining keeps it safe.
        return mark_safe(
            "".join(
                f'<div class="checklist-item">{radio_group(form[choice])}{hint}'
                f"{note_field(form[note], self.note_class) if note else ''}"
                f"{checkbox(form[extra[0]]) if extra else ''}</div>"
                for choice, note, hint, *extra in self.rows
            )
        )


def source_mark(source):
    """A discreet mark after a text: the knowledge page's, the organisation's or a publication's.
    Nothing for a text without a recorded source (version 1)."""
    if source is None:
        return ""
    if source.is_knowledge_page:
        label = _("bron: kennispagina NJi")
    elif source.is_organisation:
        label = _("eigen tekst van de organisatie")
    else:
        label = _("bron: %(reference)s") % {"reference": source.reference}
    return format_html('<span class="source-mark">({})</span>', label)


def column(form, name, css_class):
    return mark_safe(f'<div class="{css_class}">{plain_field(form[name])}</div>')


@slot
def _cell(form, name):
    return _cell_of(form[name])


@_per_answer
def _cell_of(bound):
    attrs = {
        "class": "form-select" if isinstance(bound.field.widget, forms.Select) else "form-control"
    }
    if bound.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        hint = bound.field.widget.attrs.get("aria-describedby")  # a hint the field points to
        attrs["aria-describedby"] = f"{bound.auto_id}_error" + (f" {hint}" if hint else "")
    return mark_safe(
        f'<td><label class="visually-hidden" for="{escape(bound.auto_id)}">'
        f"{_escape(bound.label)}</label>{_widget(bound, attrs)}"
        f"{_errors(bound) if bound.errors else ''}</td>"
    )


def table_rows(form, names, count, *, start=0):
    """Table rows `start` to `count` of the fields `{name}_{row}`, one cell each."""
    return mark_safe(
        "".join(
            f"<tr>{''.join(_cell(form, f'{name}_{row}') for name in names)}</tr>"
            for row in range(start, count)
        )
    )


def table_head(*titles):
    return format_html_join("", '<th scope="col">{}</th>', ((title,) for title in titles))


class ReflectionNote(LayoutObject):
    """A reflection: a note of its own, in the same markup as the notes in the rows."""

    def __init__(self, name):
        self.name = name

    def render(self, form, context, **kwargs):
        return note_field(form[self.name], "")


# The classes crispy gives each kind of widget, besides Bootstrap's own.
_PLAIN_CLASSES = {
    forms.Select: "select form-select",
    forms.Textarea: "textarea form-control",
    forms.TextInput: "textinput form-control",
    DateInput: "dateinput form-control",
}


class PlainField(LayoutObject):
    """One of the form's few ordinary fields, in crispy's Bootstrap 5 markup (label, widget with
    its validation classes, help text, errors) without a wrapper template per field."""

    def __init__(self, name):
        self.name = name

    def render(self, form, context, **kwargs):
        return plain_field(form[self.name])


@slot
@_per_answer
def plain_field(bound):
    widget = bound.field.widget
    if widget.is_hidden:
        return _widget(bound, {})
    attrs = {"class": _PLAIN_CLASSES[type(widget)]}
    described = []
    counted = isinstance(widget, forms.Textarea) and bound.field.max_length
    if counted:
        attrs["maxlength"] = False  # see length_counter
        attrs["data-max-length"] = bound.field.max_length
        described.append(f"{bound.auto_id}_count")
    if bound.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        described.append(f"{bound.auto_id}_error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    auto_id = escape(bound.auto_id)
    required = bound.field.required
    asterisk = '<span class="asteriskField">*</span>' if required else ""
    help_text = (
        f'<div id="{auto_id}_helptext" class="form-text">{_escape(bound.help_text)}</div>'
        if bound.help_text
        else ""
    )
    errors = (
        f'<div id="{auto_id}_error" class="invalid-feedback">'
        + "".join(
            f'<span id="error_{index}_{auto_id}"><strong>{_escape(error)}</strong></span>'
            for index, error in enumerate(bound.errors, 1)
        )
        + "</div>"
        if bound.errors
        else ""
    )
    return mark_safe(
        f'<div id="div_{auto_id}" class="mb-3"><label for="{auto_id}" class="form-label'
        f'{" requiredField" if required else ""}">{_escape(bound.label)}'
        f"{asterisk}</label>"
        f"{_widget(bound, attrs)}{length_counter(bound) if counted else ''}{help_text}"
        f"{errors}</div>"
    )


def _escape(text):
    """Django's conditional_escape, without its lazy-string wrapper: a few hundred a page."""
    return text if hasattr(text, "__html__") else escape(str(text))


def _widget(bound, attrs):
    """The field's input, textarea or select as Django's widget templates write it, attributes
    and all, without a template per widget and per option.

    Escaped with the standard library, as Django's escape does, rather than per part through
    format_html: some 110 of these per page. None of the form's selects has option groups.
    """
    widget = bound.field.widget
    attrs = bound.build_widget_attrs(attrs, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    attrs = _attributes(widget.build_attrs(widget.attrs, attrs))
    name = escape(bound.html_name)
    value = widget.format_value(bound.value())
    if isinstance(widget, forms.Select):
        return mark_safe(
            f'<select name="{name}"{attrs}>{_options(widget.choices, value)}\n</select>'
        )
    if isinstance(widget, forms.Textarea):
        return mark_safe(
            f'<textarea name="{name}"{attrs}>\n{escape(value) if value else ""}</textarea>'
        )
    value = "" if value is None else f' value="{escape(value)}"'
    return mark_safe(f'<input type="{widget.input_type}" name="{name}"{value}{attrs}>')


def _options(choices, selected):
    """A select's options, the first whose value is among `selected` (strings) selected."""
    options, found = [], False
    for value, label in choices:
        value = "" if value is None else str(value)
        chosen = not found and value in selected
        found = found or chosen
        options.append(
            f'\n  <option value="{escape(value)}"{" selected" if chosen else ""}>'
            f"{_escape(label)}</option>"
        )
    return "".join(options)


def _attributes(attrs):
    """Like django/forms/widgets/attrs.html: True is a bare attribute, False none."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _errors(bound):
    return format_html(
        '<div id="{}_error" class="invalid-feedback d-block">{}</div>',
        bound.auto_id,
        format_html_join(
            "", '<p class="mb-0"><strong>{}</strong></p>', ((e,) for e in bound.errors)
        ),
    )


@slot
@_per_answer
def radio_group(bound):
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


@slot
@_per_answer
def checkbox(bound):
    auto_id = escape(bound.auto_id)
    checked = " checked" if bound.value() else ""
    return mark_safe(
        f'<div class="form-check mb-2"><input type="checkbox" name="{escape(bound.html_name)}" '
        f'class="form-check-input" id="{auto_id}"{checked}><label class="form-check-label small" '
        f'for="{auto_id}">{escape(str(bound.label))}</label></div>'
    )


@slot
@_per_answer
def note_field(bound, wrapper_class):
    auto_id = escape(bound.auto_id)
    invalid = ' aria-invalid="true"' if bound.errors else ""
    described = f"{auto_id}_count" + (f" {auto_id}_error" if bound.errors else "")
    value = bound.value()
    # Like Django's Textarea: a newline after the tag, so a note that starts with one keeps it.
    # Escaped with the standard library rather than format_html: some 25 notes per page.
    return mark_safe(
        f'<div id="div_{auto_id}" class="mb-2{f" {wrapper_class}" if wrapper_class else ""}">'
        f'<label class="form-label small mb-1" for="{auto_id}">{escape(str(bound.label))}</label>'
        f'<textarea name="{escape(bound.html_name)}" cols="40" '
        f'rows="{bound.field.widget.attrs["rows"]}" class="form-control" '
        f'data-max-length="{bound.field.max_length}"{invalid} aria-describedby="{described}" '
        f'id="{auto_id}">\n{escape("" if value is None else str(value))}</textarea>'
        f"{length_counter(bound)}{_errors(bound) if bound.errors else ''}</div>"
    )


def length_counter(bound):
    """The limit of a text field, which the page's script turns into a counter as one types.

    The browser's maxlength is left off: it cuts pasted text without a word. A text over the
    limit is refused by the form, with the counter saying by how much, and nothing is cut.
    """
    limit = bound.field.max_length
    return format_html(
        '<div id="{}_count" class="form-text length-count" data-template="{}" data-over="{}">'
        "{}</div>",
        bound.auto_id,
        _("{count} van {limit} tekens"),
        _(
            "{count} van {limit} tekens: {over} te veel. Maak de tekst korter; zo kan hij niet "
            "worden opgeslagen."
        ),
        _("Hoogstens %(limit)s tekens.") % {"limit": limit},
    )
