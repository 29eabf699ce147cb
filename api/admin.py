"""The functional admin registers a client application, sees its credential once, and can
renew it or revoke the client. The credential is never shown again: only its hash is kept."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from api import credentials
from api.models import ApiClient
from audit.log import Action, record
from core.forms import AdminLimitsShown


def _log(request, client, change):
    """Who gave which client access to which teams, renewed or revoked it: in the access log."""
    record(request, Action.API_CLIENT_CHANGED, target=f"api-client:{client.pk}:{change}")


@admin.register(ApiClient)
class ApiClientAdmin(AdminLimitsShown, admin.ModelAdmin):
    list_display = ("name", "contact", "key_id", "created_at", "rotated_at", "revoked_at")
    readonly_fields = (
        "key_id",
        "created_at",
        "created_by",
        "rotated_at",
        "revoked_at",
        "revoked_by",
    )
    change_form_template = "api/change_form.html"

    def get_fields(self, request, obj=None):
        fields = ["name", "contact", "teams"]
        return fields if obj is None else [*fields, *self.readonly_fields]

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the access log names the client

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            request.api_credential = credentials.issue(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change or "teams" in form.changed_data:
            teams = ",".join(str(pk) for pk in sorted(t.pk for t in form.instance.teams.all()))
            _log(request, form.instance, f"teams:{teams}")

    def response_add(self, request, obj, post_url_continue=None):
        return self._credential_page(request, obj, request.api_credential)

    def _credential_page(self, request, client, credential):
        return TemplateResponse(
            request,
            "api/credential_once.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Het geheim van %(client)s") % {"client": client},
                "client": client,
                "credential": credential,
                "opts": self.model._meta,
            },
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/vernieuwen/",
                self.admin_site.admin_view(self.rotate_view),
                name="api_apiclient_rotate",
            ),
            path(
                "<int:pk>/intrekken/",
                self.admin_site.admin_view(self.revoke_view),
                name="api_apiclient_revoke",
            ),
            *super().get_urls(),
        ]

    def _client_to_change(self, request, pk):
        if request.method != "POST":
            return None
        client = get_object_or_404(ApiClient, pk=pk)
        if not self.has_change_permission(request, client):
            raise PermissionDenied
        return client

    def rotate_view(self, request, pk):
        client = self._client_to_change(request, pk)
        if client is None:
            return HttpResponseNotAllowed(["POST"])
        if client.is_revoked:
            messages.error(request, _("Een ingetrokken client krijgt geen nieuw geheim."))
            return redirect(reverse("admin:api_apiclient_change", args=[client.pk]))
        credential = credentials.api_client_rotate(client=client)
        _log(request, client, "geheim-vernieuwd")
        client.refresh_from_db()
        return self._credential_page(request, client, credential)

    def revoke_view(self, request, pk):
        client = self._client_to_change(request, pk)
        if client is None:
            return HttpResponseNotAllowed(["POST"])
        credentials.api_client_revoke(client=client, by=request.user)
        _log(request, client, "ingetrokken")
        messages.success(
            request,
            _("%(client)s is ingetrokken: elk verzoek met zijn geheim wordt vanaf nu geweigerd.")
            % {"client": client},
        )
        return redirect(reverse("admin:api_apiclient_change", args=[client.pk]))
