"""What a version offers beyond the checklist: the meldcode's wording and intervention pointers."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hechting.models.sources import source_field
from hechting.models.versions import (
    ChecklistVersion,
    Condition,
    VersionedPart,
    _refuse_frozen_versions,
)


class MeldcodeText(VersionedPart):
    """How the organisation words a step of its meldcode or a question of the afwegingskader.

    The five steps and the five questions are the national basic model's (Wet verplichte meldcode
    huiselijk geweld en kindermishandeling; the afwegingskader since 2019); each organisation words
    its own meldcode, so the words are the catalogue's, versioned like every other text.
    """

    class Kind(models.TextChoices):
        STEP = "stap", _("stap van de meldcode")
        QUESTION = "afweging", _("vraag van het afwegingskader")

    NUMBERS = range(1, 6)

    version = models.ForeignKey(
        ChecklistVersion,
        on_delete=models.CASCADE,
        related_name="meldcode_texts",
        verbose_name=_("versie"),
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind)
    number = models.PositiveSmallIntegerField(
        _("nummer"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("tekst"))
    text_source = source_field(_("bron tekst"))

    class Meta:
        ordering = ["-kind", "number"]
        verbose_name = _("tekst van de meldcode")
        verbose_name_plural = _("meldcode: stappen en afwegingen")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "kind", "number"],
                name="unique_meldcode_text_per_version",
                violation_error_message=_("Deze stap of vraag staat al in deze versie."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=5), name="meldcode_number_one_to_five"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}: {self.text}"


class InterventionPointer(VersionedPart):
    """A programme a professional may look into for a condition they marked as werkpunt.

    Offered only when the child's age at the visit lies in its range; a programme that a parent
    enters during pregnancy is never offered after an observation of a born child.
    """

    version = models.ForeignKey(
        ChecklistVersion,
        on_delete=models.CASCADE,
        related_name="pointers",
        verbose_name=_("versie"),
    )
    name = models.CharField(_("naam"), max_length=200)
    conditions = models.ManyToManyField(
        Condition, related_name="+", blank=True, verbose_name=_("voor de voorwaarden")
    )
    starts_in_pregnancy = models.BooleanField(
        _("start tijdens de zwangerschap"),
        default=False,
        help_text=_("Dan wordt het nooit aangeboden na een observatie van een geboren kind."),
    )
    min_age_months = models.PositiveSmallIntegerField(
        _("vanaf leeftijd (maanden)"), null=True, blank=True
    )
    max_age_months = models.PositiveSmallIntegerField(
        _("tot en met leeftijd (maanden)"), null=True, blank=True
    )
    target_group = models.TextField(_("doelgroep"))
    recognition = models.CharField(
        _("erkenning in de Databank Effectieve Jeugdinterventies"), max_length=200, blank=True
    )
    recognised_on = models.DateField(_("erkend op"), null=True, blank=True)
    description = models.TextField(_("korte beschrijving"))
    where_to_find = models.CharField(_("waar te vinden"), max_length=300)
    source = source_field(_("bron van de feiten"))
    review_on = models.DateField(
        _("opnieuw controleren op"),
        help_text=_(
            "Erkenningen worden herbeoordeeld; na deze datum staat de verwijzing als "
            "‘te controleren’ in het beheer."
        ),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("verwijzing naar een interventie")
        verbose_name_plural = _("verwijzingen naar interventies")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age_months__isnull=True)
                | Q(max_age_months__isnull=True)
                | Q(min_age_months__lte=models.F("max_age_months")),
                name="pointer_age_range_in_order",
                violation_error_message=_("De leeftijd ‘vanaf’ ligt na ‘tot en met’."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def has_age_range(self):
        return self.starts_in_pregnancy or (
            self.min_age_months is not None and self.max_age_months is not None
        )

    def fits_age(self, months):
        """Whether this programme may be offered for a born child of `months` months."""
        if self.starts_in_pregnancy or not self.has_age_range:
            return False
        return self.min_age_months <= months <= self.max_age_months

    def is_due_for_review(self, today):
        return self.review_on <= today

    @property
    def age_range_display(self):
        if self.starts_in_pregnancy:
            return _("start tijdens de zwangerschap; niet na de geboorte")
        if not self.has_age_range:
            return _("geen leeftijd opgegeven")
        return _("%(low)s tot en met %(high)s maanden") % {
            "low": self.min_age_months,
            "high": self.max_age_months,
        }


def _refuse_frozen_pointer_conditions(sender, instance, action, **kwargs):
    """The pointer's conditions freeze with its version, like every other part."""
    if action in {"pre_add", "pre_remove", "pre_clear"} and isinstance(
        instance, InterventionPointer
    ):
        _refuse_frozen_versions([instance.version_id])


models.signals.m2m_changed.connect(
    _refuse_frozen_pointer_conditions, sender=InterventionPointer.conditions.through
)
