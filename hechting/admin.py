"""Admin for the checklist catalogue: drafts are editable, published versions read-only."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import AdminLimitsShown, LimitsShown
from hechting import selectors, services
from hechting.models import (
    BehaviourItem,
    ChecklistVersion,
    Condition,
    ConditionContent,
    ContextFactor,
    InterventionPointer,
    MeldcodeText,
    ScaleOption,
    TextSource,
)

_COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 48})}}


class WithdrawForm(LimitsShown, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Wat klopte er niet?"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        max_length=2000,
        help_text=gettext_lazy(
            "Staat bij elke observatie op deze versie en in de aanvulling bij haar rapport. "
            "Het rapport zelf blijft zoals het is goedgekeurd."
        ),
    )


def _version_from(request):
    """The version whose change page this request is for, or None (adding, or another page)."""
    match = request.resolver_match
    object_id = match.kwargs.get("object_id") if match else None
    return ChecklistVersion.objects.filter(pk=object_id).first() if object_id else None


def _limit_sources(db_field, request, kwargs):
    """A text's source can only be one of its own version's sources."""
    if db_field.related_model is TextSource:
        version = _version_from(request)
        kwargs["queryset"] = TextSource.objects.filter(version=version)
    return kwargs


class _DraftOnlyInline:
    """Mixin for inlines that are editable only while their version is a draft."""

    extra = 0
    formfield_overrides = _COMPACT_TEXT

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(
            db_field, request, **_limit_sources(db_field, request, kwargs)
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """In a table of rows the column header is no label: each field names itself."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and getattr(db_field, "verbose_name", None):
            widget = getattr(formfield.widget, "widget", formfield.widget)  # the related wrapper
            widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:  # a checkbox in a column headed "Verwijderen?"
                    row = "" if index is None else f" {index + 1}"
                    form.fields["DELETE"].widget.attrs["aria-label"] = _(
                        "Rij%(row)s verwijderen"
                    ) % {"row": row}

        return LabelledFormSet

    def _editable(self, obj):
        return obj is None or obj.is_draft

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class TextSourceInline(AdminLimitsShown, _DraftOnlyInline, admin.TabularInline):
    model = TextSource
    fields = ["kind", "quote", "author", "written_on", "reference"]
    verbose_name_plural = gettext_lazy(
        "bronnen (voeg een bron toe en sla op; daarna kun je haar bij een tekst kiezen)"
    )


class ConditionContentInline(AdminLimitsShown, _DraftOnlyInline, admin.StackedInline):
    model = ConditionContent
    max_num = 3
    fields = [
        "condition",
        ("explanation", "explanation_source"),
        ("item_intro", "item_intro_source"),
        ("guidance", "guidance_source"),
        ("advice", "advice_source"),
        ("parent_tip", "parent_tip_source"),
    ]


class BehaviourItemInline(AdminLimitsShown, _DraftOnlyInline, admin.StackedInline):
    # Stacked, each text beside its source: as a table of nine columns it was three windows wide.
    model = BehaviourItem
    fields = [
        ("condition", "code", "order"),
        ("text", "text_source"),
        ("hint", "hint_source"),
        ("parent_wording", "parent_wording_source"),
    ]


class ScaleOptionInline(AdminLimitsShown, _DraftOnlyInline, admin.TabularInline):
    model = ScaleOption
    fields = ["position", "label", "is_no_opportunity", "definition", "definition_source"]


class ContextFactorInline(AdminLimitsShown, _DraftOnlyInline, admin.StackedInline):
    model = ContextFactor
    fields = [
        ("code", "order"),
        ("label", "label_source"),
        ("hint", "hint_source"),
        ("action_suggestions", "action_suggestions_source"),
    ]


class MeldcodeTextInline(AdminLimitsShown, _DraftOnlyInline, admin.TabularInline):
    """The organisation's wording of its meldcode: the five steps and the five questions."""

    model = MeldcodeText
    fields = ["kind", "number", "text", "text_source"]
    formfield_overrides = _COMPACT_TEXT


class InterventionPointerInline(AdminLimitsShown, _DraftOnlyInline, admin.StackedInline):
    model = InterventionPointer
    fields = [
        ("name", "order"),
        "conditions",
        ("starts_in_pregnancy", "min_age_months", "max_age_months"),
        "target_group",
        ("recognition", "recognised_on"),
        "description",
        "where_to_find",
        ("source", "review_on"),
        "review_state",
    ]
    readonly_fields = ["review_state"]
    formfield_overrides = {
        **_COMPACT_TEXT,
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }

    @admin.display(description=gettext_lazy("controle"))
    def review_state(self, pointer):
        if pointer.pk is None:
            return "–"
        if pointer.is_due_for_review(timezone.localdate()):
            return _("Te controleren: de controledatum %(date)s is voorbij.") % {
                "date": date_format(pointer.review_on, "j F Y")
            }
        return _("Gecontroleerd; opnieuw op %(date)s.") % {
            "date": date_format(pointer.review_on, "j F Y")
        }


@admin.register(ChecklistVersion)
class ChecklistVersionAdmin(AdminLimitsShown, admin.ModelAdmin):
    class Media:
        css = {"all": ["css/admin.css"]}  # a file: the CSP allows no inline style

    list_display = ["number", "status", "published_at", "retired_at", "item_count", "pointers_due"]
    readonly_fields = ["number", "status", "based_on", "created_at", "published_at", "retired_at"]
    readonly_fields = [*readonly_fields, "edition", "pointers_due", "content_hash"]
    fields = [
        *readonly_fields,
        "change_note",
        ("offers_caregiver_network", "offers_stress_actions"),
        ("offers_parent_texts", "offers_safety_section"),
        "offers_injury_alarm",
        ("benefits", "benefits_source"),
        ("parent_benefits", "parent_benefits_source"),
        ("stress_guidance", "stress_guidance_source"),
        ("safety_guidance", "safety_guidance_source"),
        ("injury_guidance", "injury_guidance_source"),
    ]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}
    inlines = [
        TextSourceInline,
        ConditionContentInline,
        BehaviourItemInline,
        ScaleOptionInline,
        ContextFactorInline,
        MeldcodeTextInline,
        InterventionPointerInline,
    ]
    actions = ["publish_selected"]

    @admin.display(description=gettext_lazy("gedragsitems"))
    def item_count(self, version):
        return version.items.count()

    @admin.display(description=gettext_lazy("verwijzingen te controleren"))
    def pointers_due(self, version):
        due = [p.name for p in version.pointers.filter(review_on__lte=timezone.localdate())]
        return ", ".join(due) if due else _("geen")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(
            db_field, request, **_limit_sources(db_field, request, kwargs)
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Deleting in bulk would stop halfway at the first published version.
        actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request):
        # A new version always starts as a copy of the current one, never empty.
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_draft:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.is_draft:
            return False
        return super().has_delete_permission(request, obj)

    def get_urls(self):
        own = [
            path(
                "nieuw-concept/",
                self.admin_site.admin_view(self.new_draft_view),
                name="hechting_checklistversion_new_draft",
            ),
            path(
                "<int:pk>/publiceren/",
                self.admin_site.admin_view(self.publish_view),
                name="hechting_checklistversion_publish",
            ),
            path(
                "<int:pk>/intrekken/",
                self.admin_site.admin_view(self.withdraw_view),
                name="hechting_checklistversion_withdraw",
            ),
            path(
                "<int:pk>/voorbeeld/",
                self.admin_site.admin_view(self.preview_view),
                name="hechting_checklistversion_preview",
            ),
        ]
        return own + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_create_draft": self._may(request, "add"),
        }
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        version = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "version": version,
            "can_publish": version is not None
            and version.is_draft
            and self._may(request, "change"),
            "can_withdraw": version is not None
            and version.status == ChecklistVersion.Status.RETIRED
            and self._may(request, "change"),
            "problems": services.checklist_version_problems(version)
            if version is not None and version.is_draft
            else [],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def new_draft_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self._may(request, "add"):
            raise PermissionDenied
        try:
            draft = services.checklist_version_create_draft()
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return redirect("admin:hechting_checklistversion_changelist")
        self.message_user(
            request,
            _("Versie %(number)s is aangemaakt als concept, als kopie van de huidige versie.")
            % {"number": draft.number},
            messages.SUCCESS,
        )
        return redirect("admin:hechting_checklistversion_change", draft.pk)

    def publish_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self._may(request, "change"):
            raise PermissionDenied
        version = get_object_or_404(ChecklistVersion, pk=pk)
        self._publish(request, version)
        return redirect("admin:hechting_checklistversion_change", version.pk)

    def withdraw_view(self, request, pk):
        """Withdraw a retired version, with the reason every observation on it will show."""
        if not self._may(request, "change"):
            raise PermissionDenied
        version = get_object_or_404(ChecklistVersion, pk=pk)
        form = WithdrawForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.checklist_version_withdraw(
                    version=version, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _(
                        "Versie %(number)s is ingetrokken. Elke goedgekeurde observatie op deze "
                        "versie krijgt een aanvulling bij haar rapport."
                    )
                    % {"number": version.number},
                    messages.SUCCESS,
                )
                return redirect("admin:hechting_checklistversion_change", version.pk)
        return TemplateResponse(
            request,
            "admin/hechting/checklistversion/withdraw.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Versie %(number)s intrekken") % {"number": version.number},
                "version": version,
                "form": form,
                "opts": self.model._meta,
            },
        )

    @admin.action(description=gettext_lazy("Publiceren als huidige versie"))
    def publish_selected(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Kies precies één conceptversie."), messages.ERROR)
            return
        self._publish(request, queryset.get())

    def _publish(self, request, version):
        try:
            services.checklist_version_publish(version=version)
        except ValidationError as error:
            self.message_user(
                request,
                _("Versie %(number)s is niet gepubliceerd: %(problems)s")
                % {"number": version.number, "problems": " ".join(error.messages)},
                messages.ERROR,
            )
            return
        self.message_user(
            request,
            _("Versie %(number)s is gepubliceerd en is nu de huidige versie.")
            % {"number": version.number},
            messages.SUCCESS,
        )

    def preview_view(self, request, pk):
        if not self._may(request, "view"):
            raise PermissionDenied
        version = get_object_or_404(ChecklistVersion, pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Voorbeeld van versie %(number)s") % {"number": version.number},
            "version": version,
            "conditions": selectors.checklist_by_condition(version),
            "content": selectors.version_content(version),
            "scale_options": selectors.version_content(version).scale,
            "context_factors": selectors.version_content(version).factors,
            "back_url": reverse("admin:hechting_checklistversion_change", args=[version.pk]),
        }
        return TemplateResponse(request, "hechting/checklist_preview.html", context)

    def _may(self, request, action):
        return request.user.has_perm(f"hechting.{action}_checklistversion")


@admin.register(Condition)
class ConditionAdmin(AdminLimitsShown, admin.ModelAdmin):
    list_display = ["name", "key", "order"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
