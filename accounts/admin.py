"""The functional admin's pages for users, teams and memberships."""

from axes.utils import reset as reset_login_attempts
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.forms import OrganisationLoginForm
from accounts.models import Membership, OrganisationLogin, Team, User
from accounts.roles import OWN_RIGHTS_REFUSED
from core.admin import SingletonAdmin
from core.forms import AdminLimitsShown

# Nobody changes their own rights: these are read-only on one's own account (and refused below
# the admin too, in audit.account_changes).
OWN_RIGHTS_FIELDS = [
    "is_active",
    "local_login",
    "organisation_subject",
    "is_staff",
    "is_superuser",
    "groups",
    "user_permissions",
]


def _is_self(request, user):
    return user is not None and user.pk == request.user.pk


class LabelledAutocomplete(AutocompleteSelect):
    """Django's autocomplete, with an empty first option also when a choice is required (a
    required select without one is invalid HTML; Select2 shows nothing for it), and its field's
    label given to Select2's combobox, which otherwise has no accessible name
    (`static/js/admin-autocomplete-label.js`)."""

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        if self.is_required and not self.allow_multiple_selected:
            groups[0][1].insert(0, self.create_option(name, "", "", False, 0))
        return groups

    @property
    def media(self):
        # Named after the admin's autocomplete.js, so that the merged media keep that order.
        return super().media + forms.Media(
            js=["admin/js/autocomplete.js", "js/admin-autocomplete-label.js"]
        )


class LabelledAutocompletes:
    """Mixed into a ModelAdmin or inline: its `autocomplete_fields` use `LabelledAutocomplete`."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", LabelledAutocomplete(db_field, self.admin_site, using=kwargs.get("using"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MembershipInline(AdminLimitsShown, LabelledAutocompletes, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["team"]

    def has_add_permission(self, request, obj=None):
        return not _is_self(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _is_self(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _is_self(request, obj) and super().has_delete_permission(request, obj)


@admin.register(User)
class UserAdmin(AdminLimitsShown, DjangoUserAdmin):
    inlines = [MembershipInline]
    actions = ["lift_lockout"]
    list_display = ["username", "first_name", "last_name", "function_title", "is_active"]
    # The function title goes with the name: reports sign off with both.
    # The function title goes with the name: reports sign off with both. Whether the account
    # may still use a password where the organisation has one login goes with is_active.
    fieldsets = [
        (
            name,
            {
                **options,
                "fields": [
                    field
                    for name in options["fields"]
                    for field in (
                        [name, "function_title"]
                        if name == "email"
                        else [name, "local_login", "organisation_subject"]
                        if name == "is_active"
                        else [name]
                    )
                ],
            },
        )
        for name, options in DjangoUserAdmin.fieldsets
    ]

    @admin.action(description=gettext_lazy("Inlogblokkade opheffen"), permissions=["change"])
    def lift_lockout(self, request, users):
        """What the lockout page tells a locked-out user to ask the functional admin for."""
        for user in users:
            reset_login_attempts(username=user.get_username())
            self.log_change(request, user, _("Inlogblokkade opgeheven."))
        count = len(users)
        self.message_user(
            request,
            ngettext(
                "De inlogblokkade van %(count)d gebruiker is opgeheven.",
                "De inlogblokkade van %(count)d gebruikers is opgeheven.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def get_queryset(self, request):
        # A functional admin manages colleagues, never the superusers who manage them.
        users = super().get_queryset(request)
        return users if request.user.is_superuser else users.filter(is_superuser=False)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        if _is_self(request, obj):
            readonly += OWN_RIGHTS_FIELDS
        return list(dict.fromkeys(readonly))


@admin.register(Team)
class TeamAdmin(AdminLimitsShown, admin.ModelAdmin):
    search_fields = ["name"]
    list_display = ["name", "phone", "email"]
    fields = ["name", "phone", "email"]


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "team", "role"]

    def __init__(self, *args, request_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_user = request_user

    def clean_user(self):
        user = self.cleaned_data["user"]
        if self.request_user is not None and user.pk == self.request_user.pk:
            raise forms.ValidationError(OWN_RIGHTS_REFUSED)
        return user


@admin.register(Membership)
class MembershipAdmin(AdminLimitsShown, LabelledAutocompletes, admin.ModelAdmin):
    form = MembershipForm
    list_display = ["user", "team", "role"]
    list_filter = ["team", "role"]
    autocomplete_fields = ["user", "team"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class RequestMembershipForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, request_user=request.user, **inner)

        return RequestMembershipForm

    def has_change_permission(self, request, obj=None):
        own = obj is not None and obj.user_id == request.user.pk
        return not own and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        own = obj is not None and obj.user_id == request.user.pk
        return not own and super().has_delete_permission(request, obj)


@admin.register(OrganisationLogin)
class OrganisationLoginAdmin(AdminLimitsShown, SingletonAdmin):
    form = OrganisationLoginForm
    saved_message = gettext_lazy("Het inloggen met het organisatie-account is opgeslagen.")
    fieldsets = [
        (None, {"fields": ["enabled", "discovery_url", "client_id", "client_secret", "scopes"]}),
        (
            gettext_lazy("Wie binnenkomt"),
            {"fields": ["identifying_claim", "user_field", "create_users", "function_title_claim"]},
        ),
        (gettext_lazy("Tweestapsverificatie"), {"fields": ["mfa_amr_values", "mfa_acr_values"]}),
        (gettext_lazy("Inloggen met een wachtwoord"), {"fields": ["local_login"]}),
    ]
