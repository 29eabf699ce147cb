"""Safety concerns: the page of one concern, the team lead's notes, and the access log of both.

A concern is confidential: every page or file that shows any of it logs an event naming it
(`veiligheid:<id>`), besides the event of the page itself.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from audit.log import Action
from observaties import access, selectors, services
from observaties.access_log import Shown, log_concern, logged, shown
from observaties.forms import SafetyNoteForm
from observaties.models.safety import CONFIDENTIAL
from observaties.pages import add_service_error


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@logged(None)  # the concern's own event is the page's
def concern_detail(request, pk):
    concern = access.get_concern_for(request.user, pk)
    may_note = access.is_team_lead(request.user, concern.child.family.team_id)
    form = SafetyNoteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not may_note:
            raise PermissionDenied(_("Alleen een teamleider kan een notitie toevoegen."))
        if form.is_valid():
            try:
                services.safety_note_add(
                    concern=concern, author=request.user, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                log_concern(request, Action.CHANGE, concern)
                messages.success(request, _("Je notitie is opgeslagen."))
                return redirect("observaties:safety-concern", concern.pk)
        status = 400
    response = render(
        request,
        "observaties/safety_concern.html",
        {
            **selectors.concern_page(concern),
            "form": form if may_note else None,
            "confidential": CONFIDENTIAL,
        },
        status=status,
    )
    return shown(response, Shown(concerns=(concern,)))
