"""The sheet for the parent: reading it, its PDF, and the professional's wording of it."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from audit.log import Action, record
from hechting import plain_language
from observaties import access, parent_sheet, services
from observaties.access_log import Shown, logged, shown
from observaties.forms import ParentSheetForm
from observaties.models import ArchivedDocument
from observaties.pages import add_service_error, observation_document, report_errors


def _offered(observation):
    """A version without parent texts (version 1) has nothing to put on the sheet."""
    if not observation.version.has_parent_texts:
        raise PermissionDenied(
            _(
                "Deze observatie is gedaan met checklistversie %(number)s. Die heeft nog geen "
                "teksten voor een blad voor de ouder."
            )
            % {"number": observation.version.number}
        )


@require_GET
@login_required
@never_cache
@logged("parent-sheet")
def parent_sheet_view(request, pk):
    observation = access.get_observation_for(request.user, pk)
    _offered(observation)
    sheet = parent_sheet.sheet_for(observation)
    response = render(
        request,
        "observaties/parent_sheet.html",
        {
            "observation": observation,
            "sheet": sheet,
            "can_edit": access.can_edit_parent_sheet(request.user, observation),
            "organisation_name": settings.ORGANISATION_NAME,
            **_plain_language(sheet),
        },
    )
    return shown(response, Shown(observation=observation))


@require_GET
@login_required
@never_cache
@logged("parent-sheet-read-aloud")
def parent_sheet_read_aloud(request, pk):
    """The sheet alone, in the order the parent reads it, for a browser's read-aloud: the same
    text as the PDF, nothing before it but the skip link, and the way back after it."""
    observation = access.get_observation_for(request.user, pk)
    _offered(observation)
    response = render(
        request,
        "observaties/parent_sheet_read_aloud.html",
        {
            "observation": observation,
            "sheet": parent_sheet.sheet_for(observation),
            "organisation_name": settings.ORGANISATION_NAME,
        },
    )
    return shown(response, Shown(observation=observation))


def _plain_language(sheet):
    text = sheet.plain_text
    return {
        "to_look_at": sheet.to_look_at(),
        "jargon": plain_language.jargon_in(text),
        "sentence_length": round(plain_language.average_sentence_length(text), 1),
        "max_sentence_length": plain_language.MAX_AVERAGE_SENTENCE_WORDS,
    }


@require_GET
@login_required
@never_cache
@report_errors
def parent_sheet_pdf(request, pk):
    observation = access.get_observation_for(request.user, pk)
    _offered(observation)
    record(request, Action.DOWNLOAD, observation=observation, target="parent-sheet-pdf")
    return observation_document(request, observation, ArchivedDocument.Kind.PARENT_SHEET)


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@logged("parent-sheet-edit")
def parent_sheet_edit(request, pk):
    observation = access.get_observation_for(request.user, pk)
    _offered(observation)
    if not access.can_edit_parent_sheet(request.user, observation):
        raise PermissionDenied(access.PARENT_SHEET_FINAL)
    sheet = parent_sheet.sheet_for(observation)
    form = ParentSheetForm(request.POST or None, initial=sheet.text.as_fields())
    status = 200
    if request.method == "POST":
        try:
            if "reset" in request.POST:
                services.parent_sheet_reset(observation=observation, user=request.user)
                record(request, Action.CHANGE, observation=observation, target="parent-sheet")
                messages.success(request, _("Het blad toont weer het voorstel uit de checklist."))
                return redirect("observaties:parent-sheet", observation.pk)
            if form.is_valid():
                services.parent_sheet_save(
                    observation=observation,
                    user=request.user,
                    text=parent_sheet.SheetText(**form.cleaned_data),
                )
                record(request, Action.CHANGE, observation=observation, target="parent-sheet")
                messages.success(request, _("Het blad voor de ouder is opgeslagen."))
                return redirect("observaties:parent-sheet", observation.pk)
        except ValidationError as error:
            add_service_error(form, error)
        status = 400
    response = render(
        request,
        "observaties/parent_sheet_form.html",
        {"observation": observation, "sheet": sheet, "form": form},
        status=status,
    )
    return shown(response, Shown(observation=observation))
