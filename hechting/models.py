"""The checklist as functional admins maintain it: versions, items, scale and context factors.

A published version is frozen for ever, because observations pin it and their reports must read
the same years later. Every write path of the ORM (save, delete, queryset update, delete and
bulk_create) refuses to change a frozen version or anything in it.
"""

from django.core.exceptions import PermissionDenied
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FrozenChecklistError(PermissionDenied):
    """A published or retired checklist version, or a part of it, was about to change.

    It is a PermissionDenied so that a write slipping past the admin's read-only view ends in a
    403 for the user, not a 500.
    """


class Condition(models.Model):
    """One of the three conditions for secure attachment; fixed by the theory, not by admins."""

    class Key(models.TextChoices):
        SENSITIVE_RESPONDING = "sensitief-reageren", _("Sensitief reageren")
        CONTINUITY = "continuiteit", _("Zorgen voor continuïteit")
        MENTALIZING = "mentaliseren", _("Mentaliseren")

    key = models.SlugField(_("sleutel"), max_length=40, unique=True, choices=Key.choices)
    order = models.PositiveSmallIntegerField(_("volgorde"), unique=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("voorwaarde")
        verbose_name_plural = _("voorwaarden")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.get_key_display()


class ChecklistVersionQuerySet(models.QuerySet):
    def current(self):
        """The one published version that new observations use."""
        return self.get(status=ChecklistVersion.Status.PUBLISHED)

    def _refuse_frozen(self):
        if self.exclude(status=ChecklistVersion.Status.DRAFT).exists():
            raise FrozenChecklistError(_("Een gepubliceerde checklistversie kan niet wijzigen."))

    def update(self, **kwargs):
        self._refuse_frozen()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_frozen()
        return super().delete()


class ChecklistVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "concept", _("concept")
        PUBLISHED = "gepubliceerd", _("gepubliceerd (huidige versie)")
        RETIRED = "vervallen", _("vervallen")

    number = models.PositiveIntegerField(_("versienummer"), unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
    )
    change_note = models.TextField(
        _("wijzigingen"),
        blank=True,
        help_text=_("Wat is er anders dan in de vorige versie, en waarom."),
    )
    stress_guidance = models.TextField(
        _("toelichting randvoorwaarden"),
        help_text=_("Staat in het rapport als er stress in het gezin is."),
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("gebaseerd op"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    published_at = models.DateTimeField(_("gepubliceerd"), null=True, blank=True, editable=False)
    retired_at = models.DateTimeField(_("vervallen"), null=True, blank=True, editable=False)

    objects = ChecklistVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("checklistversie")
        verbose_name_plural = _("checklistversies")
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="gepubliceerd"),
                name="one_current_checklist_version",
                violation_error_message=_("Er is al een huidige (gepubliceerde) versie."),
            ),
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="concept"),
                name="one_draft_checklist_version",
                violation_error_message=_("Er is al een conceptversie."),
            ),
        ]

    def __str__(self):
        return _("Versie %(number)s (%(status)s)") % {
            "number": self.number,
            "status": self.get_status_display(),
        }

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).first()
            if stored is not None and not stored.is_draft and not self._retires(stored):
                raise FrozenChecklistError(
                    _("Versie %(number)s is gepubliceerd en kan niet meer wijzigen.")
                    % {"number": stored.number}
                )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if type(self).objects.filter(pk=self.pk).exclude(status=self.Status.DRAFT).exists():
            raise FrozenChecklistError(
                _("Versie %(number)s is gepubliceerd en kan niet worden verwijderd.")
                % {"number": self.number}
            )
        return super().delete(*args, **kwargs)

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_current(self):
        return self.status == self.Status.PUBLISHED

    def _retires(self, stored):
        """Whether this save only moves the stored published version to retired."""
        if not (stored.status == self.Status.PUBLISHED and self.status == self.Status.RETIRED):
            return False
        return all(
            getattr(self, field.attname) == getattr(stored, field.attname)
            for field in self._meta.concrete_fields
            if field.attname not in {"status", "retired_at"}
        )


def _refuse_frozen_versions(version_ids):
    """Raise when any of these versions (ids or an id subquery) is published or retired."""
    frozen = ChecklistVersion.objects.filter(pk__in=version_ids).exclude(
        status=ChecklistVersion.Status.DRAFT
    )
    if frozen.exists():
        raise FrozenChecklistError(_("Een gepubliceerde checklistversie kan niet wijzigen."))


class VersionedPartQuerySet(models.QuerySet):
    def update(self, **kwargs):
        _refuse_frozen_versions(self.values("version_id"))
        if "version" in kwargs or "version_id" in kwargs:
            target = kwargs.get("version_id", getattr(kwargs.get("version"), "pk", None))
            _refuse_frozen_versions([target])
        return super().update(**kwargs)

    def delete(self):
        _refuse_frozen_versions(self.values("version_id"))
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        _refuse_frozen_versions({obj.version_id for obj in objs})
        return super().bulk_create(objs, *args, **kwargs)


class VersionedPart(models.Model):
    """Base for everything that belongs to one checklist version and freezes with it."""

    objects = VersionedPartQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._refuse_if_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_frozen()
        return super().delete(*args, **kwargs)

    def _refuse_if_frozen(self):
        version_ids = {self.version_id}
        if self.pk is not None:
            version_ids |= set(
                type(self).objects.filter(pk=self.pk).values_list("version_id", flat=True)
            )
        _refuse_frozen_versions(version_ids)


code_validator = RegexValidator(
    r"^[A-Z]{1,4}-[0-9]{1,3}$",
    _("Gebruik hoofdletters, een streepje en een nummer, bijvoorbeeld SR-1."),
)


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
        _("advies bij aandacht"),
        help_text=_("Staat in het rapport wanneer deze voorwaarde aandacht nodig heeft."),
    )

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
