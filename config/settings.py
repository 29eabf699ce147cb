"""Hechtingswijzer settings: every value comes from the environment.

Defaults make `make run` work on a laptop; production (DJANGO_DEBUG off) refuses to start
without a real secret key and switches on every transport-security setting.
"""

import hashlib
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def _git_commit(base: Path) -> str:
    """The checked-out commit, read from `.git` without running git; "onbekend" outside a clone."""
    try:
        head = (base / ".git" / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            ref = head[5:]
            loose = base / ".git" / ref
            if loose.is_file():
                return loose.read_text().strip()[:12]
            for line in (base / ".git" / "packed-refs").read_text().splitlines():
                if line.endswith(" " + ref):
                    return line[:12]
            return "onbekend"
        return head[:12]
    except OSError:
        return "onbekend"


env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

_DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_DEVELOPMENT_SECRET_KEY if DEBUG else "")
if not DEBUG and (
    len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters "
        "when DJANGO_DEBUG is off."
    )

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)

# Demo accounts and fictional families may only ever be created in debug or explicit demo mode.
DEMO_MODE = env.bool("DJANGO_DEMO", default=DEBUG)

ORGANISATION_NAME = env.str("HECHTINGSWIJZER_ORGANISATION", default="Demo Jeugdzorg")

INSTALLED_APPS = [
    "django.contrib.admin",
    # Django's own widget templates, for the renderer below.
    "django.forms",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts.apps.LoginAttemptsConfig",  # django-axes, named in Dutch
    "csp",
    # The case-system services (zgw-consumers and what its models need).
    "solo",
    "privates",
    "simple_certmanager",
    "zaaksysteem.apps.ServicesConfig",  # zgw-consumers, named in Dutch
    "rest_framework",
    "drf_spectacular",
    "core.apps.CoreConfig",
    "accounts",
    "audit",
    "hechting",
    "observaties",
    "zaaksysteem",
    "api",
]
# Demo data, benchmarks and the load test's fixtures are an app of their own, installed only
# where they may run: debug or demo mode, a benchmark, a load test on a throwaway database.
if (
    DEMO_MODE
    or env.bool("HECHTINGSWIJZER_BENCHMARK", default=False)
    or env.bool("HECHTINGSWIJZER_LOADTEST", default=False)
):
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    # First: a request's database queries have a deadline, the health check's included.
    "core.db_deadline.RequestDeadline",
    # Then: it answers the load balancer's probe before the host and scheme checks below.
    "config.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The read API's answers, whichever layer made them: the API-Version header, no caching,
    # and every error as problem details.
    "api.middleware.ApiResponseMiddleware",
    "config.middleware.NulCharacterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Lets the receivers that log changes to accounts and rights know who made them.
    "audit.context.RequestContextMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.RequiredStepsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "audit.middleware.NoStoreMiddleware",
    "audit.middleware.RefusalMiddleware",
    # After the login and second-factor checks: only a complete login gets the cookie that a
    # form kept after the session ended is bound to.
    "observaties.checklist.kept_forms.BrowserBinding",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.organisation",
            ],
        },
    },
]

# Form widgets are rendered with the templates above, so that templates/ can correct one of
# Django's own (templates/admin/widgets/split_datetime.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# A request's writes and its access-log row commit together or not at all.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Production keeps a connection for a minute: opening one per request doubled the signed-in
# floor and quadrupled PostgreSQL's CPU on the checklist. The health check drops one that broke.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A database that accepts but does not answer (core/db_deadline.py): a new connection gives up
# after DATABASE_CONNECT_TIMEOUT seconds, a query of a request after DATABASE_QUERY_DEADLINE
# (well inside gunicorn's --timeout), and the user gets the 503 page instead of a hung request.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
DATABASE_QUERY_DEADLINE = env.float("DATABASE_QUERY_DEADLINE", default=30)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "core.postgresql"  # Django's, with the deadline
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=DATABASE_CONNECT_TIMEOUT,
        # A peer that is gone (not one that stalls: see core/db_deadline.py) is noticed by TCP.
        keepalives=1,
        keepalives_idle=30,
        keepalives_interval=10,
        keepalives_count=3,
        tcp_user_timeout=int(DATABASE_QUERY_DEADLINE * 1000),
    )
# On PostgreSQL, statements a connection runs repeatedly are prepared once: planning the joins of
# an access check cost more than running them. Switch off behind a connection pooler that cannot
# keep prepared statements (PgBouncer in transaction mode before 1.21).
if DATABASES["default"]["ENGINE"] == "core.postgresql" and env.bool(
    "DATABASE_PREPARED_STATEMENTS", default=True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Finds the user of a session that the organisation login started (accounts/organisation.py).
    "accounts.organisation.OrganisationBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "accounts.password_validation.CommonPasswordValidator"},
    {"NAME": "accounts.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Sessions and cookies: client data lives behind these, so nothing is readable by scripts.
# A session ends after 30 minutes idle, ten hours after login whatever happens, and at browser
# close (OWASP ASVS 7.3.1, 7.3.2).
SESSION_COOKIE_AGE = env.int("HECHTINGSWIJZER_SESSION_IDLE_SECONDS", default=30 * 60)
# Renewing the idle expiry at most once a minute spares a session write on nearly every request
# (accounts.middleware.SessionLifetimeMiddleware).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = env.int("HECHTINGSWIJZER_SESSION_RENEW_SECONDS", default=60)
SESSION_ABSOLUTE_AGE = env.int("HECHTINGSWIJZER_SESSION_MAX_SECONDS", default=10 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Two-factor login is always required for team leads and functional admins; this adds everyone.
TWO_FACTOR_FOR_ALL = env.bool("HECHTINGSWIJZER_TWO_FACTOR_FOR_ALL", default=False)
OTP_TOTP_ISSUER = env.str("HECHTINGSWIJZER_OTP_ISSUER", default="Hechtingswijzer")
# An admin may remove a lost device, never read another user's secret or QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Lockout after repeated failed logins (django-axes, accounts/lockout.py): per combination of
# user name and address, so that nobody can lock someone else's account from elsewhere; and per
# address once it has failed on this many different user names.
AXES_FAILURE_LIMIT = env.int("HECHTINGSWIJZER_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("HECHTINGSWIJZER_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "accounts.lockout.LockoutHandler"
# Unknown user names per address (see accounts/lockout.py): after this many within the window,
# that address gets the lockout page for unknown names until the window has passed.
# The keys that seal archived documents (observaties/documents/archive.py), newest first; the
# older ones only verify, while `verify_archive --reseal` moves the seals to the newest. Not in
# the database, so whoever can write the database cannot forge a seal. Without it, a key derived
# from DJANGO_SECRET_KEY (then rotating that key needs the old one here).
ARCHIVE_SEAL_KEYS = env.list("HECHTINGSWIJZER_ARCHIVE_KEYS", default=[]) or [
    hashlib.sha256(f"hechtingswijzer-archive-seal:{SECRET_KEY}".encode()).hexdigest()
]
LOGIN_ADDRESS_NAME_LIMIT = env.int("HECHTINGSWIJZER_LOGIN_ADDRESS_NAME_LIMIT", default=10)
# The team lead's dashboard marks an open safety concern with no new meldcode step for longer.
SAFETY_CONCERN_QUIET_DAYS = env.int("HECHTINGSWIJZER_CONCERN_QUIET_DAYS", default=14)
LOGIN_UNKNOWN_NAME_MINUTES = env.int("HECHTINGSWIJZER_LOGIN_UNKNOWN_NAME_MINUTES", default=15)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # its log lines name accounts; our access log records lockouts instead
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "audit.log.client_ip"
AXES_USERNAME_CALLABLE = "audit.log.attempted_username"

# Behind a reverse proxy the client address is the last hop of X-Forwarded-For.
BEHIND_PROXY = env.bool("HECHTINGSWIJZER_BEHIND_PROXY", default=False)

# The access log is for team leads (their teams) and privacy officers; functional admins only
# when the organisation gives them that task.
AUDIT_LOG_FOR_FUNCTIONAL_ADMIN = env.bool("HECHTINGSWIJZER_AUDIT_FOR_ADMIN", default=False)

# Content Security Policy: our own origin only, no inline script, no third parties.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

if not DEBUG:
    # Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto (see README).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
    CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Logs carry no personal data: no request bodies, only what Django itself reports.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "config.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("DJANGO_LOG_FORMAT", default="plain"),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every rendering step at INFO; only its warnings matter.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
        "axes": {"level": "ERROR"},
    },
}

# PDF reports: one render may take this long and this much extra memory before it is stopped.
# Stored with every archived report: which code made it. Set it when deploying (the release tag or
# commit); a checkout that is a git clone falls back to its commit.
CODE_VERSION = env.str("HECHTINGSWIJZER_VERSION", default="") or _git_commit(BASE_DIR)

REPORT_RENDER_TIMEOUT = env.float("HECHTINGSWIJZER_REPORT_TIMEOUT", default=20.0)
REPORT_RENDER_MEMORY = env.int("HECHTINGSWIJZER_REPORT_MEMORY", default=512 * 1024 * 1024)

# Background work (registering approved documents in the case system): a Celery worker and beat
# beside the app servers, with Redis as the broker (docs/deploy.md). Without a broker, as with
# `make run`, each task runs in the process that asks for it, when its transaction commits.
CELERY_BROKER_URL = env.str("HECHTINGSWIJZER_CELERY_BROKER", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged when it is done: a worker killed halfway leaves it for another.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "deliveries-due": {
        "task": "observaties.tasks.deliver_due",
        "schedule": env.int("HECHTINGSWIJZER_DELIVERY_INTERVAL_SECONDS", default=60),
    }
}
# Retrying a delivery the case system did not answer: after 1, 2, 4 … minutes, at most this long.
DELIVERY_MAX_BACKOFF_MINUTES = env.int("HECHTINGSWIJZER_DELIVERY_MAX_BACKOFF_MINUTES", default=60)
# zgw-consumers' certificates (for a case system behind mutual TLS) are files outside the web root.
PRIVATE_MEDIA_ROOT = env.path("HECHTINGSWIJZER_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")
PRIVATE_MEDIA_URL = "/private-media/"

# The read API for client-file systems (api/, docs/api.md). Its clients' requests are counted
# per client across all app servers in a shared cache: Redis in production
# (HECHTINGSWIJZER_CACHE_URL, e.g. redis://127.0.0.1:6379/2); without it each process counts
# alone, which is enough for `make run` and the tests.
_SHARED_CACHE = env.str("HECHTINGSWIJZER_CACHE_URL", default="")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _SHARED_CACHE}
        if _SHARED_CACHE
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"}
    ),
}
API_VERSION = "1.0.0"
API_RATE = env.str("HECHTINGSWIJZER_API_RATE", default="300/min")
# Where integrators reach the organisation about the API: in its OpenAPI document.
API_CONTACT = {
    "name": env.str(
        "HECHTINGSWIJZER_API_CONTACT_NAME", default="Functioneel beheer Hechtingswijzer"
    ),
    "email": env.str("HECHTINGSWIJZER_API_CONTACT_EMAIL", default="functioneel-beheer@example.org"),
    "url": env.str(
        "HECHTINGSWIJZER_API_CONTACT_URL", default="https://example.org/hechtingswijzer"
    ),
}
# The address the API is reached at, as its OpenAPI document names it (ends in /api/v1).
API_SERVER_URL = env.str("HECHTINGSWIJZER_API_URL", default="/api/v1")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ClientCredential"],
    "DEFAULT_PERMISSION_CLASSES": ["api.authentication.IsClient"],
    "DEFAULT_THROTTLE_CLASSES": ["api.authentication.PerClientThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "api.schema.Schema",
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    "UNAUTHENTICATED_TOKEN": None,
    "DEFAULT_THROTTLE_RATES": {"client": API_RATE},
    # No OPTIONS description: the OpenAPI document is the description.
    "DEFAULT_METADATA_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Hechtingswijzer API voor cliëntdossiers",
    "DESCRIPTION": (
        "Leest de goedgekeurde observaties van de gezinnen van de eigen teams, met hun "
        "gearchiveerde rapport en een samenvatting in platte tekst. Alleen lezen. Het deel over "
        "zorgen over de veiligheid van het kind staat nooit in deze API: dat volgt de route van "
        "de meldcode. Zie docs/api.md."
    ),
    "VERSION": API_VERSION,
    "CONTACT": API_CONTACT,
    "SERVERS": [{"url": API_SERVER_URL}],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": False,
    "ENUM_NAME_OVERRIDES": {},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.design_rules",
    ],
    "DISABLE_ERRORS_AND_WARNINGS": False,
}

# Closed families are kept this many years after closing and then deleted by
# `manage.py purge_expired_families`: 20 years is the statutory term for youth-care files
# (Jeugdwet, since 2020).
RETENTION_YEARS = env.int("HECHTINGSWIJZER_RETENTION_YEARS", default=20)
