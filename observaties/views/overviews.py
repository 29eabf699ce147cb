"""The start page of each role and the team lead's team overview (on screen and as CSV)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.roles import is_functional_admin
from audit import spreadsheet
from audit.log import Action, record
from observaties import access, selectors
from observaties.access_log import Shown, logged, shown


@require_GET
@login_required
@never_cache
@logged("dashboard")
def dashboard(request):
    everything = set(request.GET.getlist("alle")) & set(selectors.DASHBOARD_LIMITS)
    data = selectors.dashboard(request.user, everything=everything)
    # Logged when it shows client data: observations, planned visits or agreements; each open
    # safety concern listed is a view of that concern.
    client_data = (
        "own",
        "queue",
        "overdue_visits",
        "upcoming_visits",
        "overdue_agreements",
        "failed_deliveries",
    )
    what = Shown(
        client_data=any(data[key] for key in client_data),
        concerns=tuple(item.concern for item in data["open_concerns"]),
    )
    for observation in data["queue"]:
        observation.waiting_days = selectors.waiting_days(observation, data["now"])
    response = render(
        request,
        "observaties/dashboard.html",
        {
            **data,
            "memberships": request.user.memberships.select_related("team"),
            "lead_teams": access.lead_team_ids(request.user),
            "is_functional_admin": is_functional_admin(request.user),
        },
    )
    return shown(response, what)


@require_GET
@login_required
@never_cache
@logged("team-overview")
def team_overview(request, pk):
    team = access.get_lead_team_for(request.user, pk)
    response = render(
        request,
        "observaties/team_overview.html",
        {"team": team, **selectors.team_overview(team)},
    )
    return shown(response, Shown(team_id=team.pk))


@require_GET
@login_required
@never_cache
def team_overview_csv(request, pk):
    team = access.get_lead_team_for(request.user, pk)
    record(request, Action.EXPORT, team_id=team.pk, target="team-overview-csv")
    overview = selectors.team_overview(team)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="teamoverzicht-{team.pk}.csv"'
    writer = spreadsheet.Writer(response)
    writer.writerow([_("onderdeel"), _("categorie"), _("aantal")])
    for status, count in overview["status_counts"]:
        writer.writerow([_("status"), status.label, count])
    for condition, counts, no_opportunity in overview["distributions"]:
        for label, count in counts:
            writer.writerow([condition.name, label, count])
        writer.writerow([condition.name, _("geen gelegenheid om te observeren"), no_opportunity])
    return response
