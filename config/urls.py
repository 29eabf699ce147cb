from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts import chosen_password, organisation_views, two_factor
from accounts import views as account_views
from accounts.forms import PasswordChangeForm
from config import views as operations
from observaties.views import overviews

admin.site.site_header = _("Hechtingswijzer – beheer")
admin.site.site_title = _("Hechtingswijzer")
admin.site.index_title = _("Beheer")


def _admin_login(request, extra_context=None):
    # One way in: the admin uses the same login, lockout and two-factor steps as the app.
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next", "/beheer/"))


admin.site.login = _admin_login

handler500 = operations.server_error

urlpatterns = [
    path("", overviews.dashboard, name="home"),
    path("", include("observaties.urls")),
    path("", include("audit.urls")),
    path("inloggen/", organisation_views.Login.as_view(), name="login"),
    path("inloggen/organisatie/", organisation_views.start, name="organisation-login"),
    path(
        "inloggen/organisatie/terug/",
        organisation_views.come_back,
        name="organisation-login-return",
    ),
    path(
        "inloggen/organisatie/uitloggen/",
        organisation_views.backchannel_logout,
        name="organisation-logout",
    ),
    path(
        "inloggen/organisatie/uitloggen-browser/",
        organisation_views.frontchannel_logout,
        name="organisation-logout-browser",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord/",
        auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm),
        name="password_change",
    ),
    path(
        "wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("wachtwoord/kiezen/", chosen_password.choose_password, name="password-choose"),
    path("sessie/", account_views.session_status, name="session-status"),
    path("sessie/verlengen/", account_views.session_keepalive, name="session-keepalive"),
    path("tweestaps/", two_factor.verify, name="two-factor-verify"),
    path("tweestaps/instellen/", two_factor.setup, name="two-factor-setup"),
    path("tweestaps/herstelcodes/", two_factor.new_recovery_codes, name="two-factor-codes"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("gezond/", operations.health, name="health"),
    path("gezond/vloer/", operations.floor, name="floor"),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("api.urls")),
]
