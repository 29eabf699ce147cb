"""A real OpenID provider for the organisation-login tests: `provider.mjs` (node-oidc-provider)
started on loopback in its own process, with a fictional organisation's accounts.

Without Node.js, or before `make test` has installed the provider (npm ci here), its tests are
skipped with one line.
"""

import json
import re
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

HERE = Path(__file__).resolve().parent
CLIENT_ID = "hechtingswijzer"
CLIENT_SECRET = "test-client-secret-for-the-loopback-provider"
PASSWORD = "organisatie"  # every account's, at the provider

# The fictional organisation's staff: login name at the provider -> what the provider knows.
ACCOUNTS = {
    # The demo's professional (demo_setup), for the browser test.
    "medewerker": {
        "sub": "org-0100",
        "email": "medewerker@voorbeeld.nl",
        "name": "M. Medewerker",
        "job_title": "jeugdverpleegkundige",
        "mfa": True,
    },
    "j.devries": {
        "sub": "org-0001",
        "email": "j.devries@voorbeeld.nl",
        "name": "J. de Vries",
        "job_title": "jeugdverpleegkundige",
        "mfa": True,
    },
    "a.bakker": {"sub": "org-0002", "email": "a.bakker@voorbeeld.nl", "name": "A. Bakker"},
    "n.nieuw": {
        "sub": "org-0003",
        "email": "n.nieuw@voorbeeld.nl",
        "name": "N. Nieuw",
        "mfa": True,
    },
    "u.uit": {"sub": "org-0004", "email": "u.uit@voorbeeld.nl", "name": "U. Uit", "mfa": True},
    "v.vertrokken": {
        "sub": "org-0005",
        "email": "v.vertrokken@voorbeeld.nl",
        "name": "V. Vertrokken",
        "disabled": True,
    },
}


def needs_node():
    if shutil.which("node") is None:
        pytest.skip("OIDC-tests overgeslagen: geen Node.js (apt-get install nodejs)")
    if not (HERE / "node_modules" / "oidc-provider").is_dir():
        pytest.skip("OIDC-tests overgeslagen: de provider is niet geïnstalleerd (make test)")


class Provider:
    def __init__(self, port):
        self.issuer = f"http://127.0.0.1:{port}"
        self.discovery_url = f"{self.issuer}/.well-known/openid-configuration"


@contextmanager
def running_provider(tmp_path, redirect_uris, *, backchannel_logout_uri=None, **options):
    """The provider, listening until the block ends. `options`: id_token_ttl,
    clock_offset_seconds (see provider.mjs)."""
    needs_node()
    client = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": list(redirect_uris),
    }
    if backchannel_logout_uri:
        client["backchannel_logout_uri"] = backchannel_logout_uri
    config = tmp_path / "provider.json"
    config.write_text(json.dumps({"clients": [client], "accounts": ACCOUNTS, **options}))
    process = subprocess.Popen(
        ["node", str(HERE / "provider.mjs"), str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        port = process.stdout.readline().strip()
        assert port.isdigit(), "the test provider did not start"
        yield Provider(int(port))
    finally:
        process.terminate()
        process.wait(timeout=10)


def log_in_at_provider(url, login, *, until, password=PASSWORD, browser=None):
    """Follow the provider's pages as a browser would, from the authorization URL to the
    redirect back to `until` (the client's address, which is not followed); returns that URL."""
    browser = browser or requests.Session()
    response = browser.get(url, allow_redirects=False, timeout=5)
    for _step in range(10):
        if response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith(until):
                return location
            response = browser.get(location, allow_redirects=False, timeout=5)
        elif "/interaction/" in response.url and response.request.method == "GET":
            response = browser.post(
                response.url.rstrip("/") + "/login",
                data={"login": login, "password": password},
                allow_redirects=False,
                timeout=5,
            )
        else:
            raise AssertionError(f"the provider answered {response.status_code} at {response.url}")
    raise AssertionError("the provider never sent the person back")


def log_out_at_provider(browser, discovery_url):
    """Log out on the provider's own page and confirm, as the person would; the provider then
    posts its back-channel logout tokens before it answers."""
    end = requests.get(discovery_url, timeout=5).json()["end_session_endpoint"]
    page = browser.get(end, params={"client_id": CLIENT_ID}, timeout=5)
    xsrf = re.search(r'name="xsrf" value="([^"]+)"', page.text).group(1)
    action = re.search(r'action="([^"]+)"', page.text).group(1)
    done = browser.post(urljoin(page.url, action), data={"xsrf": xsrf, "logout": "yes"}, timeout=10)
    assert done.status_code == 200, done.status_code
