"""The sheet for the parent as worded for an observation, and the archived PDF documents."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from observaties.models.base import TEXT_MAX_LENGTH
from observaties.models.observations import Observation, StatusChange


class ParentSheet(models.Model):
    """The text of the sheet for the parent, as the professional made it final.

    Until the observation is approved the sheet is the suggestion from the checklist, or what the
    professional made of it; on approval the text is stored here, so that the sheet reads the
    same later whatever changes in the catalogue.
    """

    observation = models.OneToOneField(
        Observation,
        on_delete=models.CASCADE,
        related_name="parent_sheet",
        verbose_name=_("observatie"),
    )
    went_well = models.TextField(
        _("wat ging goed"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Eén punt per regel."),
    )
    practise = models.TextField(
        _("wat gaan we oefenen"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Eén punt per regel."),
    )
    why = models.TextField(_("waarom is dit belangrijk"), max_length=TEXT_MAX_LENGTH, blank=True)
    at_home = models.TextField(
        _("wat speelt er thuis"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Alleen wat je met de ouder wilt delen."),
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangepast door"),
    )
    edited_at = models.DateTimeField(_("aangepast op"), null=True, blank=True)
    final_at = models.DateTimeField(_("definitief op"), null=True, blank=True)

    class Meta:
        verbose_name = _("blad voor de ouder")
        verbose_name_plural = _("bladen voor de ouder")

    def __str__(self):
        return str(self.observation)


class ArchivedDocument(models.Model):
    """A PDF as the team lead approved it: rendered once, at the approval, and served as these
    exact bytes at every later download, whatever changes in templates, settings or code.

    Reopening the observation marks it superseded (by that reopening) and keeps it; the next
    approval archives a new one. Deleted only with its observation (the retention purge).
    """

    class Kind(models.TextChoices):
        REPORT = "rapport", _("rapport")
        PARENT_SHEET = "blad-voor-de-ouder", _("blad voor de ouder")
        # The observation's part of a safety concern, a document of its own: the report holds
        # no trace of it and can be shared (from the approvals that archive it separately).
        SAFETY = "veiligheid", _("vertrouwelijk deel: zorg over de veiligheid")
        # For an observation on a checklist version withdrawn later: what was wrong, beside the
        # report, which stays as it was approved.
        ADDENDUM = "aanvulling", _("aanvulling bij dit rapport")

    observation = models.ForeignKey(
        Observation,
        on_delete=models.CASCADE,
        related_name="archived_documents",
        verbose_name=_("observatie"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind)
    approval = models.ForeignKey(
        StatusChange,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goedkeuring"),
        help_text=_(
            "Leeg bij een rapport dat later is gearchiveerd zonder vastgelegde goedkeuring."
        ),
    )
    superseded_by = models.ForeignKey(
        StatusChange,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vervangen door heropening"),
    )
    filename = models.CharField(_("bestandsnaam"), max_length=200)
    pdf = models.BinaryField(_("PDF"))
    size = models.PositiveIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    made_at = models.DateTimeField(_("gemaakt op"))
    code_version = models.CharField(_("codeversie"), max_length=64)
    # HMAC-SHA256 of what the document is (observaties.documents.archive.seal_of), under a key
    # from the environment that the database does not hold; empty for a document archived
    # before documents were sealed.
    seal = models.CharField(_("zegel"), max_length=64, blank=True, default="")

    class Meta:
        ordering = ["made_at", "pk"]
        verbose_name = _("gearchiveerd document")
        verbose_name_plural = _("gearchiveerde documenten")
        constraints = [
            models.UniqueConstraint(
                fields=["observation", "kind"],
                condition=models.Q(superseded_by__isnull=True),
                name="one_current_archived_document_per_kind",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.filename}"


class ArchiveAlarm(models.Model):
    """An archived document found altered (when served, exported or checked by
    `verify_archive`): reported by `/gezond/` until `verify_archive` finds it intact again (for
    example after it was restored from a backup)."""

    document = models.OneToOneField(
        ArchivedDocument, on_delete=models.CASCADE, related_name="alarm", verbose_name=_("document")
    )
    found_at = models.DateTimeField(_("gevonden op"), auto_now_add=True)
    problem = models.CharField(_("wat er niet klopt"), max_length=200)

    class Meta:
        verbose_name = _("melding van een gewijzigd document")
        verbose_name_plural = _("meldingen van gewijzigde documenten")

    def __str__(self):
        return f"{self.document_id}: {self.problem}"
