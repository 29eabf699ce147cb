"""Client applications of the read API: a client-file system that fetches the approved
observations of its teams' families. Its secret is shown once and stored only as a hash."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Team


class ApiClient(models.Model):
    name = models.CharField(_("naam"), max_length=120, unique=True)
    contact = models.CharField(
        _("contact"),
        max_length=200,
        help_text=_("Wie bij een storing of een lek te bereiken is: naam, e-mailadres, telefoon."),
    )
    teams = models.ManyToManyField(
        Team,
        related_name="api_clients",
        verbose_name=_("teams"),
        help_text=_("De client ziet alleen de gezinnen van deze teams."),
    )
    # The credential is `hw_<key id>_<secret>`: the key id finds the client, the secret's SHA-256
    # proves it (a random 256-bit secret needs no slow hash).
    key_id = models.CharField(_("sleutel-id"), max_length=12, unique=True, editable=False)
    secret_sha256 = models.CharField(_("SHA-256 van het geheim"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("aangemaakt door"),
    )
    rotated_at = models.DateTimeField(_("geheim vernieuwd op"), null=True, editable=False)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("ingetrokken door"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("API-client")
        verbose_name_plural = _("API-clients")

    def __str__(self):
        return self.name

    @property
    def is_revoked(self):
        return self.revoked_at is not None
