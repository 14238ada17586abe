"""The one settings module: safe defaults, differences only from environment variables.

See docs/operations.md for every variable.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MOTCUA_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated list from the environment."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "insecure-dev-key-change-me-in-production-0123456789abcdefghijklmnop"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "motcua.core",
    "motcua.organizations",
    "motcua.calendars",
    "motcua.catalog",
    "motcua.dossiers",
    "motcua.accounts",
    "motcua.processes",
    "motcua.backoffice",
    "motcua.official_forms",
    "motcua.integration",
    "motcua.identity",
    "motcua.notifications",
    "motcua.submissions",
    "motcua.evaluation",
    "motcua.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.LocaleMiddleware",  # pages: Vietnamese unless switched
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "motcua" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "motcua.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no var/ yet: make the folder that holds the database file.
    if str(DATABASES["default"]["NAME"]) not in {"", ":memory:"}:
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server and the worker read while the other writes;
    # IMMEDIATE transactions take the write lock up front, so concurrent
    # writers wait (busy timeout) instead of failing on lock upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Citizen accounts: Argon2id first; older hashes still verify and are upgraded at login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",  # officials and admins: user name
    "motcua.identity.backends.ContactBackend",  # citizens: phone number or e-mail address
]
LOGIN_URL = "portal:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# Translations: .po files live in locale/ (committed); `motcua i18n_compile` writes the
# compiled .mo files under var/locale/ with polib, so no GNU gettext is needed.
LOCALE_PATHS = [BASE_DIR / "locale", VAR_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "motcua" / "static"]  # the shared layout's CSS
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms carry the token
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "motcua.core.api.problem_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    # Closed by default: a public endpoint (the catalog) opts in with AllowAny explicitly.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,  # one representation (JSON); no ?format= switch
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "motcua API",
    "DESCRIPTION": "REST API of the motcua one-stop-shop system (procedures catalog, dossiers, ...).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Site identity shown in the header (the province running this deployment).
MOTCUA_SITE_NAME = os.environ.get("MOTCUA_SITE_NAME", "")
MOTCUA_PROVINCE_IDENTIFIER = os.environ.get("MOTCUA_PROVINCE_IDENTIFIER", "000.00.00.H99")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# National portal (Cổng DVC quốc gia) and webhooks: see docs/integration.md and docs/operations.md.
USE_NATIONAL_PORTAL = env_bool("USE_NATIONAL_PORTAL", False)
NATIONAL_PORTAL_URL = os.environ.get("NATIONAL_PORTAL_URL", "http://127.0.0.1:8765").rstrip("/")
NATIONAL_PORTAL_CREATE_URL = os.environ.get(
    "NATIONAL_PORTAL_CREATE_URL", f"{NATIONAL_PORTAL_URL}/dossiers/create"
)
NATIONAL_PORTAL_UPDATE_URL = os.environ.get(
    "NATIONAL_PORTAL_UPDATE_URL", f"{NATIONAL_PORTAL_URL}/dossiers/update"
)
NATIONAL_PORTAL_PROGRESS_URL = os.environ.get(
    "NATIONAL_PORTAL_PROGRESS_URL", f"{NATIONAL_PORTAL_URL}/dossiers/progress"
)
NATIONAL_PORTAL_PROCEDURES_URL = os.environ.get(
    "NATIONAL_PORTAL_PROCEDURES_URL", f"{NATIONAL_PORTAL_URL}/procedures"
)
NATIONAL_PORTAL_API_KEY = os.environ.get("NATIONAL_PORTAL_API_KEY", "fake-portal-key")
NATIONAL_PORTAL_TIMEOUT = float(os.environ.get("NATIONAL_PORTAL_TIMEOUT", "10"))
NATIONAL_PORTAL_INTAKE_SECRET = os.environ.get("NATIONAL_PORTAL_INTAKE_SECRET", "")
INTEGRATION_BATCH_SIZE = int(os.environ.get("INTEGRATION_BATCH_SIZE", "200"))
INTEGRATION_MAX_ATTEMPTS = int(os.environ.get("INTEGRATION_MAX_ATTEMPTS", "12"))
INTEGRATION_POLL_SECONDS = float(os.environ.get("INTEGRATION_POLL_SECONDS", "0.5"))
INTEGRATION_IN_WORKER = env_bool("INTEGRATION_IN_WORKER", True)
WEBHOOK_TIMEOUT = float(os.environ.get("WEBHOOK_TIMEOUT", "10"))

# Citizen portal: notifications (e-mail, SMS), one-time codes, OpenID Connect providers.
# A backend per channel; the file backend writes every message to var/notifications/ (demo).
NOTIFICATION_BACKENDS = {
    "email": os.environ.get(
        "NOTIFICATION_EMAIL_BACKEND", "motcua.notifications.backends.FileBackend"
    ),
    "sms": os.environ.get("NOTIFICATION_SMS_BACKEND", "motcua.notifications.backends.FileBackend"),
}
NOTIFICATION_FILE_DIR = Path(os.environ.get("NOTIFICATION_FILE_DIR", VAR_DIR / "notifications"))
# OIDC providers, as JSON: {"vneid": {"issuer": "...", "client_id": "...", "client_secret": "...",
# "label": "VNeID"}}; empty: no OIDC login button.
MOTCUA_OIDC_PROVIDERS = json.loads(os.environ.get("MOTCUA_OIDC_PROVIDERS", "{}"))
MOTCUA_OIDC_TIMEOUT = float(os.environ.get("MOTCUA_OIDC_TIMEOUT", "10"))

# Back office and internal processes (docs/backoffice.md).
# "Due soon" queue: running dossiers due within this many working hours (?hours= overrides it).
MOTCUA_DUE_SOON_WORKING_HOURS = int(os.environ.get("MOTCUA_DUE_SOON_WORKING_HOURS", "8"))
# Late dossiers (Decree 61/2018 Art 19.9): warn this many working days before the due date, so
# the apology goes out at least one working day before it; the draft proposes this extension.
MOTCUA_LATE_WARNING_WORKING_DAYS = int(os.environ.get("MOTCUA_LATE_WARNING_WORKING_DAYS", "2"))
MOTCUA_LATE_PROPOSED_EXTENSION_WORKING_DAYS = int(
    os.environ.get("MOTCUA_LATE_PROPOSED_EXTENSION_WORKING_DAYS", "5")
)
MOTCUA_LATE_CHECK_MINUTES = float(os.environ.get("MOTCUA_LATE_CHECK_MINUTES", "60"))
# The place printed before the date on the official forms ("An Hòa, ngày … tháng … năm …").
MOTCUA_FORMS_PLACE = os.environ.get("MOTCUA_FORMS_PLACE", "")
