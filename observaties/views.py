"""Pages for professionals and team leads. Access is decided in `access`, writes in `services`."""

import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import is_functional_admin
from audit.log import Action, record
from observaties import access, charts, reports, retention, selectors, services
from observaties.checklist_form import ChecklistForm
from observaties.forms import (
    ChildForm,
    FamilyCloseForm,
    FamilyEditForm,
    FamilyForm,
    ObservationStartForm,
    ReopenForm,
    ReviewForm,
)
from observaties.models import Observation

PAGE_SIZE = 25


def _form_page(request, form, *, title, submit, status=200, back=None):
    return render(
        request,
        "observaties/form_page.html",
        {"form": form, "title": title, "submit": submit, "back": back},
        status=status,
    )


def _refuse(form, error):
    """Put a service's ValidationError on the form, next to its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_GET
@login_required
@never_cache
def dashboard(request):
    data = selectors.dashboard(request.user)
    if data["own"] or data["queue"]:
        record(request, Action.VIEW, target="dashboard")
    for observation in data["queue"]:
        observation.waiting_days = selectors.waiting_days(observation, data["now"])
    return render(
        request,
        "observaties/dashboard.html",
        {
            **data,
            "memberships": request.user.memberships.select_related("team"),
            "lead_teams": access.lead_team_ids(request.user),
            "is_functional_admin": is_functional_admin(request.user),
        },
    )


@require_GET
@login_required
@never_cache
def family_list(request):
    families = access.families_for(request.user).select_related("team")
    query = request.GET.get("q", "").strip()[:40]
    if query:
        families = families.filter(case_reference__icontains=query)
    if request.GET.get("gesloten") != "1":
        families = families.filter(closed_on__isnull=True)
    page = Paginator(families.order_by("case_reference", "pk"), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    record(request, Action.VIEW, target="family-list")
    return render(
        request,
        "observaties/family_list.html",
        {"page": page, "query": query, "show_closed": request.GET.get("gesloten") == "1"},
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
            _refuse(form, error)
        else:
            record(request, Action.CREATE, family=family, target="family")
            messages.success(request, _("Het gezin is toegevoegd. Voeg nu een kind toe."))
            return redirect("observaties:child-create", family.pk)
    return _form_page(request, form, title=_("Gezin toevoegen"), submit=_("Gezin toevoegen"))


@require_GET
@login_required
@never_cache
def family_detail(request, pk):
    family = access.get_family_for(request.user, pk)
    record(request, Action.VIEW, family=family, target="family-detail")
    children = []
    for child, observations, trends in selectors.family_page(family):
        charted = [
            (trend, charts.trend_svg(trend, chart_id=f"trend-{child.pk}-{trend.condition.key}"))
            for trend in trends
        ]
        children.append((child, observations, charted))
    return render(
        request,
        "observaties/family_detail.html",
        {
            "family": family,
            "children": children,
            "legend": charts.legend([label for _p, label in selectors.current_scale_labels()]),
            "close_form": FamilyCloseForm(),
            "is_lead": access.is_team_lead(request.user, family.team_id),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def family_edit(request, pk):
    family = access.get_family_for(request.user, pk, edit=True)
    form = FamilyEditForm(request.POST or None, instance=family)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(request, Action.CHANGE, family=family, target="family")
        messages.success(request, _("De gegevens van het gezin zijn opgeslagen."))
        return redirect("observaties:family-detail", family.pk)
    return _form_page(
        request,
        form,
        title=_("Gezin %(family)s wijzigen") % {"family": family},
        submit=_("Opslaan"),
        back=family,
    )


@require_POST
@login_required
def family_close(request, pk):
    family = access.get_family_for(request.user, pk, edit=True)
    form = FamilyCloseForm(request.POST)
    if form.is_valid():
        try:
            services.family_close(family=family, closed_on=form.cleaned_data["closed_on"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            record(request, Action.CHANGE, family=family, target="family-close")
            messages.success(request, _("Het gezin is afgesloten en kan niet meer wijzigen."))
    else:
        messages.error(request, _("Vul een geldige datum van afsluiten in."))
    return redirect("observaties:family-detail", family.pk)


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
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
            _refuse(form, error)
        else:
            record(request, Action.CREATE, family=family, target=f"child:{child.pk}")
            messages.success(request, _("Het kind is toegevoegd."))
            return redirect("observaties:family-detail", family.pk)
    return _form_page(
        request,
        form,
        title=_("Kind toevoegen aan %(family)s") % {"family": family},
        submit=_("Kind toevoegen"),
        back=family,
    )


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def observation_create(request, pk):
    family = access.get_family_for(request.user, pk, edit=True)
    form = ObservationStartForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            observation = services.observation_create(
                professional=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _refuse(form, error)
        else:
            record(request, Action.CREATE, observation=observation, target="observation")
            return redirect("observaties:observation-edit", observation.pk)
    return _form_page(
        request,
        form,
        title=_("Nieuwe observatie voor %(family)s") % {"family": family},
        submit=_("Verder naar de checklist"),
        back=family,
    )


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def observation_edit(request, pk):
    observation = access.get_observation_for(request.user, pk, edit=True)
    if request.method == "GET":
        record(request, Action.VIEW, observation=observation, target="observation-edit")
    # A submission needs the stored answers only if the form has to be shown again; the form
    # shows of the history only the comment that returned the observation.
    returned = observation.status == Observation.Status.RETURNED
    report = (
        selectors.observation_report(observation, history=returned)
        if request.method == "GET"
        else None
    )
    form = ChecklistForm(request.POST or None, observation=observation, report=report)
    status = 200
    if request.method == "POST":
        submitting = "submit" in request.POST
        if form.is_valid() and (not submitting or form.require_complete()):
            try:
                if submitting:
                    services.observation_save_and_submit(
                        observation=observation,
                        user=request.user,
                        lock_version=form.cleaned_data["lock_version"],
                        content=form.content(),
                    )
                else:
                    services.observation_save(
                        observation=observation,
                        user=request.user,
                        lock_version=form.cleaned_data["lock_version"],
                        content=form.content(),
                    )
            except services.StaleObservationError:
                status = 409
                form.add_error(
                    None,
                    _(
                        "Iemand anders heeft deze observatie intussen gewijzigd. Je wijzigingen "
                        "zijn niet opgeslagen; ze staan hieronder nog. Open de observatie "
                        "opnieuw in een ander tabblad om te zien wat er veranderd is."
                    ),
                )
            except ValidationError as error:
                _refuse(form, error)
            else:
                record(request, Action.CHANGE, observation=observation, target="checklist")
                if submitting:
                    record(request, Action.TRANSITION, observation=observation, target="ingediend")
                    messages.success(request, _("De observatie is ingediend bij de teamleider."))
                    return redirect("observaties:observation-detail", observation.pk)
                messages.success(request, _("Het concept is opgeslagen."))
                return redirect("observaties:observation-edit", observation.pk)
        if status == 200:
            messages.error(request, _("Niet opgeslagen: verbeter wat hieronder is aangegeven."))
            status = 400
    return render(
        request,
        "observaties/observation_form.html",
        {
            "observation": observation,
            "form": form,
            "report": report or selectors.observation_report(observation, history=returned),
        },
        status=status,
    )


@require_GET
@login_required
@never_cache
def observation_detail(request, pk):
    observation = access.get_observation_for(request.user, pk)
    record(request, Action.VIEW, observation=observation, target="observation-detail")
    return _observation_page(request, observation)


def _observation_page(request, observation, *, review_form=None, reopen_form=None, status=200):
    user = request.user
    report = selectors.observation_report(observation)
    trends = [
        (trend, charts.trend_svg(trend, chart_id=f"trend-{trend.condition.key}"))
        for trend in selectors.child_trends(observation.child, until=observation.visit_date)
    ]
    return render(
        request,
        "observaties/observation_detail.html",
        {
            "observation": observation,
            "report": report,
            "trends": trends,
            "legend": charts.legend(
                [option.label for option in report.scale if not option.is_no_opportunity]
            ),
            "can_edit": access.can_edit_observation(user, observation),
            "can_review": access.can_review(user, observation),
            "can_reopen": access.can_reopen(user, observation),
            "review_form": review_form or ReviewForm(),
            "reopen_form": reopen_form or ReopenForm(),
        },
        status=status,
    )


@require_POST
@login_required
def observation_review(request, pk):
    observation = access.get_observation_for(request.user, pk)
    if not access.can_review(request.user, observation):
        raise PermissionDenied(_("Je kunt deze observatie niet beoordelen."))
    form = ReviewForm(request.POST)
    if form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if "approve" in request.POST:
                services.observation_approve(
                    observation=observation, reviewer=request.user, comment=comment
                )
                record(request, Action.TRANSITION, observation=observation, target="goedgekeurd")
                messages.success(request, _("De observatie is goedgekeurd."))
            else:
                services.observation_return(
                    observation=observation, reviewer=request.user, comment=comment
                )
                record(request, Action.TRANSITION, observation=observation, target="teruggestuurd")
                messages.success(request, _("De observatie is teruggestuurd naar de medewerker."))
        except ValidationError as error:
            form.add_error("comment", error)
        else:
            return redirect("home")
    return _observation_page(request, observation, review_form=form, status=400)


@require_POST
@login_required
def observation_reopen(request, pk):
    observation = access.get_observation_for(request.user, pk)
    if not access.can_reopen(request.user, observation):
        raise PermissionDenied(
            _("Alleen een teamleider kan een goedgekeurde observatie heropenen.")
        )
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.observation_reopen(
                observation=observation, team_lead=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            record(request, Action.TRANSITION, observation=observation, target="heropend")
            messages.success(request, _("De observatie is heropend en terug bij de medewerker."))
            return redirect("observaties:observation-detail", observation.pk)
    return _observation_page(request, observation, reopen_form=form, status=400)


@require_GET
@login_required
@never_cache
def team_overview(request, pk):
    team = access.get_lead_team_for(request.user, pk)
    record(request, Action.VIEW, target=f"team-overview:{team.pk}")
    return render(
        request,
        "observaties/team_overview.html",
        {"team": team, **selectors.team_overview(team)},
    )


@require_GET
@login_required
@never_cache
def team_overview_csv(request, pk):
    team = access.get_lead_team_for(request.user, pk)
    record(request, Action.EXPORT, target=f"team-overview-csv:{team.pk}")
    overview = selectors.team_overview(team)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="teamoverzicht-{team.pk}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("onderdeel"), _("categorie"), _("aantal")])
    for status, count in overview["status_counts"]:
        writer.writerow([_("status"), status.label, count])
    for condition, counts, no_opportunity in overview["distributions"]:
        for label, count in counts:
            writer.writerow([condition.name, label, count])
        writer.writerow([condition.name, _("geen gelegenheid om te observeren"), no_opportunity])
    return response


def _pdf_response(report):
    response = HttpResponse(report.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    return response


@require_GET
@login_required
@never_cache
def observation_pdf(request, pk):
    observation = access.get_observation_for(request.user, pk)
    record(request, Action.DOWNLOAD, observation=observation, target="observation-pdf")
    return _pdf_response(reports.observation_report(observation))


@require_GET
@login_required
@never_cache
def child_pdf(request, pk):
    child = access.get_child_for(request.user, pk)
    record(request, Action.DOWNLOAD, family=child.family, target=f"child-pdf:{child.pk}")
    return _pdf_response(reports.child_report(child))


@require_GET
@login_required
@never_cache
def family_export(request, pk):
    """Everything about one family for a data access request; team leads only, and logged."""
    family = access.get_family_for(request.user, pk)
    if not access.is_team_lead(request.user, family.team_id):
        raise PermissionDenied(_("Alleen de teamleider maakt een inzage-export."))
    reference = family.case_reference.replace("/", "-")
    if request.GET.get("formaat") == "zip":
        record(request, Action.EXPORT, family=family, target="inzage-zip")
        response = HttpResponse(retention.family_export_zip(family), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="inzage-{reference}.zip"'
        return response
    record(request, Action.EXPORT, family=family, target="inzage-json")
    response = HttpResponse(
        json.dumps(retention.family_export(family), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="inzage-{reference}.json"'
    return response
