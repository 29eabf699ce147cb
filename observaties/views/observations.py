"""One observation: starting it, the checklist, reading it, and the team lead's review."""

import logging
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.log import Action, record
from core.templatetags.error_summary import short_label
from observaties import access, selectors, services
from observaties.access_log import Shown, log_concern, logged, shown
from observaties.checklist import kept_forms
from observaties.checklist.form import ChecklistForm
from observaties.documents import archive, charts, reports
from observaties.documents.pdf import ReportRenderError
from observaties.forms import ObservationStartForm, ReopenForm, ReviewForm
from observaties.models import Observation, SafetyAssessment
from observaties.pages import add_service_error, form_page

logger = logging.getLogger(__name__)

_HANDED_ON = {
    Observation.Status.SUBMITTED: gettext_lazy(
        "Je hebt deze observatie ingediend; ze ligt nu bij de teamleider. Stuurt de teamleider "
        "haar terug, dan kun je haar weer aanpassen."
    ),
    Observation.Status.APPROVED: gettext_lazy(
        "Deze observatie is goedgekeurd en kan niet meer worden gewijzigd. Klopt er iets niet, "
        "vraag de teamleider dan haar te heropenen."
    ),
}


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@logged("observation-create")
def observation_create(request, pk):
    family = access.get_family_for(request.user, pk, edit=True)
    form = ObservationStartForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            observation = services.observation_create(
                professional=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            record(request, Action.CREATE, observation=observation, target="observation")
            return redirect("observaties:observation-edit", observation.pk)
    return form_page(
        request,
        form,
        title=_("Nieuwe observatie voor %(family)s") % {"family": family},
        submit=_("Verder naar de checklist"),
        shows=Shown(family=family),  # the form lists the family's children
        back=family,
    )


@require_http_methods(["GET", "POST"])
@never_cache
@logged("observation-edit")
def observation_edit(request, pk):
    if not request.user.is_authenticated:
        return _login_keeping_the_form(request, pk)
    observation = access.get_observation_for(request.user, pk)
    if (
        request.method == "GET"
        and observation.professional_id == request.user.pk
        and not observation.is_editable_status
    ):
        # The checklist of an observation its author handed in (the browser's back button
        # after handing in, an old bookmark): the observation page, saying where it is.
        messages.info(request, _HANDED_ON[observation.status])
        return redirect("observaties:observation-detail", observation.pk)
    if request.method == "GET":
        _check_can_edit(request.user, observation)
    # A form that was sent needs the stored answers only if it has to be shown again.
    answers = selectors.checklist_answers(observation) if request.method == "GET" else None
    restored = None
    if request.method == "GET" and kept_forms.PARAMETER in request.GET:
        restored = kept_forms.take(request, observation)
        if restored is None:
            messages.warning(
                request,
                _(
                    "Het bewaarde formulier is er niet meer: het is al teruggezet, of ouder dan "
                    "%(hours)s uur. Hieronder staat wat is opgeslagen."
                )
                % {"hours": kept_forms.KEPT_HOURS},
            )
        else:
            messages.info(
                request,
                _(
                    "Wat je invulde toen je werd uitgelogd, staat hieronder weer. Het is nog niet "
                    "opgeslagen: kijk het na en klik op ‘Concept opslaan’ of ‘Indienen bij "
                    "teamleider’."
                ),
            )
    if request.method == "GET" and restored is None and OPEN_PARTS in request.GET:
        # After a hand-in that stored the draft with parts still open (post/redirect/get, so
        # that reloading never sends it again): the stored draft, judged for handing in.
        form = ChecklistForm(
            _as_sent(ChecklistForm(observation=observation, answers=answers)),
            observation=observation,
            answers=answers,
        )
        form.is_valid()
        form.require_complete()
        return _checklist_page(request, observation, form, answers, draft_saved=True)
    form = ChecklistForm(restored or request.POST or None, observation=observation, answers=answers)
    status, draft_saved, conflict = 200, False, None
    if request.method == "POST":
        submitting = "submit" in request.POST
        if form.is_valid():
            content = form.content()
            complete = not submitting or form.require_complete()
            lock_version = form.cleaned_data["lock_version"]
            if "overwrite" in request.POST:
                # Confirmed on the conflict's page: this version replaces the one shown there.
                lock_version = form.cleaned_data["overwrite_version"] or -1
            had_concern = observation.safety_concern == "ja"
            store = partial(
                _store,
                observation,
                request.user,
                content,
                submit=submitting and complete,
            )
            try:
                try:
                    store(lock_version)
                except services.StaleObservationError:
                    conflict = _conflict(request.user, observation, form)
                    if conflict.differences:
                        raise
                    # The same content sent again (a reload, back and forward): nothing of the
                    # stored version is lost by storing it once more, so it is no conflict.
                    stored_version, conflict = conflict.lock_version, None
                    store(stored_version)
            except services.StaleObservationError:
                status = 409
                conflict = conflict or _conflict(request.user, observation, form)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                record(request, Action.CHANGE, observation=observation, target="checklist")
                _log_safety_change(request, observation, had_concern=had_concern)
                if submitting and complete:
                    record(request, Action.TRANSITION, observation=observation, target="ingediend")
                    messages.success(request, _("De observatie is ingediend bij de teamleider."))
                    return redirect("observaties:observation-detail", observation.pk)
                if complete:
                    messages.success(request, _("Het concept is opgeslagen."))
                    return redirect("observaties:observation-edit", observation.pk)
                # Stored with parts still open: the page that lists them is a GET of its own.
                return redirect(
                    f"{reverse('observaties:observation-edit', args=[observation.pk])}"
                    f"?{OPEN_PARTS}=1"
                )
        else:
            _check_can_edit(request.user, observation)  # no service was asked
            if submitting:
                form.require_complete()  # what else stops the hand-in, in the same round
        if status == 200:
            status = 400
    answers = answers or selectors.checklist_answers(observation)
    return _checklist_page(
        request,
        observation,
        form,
        answers,
        draft_saved=draft_saved,
        conflict=conflict,
        status=status,
    )


# The query parameter of the checklist page after a hand-in that stored the draft with parts
# still open.
OPEN_PARTS = "nog-open"


def _checklist_page(request, observation, form, answers, *, draft_saved, conflict=None, status=200):
    concerns = (answers.shown_concern,) if answers.shown_concern is not None else ()
    response = render(
        request,
        "observaties/observation_form.html",
        {
            "observation": observation,
            "form": form,
            "answers": answers,
            "draft_saved": draft_saved,
            "conflict": conflict,
        },
        status=status,
    )
    return shown(response, Shown(observation=observation, concerns=concerns))


def _as_sent(form):
    """The stored answers of an unbound checklist form as the browser would send them, with
    the hand-in button."""
    data = {"submit": "1"}
    for name, field in form.fields.items():
        value = form.initial.get(name)
        if value is None or value == "" or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(field.widget, forms.widgets.ChoiceWidget):
            data[name] = str(value)  # its format_value is a list, for a multiple choice
        else:
            data[name] = field.widget.format_value(value)
    return data


def _store(observation, user, content, lock_version, *, submit):
    """Save the checklist's content, and hand it in when `submit`; the service decides, under
    its lock, whether this user may change the observation. A hand-in with parts still open is
    a save: what was typed is the draft."""
    if submit:
        services.observation_save_and_submit(
            observation=observation, user=user, lock_version=lock_version, content=content
        )
    else:
        services.observation_save(
            observation=observation, user=user, lock_version=lock_version, content=content
        )


def _check_can_edit(user, observation):
    if not access.can_edit_observation(user, observation):
        raise PermissionDenied(access.EDIT_REFUSED)


@dataclass(frozen=True)
class Conflict:
    """A save refused because the draft was saved elsewhere since this form was loaded."""

    saved_by_you: bool
    saved_by: str
    saved_at: datetime
    lock_version: int
    differences: list  # (label, stored, typed here)


def _conflict(user, observation, form):
    stored = Observation.objects.select_related("child__family", "professional", "version").get(
        pk=observation.pk
    )
    stored_form = ChecklistForm(observation=stored, answers=selectors.checklist_answers(stored))
    differences = []
    for name, field in form.fields.items():
        if name == "lock_version" or name == "overwrite_version":
            continue
        typed = form.cleaned_data.get(name, form.data.get(name))
        kept = stored_form.initial.get(name)
        if typed == kept or _shown(field, typed) == _shown(field, kept):
            continue
        differences.append((short_label(field), _shown(field, kept), _shown(field, typed)))
    return Conflict(
        saved_by_you=stored.professional_id == user.pk,
        saved_by=stored.professional.get_full_name() or stored.professional.get_username(),
        saved_at=stored.updated_at,
        lock_version=stored.lock_version,
        differences=differences,
    )


def _shown(field, value):
    """A form value as the page shows it: the option's label, a date, a shortened text."""
    if value in (None, "", False, [], ()):
        return ""
    if value is True:
        return _("ja")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if getattr(field, "choices", None):
        return str({str(key): label for key, label in field.choices}.get(str(value), value))
    return Truncator(str(value)).chars(120)


def _login_keeping_the_form(request, pk):
    """The login page for a checklist request without a session; a form that its author's
    browser sent is kept until they have logged in there again (see kept_forms), and the login
    page says so. Every other request gets the same ordinary login page."""
    target = reverse("observaties:observation-edit", args=[pk])
    query = {}
    if request.method == "POST" and kept_forms.keep(request, pk):
        target = f"{target}?{kept_forms.PARAMETER}=1"
        query["reden"] = "bewaard"
    return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': target, **query})}")


def _log_safety_change(request, observation, *, had_concern):
    """A saved checklist that records, or stops recording, a part of a safety concern."""
    assessment = SafetyAssessment.objects.filter(observation=observation).first()
    if assessment is not None:
        log_concern(request, Action.CHANGE, assessment.concern, observation=observation)
    elif had_concern:
        record(request, Action.CHANGE, observation=observation, target="veiligheid:verwijderd")


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@logged("observation-discard")
def observation_discard(request, pk):
    """Asks first; deletes on the confirming POST, and logs that it did."""
    observation = access.get_observation_for(request.user, pk, discard=True)
    if request.method == "POST":
        family = observation.child.family
        record(request, Action.DELETE, observation=observation, target="observation-discard")
        services.observation_discard(observation=observation, user=request.user)
        messages.success(request, _("Het concept is verwijderd."))
        return redirect("observaties:family-detail", family.pk)
    response = render(request, "observaties/observation_discard.html", {"observation": observation})
    return shown(response, Shown(observation=observation))


@require_GET
@login_required
@never_cache
@logged("observation-detail")
def observation_detail(request, pk):
    observation = access.get_observation_for(request.user, pk)
    return _observation_page(request, observation)


def _observation_page(request, observation, *, review_form=None, reopen_form=None, status=200):
    """The observation with its report; also shown again after a review or reopening that was
    not valid, and logged each time (see the views' `logged`), since it shows the report."""
    user = request.user
    report = selectors.observation_report(observation)
    archived = archive.with_registrations(observation)
    concerns = (report.safety.concern,) if report.safety is not None else ()
    response = render(
        request,
        "observaties/observation_detail.html",
        {
            "observation": observation,
            "report": report,
            "comparison": reports.comparison(observation, scale=charts.SCREEN_SCALE),
            "safety_part": reports.safety_context(observation, report.safety),
            "legend": charts.legend(
                [option.label for option in report.scale if not option.is_no_opportunity]
            ),
            "can_edit": access.can_edit_observation(user, observation),
            "can_review": access.can_review(user, observation),
            "can_reopen": access.can_reopen(user, observation),
            "archived": archived,
            "deliveries": any(document.registration for document in archived),
            "can_retry": access.is_team_lead(user, observation.child.family.team_id),
            "parent_sheet_url": reverse("observaties:parent-sheet", args=[observation.pk]),
            "review_form": review_form or ReviewForm(),
            "reopen_form": reopen_form or ReopenForm(),
        },
        status=status,
    )
    return shown(response, Shown(observation=observation, concerns=concerns))


@require_POST
@login_required
@logged("observation-review")
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
        except (ReportRenderError, DatabaseError) as error:
            if "approve" not in request.POST:
                raise
            # The approval and its archived report go together: neither was stored (the
            # service's transaction was rolled back to before it began).
            logger.warning("Approval stopped: %s: %s", type(error).__name__, error)
            form.add_error(
                None,
                _(
                    "Niet goedgekeurd: het rapport kon niet worden gemaakt of bewaard, en een "
                    "goedgekeurde observatie heeft altijd haar rapport. Er is niets veranderd. "
                    "Probeer het over een paar minuten opnieuw; lukt het dan nog niet, meld het "
                    "bij de beheerder."
                ),
            )
            return _observation_page(request, observation, review_form=form, status=503)
        else:
            return redirect("home")
    return _observation_page(request, observation, review_form=form, status=400)


@require_POST
@login_required
@logged("observation-reopen")
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
