"""The access log for team leads and the privacy officer: search by family, user and period."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accounts.models import User
from audit import paging, spreadsheet
from audit.access import events_for
from audit.log import Action, record
from audit.models import AccessEvent
from core.forms import MAX_ID, DateInput

PAGE_SIZE = 50
ACCOUNT_EVENTS = "accounts"


class SearchForm(forms.Form):
    family = forms.IntegerField(
        label=gettext_lazy("Gezin (nummer)"), required=False, min_value=1, max_value=MAX_ID
    )
    user = forms.CharField(label=gettext_lazy("Gebruikersnaam"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        required=False,
        choices=[
            ("", gettext_lazy("alles")),
            (ACCOUNT_EVENTS, gettext_lazy("accounts en rechten (alle)")),
            *Action.choices,
        ],
    )
    start = forms.DateField(label=gettext_lazy("Vanaf"), required=False, widget=DateInput())
    end = forms.DateField(label=gettext_lazy("Tot en met"), required=False, widget=DateInput())


def _search(request):
    events = events_for(request.user)
    form = SearchForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["family"]:
            events = events.filter(family_id=data["family"])
        if data["user"]:
            events = events.filter(username=data["user"])
        if data["action"] == ACCOUNT_EVENTS:
            events = events.filter(action__in=AccessEvent.ACCOUNT_ACTIONS)
        elif data["action"]:
            events = events.filter(action=data["action"])
        if data["start"]:
            events = events.filter(at__date__gte=data["start"])
        if data["end"]:
            events = events.filter(at__date__lte=data["end"])
    elif form.is_bound:
        events = events.none()
    return form, events


@require_GET
@login_required
def event_list(request):
    form, events = _search(request)
    older = paging.parse(request.GET.get("ouder", "")) if "ouder" in request.GET else None
    newer = paging.parse(request.GET.get("nieuwer", "")) if "nieuwer" in request.GET else None
    lost = ("ouder" in request.GET and older is None) or (
        "nieuwer" in request.GET and newer is None
    )
    page = paging.page(events, size=PAGE_SIZE, older_than=older, newer_than=newer)
    # The account an event is about, by name where it still exists; the row keeps the number.
    subjects = {event.subject_user_id for event in page.events} - {None}
    names = dict(User.objects.filter(pk__in=subjects).values_list("pk", "username"))
    for event in page.events:
        event.subject_name = names.get(event.subject_user_id, event.subject_user_id)
    record(request, Action.VIEW, target="toegangslog")
    query = request.GET.copy()
    for name in ("ouder", "nieuwer", "pagina"):
        query.pop(name, None)
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "lost_cursor": lost},
    )


@require_GET
@login_required
def event_csv(request):
    _form, events = _search(request)
    record(request, Action.EXPORT, target="toegangslog-csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="toegangslog.csv"'
    writer = spreadsheet.Writer(response)
    writer.writerow(
        [
            _("tijdstip"),
            _("gebruiker"),
            _("rol"),
            _("actie"),
            _("uitkomst"),
            _("team"),
            _("gezin"),
            _("observatie"),
            _("account (nummer)"),
            _("onderdeel"),
            _("adres"),
            _("API-client (nummer)"),
        ]
    )
    for event in events.iterator(chunk_size=2000):
        writer.writerow(
            [
                event.at.isoformat(),
                event.username,
                event.role,
                event.action,
                event.outcome,
                event.team_id or "",
                event.family_id or "",
                event.observation_id or "",
                event.subject_user_id or "",
                event.target,
                event.ip_address or "",
                event.api_client_id or "",
            ]
        )
    return response
