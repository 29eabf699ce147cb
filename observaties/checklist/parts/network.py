"""The caregiver network under ‘zorgen voor continuïteit’: who cares for the child in a usual
week, and the changes in the six months before the visit (from version 2 on)."""

from decimal import Decimal

from crispy_forms.layout import LayoutObject
from django import forms
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from observaties.checklist.markup import RADIOS, radio_group, slot, table_head, table_rows
from observaties.models import CaregiverChange, CaregiverEntry, Observation

# Fixed rows, so that the form works without JavaScript; blank rows are ignored.
CAREGIVER_ROWS = 6
CHANGE_ROWS = 4
CAREGIVER_FIELDS = ["caregiver_relation", "caregiver_days", "caregiver_note"]
CHANGE_FIELDS = ["change_what", "change_month", "change_cause", "change_outside"]

# The hint on how to write a change's month, which every month field of the table points to.
MONTH_HINT_ID = "wisseling-maand-uitleg"


class NetworkPart:
    """Its fields, their initial values, its share of the content and its layout."""

    def __init__(self, answers):
        self.answers = answers

    def fields(self):
        yield (
            "network_check",
            forms.ChoiceField(
                label=_("Klopt dit nog? Loop het netwerk met de ouder na."),
                choices=Observation.NetworkCheck.choices,
                widget=forms.RadioSelect(attrs=RADIOS),
                required=False,
            ),
        )
        relations = [("", "—"), *CaregiverEntry.Relation.choices]
        for row in range(CAREGIVER_ROWS):
            number = {"number": row + 1}
            yield (
                f"caregiver_relation_{row}",
                forms.ChoiceField(
                    label=_("Opvoeder %(number)s") % number, choices=relations, required=False
                ),
            )
            yield (
                f"caregiver_days_{row}",
                forms.DecimalField(
                    label=_("Dagen per week (opvoeder %(number)s)") % number,
                    min_value=Decimal("0.5"),
                    max_value=Decimal("7"),
                    decimal_places=1,
                    required=False,
                    widget=forms.NumberInput(attrs={"step": "0.5", "class": "form-control"}),
                ),
            )
            yield (
                f"caregiver_note_{row}",
                forms.CharField(
                    label=_("Toelichting (opvoeder %(number)s)") % number,
                    max_length=200,
                    required=False,
                ),
            )
        causes = [("", "—"), *CaregiverChange.Cause.choices]
        for row in range(CHANGE_ROWS):
            number = {"number": row + 1}
            yield (
                f"change_what_{row}",
                forms.CharField(
                    label=_("Wat veranderde (wisseling %(number)s)") % number,
                    max_length=200,
                    required=False,
                ),
            )
            yield (
                f"change_month_{row}",
                forms.DateField(
                    label=_("Maand (wisseling %(number)s)") % number,
                    input_formats=["%Y-%m"],
                    required=False,
                    widget=forms.DateInput(
                        format="%Y-%m",
                        # A month input may not carry a placeholder (HTML): the format is said
                        # once above the table, and each field points to it.
                        attrs={
                            "type": "month",
                            "class": "form-control",
                            "aria-describedby": MONTH_HINT_ID,
                        },
                    ),
                ),
            )
            yield (
                f"change_cause_{row}",
                forms.ChoiceField(
                    label=_("Oorzaak (wisseling %(number)s)") % number,
                    choices=causes,
                    required=False,
                ),
            )
            yield (
                f"change_outside_{row}",
                forms.ChoiceField(
                    label=_("Buiten de invloed van de ouder? (wisseling %(number)s)") % number,
                    choices=[("", _("volgt uit de oorzaak")), ("ja", _("ja")), ("nee", _("nee"))],
                    required=False,
                ),
            )

    def initial(self, content):
        """This visit's network, or the one an earlier visit recorded, to confirm or amend."""
        initial = {"network_check": content.network_check}
        caregivers = content.caregivers or [
            (entry.relation, entry.days_per_week, entry.note)
            for entry in self.answers.previous_caregivers
        ]
        for row, (relation, days, note) in enumerate(caregivers):
            initial[f"caregiver_relation_{row}"] = relation
            # Whole days as whole numbers in the field too (7, not 7.0).
            whole = days is not None and days == days.to_integral_value()
            initial[f"caregiver_days_{row}"] = days.to_integral_value() if whole else days
            initial[f"caregiver_note_{row}"] = note
        for row, (what, cause, outside, month) in enumerate(content.changes):
            initial[f"change_what_{row}"] = what
            initial[f"change_month_{row}"] = month
            initial[f"change_cause_{row}"] = cause
            initial[f"change_outside_{row}"] = "ja" if outside else "nee"
        return initial

    @staticmethod
    def content(data):
        outside = {"ja": True, "nee": False}
        return {
            "network_check": data.get("network_check", ""),
            "caregivers": [
                (
                    data.get(f"caregiver_relation_{row}", ""),
                    data.get(f"caregiver_days_{row}"),
                    data.get(f"caregiver_note_{row}", ""),
                )
                for row in range(CAREGIVER_ROWS)
            ],
            "changes": [
                (
                    data.get(f"change_what_{row}", ""),
                    data.get(f"change_cause_{row}", ""),
                    outside.get(data.get(f"change_outside_{row}")),
                    data.get(f"change_month_{row}"),
                )
                for row in range(CHANGE_ROWS)
            ],
        }

    def layout(self):
        return NetworkTable(caregiver_rows=CAREGIVER_ROWS, change_rows=CHANGE_ROWS)

    def previous_note(self):
        answers = self.answers
        if answers is None or answers.content.caregivers or not answers.previous_caregivers:
            return ""
        return _(
            "Overgenomen van het huisbezoek van %(date)s. Controleer het met de ouder en pas "
            "het aan waar nodig."
        ) % {"date": date_format(answers.previous_network_date, "j F Y")}


class NetworkTable(LayoutObject):
    """The caregiver network: who cares for the child in a usual week, and the changes in the
    six months before the visit, as fixed rows of ordinary fields: in the table the rows filled
    in and one empty row, the other empty rows after it on request (`_more_rows`)."""

    def __init__(self, *, caregiver_rows, change_rows):
        self.caregiver_rows = caregiver_rows
        self.change_rows = change_rows

    def render(self, form, context, **kwargs):
        caregivers_head = table_head(
            _("Opvoeder"), _("Dagen per week"), _("Toelichting, zonder namen")
        )
        changes_head = table_head(
            _("Wat veranderde"), _("Maand"), _("Oorzaak"), _("Buiten de invloed van de ouder?")
        )
        return format_html(
            '<div class="caregiver-network">{note}'
            '<h3 class="h6" id="netwerk-opvoeders">{caregivers_title}</h3>'
            '<div class="table-responsive"><table '
            'class="table table-sm table-stack table-stack-fields" '
            'data-more-rows="netwerk-opvoeders-meer" data-add-label="{add_caregiver}" '
            'aria-labelledby="netwerk-opvoeders"><thead><tr>{caregivers_head}</tr></thead>'
            "<tbody>{caregivers}</tbody></table></div>{more_caregivers}{check}"
            '<h3 class="h6" id="netwerk-wisselingen">{changes_title}</h3>'
            '<p class="small text-body-secondary">{changes_help}</p>'
            '<p class="small text-body-secondary" id="{month_hint_id}">{month_hint}</p>'
            '<div class="table-responsive"><table '
            'class="table table-sm table-stack table-stack-fields" '
            'data-more-rows="netwerk-wisselingen-meer" data-add-label="{add_change}" '
            'aria-labelledby="netwerk-wisselingen"><thead><tr>{changes_head}</tr></thead>'
            "<tbody>{changes}</tbody></table></div>{more_changes}</div>",
            note=_previous_note(form),
            # With JavaScript, empty rows past the first appear on request (checklist.js).
            add_caregiver=_("Nog een opvoeder toevoegen"),
            add_change=_("Nog een wisseling toevoegen"),
            caregivers_title=_("Wie zorgt er in een gewone week voor het kind?"),
            caregivers_head=caregivers_head,
            caregivers=_rows_shown(form, CAREGIVER_FIELDS, self.caregiver_rows),
            more_caregivers=_more_rows(
                form, CAREGIVER_FIELDS, self.caregiver_rows, "netwerk-opvoeders", caregivers_head
            ),
            check=radio_group(form["network_check"]),
            changes_title=_("Wisselingen in de zes maanden voor dit bezoek"),
            changes_help=_(
                "Met de maand van elke wisseling. Een wisseling door een plaatsing, andere opvang, "
                "ziekenhuisopname, verhuizing of een ouder die vertrok, staat in het rapport als "
                "‘buiten de invloed van de ouder’."
            ),
            month_hint_id=MONTH_HINT_ID,
            month_hint=_("Een maand schrijf je als jjjj-mm, bijvoorbeeld 2026-03."),
            changes_head=changes_head,
            changes=_rows_shown(form, CHANGE_FIELDS, self.change_rows),
            more_changes=_more_rows(
                form, CHANGE_FIELDS, self.change_rows, "netwerk-wisselingen", changes_head
            ),
        )


def _shown_count(form, names, count):
    """How many of a table's rows it shows: up to the last one with anything in it, and one."""
    filled = [row for row in range(count) if any(form.value_of(f"{name}_{row}") for name in names)]
    return min(count, (filled[-1] + 2) if filled else 1)


@slot
def _rows_shown(form, names, count):
    return table_rows(form, names, _shown_count(form, names, count))


@slot
def _more_rows(form, names, count, title_id, head):
    """The table's other, empty rows, in a table of the same columns inside <noscript>: without
    JavaScript they are ordinary fields on the page; with it the browser keeps them as text, no
    part of the page (a page with fewer elements, and fewer Tab stops), and `checklist.js` adds
    them to the table one by one, on request."""
    shown = _shown_count(form, names, count)
    if shown == count:
        return ""
    return format_html(
        '<noscript id="{id}"><div class="table-responsive"><table '
        'class="table table-sm table-stack table-stack-fields" aria-labelledby="{title_id}">'
        "<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></noscript>",
        id=f"{title_id}-meer",
        title_id=title_id,
        head=head,
        rows=table_rows(form, names, count, start=shown),
    )


@slot
def _previous_note(form):
    """Where the network shown was taken over from an earlier visit."""
    note = form.network.previous_note()
    return format_html('<p class="alert alert-info py-2 small">{}</p>', note) if note else ""
