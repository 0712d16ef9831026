"""Django settings, all read from environment variables (see docs/operations/configuration.md)."""

from __future__ import annotations

from aimonitor.paths import PROJECT_ROOT
from aimonitor.web.project import config, logs

PRODUCTION = config.env_bool("AIMONITOR_PRODUCTION", False)
# Debug pages only when asked for (DEBUG=1), never by default: they show code and settings.
DEBUG = config.env_bool("DEBUG", False)
SECRET_KEY = config.secret_key(PRODUCTION)
ALLOWED_HOSTS = config.env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",  # runserver leaves /static/ to WhiteNoise, as production
    "django.contrib.staticfiles",
    "simple_history",
    "csp",
    "aimonitor.web.municipalities",
    "aimonitor.web.waves",
    "aimonitor.web.accounts",
    "aimonitor.web.fieldwork",
    "aimonitor.web.survey",
    "aimonitor.web.research",  # before allauth: its templates give allauth's pages our look
    "aimonitor.web.public",
    "aimonitor.web.api",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "aimonitor.web.research.access.account_pages_for_researchers",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # who made a change in the admin
]

# Researchers log in with django-allauth: a password and a second factor (an authenticator
# app, TOTP, with recovery codes). Nobody signs up: the research team creates accounts
# (aimonitor.web.research.accounts). Every researcher page and the admin ask for a session
# that passed the second factor (aimonitor.web.research.access).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "aimonitor.web.research.accounts.ResearchAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True  # changing an address or password asks again
# Failed logins: at most 5 per 5 minutes per account and 10 a minute per client address
# (allauth counts them in the cache, the database cache shared by the workers).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key", "login": "30/m/ip"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "AI Monitor"
# One 30-second period either side (RFC 6238, section 5.2): a code typed as the period turns,
# or a phone clock a few seconds off, still works; a used code is refused for all three periods.
MFA_TOTP_TOLERANCE = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "research:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

ROOT_URLCONF = "aimonitor.web.project.urls"
WSGI_APPLICATION = "aimonitor.web.project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": config.database_settings(config.database_url())}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # Keep a worker's PostgreSQL connection between requests (a new one costs the server
    # about 12 ms of CPU, bench/RESULTS.md), checked before reuse after an error.
    DATABASES["default"]["CONN_MAX_AGE"] = config.env_int("DATABASE_CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PROJECT_ROOT / "src" / "aimonitor" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Static files are served by WhiteNoise, in production from STATIC_ROOT (filled by
# `aimonitor manage collectstatic`, hashed names cached for a year), elsewhere straight from
# the apps (no collectstatic needed for `make demo` or the tests).
STATIC_URL = "static/"
VAR_DIR = config.var_dir()
"""Local state: the SQLite file, the dev secret key, built reports, the set-up lock."""
STATIC_ROOT = config.var_dir() / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

REPORTS_DIR = config.var_dir() / "reports"

# The cache holds the survey's rate limits: in the database, so that every gunicorn worker
# counts the same requests (the table is made by survey migration 0002).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "aimonitor_cache",
        # The dashboard keeps its pages and charts here (some hundreds per published wave):
        # past the default of 300 entries the cache would drop a third of them at random.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}
# The public outputs of a published wave are made once, in a background thread of one worker,
# and kept in the cache above for all (aimonitor.web.outputs.kept); a reader waits at most
# this long for them (well inside gunicorn's 30 s worker timeout), then is asked to retry.
KEPT_IN_BACKGROUND = True
KEPT_WAIT_SECONDS = config.env_int("AIMONITOR_KEPT_WAIT_SECONDS", 20)

# Behind a proxy that appends the client's address to X-Forwarded-For (nginx:
# proxy_add_x_forwarded_for), the rate limits count per client, not per proxy.
TRUST_X_FORWARDED_FOR = config.env_bool("TRUST_X_FORWARDED_FOR", False)
# allauth's login limits find the client the same way (the last address the proxy added).
ALLAUTH_TRUSTED_PROXY_COUNT = 1 if TRUST_X_FORWARDED_FOR else 0

# Behind a TLS proxy (docs/operations/deploy.md). The proxy header is trusted only when
# asked for: a proxy that does not overwrite it would let any client claim HTTPS.
if config.env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = config.env_bool("USE_X_FORWARDED_HOST", False)
CSRF_TRUSTED_ORIGINS = config.env_list("CSRF_TRUSTED_ORIGINS", [])
SECURE_SSL_REDIRECT = config.env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = config.env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = config.env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = config.env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = config.env_bool("SESSION_COOKIE_SECURE", PRODUCTION)
CSRF_COOKIE_SECURE = config.env_bool("CSRF_COOKIE_SECURE", PRODUCTION)

# Content-Security-Policy of every page: nothing inline, nothing from elsewhere. A built
# report is served with its own, stricter policy (aimonitor.web.public.downloads).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Structured logs: one JSON object a line on stderr, errors with their traceback, no
# credential in any line (aimonitor.web.project.logs).
LOGGING = logs.logging_settings(config.env_str("AIMONITOR_LOG_LEVEL", "INFO"))
DEFAULT_EXCEPTION_REPORTER = "aimonitor.web.project.debugpage.CredentialHidingReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "aimonitor.web.project.debugpage.CredentialHidingFilter"

# Mail (invitations): through SMTP when EMAIL_HOST is set, else printed on the console
# (`make demo`). The links in mails sent by commands start with AIMONITOR_BASE_URL.
EMAIL_HOST = config.env_str("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = config.env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = config.env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = config.env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = config.env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = config.env_str("DEFAULT_FROM_EMAIL", "AI Monitor <aimonitor@localhost>")
BASE_URL = config.env_str("AIMONITOR_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
