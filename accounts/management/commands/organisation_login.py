"""The operator's way to connect the organisation's OpenID provider, as the admin's page does:

    export HECHTINGSWIJZER_OIDC_CLIENT_SECRET=...
    manage.py organisation_login --enabled --client-id <application-id> --discovery-url \\
        https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration

The secret comes from the environment, not the command line (where `ps` and the shell's history
would keep it). Options left out keep their value; without any, the command shows the settings.
"""

import os
from argparse import BooleanOptionalAction

from django.core.management.base import BaseCommand, CommandError
from django.forms.models import model_to_dict

from accounts.forms import OrganisationLoginForm
from accounts.models import OrganisationLogin

SECRET_VARIABLE = "HECHTINGSWIJZER_OIDC_CLIENT_SECRET"
OPTIONS = {
    "discovery_url": "--discovery-url",
    "client_id": "--client-id",
    "scopes": "--scopes",
    "identifying_claim": "--identifying-claim",
    "user_field": "--user-field",
    "function_title_claim": "--function-title-claim",
    "mfa_amr_values": "--mfa-amr-values",
    "mfa_acr_values": "--mfa-acr-values",
}
SWITCHES = {
    "enabled": "--enabled",
    "create_users": "--create-users",
    "local_login": "--local-login",
}


class Command(BaseCommand):
    help = "Stelt het inloggen met het organisatie-account (OpenID Connect) in, of toont het."

    def add_arguments(self, parser):
        for field, option in OPTIONS.items():
            parser.add_argument(option, dest=field)
        for field, option in SWITCHES.items():
            parser.add_argument(option, dest=field, action=BooleanOptionalAction)

    def handle(self, *args, **options):
        config = OrganisationLogin.current()
        data = model_to_dict(config, fields=OrganisationLoginForm.Meta.fields)
        changes = {
            field: options[field]
            for field in (*OPTIONS, *SWITCHES)
            if options.get(field) is not None
        }
        secret = os.environ.get(SECRET_VARIABLE, "")
        if not changes and not secret:
            for field in OrganisationLoginForm.Meta.fields:
                shown = "(ingesteld)" if field == "client_secret" and data[field] else data[field]
                self.stdout.write(
                    f"{field}: {'' if field == 'client_secret' and not shown else shown}"
                )
            return
        form = OrganisationLoginForm({**data, **changes, "client_secret": secret}, instance=config)
        if not form.is_valid():
            problems = [f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()]
            raise CommandError("Niet opgeslagen. " + " ".join(problems))
        form.save()
        state = "aan" if form.instance.enabled else "uit"
        self.stdout.write(f"Opgeslagen. Inloggen met het organisatie-account staat {state}.")
