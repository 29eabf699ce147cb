"""A password that someone else set works for one login: then the user chooses their own.

The functional admin resets a forgotten password, or gives a new account its first one. At the
login with it the password is used up, the user is told who set it and when, and every page
leads to choosing a password of their own. An admin who set a password to log in as someone
else can do so once, visibly: the user's own password no longer works, and the log says who.
"""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods


@receiver(user_logged_in)
def _use_up_a_password_set_by_someone_else(sender, request, user, **kwargs):
    if not getattr(user, "must_choose_password", False) or not user.has_usable_password():
        return
    user.set_unusable_password()
    user.save(update_fields=["password"])
    if request is not None and hasattr(request, "session"):
        update_session_auth_hash(request, user)  # this session stays; the password is spent


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def choose_password(request):
    user = request.user
    if not user.must_choose_password:
        return redirect("home")
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        user.must_choose_password = False
        user.save(update_fields=["must_choose_password"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Je eigen wachtwoord is ingesteld."))
        return redirect("home")
    return render(
        request,
        "accounts/choose_password.html",
        {"form": form, "set_by": user.password_set_by, "set_at": user.password_set_at},
    )
