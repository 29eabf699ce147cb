"""Where a text of the checklist comes from, and the fields that name it."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hechting.models.versions import ChecklistVersion, VersionedPart

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
