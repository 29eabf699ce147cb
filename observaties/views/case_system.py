"""The case system on the app's pages: linking a family to its case, and a team lead's second
try of a document the case system did not take."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from audit.log import Action, record
from observaties import access
from observaties.access_log import Shown, logged
from observaties.forms import FamilyZaakForm
from observaties.models import Delivery
from observaties.pages import add_service_error, form_page
from observaties.services import case_system


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@logged("family-zaak")
def family_zaak(request, pk):
    """Link the family to its case in the case system (checked there before it is saved)."""
    family = access.get_family_for(request.user, pk, edit=True)
    if case_system.configured_case_system() is None:
        raise Http404(_("Er is geen zaaksysteem gekoppeld."))
    form = FamilyZaakForm(
        request.POST or None,
        initial={"zaak": family.zaak_identification or family.zaak_url},
    )
    if request.method == "POST" and form.is_valid():
        try:
            family = case_system.family_link_zaak(
                family=family, zaak=form.cleaned_data["zaak"], user=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            record(request, Action.CHANGE, family=family, target="family-zaak")
            if family.zaak_url:
                messages.success(
                    request,
                    _("Het gezin is gekoppeld aan zaak %(zaak)s.")
                    % {"zaak": family.zaak_identification},
                )
            else:
                messages.success(request, _("De koppeling met de zaak is eraf."))
            return redirect("observaties:family-detail", family.pk)
    return form_page(
        request,
        form,
        title=_("Zaak van gezin %(family)s") % {"family": family},
        submit=_("Zaak opslaan"),
        shows=Shown(family=family),
        back=family,
    )


@require_POST
@login_required
def delivery_retry(request, pk, delivery_pk):
    """A team lead sends a document the case system refused (or has not taken yet) again now."""
    observation = access.get_observation_for(request.user, pk)
    if not access.is_team_lead(request.user, observation.child.family.team_id):
        raise PermissionDenied(_("Alleen de teamleider kan een document opnieuw versturen."))
    delivery = get_object_or_404(Delivery, pk=delivery_pk, document__observation=observation)
    try:
        case_system.delivery_retry(delivery=delivery, team_lead=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        record(
            request,
            Action.CHANGE,
            observation=observation,
            target=f"zaaksysteem-opnieuw:{delivery.identification}",
        )
        messages.success(request, _("Het document wordt opnieuw naar het zaaksysteem gestuurd."))
    return redirect(reverse("observaties:observation-detail", args=[observation.pk]) + "#archief")
