"""The deployment samples for real: nginx with TLS, configured by `deploy/nginx.conf`, in front of
two gunicorn servers in production settings that share one PostgreSQL database.

Only the addresses change: nginx listens on two free loopback ports with a self-signed
certificate, and its upstream block names the two gunicorn ports. Checks that plain HTTP is sent
to HTTPS, that the health check answers through the proxy, that a login over HTTPS gets Secure
cookies and HSTS, that both servers serve the signed-in session, and that the access log keeps the
address nginx saw rather than one a client made up. Exits non-zero when any of that fails.
"""

import gzip
import http.client
import http.cookies
import json
import re
import secrets
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deploy.serving import (  # noqa: E402
    POSTGRES,
    create_professional,
    drop_database,
    free_port,
    prepare_app,
    production_env,
    recreate_database,
    runtime_env,
    start_gunicorn,
    wait_until_up,
)

DATABASE = "hechtingswijzer_proxy"
HOST = "hechtingswijzer.example.org"  # the sample's server_name
PASSWORD = "achter-de-proxy-" + secrets.token_hex(8)
MADE_UP_ADDRESS = "203.0.113.9"


def main():
    if not (shutil.which("nginx") and shutil.which("openssl")):
        sys.exit(
            "nginx en openssl ontbreken: installeer ze met 'apt-get install nginx-light openssl'."
        )
    folder = Path(tempfile.mkdtemp(prefix="hw-proxy-"))
    recreate_database(DATABASE)
    env = production_env(
        DATABASE,
        str(folder / "static"),
        DJANGO_ALLOWED_HOSTS=HOST,
        HECHTINGSWIJZER_BEHIND_PROXY="1",
    )
    prepare_app(env)
    env = runtime_env(env)  # the servers run as a role that owns nothing, as in production
    create_professional(env, username="proxycontrole", password=PASSWORD)
    app_ports = (free_port(), free_port())
    http_port, https_port = free_port(), free_port()
    servers = [
        start_gunicorn(port, env, workers=1, access_log=folder / f"toegang-{port}.log")
        for port in app_ports
    ]
    proxy = None
    try:
        for port in app_ports:
            wait_until_up(f"http://127.0.0.1:{port}/gezond/")
        proxy = _start_nginx(folder, app_ports, http_port, https_port)
        _check(folder, app_ports, http_port, https_port)
    finally:
        if proxy is not None:
            proxy.terminate()
            proxy.wait(timeout=20)
        for server in servers:
            server.terminate()
            server.wait(timeout=20)
        drop_database(DATABASE)
        shutil.rmtree(folder, ignore_errors=True)


def _start_nginx(folder, app_ports, http_port, https_port):
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}",
            "-keyout", str(folder / "privkey.pem"), "-out", str(folder / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    upstream = "".join(f"    server 127.0.0.1:{port};\n" for port in app_ports)
    site, found = re.subn(
        r"(upstream hechtingswijzer \{\n)(?:\s*server [^\n]*\n)+", rf"\g<1>{upstream}", site
    )
    replacements = [
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl"),
        ("/etc/ssl/hechtingswijzer", str(folder)),
        ("/var/log/nginx/hechtingswijzer.access.log", str(folder / "nginx-toegang.log")),
    ]
    for sample, here in replacements:
        found += site.count(sample)
        site = site.replace(sample, here)
    if found != 1 + 2 + 2 + 1:
        sys.exit("deploy/nginx.conf heeft een andere vorm dan deze controle verwacht.")
    (folder / "site.conf").write_text(site)
    (folder / "nginx.conf").write_text(
        f"pid {folder}/nginx.pid;\nerror_log {folder}/nginx-fouten.log;\nevents {{}}\n"
        f"http {{\n    include {folder}/site.conf;\n}}\n"
    )
    proxy = subprocess.Popen(["nginx", "-c", str(folder / "nginx.conf"), "-g", "daemon off;"])
    deadline = time.monotonic() + 10
    while not (folder / "nginx.pid").exists():
        if proxy.poll() is not None or time.monotonic() > deadline:
            sys.exit((folder / "nginx-fouten.log").read_text())
        time.sleep(0.1)
    return proxy


def _check(folder, app_ports, http_port, https_port):
    plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    plain.request("GET", "/inloggen/", headers={"Host": HOST})
    response = plain.getresponse()
    _expect(
        response.status == 301 and response.getheader("Location") == f"https://{HOST}/inloggen/",
        f"HTTP gaat niet naar HTTPS: {response.status} {response.getheader('Location')}",
    )

    browser = _Browser(https_port, folder / "fullchain.pem")
    status, _headers, body = browser.get("/gezond/")
    _expect(status == 200 and json.loads(body) == {"status": "ok"}, f"gezondheid: {status}")

    status, headers, page = browser.get("/inloggen/")
    _expect(status == 200, f"inlogpagina: {status}")
    # Compressed (docs/deploy.md, "Compression and BREACH"): the CSRF token in a page is masked
    # anew on every response, and the session cookie is not sent on a request another site makes.
    _expect(headers.get("content-encoding") == "gzip", "HTML niet gecomprimeerd door nginx")
    _status, _headers, again = browser.get("/inloggen/")
    tokens = {
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        for html in (page, again)
    }
    _expect(len(tokens) == 2, "het CSRF-token in de pagina is niet per antwoord anders")
    _expect("max-age=" in headers.get("strict-transport-security", ""), "geen HSTS")
    _expect("default-src 'self'" in headers.get("content-security-policy", ""), "geen CSP")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    status, headers, _body = browser.post(
        "/inloggen/",
        {"csrfmiddlewaretoken": token, "username": "proxycontrole", "password": PASSWORD},
        extra={"X-Forwarded-For": MADE_UP_ADDRESS},
    )
    _expect(status == 302 and headers.get("location") == "/", f"inloggen: {status}")
    for name in ("sessionid", "csrftoken"):
        _expect(browser.secure.get(name) is True, f"cookie {name} is niet Secure")
    _expect(browser.samesite.get("sessionid") == "Lax", "sessiecookie zonder SameSite=Lax")

    for _request in range(6):  # nginx takes turns: both servers serve the session
        status, headers, dashboard = browser.get("/")
        _expect(status == 200 and "Welkom" in dashboard, f"dashboard via de proxy: {status}")
        _expect(headers.get("content-encoding") == "gzip", "dashboard niet gecomprimeerd")
    for port in app_ports:
        served = (folder / f"toegang-{port}.log").read_text().count('"GET / HTTP')
        _expect(served > 0, f"de server op poort {port} kreeg geen verzoek via de proxy")

    with psycopg.connect(f"{POSTGRES}/{DATABASE}") as connection:
        addresses = {
            row[0]
            for row in connection.execute(
                "SELECT host(ip_address) FROM audit_accessevent WHERE action = 'inloggen'"
            )
        }
    _expect(addresses == {"127.0.0.1"}, f"toegangslog: adres {addresses}, verwacht 127.0.0.1")
    print(
        f"nginx met TLS voor twee servers: HTTP → HTTPS, gezondheid, gecomprimeerde pagina's met "
        f"een CSRF-token dat per antwoord anders is, inloggen met Secure- en SameSite-cookies "
        f"en HSTS, de sessie op beide servers; het toegangslog houdt het adres dat nginx zag, "
        f"niet het verzonnen {MADE_UP_ADDRESS}."
    )


class _Browser:
    """Just enough of a browser over HTTPS: it trusts our certificate and keeps cookies."""

    def __init__(self, port, certificate):
        self.port = port
        self.context = ssl.create_default_context(cafile=str(certificate))
        self.context.check_hostname = False  # we connect to 127.0.0.1; the certificate is HOST's
        self.cookies = {}
        self.secure = {}
        self.samesite = {}

    def get(self, path):
        return self._request("GET", path, None, {})

    def post(self, path, fields, *, extra):
        body = urllib.parse.urlencode(fields)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}{path}",
            **extra,
        }
        return self._request("POST", path, body, headers)

    def _request(self, method, path, body, headers):
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.port, context=self.context, timeout=10
        )
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection.request(
            method,
            path,
            body=body,
            headers={"Host": HOST, "Cookie": cookie, "Accept-Encoding": "gzip", **headers},
        )
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.value
                self.secure[name] = bool(morsel["secure"])
                self.samesite[name] = morsel["samesite"]
        headers = {name.lower(): value for name, value in response.getheaders()}
        body = response.read()
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        return response.status, headers, body.decode()


def _expect(condition, message):
    if not condition:
        sys.exit(f"Achter de proxy: {message}")


if __name__ == "__main__":
    main()
