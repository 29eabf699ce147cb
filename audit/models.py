"""The access log: who did what with which family's data, when, from where, and the outcome.

Rows hold identifiers only, never note text, and are append-only: the model, its querysets, the
admin and (on PostgreSQL) a database trigger all refuse to change or delete them. Families and
users are referred to by number, not by foreign key, so the log outlives what it describes.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(PermissionDenied):
    """An access log row was about to be changed or deleted."""


class AccessEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(_("Het toegangslog kan niet worden gewijzigd."))

    def delete(self):
        raise AppendOnlyError(_("Het toegangslog kan niet worden verwijderd."))


class AccessEvent(models.Model):
    class Action(models.TextChoices):
        VIEW = "bekijken", _("bekijken")
        DOWNLOAD = "downloaden", _("downloaden")
        EXPORT = "exporteren", _("exporteren")
        CREATE = "aanmaken", _("aanmaken")
        CHANGE = "wijzigen", _("wijzigen")
        TRANSITION = "statuswijziging", _("statuswijziging")
        DELETE = "verwijderen", _("verwijderen")
        LOGIN = "inloggen", _("inloggen")
        LOGIN_FAILED = "inloggen-mislukt", _("inloggen mislukt")
        LOCKED_OUT = "geblokkeerd", _("account of adres geblokkeerd")
        LOGOUT = "uitloggen", _("uitloggen")
        OTP_ENROLLED = "tweestaps-ingesteld", _("tweestapsverificatie ingesteld")
        OTP_VERIFIED = "tweestaps-geverifieerd", _("tweestapsverificatie gelukt")
        OTP_FAILED = "tweestaps-mislukt", _("tweestapsverificatie mislukt")
        # Changes to accounts and rights, made by someone else (the subject is another user).
        ACCOUNT_CHANGED = "account-gewijzigd", _("account gewijzigd")
        GROUP_CHANGED = "groep-gewijzigd", _("groep gewijzigd")
        MEMBERSHIP_CHANGED = "lidmaatschap-gewijzigd", _("teamlidmaatschap gewijzigd")
        PASSWORD_SET = "wachtwoord-ingesteld", _("wachtwoord ingesteld door een ander")
        OTP_RESET = "tweestaps-gewist", _("tweestapsverificatie gewist")
        # A client application of the read API registered, given teams, renewed or revoked.
        API_CLIENT_CHANGED = "api-client-gewijzigd", _("API-client gewijzigd")
        # A document sent to the organisation's case system by the background worker.
        REGISTER = "registreren", _("registreren in het zaaksysteem")

    # The events a privacy officer filters on to see who changed whose rights.
    ACCOUNT_ACTIONS = (
        Action.ACCOUNT_CHANGED,
        Action.GROUP_CHANGED,
        Action.MEMBERSHIP_CHANGED,
        Action.PASSWORD_SET,
        Action.OTP_RESET,
        Action.API_CLIENT_CHANGED,
    )

    class Outcome(models.TextChoices):
        ALLOWED = "toegestaan", _("toegestaan")
        REFUSED = "geweigerd", _("geweigerd")
        # Not done this time, to be tried again (the case system did not answer).
        FAILED = "mislukt", _("mislukt, volgt opnieuw")

    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    user_id = models.BigIntegerField(_("gebruiker (nummer)"), null=True, blank=True)
    username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    role = models.CharField(_("rol"), max_length=20, blank=True)
    action = models.CharField(_("actie"), max_length=30, choices=Action)
    outcome = models.CharField(_("uitkomst"), max_length=12, choices=Outcome)
    team_id = models.BigIntegerField(_("team (nummer)"), null=True, blank=True)
    family_id = models.BigIntegerField(_("gezin (nummer)"), null=True, blank=True)
    observation_id = models.BigIntegerField(_("observatie (nummer)"), null=True, blank=True)
    subject_user_id = models.BigIntegerField(
        _("account waarover het gaat (nummer)"), null=True, blank=True
    )
    target = models.CharField(_("onderdeel"), max_length=80, blank=True)
    # A read through the API: the client application that made it (its name is in `username`).
    api_client_id = models.BigIntegerField(_("API-client (nummer)"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("adres"), null=True, blank=True)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("toegangsregel")
        verbose_name_plural = _("toegangslog")
        indexes = [
            models.Index(fields=["family_id", "at"], name="audit_family_at_idx"),
            models.Index(fields=["team_id", "at"], name="audit_team_at_idx"),
            models.Index(fields=["user_id", "at"], name="audit_user_at_idx"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.outcome}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError(_("Het toegangslog kan niet worden gewijzigd."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(_("Het toegangslog kan niet worden verwijderd."))
