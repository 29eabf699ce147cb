"""Users, teams and the role a user holds in each team."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from solo.models import SingletonModel


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
    # The provider's subject (`sub`) of the organisation account this user first logged in with:
    # a later login whose name matches but whose subject differs (a name given to someone new)
    # is refused. The admin empties it when the organisation moved the person to a new account.
    organisation_subject = models.CharField(
        _("organisatie-account (subject)"),
        max_length=255,
        blank=True,
        help_text=_(
            "Vastgelegd bij de eerste inlog met het organisatie-account. Alleen dat account komt "
            "daarna binnen als deze gebruiker. Maak leeg als de organisatie de medewerker een "
            "nieuw account gaf."
        ),
    )
    # Where the organisation has switched the password login off (OrganisationLogin.local_login),
    # only these accounts and superusers still log in with a password: a break-glass admin.
    local_login = models.BooleanField(
        _("lokaal account"),
        default=False,
        help_text=_(
            "Mag met een Hechtingswijzer-wachtwoord inloggen, ook als de organisatie dat voor "
            "iedereen anders heeft uitgezet. Voor een noodaccount van een functioneel beheerder."
        ),
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


class OrganisationLogin(SingletonModel):
    """How staff log in with the organisation's own account (OpenID Connect): one row, kept by
    the operator (`manage.py organisation_login`) or the functional admin.

    The provider's endpoints and keys are read from its discovery document at each login, so a
    key rotation or a moved endpoint needs no change here. Team roles, groups and the
    functional-admin right are never taken from the provider: they stay assigned here.
    """

    class UserField(models.TextChoices):
        USERNAME = "username", _("gebruikersnaam")
        EMAIL = "email", _("e-mailadres")

    enabled = models.BooleanField(
        _("inloggen met het organisatie-account aan"),
        default=False,
        help_text=_("Zet de knop ‘Inloggen met je organisatie-account’ op de inlogpagina."),
    )
    discovery_url = models.URLField(
        _("discovery-URL"),
        max_length=400,
        blank=True,
        help_text=_(
            "Het adres van het configuratiedocument van de OpenID-provider, eindigend op "
            "/.well-known/openid-configuration. Voor Entra ID: https://login.microsoftonline.com/"
            "TENANT-ID/v2.0/.well-known/openid-configuration."
        ),
    )
    client_id = models.CharField(_("client-ID"), max_length=200, blank=True)
    client_secret = models.CharField(
        _("client-secret"),
        max_length=400,
        blank=True,
        help_text=_("Wordt niet getoond. Laat leeg om het huidige secret te houden."),
    )
    scopes = models.CharField(
        _("scopes"),
        max_length=200,
        default="openid email profile",
        help_text=_("Gescheiden door spaties; openid is altijd nodig."),
    )
    identifying_claim = models.CharField(
        _("claim die de gebruiker aanwijst"),
        max_length=100,
        default="preferred_username",
        help_text=_(
            "Bijvoorbeeld preferred_username of email. Zijn waarde moet gelijk zijn aan het veld "
            "hieronder van een gebruiker in de Hechtingswijzer (hoofdletters tellen niet)."
        ),
    )
    user_field = models.CharField(
        _("vergeleken met"), max_length=20, choices=UserField, default=UserField.USERNAME
    )
    function_title_claim = models.CharField(
        _("claim met de functie"),
        max_length=100,
        blank=True,
        help_text=_(
            "Bijvoorbeeld jobTitle. Als deze claim tekst bevat, wordt de functie van de "
            "gebruiker bij elke inlog daarmee bijgewerkt. Leeg: de functie blijft zoals hij "
            "hier is ingevuld."
        ),
    )
    create_users = models.BooleanField(
        _("onbekende medewerkers aanmaken"),
        default=False,
        help_text=_(
            "Maakt bij de eerste inlog een gebruiker aan, zonder team en zonder rol. Een "
            "beheerder geeft daarna de teamrol. Uit: alleen bestaande gebruikers komen binnen."
        ),
    )
    mfa_amr_values = models.CharField(
        _("amr-waarden die tweestaps betekenen"),
        max_length=200,
        default="mfa",
        blank=True,
        help_text=_(
            "Gescheiden door spaties. Als de amr-claim van het ID-token een van deze waarden "
            "bevat, vraagt de Hechtingswijzer geen eigen tweede stap (RFC 8176: mfa)."
        ),
    )
    mfa_acr_values = models.CharField(
        _("acr-waarden die tweestaps betekenen"),
        max_length=200,
        blank=True,
        help_text=_("Gescheiden door spaties; de acr-claim van het ID-token wordt vergeleken."),
    )
    local_login = models.BooleanField(
        _("inloggen met een Hechtingswijzer-wachtwoord toestaan"),
        default=True,
        help_text=_(
            "Uit: alleen lokale accounts (zie ‘lokaal account’ bij de gebruiker) en superusers "
            "loggen nog met een wachtwoord in; alle anderen met hun organisatie-account."
        ),
    )

    class Meta:
        verbose_name = _("inloggen met het organisatie-account")
        verbose_name_plural = _("inloggen met het organisatie-account")

    def __str__(self):
        return str(_("Inloggen met het organisatie-account"))

    @classmethod
    def current(cls):
        """The configuration, or an unsaved default (switched off) when none was made. Reads
        only: unlike `get_solo`, it never creates the row (the login page asks on every visit)."""
        return cls.objects.filter(pk=cls.singleton_instance_id).first() or cls()

    @property
    def usable(self):
        return self.enabled and bool(self.discovery_url and self.client_id and self.client_secret)


class OrganisationSession(models.Model):
    """Which session an organisation login started, so that the provider's back-channel logout
    (by its session id `sid`, or by the user's `sub`) can end it."""

    session_key = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sid = models.CharField(max_length=255, blank=True, db_index=True)
    sub = models.CharField(max_length=255, db_index=True)
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sessie via het organisatie-account")
        verbose_name_plural = _("sessies via het organisatie-account")

    def __str__(self):
        return f"{self.user_id} {self.started_at:%Y-%m-%d %H:%M}"
