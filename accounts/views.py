from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.roles import is_functional_admin


@login_required
def home(request):
    memberships = request.user.memberships.select_related("team")
    return render(
        request,
        "accounts/home.html",
        {"memberships": memberships, "is_functional_admin": is_functional_admin(request.user)},
    )
