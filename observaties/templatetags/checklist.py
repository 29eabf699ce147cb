"""The checklist form with, above it, a summary of what stops it from being saved or handed in.

Modelled on GOV.UK's error summary: how many parts are open, a link to each in the order of the
page, and the focus on the summary, so a keyboard or screen-reader user gets there in one step.
"""

from crispy_forms.utils import render_crispy_form
from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.templatetags.error_summary import field_anchor, short_label, summary_html

register = template.Library()


@register.simple_tag(takes_context=True)
def checklist_with_summary(context, form, draft_saved=False):
    """`draft_saved`: the form was handed in incomplete and stored as a draft meanwhile."""
    html = render_crispy_form(form, context=context.flatten())
    if not form.errors:
        return html
    return mark_safe(error_summary(form, html, draft_saved=draft_saved) + html)


def error_summary(form, html, *, draft_saved):
    entries = []
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS or name not in form.fields:
            continue
        bound = form[name]
        anchor = field_anchor(bound)
        position = html.find(f'id="{anchor}"')
        if position < 0:
            continue  # not on the page (the hidden lock version): nothing to link to
        entries.append((position, anchor, short_label(bound.field), " ".join(errors)))
    entries.sort()
    count = len(entries)
    if draft_saved:
        title = ngettext(
            "Nog niet ingediend: %(count)s onderdeel is nog open.",
            "Nog niet ingediend: %(count)s onderdelen zijn nog open.",
            count,
        ) % {"count": count}
        lead = _(
            "Het concept is opgeslagen met alles wat je invulde. Vul deze onderdelen in en dien "
            "de observatie daarna opnieuw in:"
        )
    elif count:
        title = ngettext(
            "Niet opgeslagen: %(count)s onderdeel klopt nog niet.",
            "Niet opgeslagen: %(count)s onderdelen kloppen nog niet.",
            count,
        ) % {"count": count}
        lead = _("Wat je invulde staat nog op de pagina. Verbeter het en sla opnieuw op:")
    else:
        title, lead = _("Niet opgeslagen."), ""
    return summary_html(
        title=title,
        general=form.non_field_errors(),
        lead=lead,
        entries=[entry[1:] for entry in entries],
        footer=format_html(
            '<p class="mb-0 mt-2"><a href="#checklist-acties" class="alert-link">{}</a></p>',
            _("Naar de knoppen om op te slaan of in te dienen"),
        ),
    )
