"""The three conditions, checklist versions, and the freeze that every part of a version shares."""

from django.core.exceptions import PermissionDenied
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
        # Retired, and found wrong afterwards: its reports stay as approved, each with an
        # addendum that says what was wrong (observaties.documents.archive).
        WITHDRAWN = "ingetrokken", _("ingetrokken")

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

    class Edition(models.IntegerChoices):
        COMPUTED_ADVICE = 1, _("continuïteit op de schaal; advies berekend")
        PROFESSIONAL_JUDGEMENT = 2, _("netwerk van opvoeders; werkpunt door de professional")

    edition = models.PositiveSmallIntegerField(
        _("opbouw"),
        choices=Edition,
        default=Edition.PROFESSIONAL_JUDGEMENT,
        editable=False,
        help_text=_("Hoe de checklist is opgebouwd; een nieuwe versie neemt die over."),
    )
    stress_guidance = models.TextField(
        _("toelichting randvoorwaarden"),
        help_text=_("Staat in het rapport als er stress in het gezin is."),
    )
    stress_guidance_source = models.ForeignKey(
        "TextSource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bron toelichting randvoorwaarden"),
    )
    benefits = models.TextField(
        _("waarom veilige hechting belangrijk is"),
        blank=True,
        help_text=_("Staat ingeklapt boven de checklist."),
    )
    benefits_source = models.ForeignKey(
        "TextSource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bron waarom veilige hechting belangrijk is"),
    )
    parent_benefits = models.TextField(
        _("waarom het belangrijk is, voor de ouder"),
        blank=True,
        help_text=_(
            "In eenvoudige woorden (B1) voor het blad ‘Voor de ouder’. {kind} wordt de voornaam "
            "van het kind."
        ),
    )
    parent_benefits_source = models.ForeignKey(
        "TextSource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bron waarom het belangrijk is, voor de ouder"),
    )
    safety_guidance = models.TextField(
        _("toelichting zorgen over de veiligheid"),
        blank=True,
        help_text=_(
            "Staat boven het deel ‘Zorgen over de veiligheid van het kind’ van de checklist: "
            "wanneer de professional de meldcode van de organisatie volgt. Leeg: de checklist "
            "heeft dat deel niet (versie 1)."
        ),
    )
    safety_guidance_source = models.ForeignKey(
        "TextSource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bron toelichting zorgen over de veiligheid"),
    )
    injury_guidance = models.TextField(
        _("toelichting letsel bij een kind dat zich nog niet zelf voortbeweegt"),
        blank=True,
        help_text=_(
            "Staat bij de veiligheid als de professional een blauwe plek of ander letsel "
            "vastlegt bij een kind dat nog niet zelf rolt, kruipt of loopt. Met bron en "
            "herzieningsdatum. Leeg: de versie vraagt er niet naar."
        ),
    )
    injury_guidance_source = models.ForeignKey(
        "TextSource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bron toelichting letsel bij een kind dat zich nog niet zelf voortbeweegt"),
    )
    # What the version offers: set in its data file, copied to a new draft, frozen with it. A
    # version never gains a part after publishing, so an observation asks what its version offers.
    offers_caregiver_network = models.BooleanField(
        _("biedt: netwerk van opvoeders"),
        default=False,
        help_text=_(
            "Continuïteit wordt vastgelegd als wie er voor het kind zorgen, niet op de schaal."
        ),
    )
    offers_stress_actions = models.BooleanField(
        _("biedt: acties bij stress"),
        default=False,
        help_text=_(
            "Bij een randvoorwaarde met ‘ja’ legt de professional een actie vast, of wie er al "
            "mee bezig is."
        ),
    )
    offers_parent_texts = models.BooleanField(
        _("biedt: blad voor de ouder"),
        default=False,
        help_text=_("De versie heeft de teksten voor het blad ‘Voor de ouder’."),
    )
    offers_safety_section = models.BooleanField(
        _("biedt: zorgen over de veiligheid"),
        default=False,
        help_text=_("De checklist vraagt naar zorgen over de veiligheid, langs de meldcode."),
    )
    offers_injury_alarm = models.BooleanField(
        _("biedt: letsel bij een kind dat zich nog niet zelf voortbeweegt"),
        default=False,
        help_text=_(
            "Bij de veiligheid vraagt de checklist naar een blauwe plek of ander letsel en of het "
            "kind zich al zelf voortbeweegt; zo nee, dan toont ze de toelichting en vraagt ze om "
            "overleg voor het indienen."
        ),
    )
    content_hash = models.CharField(
        _("vingerafdruk van de inhoud"),
        max_length=80,
        blank=True,
        editable=False,
        help_text=_(
            "SHA-256 van de inhoud, vastgelegd bij het publiceren; een controle meldt elke "
            "versie waarvan de inhoud daarna is veranderd."
        ),
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
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(
        _("reden van intrekken"),
        blank=True,
        editable=False,
        help_text=_(
            "Wat er niet klopte; staat bij elke observatie op deze versie en in de aanvulling "
            "bij haar rapport."
        ),
    )

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
        return _("Versie %(number)s – %(status)s") % {
            "number": self.number,
            "status": self.get_status_display(),
        }

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).first()
            if stored is not None and not stored.is_draft and not self._only_moves_on(stored):
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

    @property
    def is_withdrawn(self):
        return self.status == self.Status.WITHDRAWN

    # What the version offers, as the rest of the code asks it.

    @property
    def records_caregiver_network(self):
        """Continuity is recorded as the caregiver network, not on the scale (version 2 on)."""
        return self.offers_caregiver_network

    @property
    def has_parent_texts(self):
        """Whether the version words what the parent sheet says (version 2 on)."""
        return self.offers_parent_texts

    @property
    def has_safety_section(self):
        """Whether the checklist asks about the child's safety, along the meldcode (version 2
        on); version 1 listed domestic violence among the stress factors instead."""
        return self.offers_safety_section

    @property
    def asks_injury_alarm(self):
        """Whether the safety section asks about an injury and the child's mobility, with the
        guideline's text for a child that does not yet move about by itself (version 3 on)."""
        return self.offers_injury_alarm

    @property
    def asks_work_points(self):
        """Edition 2 on: the professional marks each condition as a werkpunt, with why."""
        return self.edition >= self.Edition.PROFESSIONAL_JUDGEMENT

    @property
    def computes_advice(self):
        """Edition 1 printed advice by a rule; later editions leave it to the professional."""
        return self.edition == self.Edition.COMPUTED_ADVICE

    # The only changes a frozen version takes: its status moving on, with the fields that say
    # when (and, for a withdrawal, why); its content never changes.
    _MOVES_ON = {
        (Status.PUBLISHED, Status.RETIRED): {"status", "retired_at"},
        (Status.RETIRED, Status.WITHDRAWN): {"status", "withdrawn_at", "withdrawal_reason"},
    }

    def _only_moves_on(self, stored):
        """Whether this save only moves the stored version on: retired, or withdrawn."""
        changing = self._MOVES_ON.get((stored.status, self.status))
        if changing is None:
            return False
        return all(
            getattr(self, field.attname) == getattr(stored, field.attname)
            for field in self._meta.concrete_fields
            if field.attname not in changing
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
