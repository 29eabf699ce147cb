"""The checklist form with, above it, a summary of what stops it from being saved or handed in.

Modelled on GOV.UK's error summary: how many parts are open, a link to each in the order of the
page, and the focus on the summary, so a keyboard or screen-reader user gets there in one step.
"""

from crispy_forms.utils import render_crispy_form
from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from observaties.checklist.markup import short_label

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
        radio = isinstance(bound.field.widget, forms.RadioSelect)
        anchor = f"{bound.auto_id}_0" if radio else bound.auto_id
        position = html.find(f'id="{anchor}"')
        if position < 0:
            continue  # not on the page (the hidden lock version): nothing to link to
        entries.append((position, anchor, short_label(bound.field), " ".join(errors)))
    entries.sort()
    general = form.non_field_errors()
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
    return format_html(
        '<div class="alert alert-danger error-summary" role="alert" tabindex="-1" '
        'aria-labelledby="foutoverzicht-titel" data-error-summary>'
        '<h2 class="h5" id="foutoverzicht-titel">{title}</h2>{general}{lead}{links}'
        '<p class="mb-0 mt-2"><a href="#checklist-acties" class="alert-link">{actions}</a></p>'
        "</div>",
        title=title,
        actions=_("Naar de knoppen om op te slaan of in te dienen"),
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
                    for _pos, anchor, label, message in entries
                ),
            ),
        )
        if entries
        else "",
    )
