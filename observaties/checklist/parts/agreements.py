"""Agreements: how each open agreement of earlier visits went, and the agreements made with the
parent at this visit."""

from crispy_forms.layout import LayoutObject
from django import forms
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from core.forms import DateInput
from observaties.checklist.markup import (
    NOTE,
    RADIOS,
    note_field,
    radio_group,
    slot,
    table_head,
    table_rows,
)
from observaties.models import TEXT_MAX_LENGTH, Agreement, AgreementFollowUp

AGREEMENT_ROWS = 4  # fixed rows, so that the form works without JavaScript


class AgreementsPart:
    def __init__(self, open_agreements):
        self.open_agreements = open_agreements

    def fields(self):
        yield from self.row_fields()
        yield from self.follow_up_fields()

    @staticmethod
    def row_fields():
        """The same for every observation: the rows for this visit's agreements."""
        whos = [("", "—"), *Agreement.Who.choices]
        for row in range(AGREEMENT_ROWS):
            number = {"number": row + 1}
            yield (
                f"agreement_what_{row}",
                forms.CharField(
                    label=_("Wat (afspraak %(number)s)") % number,
                    max_length=TEXT_MAX_LENGTH,
                    required=False,
                    # A text area: an agreement of several lines keeps them when saved again.
                    widget=forms.Textarea(attrs={"rows": 1}),
                ),
            )
            yield (
                f"agreement_who_{row}",
                forms.ChoiceField(
                    label=_("Wie (afspraak %(number)s)") % number, choices=whos, required=False
                ),
            )
            yield (
                f"agreement_other_{row}",
                forms.CharField(
                    label=_("Wie anders (afspraak %(number)s)") % number,
                    max_length=100,
                    required=False,
                ),
            )
            yield (
                f"agreement_due_{row}",
                forms.DateField(
                    label=_("Uiterlijk op (afspraak %(number)s)") % number,
                    widget=DateInput(attrs={"class": "form-control"}),
                    required=False,
                ),
            )

    def follow_up_fields(self):
        """This observation's own: how each open agreement of earlier visits went."""
        for agreement in self.open_agreements:
            yield (
                f"followup_{agreement.pk}",
                forms.ChoiceField(
                    label=_("‘%(what)s’ (%(who)s, afgesproken op %(date)s)")
                    % {
                        "what": agreement.what,
                        "who": agreement.get_who_display(),
                        "date": date_format(agreement.observation.visit_date, "j F Y"),
                    },
                    choices=AgreementFollowUp.Outcome.choices,
                    widget=forms.RadioSelect(attrs=RADIOS),
                    required=False,
                ),
            )
            yield (
                f"followup_note_{agreement.pk}",
                forms.CharField(
                    label=_("Toelichting (verplicht bij gestopt)"),
                    widget=forms.Textarea(attrs=NOTE),
                    max_length=200,
                    required=False,
                ),
            )

    @staticmethod
    def initial(content):
        initial = {}
        for row, (what, who, other, due) in enumerate(content.agreements):
            initial[f"agreement_what_{row}"] = what
            initial[f"agreement_who_{row}"] = who
            initial[f"agreement_other_{row}"] = other
            initial[f"agreement_due_{row}"] = due
        for pk, (outcome, note) in content.follow_ups.items():
            initial[f"followup_{pk}"] = outcome
            initial[f"followup_note_{pk}"] = note
        return initial

    def content(self, data):
        follow_ups = {
            a.pk: (data.get(f"followup_{a.pk}", ""), data.get(f"followup_note_{a.pk}", ""))
            for a in self.open_agreements
        }
        return {
            "agreements": [
                (
                    data.get(f"agreement_what_{row}", ""),
                    data.get(f"agreement_who_{row}", ""),
                    data.get(f"agreement_other_{row}", ""),
                    data.get(f"agreement_due_{row}"),
                )
                for row in range(AGREEMENT_ROWS)
            ],
            "follow_ups": {pk: answer for pk, answer in follow_ups.items() if any(answer)},
        }

    def layout(self):
        return FollowUps(), AgreementTable(AGREEMENT_ROWS)


class AgreementTable(LayoutObject):
    """The agreements made with the parent at this visit, as fixed rows of ordinary fields."""

    def __init__(self, rows):
        self.rows = rows

    def render(self, form, context, **kwargs):
        return format_html(
            '<h3 class="h6" id="afspraken-nieuw">{title}</h3><p class="small '
            'text-body-secondary">{help}</p><div class="table-responsive"><table '
            'class="table table-sm table-stack table-stack-fields" '
            'aria-labelledby="afspraken-nieuw"><thead><tr>{head}</tr></thead>'
            "<tbody>{rows}</tbody></table></div>",
            title=_("Afspraken met de ouder"),
            help=_(
                "Wat spraken jullie af, wie doet het en wanneer? Zonder datum: bij het volgende "
                "bezoek. Ze staan op het blad voor de ouder; schrijf ze in gewone woorden."
            ),
            head=table_head(_("Wat"), _("Wie"), _("Wie anders"), _("Uiterlijk op")),
            rows=table_rows(
                form,
                ["agreement_what", "agreement_who", "agreement_other", "agreement_due"],
                self.rows,
            ),
        )


class FollowUps(LayoutObject):
    """How each open agreement of earlier visits went: a radio group and a short note."""

    def render(self, form, context, **kwargs):
        return _follow_ups(form)


@slot
def _follow_ups(form):
    """This observation's own: the agreements of earlier visits still open."""
    agreements = form.open_agreements
    if not agreements:
        return ""
    rows = format_html_join(
        "",
        '<div class="checklist-item">{}{}</div>',
        (
            (
                radio_group(form[f"followup_{agreement.pk}"]),
                note_field(form[f"followup_note_{agreement.pk}"], "item-note"),
            )
            for agreement in agreements
        ),
    )
    return format_html(
        '<h3 class="h6" id="afspraken-eerder">{}</h3><p class="small">{}</p>{}',
        _("Afspraken van eerdere bezoeken"),
        _("Hoe ging het? Bij ‘gestopt’ schrijf je in een paar woorden waarom."),
        rows,
    )
