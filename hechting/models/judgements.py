"""What a version asks beyond how often a behaviour was seen: whether the parent's responses fit
what the child showed, and the child's own signals; and hints for where an example does not fit
the child's age."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hechting.models.sources import code_validator, source_field
from hechting.models.versions import ChecklistVersion, Condition, VersionedPart

MAX_AGE_MONTHS = 216


class FitQuestion(VersionedPart):
    """A judgement the professional makes per condition, on a scale of its own (paste meestal,
    wisselend, paste meestal niet, geen gelegenheid) with a note; never summed into a score."""

    class Kind(models.TextChoices):
        FIT = "passend", _("passend reageren van de ouder")
        CHILD = "kind", _("signalen van het kind")

    version = models.ForeignKey(
        ChecklistVersion,
        on_delete=models.CASCADE,
        related_name="fit_questions",
        verbose_name=_("versie"),
    )
    condition = models.ForeignKey(
        Condition, on_delete=models.PROTECT, related_name="+", verbose_name=_("voorwaarde")
    )
    code = models.CharField(
        _("code"),
        max_length=10,
        validators=[code_validator],
        help_text=_("Blijft gelijk over versies heen. Bijvoorbeeld PA-1."),
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind)
    text = models.TextField(_("vraag"))
    hint = models.TextField(_("waar let je op"), blank=True)
    not_fitting = models.TextField(
        _("als het niet paste"),
        blank=True,
        help_text=_(
            "Staat bij ‘wisselend’ en ‘paste meestal niet’: welk gedrag niet paste "
            "(opdringerig, hard, beangstigend)."
        ),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    text_source = source_field(_("bron vraag"))
    hint_source = source_field(_("bron waar let je op"))
    not_fitting_source = source_field(_("bron als het niet paste"))

    class Meta:
        ordering = ["condition__order", "order", "code"]
        verbose_name = _("vraag naar passend reageren")
        verbose_name_plural = _("vragen naar passend reageren en de signalen van het kind")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"],
                name="unique_fit_question_code_per_version",
                violation_error_message=_("Deze code komt al voor in deze versie."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.text}"

    @property
    def is_about_the_parent(self):
        return self.kind == self.Kind.FIT


class AgeHint(VersionedPart):
    """The organisation's word for an age band where the page's example does not fit the child,
    shown beside a condition (or one of its items) when the child's age at the visit lies in it."""

    version = models.ForeignKey(
        ChecklistVersion,
        on_delete=models.CASCADE,
        related_name="age_hints",
        verbose_name=_("versie"),
    )
    condition = models.ForeignKey(
        Condition, on_delete=models.PROTECT, related_name="+", verbose_name=_("voorwaarde")
    )
    item_code = models.CharField(
        _("bij item"),
        max_length=10,
        blank=True,
        help_text=_("Leeg: bij de uitleg van de voorwaarde."),
    )
    min_age_months = models.PositiveSmallIntegerField(
        _("vanaf (maanden)"), validators=[MaxValueValidator(MAX_AGE_MONTHS)]
    )
    max_age_months = models.PositiveSmallIntegerField(
        _("tot en met (maanden)"), validators=[MaxValueValidator(MAX_AGE_MONTHS)]
    )
    text = models.TextField(_("tekst"))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    text_source = source_field(_("bron tekst"))

    class Meta:
        ordering = ["condition__order", "order"]
        verbose_name = _("hint per leeftijd")
        verbose_name_plural = _("hints per leeftijd")

    def __str__(self):
        return f"{self.min_age_months}–{self.max_age_months} mnd: {self.text}"

    def clean(self):
        if (
            self.min_age_months is not None
            and self.max_age_months is not None
            and self.min_age_months > self.max_age_months
        ):
            raise ValidationError({"max_age_months": _("‘Tot en met’ ligt niet voor ‘vanaf’.")})

    def fits_age(self, age_in_months):
        return age_in_months is not None and (
            self.min_age_months <= age_in_months <= self.max_age_months
        )
