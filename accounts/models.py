"""Users, teams and the role a user holds in each team."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    # A password that someone else set (the admin's reset or a new account) is good for one
    # login; then the user must choose their own, and is told who set it and when.
    must_choose_password = models.BooleanField(_("moet een eigen wachtwoord kiezen"), default=False)
    password_set_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wachtwoord ingesteld door"),
    )
    password_set_at = models.DateTimeField(_("wachtwoord ingesteld op"), null=True, blank=True)
    function_title = models.CharField(
        _("functie"),
        max_length=100,
        blank=True,
        help_text=_("Staat bij de ondertekening van rapporten, bijvoorbeeld jeugdverpleegkundige."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def signature(self):
        """Name and function, as a report's sign-off names the user."""
        name = self.get_full_name() or self.get_username()
        return f"{name}, {self.function_title}" if self.function_title else name


class Team(models.Model):
    name = models.CharField(_("naam"), max_length=120, unique=True)
    # How a parent reaches the team, printed on the sheet for the parent: the team's own number
    # and address, never a professional's private one.
    phone = models.CharField(
        _("telefoon van het team"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 -]{5,18}$",
                _("Een telefoonnummer: cijfers, spaties of streepjes, zoals 020-1234567."),
            )
        ],
        help_text=_(
            "Staat op het blad voor de ouder. Het algemene nummer van het team, nooit een "
            "privénummer."
        ),
    )
    email = models.EmailField(
        _("e-mailadres van het team"),
        blank=True,
        help_text=_("Staat op het blad voor de ouder. Een adres van het team, geen persoonlijk."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        PROFESSIONAL = "medewerker", _("medewerker")
        TEAM_LEAD = "teamleider", _("teamleider")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("gebruiker"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team")
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["team__name", "user__username"]
        verbose_name = _("teamlidmaatschap")
        verbose_name_plural = _("teamlidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "team"], name="one_role_per_team"),
        ]

    def __str__(self):
        return f"{self.user} – {self.team} ({self.get_role_display()})"
