"""The checklist as functional admins maintain it: versions, items, scale and context factors.

A published version is frozen for ever, because observations pin it and their reports must read
the same years later. Every write path of the ORM (save, delete, queryset update, delete and
bulk_create) refuses to change a frozen version or anything in it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
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
    def asks_work_points(self):
        """Edition 2 on: the professional marks each condition as a werkpunt, with why."""
        return self.edition >= self.Edition.PROFESSIONAL_JUDGEMENT

    @property
    def computes_advice(self):
        """Edition 1 printed advice by a rule; later editions leave it to the professional."""
        return self.edition == self.Edition.COMPUTED_ADVICE

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


KNOWLEDGE_PAGE_TITLE = "Wat is nodig voor veilige hechting?"
KNOWLEDGE_PAGE_CITATION = (
    "Nederlands Jeugdinstituut (NJi), ‘Wat is nodig voor veilige hechting?’, tot stand gekomen in "
    "samenwerking met Landelijk Kenniscentrum LVB en Kenniscentrum Kinder- en Jeugdpsychiatrie."
)


class TextSource(VersionedPart):
    """Where a text of the checklist comes from: the knowledge page (with the quoted passage),
    the organisation (who wrote it and when) or another publication (which one).

    Texts point here; several organisation texts may share one source, a knowledge-page text has
    its own, because the quote is the passage that text renders.
    """

    class Kind(models.TextChoices):
        KNOWLEDGE_PAGE = "kennispagina", _("kennispagina NJi")
        ORGANISATION = "organisatie", _("eigen tekst van de organisatie")
        PUBLICATION = "publicatie", _("andere publicatie")

    version = models.ForeignKey(
        ChecklistVersion, on_delete=models.CASCADE, related_name="sources", verbose_name=_("versie")
    )
    kind = models.CharField(_("soort bron"), max_length=20, choices=Kind)
    quote = models.TextField(
        _("aangehaalde tekst"),
        blank=True,
        help_text=_("Bij de kennispagina: de zin of zinnen letterlijk zoals ze daar staan."),
    )
    author = models.CharField(
        _("geschreven door"),
        max_length=200,
        blank=True,
        help_text=_("Bij een eigen tekst: wie hem schreef, bijvoorbeeld ‘Functioneel beheer’."),
    )
    written_on = models.DateField(_("geschreven op"), null=True, blank=True)
    reference = models.TextField(
        _("verwijzing"),
        blank=True,
        help_text=_("Titel en adres van de publicatie; bij een eigen tekst mag het leeg blijven."),
    )

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")

    def __str__(self):
        if self.kind == self.Kind.KNOWLEDGE_PAGE:
            quote = self.quote if len(self.quote) <= 60 else f"{self.quote[:57]}…"
            return _("Kennispagina: “%(quote)s”") % {"quote": quote}
        if self.kind == self.Kind.ORGANISATION:
            return _("Organisatie: %(author)s, %(date)s") % {
                "author": self.author,
                "date": self.written_on.isoformat() if self.written_on else "?",
            }
        reference = self.reference if len(self.reference) <= 60 else f"{self.reference[:57]}…"
        return _("Publicatie: %(reference)s") % {"reference": reference}

    @property
    def is_knowledge_page(self):
        return self.kind == self.Kind.KNOWLEDGE_PAGE

    @property
    def is_organisation(self):
        return self.kind == self.Kind.ORGANISATION

    def problems(self):
        """What this source lacks, in words for the functional admin."""
        if self.kind == self.Kind.KNOWLEDGE_PAGE and not self.quote.strip():
            return [_("Een bron ‘kennispagina’ heeft de aangehaalde tekst nodig.")]
        if self.kind == self.Kind.ORGANISATION and not (self.author.strip() and self.written_on):
            return [_("Een eigen tekst van de organisatie heeft een schrijver en een datum nodig.")]
        if self.kind == self.Kind.PUBLICATION and not self.reference.strip():
            return [_("Een bron ‘andere publicatie’ heeft een verwijzing nodig.")]
        return []

    def clean(self):
        problems = self.problems()
        if problems:
            raise ValidationError(problems)


def source_field(verbose_name):
    """A text's source: a TextSource of the same version (the admin offers only those)."""
    return models.ForeignKey(
        TextSource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


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


# Every text of a version and the field that names its source, per part.
SOURCED_TEXTS = {
    ChecklistVersion: [
        ("stress_guidance", "stress_guidance_source"),
        ("benefits", "benefits_source"),
        ("parent_benefits", "parent_benefits_source"),
        ("safety_guidance", "safety_guidance_source"),
    ],
    ConditionContent: [
        ("explanation", "explanation_source"),
        ("item_intro", "item_intro_source"),
        ("guidance", "guidance_source"),
        ("advice", "advice_source"),
        ("parent_tip", "parent_tip_source"),
    ],
    BehaviourItem: [
        ("text", "text_source"),
        ("hint", "hint_source"),
        ("parent_wording", "parent_wording_source"),
    ],
    ScaleOption: [("definition", "definition_source")],
    ContextFactor: [
        ("label", "label_source"),
        ("hint", "hint_source"),
        ("action_suggestions", "action_suggestions_source"),
    ],
    MeldcodeText: [("text", "text_source")],
    InterventionPointer: [("description", "source")],
}
