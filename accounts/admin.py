"""The functional admin's pages for users, teams and memberships."""

from axes.utils import reset as reset_login_attempts
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import Membership, Team, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["team"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]
    actions = ["lift_lockout"]

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
        return readonly


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    list_display = ["name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "team", "role"]
    list_filter = ["team", "role"]
    autocomplete_fields = ["user", "team"]
