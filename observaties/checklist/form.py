"""The checklist form a professional fills in after a home visit, built from the pinned version.

One page, grouped per condition; each behaviour item is a native radio group (Tab to the item,
arrow keys to the answer) with its note and its observation hint one click away. The form is one
form with one POST, one lock version and one error summary, composed of the checklist's parts
(`observaties.checklist.parts`); the rules its content meets are in `observaties.observations`.
"""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from crispy_forms.utils import TEMPLATE_PACK
from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import DateInput
from hechting.selectors import version_content
from observaties import selectors
from observaties.checklist import compiled
from observaties.checklist.markup import PlainField, SafeHtml
from observaties.checklist.parts.agreements import AgreementsPart
from observaties.checklist.parts.conditions import ConditionsPart
from observaties.checklist.parts.network import NetworkPart
from observaties.checklist.parts.safety import SafetyPart
from observaties.checklist.parts.stress import StressPart
from observaties.models import NOTE_MAX_LENGTH, TEXT_MAX_LENGTH, Observation
from observaties.observations import rules
from observaties.observations.content import ObservationContent, SafetyContent

# The names of the fields the parts make per item, factor, condition or agreement: a posted one
# that this version's form lacks means the page was of another version.
_OWN_FIELD = re.compile(
    r"^(item|note|fit|fit_note|misfit_intrusive|misfit_harsh|misfit_frightening|factor|factor_note|factor_share|factor_action|factor_action_who|"
    r"factor_action_other|factor_action_due|factor_underway|reflection|followup|followup_note)"
    r"_(\d+)$"
)


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
        label=gettext_lazy("Volgend contact met het gezin"),
        widget=DateInput(),
        required=False,
        help_text=gettext_lazy(
            "Een huisbezoek of een gesprek. Verplicht zolang er een zorg over de veiligheid "
            "van het kind openstaat."
        ),
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

    def __init__(self, *args, observation: Observation, answers=None, **kwargs):
        """`answers` (`selectors.checklist_answers`) gives the stored answers to show; a form
        that was sent needs only the structure of the observation's checklist version."""
        self.observation = observation
        self.answers = answers
        pinned = observation.version
        self.version = version = version_content(pinned)
        self.conditions = ConditionsPart(
            version,
            work_points=pinned.asks_work_points,
            network=pinned.records_caregiver_network,
        )
        self.network = NetworkPart(answers) if pinned.records_caregiver_network else None
        self.stress = StressPart(version, actions=pinned.offers_stress_actions)
        self.safety = SafetyPart(version, answers) if observation.asks_safety else None
        self.open_agreements = (
            answers.open_agreements
            if answers is not None
            else selectors.open_agreements(observation)
        )
        self.agreements = AgreementsPart(self.open_agreements)
        self.parts = [
            part
            for part in (self.conditions, self.network, self.stress, self.safety, self.agreements)
            if part is not None
        ]
        super().__init__(*args, initial=self._initial(), **kwargs)
        # The fields of a frozen version are built once per process and shared (see compiled);
        # the follow-ups of earlier agreements are this observation's own.
        for name, build in (
            ("conditions", self.conditions.fields),
            ("network", self.network and self.network.fields),
            ("stress", self.stress.fields),
            ("safety", self.safety and self.safety.fields),
            ("agreements", self.agreements.row_fields),
        ):
            if build:
                self.fields.update(compiled.fields(pinned, name, build))
        self.fields.update(self.agreements.follow_up_fields())

    def _initial(self):
        observation = self.observation
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
        if self.answers is not None:
            for part in self.parts:
                initial.update(part.initial(self.answers.content))
        return initial

    @property
    def open_concern(self):
        """The child's safety concern that an earlier visit left open, carried on by this one."""
        return self.safety.carried if self.safety is not None else None

    def clean(self):
        cleaned = super().clean()
        if any(_OWN_FIELD.match(key) and key not in self.fields for key in self.data):
            raise ValidationError(rules.FOREIGN_ANSWERS)
        self._rule_basis = self._basis(cleaned)
        self._add_problems(rules.save_problems(self._content(cleaned), self._rule_basis))
        return cleaned

    def require_complete(self):
        """For handing in, after `is_valid` (also when it failed, so that every error the form
        can know is shown at once): what the hand-in's rules still miss, beside its fields,
        judged on the same basis as the save's rules."""
        if not hasattr(self, "_rule_basis"):  # a form of another version: nothing to judge
            return False
        problems = rules.hand_in_problems(self.content(), self._rule_basis)
        self._add_problems(problems)
        return not problems

    def _basis(self, cleaned):
        """The rules' basis; the open agreements read for the fields serve for the same date."""
        same_date = cleaned.get("visit_date") in (None, self.observation.visit_date)
        return rules.basis_for(
            self.observation,
            visit_date=cleaned.get("visit_date"),
            open_agreements=self.open_agreements if same_date else None,
        )

    def _add_problems(self, problems):
        for name, message in problems.items():
            if name not in self.fields:
                self.add_error(None, message)
            elif name not in self.errors:  # a field's own error (a wrong date) comes first
                self.add_error(name, message)

    def content(self) -> ObservationContent:
        return self._content(self.cleaned_data)

    def _content(self, data) -> ObservationContent:
        content = ObservationContent(
            caregiver=data.get("caregiver", ""),
            visit_date=data.get("visit_date"),
            setting=data.get("setting", ""),
            conclusion=data.get("conclusion", ""),
            next_visit=data.get("next_visit"),
            discussed_on=data.get("discussed_on"),
            parent_reaction=data.get("parent_reaction", ""),
            safety=SafetyContent(),
        )
        for part in self.parts:
            for name, value in part.content(data).items():
                setattr(content, name, value)
        return content

    @cached_property
    def helper(self):
        """How crispy renders the form: its layout, compiled per frozen version."""
        return ChecklistHelper()

    def blank(self):
        """A form of the same shape with nothing filled in, for compiling the layout."""
        return type(self)(
            observation=self.observation,
            answers=selectors.ChecklistAnswers(
                content=ObservationContent(caregiver="", visit_date=None, setting=""),
                open_agreements=[],
            ),
        )

    def layout(self):
        network = self.network.layout() if self.network is not None else None
        parts = [
            SafeHtml(self.conditions.introduction()),
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
            *(
                self.conditions.layout(number, network_layout=network)
                for number in range(len(self.conditions.sections))
            ),
            self.stress.layout(self.observation.version.stress_guidance),
        ]
        if self.safety is not None:
            parts.append(self.safety.layout())
        parts.append(
            Fieldset(
                _("Afronding"),
                PlainField("conclusion"),
                *self.agreements.layout(),
                Div(
                    Div(PlainField("next_visit"), css_class="col-md-6"),
                    Div(PlainField("discussed_on"), css_class="col-md-6"),
                    css_class="row",
                ),
                PlainField("parent_reaction"),
            )
        )
        return Layout(*parts)

    def value_of(self, name):
        """A field's value as the page shows it: what was sent, or else what is stored."""
        value = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
        return "" if value is None else str(value)


class ChecklistHelper(FormHelper):
    """The checklist's crispy helper: no form tag, media or inline errors (the error summary
    above the form lists them all), and the layout from `compiled`."""

    form_tag = False
    include_media = False  # none of its widgets has media; collecting them is not free
    form_show_errors = False

    def __init__(self):
        super().__init__()
        # crispy renders a layout only if the helper has one: the form's own is built when the
        # layout is compiled (or, for a draft version, rendered).
        self.layout = Layout(SafeHtml(""))

    def render_layout(self, form, context, template_pack=TEMPLATE_PACK):
        def render(shown):
            self.layout = shown.layout()
            return super(ChecklistHelper, self).render_layout(shown, context, template_pack)

        return compiled.layout(form, render)
