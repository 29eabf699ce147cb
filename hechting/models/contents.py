"""What a version asks and says: texts per condition, behaviour items, the scale, stress factors."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hechting.models.sources import code_validator, source_field
from hechting.models.versions import ChecklistVersion, Condition, VersionedPart


class ConditionContent(VersionedPart):
    """What a version says about one condition: explanation, guidance and advice."""

    version = models.ForeignKey(
        ChecklistVersion,
        on_delete=models.CASCADE,
        related_name="condition_contents",
        verbose_name=_("versie"),
    )
    condition = models.ForeignKey(
        Condition, on_delete=models.PROTECT, related_name="+", verbose_name=_("voorwaarde")
    )
    explanation = models.TextField(
        _("uitleg"), help_text=_("Wat de voorwaarde inhoudt; staat boven de items.")
    )
    guidance = models.TextField(
        _("wat kun je als professional doen"),
        help_text=_("Handvatten voor de professional bij deze voorwaarde."),
    )
    advice = models.TextField(
        _("advies bij een werkpunt"),
        help_text=_(
            "Staat in het rapport wanneer de professional deze voorwaarde als werkpunt markeert "
            "(in versie 1: wanneer de rekenregel dat aangaf)."
        ),
    )
    item_intro = models.TextField(
        _("inleiding op de items"),
        blank=True,
        help_text=_("Bijvoorbeeld ‘Dat houdt in dat de ouder:’; staat boven de items."),
    )
    explanation_source = source_field(_("bron uitleg"))
    guidance_source = source_field(_("bron wat kun je doen"))
    advice_source = source_field(_("bron advies"))
    item_intro_source = source_field(_("bron inleiding"))
    parent_tip = models.TextField(
        _("oefentip voor de ouder"),
        blank=True,
        help_text=_(
            "Eén concrete tip in eenvoudige woorden (B1) voor het blad ‘Voor de ouder’, als dit "
            "een werkpunt is: wat de ouder kan doen en waarom. {kind} wordt de voornaam van het "
            "kind."
        ),
    )
    parent_tip_source = source_field(_("bron oefentip voor de ouder"))

    class Meta:
        ordering = ["condition__order"]
        verbose_name = _("tekst bij voorwaarde")
        verbose_name_plural = _("teksten bij voorwaarden")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "condition"], name="one_content_per_condition_and_version"
            ),
        ]

    def __str__(self):
        return str(self.condition)


class BehaviourItem(VersionedPart):
    version = models.ForeignKey(
        ChecklistVersion, on_delete=models.CASCADE, related_name="items", verbose_name=_("versie")
    )
    condition = models.ForeignKey(
        Condition, on_delete=models.PROTECT, related_name="items", verbose_name=_("voorwaarde")
    )
    code = models.CharField(
        _("code"),
        max_length=10,
        validators=[code_validator],
        help_text=_("Blijft gelijk over versies heen, zodat trends doorlopen. Bijvoorbeeld SR-1."),
    )
    text = models.TextField(_("gedrag"))
    hint = models.TextField(_("waar let je op"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    text_source = source_field(_("bron gedrag"))
    hint_source = source_field(_("bron waar let je op"))
    parent_wording = models.TextField(
        _("voor de ouder"),
        blank=True,
        help_text=_(
            "Het gedrag in eenvoudige woorden (B1), tegen de ouder gezegd, voor ‘Wat ging goed?’ "
            "op het blad voor de ouder. Bijvoorbeeld: ‘Je lachte veel naar {kind}.’ {kind} wordt "
            "de voornaam van het kind."
        ),
    )
    parent_wording_source = source_field(_("bron voor de ouder"))
    parent_tip = models.TextField(
        _("oefentip voor de ouder"),
        blank=True,
        help_text=_(
            "Eén concrete tip in eenvoudige woorden (B1) voor ‘Wat gaan we samen oefenen?’, als "
            "de voorwaarde een werkpunt is en dit gedrag weinig werd gezien. Gaat boven de tip "
            "van de voorwaarde. {kind} wordt de voornaam van het kind."
        ),
    )
    parent_tip_source = source_field(_("bron oefentip voor de ouder"))

    class Meta:
        ordering = ["condition__order", "order", "code"]
        verbose_name = _("gedragsitem")
        verbose_name_plural = _("gedragsitems")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"],
                name="unique_item_code_per_version",
                violation_error_message=_("Deze code komt al voor in deze versie."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.text}"


class ScaleOption(VersionedPart):
    version = models.ForeignKey(
        ChecklistVersion,
        on_delete=models.CASCADE,
        related_name="scale_options",
        verbose_name=_("versie"),
    )
    label = models.CharField(_("label"), max_length=80)
    position = models.PositiveSmallIntegerField(
        _("positie"), help_text=_("Van weinig naar veel; bepaalt de volgorde op het formulier.")
    )
    is_no_opportunity = models.BooleanField(
        _("geen gelegenheid om te observeren"),
        default=False,
        help_text=_("Staat buiten de schaal en telt in geen enkele samenvatting mee."),
    )
    definition = models.TextField(
        _("betekenis"),
        blank=True,
        help_text=_("Eén zin: wat dit antwoord betekent tijdens één huisbezoek."),
    )
    definition_source = source_field(_("bron betekenis"))

    class Meta:
        ordering = ["is_no_opportunity", "position"]
        verbose_name = _("antwoordmogelijkheid")
        verbose_name_plural = _("antwoordschaal")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="unique_scale_position_per_version"
            ),
            models.UniqueConstraint(
                fields=["version", "label"], name="unique_scale_label_per_version"
            ),
            models.UniqueConstraint(
                fields=["version"],
                condition=Q(is_no_opportunity=True),
                name="one_no_opportunity_option_per_version",
                violation_error_message=_("Een versie heeft één optie ‘geen gelegenheid’."),
            ),
        ]

    def __str__(self):
        return self.label


class ContextFactor(VersionedPart):
    """A randvoorwaarde: a source of stress in the family, answered yes / no / unknown."""

    version = models.ForeignKey(
        ChecklistVersion,
        on_delete=models.CASCADE,
        related_name="context_factors",
        verbose_name=_("versie"),
    )
    code = models.CharField(_("code"), max_length=10, validators=[code_validator])
    label = models.CharField(_("omschrijving"), max_length=200)
    hint = models.TextField(_("waar let je op"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    label_source = source_field(_("bron omschrijving"))
    hint_source = source_field(_("bron waar let je op"))
    action_suggestions = models.TextField(
        _("voorbeelden van acties"),
        blank=True,
        help_text=_(
            "Eén per regel. Het formulier biedt ze aan als keuze bij de actie die de "
            "professional met de ouder afspreekt als deze factor speelt; de professional mag "
            "ook iets anders schrijven."
        ),
    )
    action_suggestions_source = source_field(_("bron voorbeelden van acties"))
    referral_example = models.CharField(
        _("voorbeeld: naar wie"),
        max_length=200,
        blank=True,
        help_text=_(
            "Staat bij ‘Naar wie of wie anders’ als voorbeeld dat bij deze factor past, "
            "bijvoorbeeld ‘de huisarts’."
        ),
    )
    referral_example_source = source_field(_("bron voorbeeld: naar wie"))

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("randvoorwaarde")
        verbose_name_plural = _("randvoorwaarden")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"],
                name="unique_factor_code_per_version",
                violation_error_message=_("Deze code komt al voor in deze versie."),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def suggestions(self):
        return [line.strip() for line in self.action_suggestions.splitlines() if line.strip()]
