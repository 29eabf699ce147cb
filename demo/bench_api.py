"""Figure 7 of `make bench`: a client-file system listing a family's 10 approved observations
through the read API, against a professional opening that family's page; CPU per request of
interleaved runs, and queries."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

from api import credentials
from api.models import ApiClient
from demo.measure import interleaved, queries


def api_against_family_page(stdout, cast, runs):
    """A client-file system listing a family's 10 approved observations through the read
    API, against a professional opening that family's page."""
    latest = cast.typical_observation(visits=10)
    family_id = latest.child.family_id
    api_client = ApiClient(name="Benchmark (fictief)", contact="meting")
    credential = credentials.issue(api_client)
    api_client.save()
    api_client.teams.set([cast.team])
    browser = cast.client(cast.professional)
    system = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0], HTTP_AUTHORIZATION=f"Bearer {credential}")
    api_url = reverse("api:family-observations", args=[family_id])

    def listing():
        response = system.get(api_url)
        assert len(response.json()["_embedded"]["observaties"]) == 10

    calls = {
        "gezinspagina": lambda: browser.get(reverse("observaties:family-detail", args=[family_id])),
        "API, 10 observaties": listing,
    }
    counts = queries(calls)
    page, api = interleaved(list(calls.values()), runs)
    stdout.write(
        "7. een cliëntdossier haalt de 10 goedgekeurde observaties van een gezin op via de "
        "API, tegen de gezinspagina (CPU per verzoek; doel ≤ 1×):"
    )
    stdout.write(f"   gezinspagina        {page:6.2f} ms, {counts['gezinspagina']} queries")
    stdout.write(
        f"   API, 10 observaties {api:6.2f} ms (×{api / page:4.2f}), "
        f"{counts['API, 10 observaties']} queries"
    )
