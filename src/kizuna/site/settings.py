"""Settings, read from the environment and safe by default.

DATABASE_URL   sqlite:///… (default: a file in the data directory) or postgres://…
SECRET_KEY     required in production; the demo key is refused there
DEBUG          off unless set to 1/true/yes
ALLOWED_HOSTS  comma-separated (default: localhost names)
KIZUNA_MODE    development (default) or production
KIZUNA_DATA_DIR where the SQLite file, uploads and caches live (default: ./var)
REDIS_URL      redis://… puts the cache in Redis (default: in the database)
MEDIA_STORAGE  filesystem (default) or s3 (django-storages; AWS_* variables, docs/deploy.md)
LOG_FORMAT     json (default in production) or text (default in development)
METRICS_TOKEN  bearer token that /metrics asks for (without it: loopback only)
EMAIL_URL      how mail leaves: smtp://user:password@host:587 (STARTTLS), smtps://…:465
               (TLS), console: or locmem:; required in production
SECURE_PROXY_SSL_HEADER_NAME  the header a TLS-terminating proxy sets (e.g.
               HTTP_X_FORWARDED_PROTO); the proxy must overwrite it on every request
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kizuna.common.i18n import LANGUAGE_CHOICES

BASE_DIR = Path(__file__).resolve().parent.parent  # src/kizuna
PROJECT_DIR = BASE_DIR.parent.parent


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


DEMO_SECRET_KEY = "kizuna-demo-secret-key-not-for-production-use-0123456789"
MODE = os.environ.get("KIZUNA_MODE", "development")
if MODE not in ("development", "production"):
    raise ImproperlyConfigured("KIZUNA_MODE must be 'development' or 'production'")
DEBUG = _flag("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", DEMO_SECRET_KEY)
if MODE == "production":
    if SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "Refusing to start in production with the demo secret key: set SECRET_KEY "
            "to a random string of at least 32 characters."
        )
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production.")

if MODE == "production" and not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names in production.")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
    if h.strip()
]

DATA_DIR = Path(os.environ.get("KIZUNA_DATA_DIR", PROJECT_DIR / "var")).resolve()
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
# Serve static files straight from the source tree too, so that a checkout works
# before (or without) collectstatic; `make demo` still collects them.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'kizuna.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# The live progress and cancel requests of running jobs go through their own
# connection (kizuna.common.jobs explains why): on SQLite a small file beside the
# main one, elsewhere a second connection to the same database.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    _main = Path(DATABASES["default"]["NAME"])
    DATABASES["jobs"] = {
        **DATABASES["default"],
        "NAME": _main.with_name(f"{_main.stem}-jobs{_main.suffix}"),
        "OPTIONS": {**DATABASES["default"]["OPTIONS"]},
        "TEST": {},
    }
else:
    DATABASES["jobs"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["kizuna.common.jobs.JobsRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "axes",
    "drf_spectacular_sidecar",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "auditlog",
    "kizuna.common",
    "kizuna.accounts",
    "kizuna.organisations",
    "kizuna.programmes",
    "kizuna.mentoring",
    "kizuna.vectors",
    "kizuna.audit",
    "kizuna.api",
]

MIDDLEWARE = [
    "kizuna.common.observability.RequestObservabilityMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kizuna.accounts.middleware.UserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "kizuna.common.middleware.ControlCharacterQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kizuna.audit.middleware.AuditMiddleware",  # who did it, from where (docs/privacy.md)
    "kizuna.accounts.middleware.SavedLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]
# --- security (docs/security.md): Content-Security-Policy on every response, and the
# sign-in lockout, which must come last so that it sees every failed sign-in.
MIDDLEWARE += [
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kizuna.site.urls"
WSGI_APPLICATION = "kizuna.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "kizuna.accounts.backends.SignInLockoutBackend",  # first: refuses locked-out users and addresses
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "kizuna.accounts.backends.OfficerBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "en"
LANGUAGES = LANGUAGE_CHOICES
LANGUAGE_COOKIE_NAME = "kizuna_language"
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Bangkok"


def _email_settings(url: str) -> dict:
    """EMAIL_* settings from EMAIL_URL: smtp://user:password@host:587 (STARTTLS),
    smtps://user:password@host:465 (implicit TLS), console: or locmem:."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
    }
    if parts.scheme in backends:
        return {"EMAIL_BACKEND": backends[parts.scheme]}
    if parts.scheme not in ("smtp", "smtps"):
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with smtp://, smtps://, console: or locmem:, not {parts.scheme}:"
        )
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL names no mail server host.")
    implicit_tls = parts.scheme == "smtps"
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if implicit_tls else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": implicit_tls,
        "EMAIL_USE_TLS": not implicit_tls,
        "EMAIL_TIMEOUT": 20,
    }


if MODE == "production" and not os.environ.get("EMAIL_URL"):
    raise ImproperlyConfigured(
        "Set EMAIL_URL (smtp://user:password@host:587) in production: password-reset "
        "links must reach people, not the log."
    )
globals().update(_email_settings(os.environ.get("EMAIL_URL", "console:")))
if os.environ.get("EMAIL_BACKEND") and not os.environ.get("EMAIL_URL"):
    EMAIL_BACKEND = os.environ["EMAIL_BACKEND"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kizuna <no-reply@kizuna.example>")

# Shared state only: every web process on every machine sees the same sessions
# and cache (the database by default; Redis when REDIS_URL is set).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["REDIS_URL"]}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "kizuna_cache"}}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = MODE == "production"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if MODE == "production":
    # HTTPS only: redirect plain HTTP and tell browsers to never try it for a year.
    SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD", True)
    if os.environ.get("SECURE_PROXY_SSL_HEADER_NAME"):
        SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER_NAME"], "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy: scripts, styles, fonts and images only from this site;
# no inline script, no eval, no framing (htmx attributes are not scripts).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sign-in protection (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# user name, or from one address, further attempts are refused for the cool-off
# time, on the sign-in page, the admin and the API alike; an officer unlocks early
# in the admin (Access attempts) or with `kizuna axes_reset_username NAME`.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "kizuna.accounts.lockout.lockout_response"
AXES_VERBOSE = False
if os.environ.get("SECURE_PROXY_SSL_HEADER_NAME"):
    AXES_IPWARE_PROXY_COUNT = 1

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "s3":
    # S3-compatible object storage through django-storages; it reads AWS_STORAGE_BUCKET_NAME,
    # AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY … from the environment.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', not {MEDIA_STORAGE!r}.")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "kizuna.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kizuna API",
    "DESCRIPTION": _("Programmes, organisations and matching for Thai-Japanese industrial cooperation"),
    "VERSION": "1",
    "COMPONENT_SPLIT_REQUEST": True,  # request bodies are their own components (api/schema.py)
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kizuna.api.schema.error_responses_add",
    ],
}
# --- API protection (docs/security.md): throttling per user and per address, a
# maximum page size (see kizuna.api.pagination); sessions or HTTP basic auth, both
# behind the sign-in lockout.
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    "rest_framework.authentication.SessionAuthentication",
    "kizuna.api.authentication.LockoutBasicAuthentication",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "rest_framework.throttling.AnonRateThrottle",
    "rest_framework.throttling.UserRateThrottle",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "anon": os.environ.get("API_THROTTLE_ANON", "60/minute"),
    "user": os.environ.get("API_THROTTLE_USER", "1200/minute"),
}
REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"] = "kizuna.api.pagination.BoundedLimitOffsetPagination"
# Swagger UI and ReDoc from the installed drf-spectacular-sidecar, not a CDN.
SPECTACULAR_SETTINGS["SWAGGER_UI_DIST"] = "SIDECAR"
SPECTACULAR_SETTINGS["SWAGGER_UI_FAVICON_HREF"] = "SIDECAR"
SPECTACULAR_SETTINGS["REDOC_DIST"] = "SIDECAR"

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "kizuna.common.queue.DatabaseBackend"),
    }
}

# Structured logs: one JSON object a line (LOG_FORMAT=json, the production default)
# with the request id of the request or task that wrote it; one line per request
# from kizuna.request (LOG_REQUESTS=0 silences those).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if MODE == "production" else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "kizuna.common.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "kizuna.common.observability.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"],
                             "formatter": "json" if LOG_FORMAT == "json" else "text"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "kizuna.request": {"level": "INFO" if _flag("LOG_REQUESTS", MODE == "production") else "WARNING"},
        "kizuna.task": {"level": "INFO"},
        "kizuna.periodic": {"level": "INFO"},
    },
}

# Retention (PDPA / APPI: keep personal data no longer than needed), applied by
# `kizuna retention`: uploaded spreadsheets never confirmed, and notifications
# read more than this many days ago.
RETENTION_UNCONFIRMED_UPLOAD_DAYS = int(os.environ.get("KIZUNA_RETENTION_UPLOAD_DAYS", "1"))
RETENTION_READ_NOTIFICATION_DAYS = int(os.environ.get("KIZUNA_RETENTION_NOTIFICATION_DAYS", "365"))
