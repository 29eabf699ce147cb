from django.contrib import admin

from audit.models import AccessEvent
from core.forms import AdminLimitsShown


@admin.register(AccessEvent)
class AccessEventAdmin(AdminLimitsShown, admin.ModelAdmin):
    """Read-only: the log can be searched here, never changed."""

    list_display = ["at", "username", "role", "action", "outcome", "family_id", "target"]
    list_filter = ["action", "outcome"]
    search_fields = ["username", "=family_id", "=observation_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}
