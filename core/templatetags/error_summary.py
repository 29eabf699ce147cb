"""The summary of a form's errors, above the form, on every form of the app.

Modelled on GOV.UK's error summary: how many fields are open, a link to each in the order of the
form, the form's own messages (not about one field), and the focus on the summary
(`static/js/error-summary.js`), so a keyboard or screen-reader user gets there in one step. The
fields keep their own message beside them; the form's own messages are only here (the crispy
template `bootstrap5/errors.html` is empty), so they are not said twice.
"""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


def short_label(field):
    """A field's label as a message names it: capitalised, at most ten words, without the full
    stop of a label that is a sentence (an item: "… toenadering zoekt."), since a colon follows."""
    label = Truncator(capfirst(str(field.label))).words(10, truncate=" …")
    return label.rstrip(".:") if not label.endswith("…") else label


def field_anchor(bound):
    """The id a link to the field goes to: a radio list's first choice, else the field."""
    radio = isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
    return f"{bound.auto_id}_0" if radio else bound.auto_id


def summary_html(*, title, general=(), lead="", entries=(), footer=""):
    """`entries`: (anchor, label, message) in the order of the page; `footer`: HTML after them."""
    return format_html(
        '<div class="alert alert-danger error-summary" role="alert" tabindex="-1" '
        'aria-labelledby="foutoverzicht-titel" data-error-summary>'
        '<h2 class="h5" id="foutoverzicht-titel">{title}</h2>{general}{lead}{links}{footer}'
        "</div>",
        title=title,
        general=format_html_join("", '<p class="mb-2">{}</p>', ((e,) for e in general)),
        lead=format_html('<p class="mb-1">{}</p>', lead) if lead and entries else "",
        links=format_html(
            '<ul class="mb-0">{}</ul>',
            format_html_join(
                "",
                '<li><a href="#{}" class="alert-link">{}</a>{} {}</li>',
                (
                    # A question ("Is … een werkpunt met de ouder?") is followed by its message.
                    (anchor, label, "" if label.endswith("?") else ":", message)
                    for anchor, label, message in entries
                ),
            ),
        )
        if entries
        else "",
        footer=footer,
    )


@register.simple_tag
def error_summary(form):
    """Nothing for a form without errors; else the summary of them, fields in the form's order."""
    if not form.errors:
        return ""
    entries = [
        (field_anchor(form[name]), short_label(form[name].field), " ".join(form.errors[name]))
        for name in form.fields
        if name in form.errors and not form[name].is_hidden
    ]
    count = len(entries)
    title = (
        ngettext(
            "Nog niet gelukt: %(count)s onderdeel klopt nog niet.",
            "Nog niet gelukt: %(count)s onderdelen kloppen nog niet.",
            count,
        )
        % {"count": count}
        if count
        else _("Nog niet gelukt.")
    )
    general = list(form.non_field_errors())
    # An error on a hidden field (a lock version) has no field to go to: it is said here.
    general += [
        message
        for name in form.fields
        if name in form.errors and form[name].is_hidden
        for message in form.errors[name]
    ]
    return summary_html(
        title=title,
        general=general,
        lead=_("Wat je invulde staat nog in het formulier. Verbeter het en probeer het opnieuw:"),
        entries=entries,
    )
