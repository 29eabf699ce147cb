"""Families and their children: the list, adding, the family page, changing and closing."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from audit.log import Action, record
from observaties import access, selectors, services
from observaties.access_log import Shown, log_concern, logged, shown
from observaties.documents import charts
from observaties.forms import ChildForm, FamilyCloseForm, FamilyEditForm, FamilyForm, ReopenForm
from observaties.models import Family
from observaties.pages import add_service_error, form_page
from observaties.services import case_system

PAGE_SIZE = 25
SEARCH_MAX_LENGTH = Family._meta.get_field("case_reference").max_length


@require_GET
@login_required
@never_cache
@logged("family-list")
def family_list(request):
    families = access.families_for(request.user).select_related("team")
    query = request.GET.get("q", "").strip()
    query_error = ""
    if len(query) > SEARCH_MAX_LENGTH:
        # Said, not cut: no case reference is that long, so nothing is searched.
        query_error = _(
            "Een dossiernummer is hoogstens %(limit)d tekens; dit zijn er %(count)d. Zoek op "
            "het nummer of een deel ervan."
        ) % {"limit": SEARCH_MAX_LENGTH, "count": len(query)}
        families = families.none()
    elif query:
        families = families.filter(case_reference__icontains=query)
    if request.GET.get("gesloten") != "1":
        families = families.filter(closed_on__isnull=True)
    page = Paginator(families.order_by("case_reference", "pk"), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return shown(
        render(
            request,
            "observaties/family_list.html",
            {
                "page": page,
                "query": query,
                "query_error": query_error,
                "show_closed": request.GET.get("gesloten") == "1",
            },
        ),
        Shown(),
    )


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def family_create(request):
    teams = access.teams_for(request.user)
    if not teams.exists():
        raise PermissionDenied(_("Alleen teamleden kunnen een gezin toevoegen."))
    form = FamilyForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            family = services.family_create(
                team=form.cleaned_data["team"],
                case_reference=form.cleaned_data["case_reference"],
                opened_on=form.cleaned_data["opened_on"],
                created_by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            record(request, Action.CREATE, family=family, target="family")
            messages.success(request, _("Het gezin is toegevoegd. Voeg nu een kind toe."))
            return redirect("observaties:child-create", family.pk)
    return form_page(request, form, title=_("Gezin toevoegen"), submit=_("Gezin toevoegen"))


@require_GET
@login_required
@never_cache
@logged("family-detail")
def family_detail(request, pk):
    family = access.get_family_for(request.user, pk)
    everything = request.GET.get("alle") == "1"
    children = []
    for row in selectors.family_page(family, everything=everything):
        row.trends = [
            (
                trend,
                charts.trend_svg(
                    trend,
                    chart_id=f"trend-{row.child.pk}-{trend.condition.key}",
                    scale=charts.SCREEN_SCALE,
                ),
            )
            for trend in row.trends
        ]
        children.append(row)
    response = render(
        request,
        "observaties/family_detail.html",
        {
            "family": family,
            "children": children,
            "legend": charts.legend([label for _p, label in selectors.current_scale_labels()]),
            "can_reopen": services.can_reopen(family, request.user),
            "reopenings": family.reopenings.select_related("reopened_by"),
            "is_lead": access.is_team_lead(request.user, family.team_id),
            "trend_visits": selectors.FAMILY_PAGE_TREND_VISITS,
            "case_system": case_system.configured_case_system() is not None,
        },
    )
    return shown(response, Shown(family=family))


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@logged("family-edit")
def family_edit(request, pk):
    family = access.get_family_for(request.user, pk, edit=True)
    form = FamilyEditForm(request.POST or None, instance=family)
    if request.method == "POST" and form.is_valid():
        try:
            services.family_update(family=family, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            record(request, Action.CHANGE, family=family, target="family")
            messages.success(request, _("De gegevens van het gezin zijn opgeslagen."))
            return redirect("observaties:family-detail", family.pk)
    return form_page(
        request,
        form,
        title=_("Gezin %(family)s wijzigen") % {"family": family},
        submit=_("Opslaan"),
        shows=Shown(family=family),
        back=family,
    )


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@logged("family-close")
def family_close(request, pk):
    """Closing asks first, on a page of its own, saying what it means; a refusal (observations
    not approved, an open safety concern) is said there, above the form."""
    family = access.get_family_for(request.user, pk, edit=True)
    form = FamilyCloseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.family_close(family=family, closed_on=form.cleaned_data["closed_on"])
            except services.OpenConcernError as error:
                log_concern(request, Action.VIEW, error.concern)  # the message names it
                add_service_error(form, error)
                status = 409
            except ValidationError as error:
                add_service_error(form, error)
                status = 409
            else:
                record(request, Action.CHANGE, family=family, target="family-close")
                messages.success(
                    request, _("Het gezin is afgesloten: alles is alleen nog te lezen.")
                )
                return redirect("observaties:family-detail", family.pk)
    response = render(
        request,
        "observaties/family_close.html",
        {
            "family": family,
            "form": form,
            "retention_years": settings.RETENTION_YEARS,
        },
        status=status,
    )
    return shown(response, Shown(family=family))


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@logged("family-reopen")
def family_reopen(request, pk):
    """A team lead opens a closed family again within its retention term, with a reason."""
    family = access.get_family_for(request.user, pk)
    try:
        services.check_reopen(family, request.user)  # PermissionDenied: 403
    except services.FamilyOpenError as error:
        messages.info(request, " ".join(error.messages))
        return redirect("observaties:family-detail", family.pk)
    form = ReopenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.family_reopen(
                    family=family, reason=form.cleaned_data["reason"], by=request.user
                )
            except ValidationError as error:
                add_service_error(form, error)
                status = 409
            else:
                record(request, Action.CHANGE, family=family, target="family-reopen")
                messages.success(request, _("Het gezin is heropend. De reden staat op de pagina."))
                return redirect("observaties:family-detail", family.pk)
    response = render(
        request,
        "observaties/family_reopen.html",
        {"family": family, "form": form},
        status=status,
    )
    return shown(response, Shown(family=family))


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@logged("child-create")
def child_create(request, pk):
    family = access.get_family_for(request.user, pk, edit=True)
    form = ChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.child_create(
                family=family,
                name=form.cleaned_data["name"],
                birth_month=form.cleaned_data["birth_month"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            record(request, Action.CREATE, family=family, target=f"child:{child.pk}")
            messages.success(request, _("Het kind is toegevoegd."))
            return redirect("observaties:family-detail", family.pk)
    return form_page(
        request,
        form,
        title=_("Kind toevoegen aan %(family)s") % {"family": family},
        shows=Shown(family=family),
        submit=_("Kind toevoegen"),
        back=family,
    )
