"""Settings for the MPP platform, driven by the environment.

Every value has a safe default for a single hall on one machine (SQLite under
``var/``, no debug). ``MPP_PRODUCTION=1`` switches on the strict profile: it
refuses to start without real secrets and turns on the HTTPS protections.
docs/deployment.md lists every variable.
"""

import json
import os
import secrets
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MPP_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("MPP_PRODUCTION")
DEBUG = env_bool("DJANGO_DEBUG") and not PRODUCTION


def _development_secrets() -> dict[str, str]:
    """Secrets for development and tests, generated once into var/.

    Created with O_EXCL so that parallel processes starting at once agree on one
    file. Production never reaches this (see below).
    """
    path = VAR_DIR / "dev-secrets.json"
    if not path.exists():
        values = {
            "secret_key": secrets.token_urlsafe(50),
            "data_key": Fernet.generate_key().decode(),
            "hash_key": secrets.token_urlsafe(32),
        }
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                json.dump(values, handle)
    for _attempt in range(50):
        try:
            return json.loads(path.read_text())
        except ValueError:  # Another process is still writing it.
            import time

            time.sleep(0.01)
    raise ImproperlyConfigured(f"{path} is not valid JSON")


def _secret(env_name: str, dev_name: str) -> str:
    value = os.environ.get(env_name, "")
    if value:
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(f"{env_name} must be set when MPP_PRODUCTION=1")
    return _development_secrets()[dev_name]


SECRET_KEY = _secret("DJANGO_SECRET_KEY", "secret_key")
# Personal data (NIK, phone, e-mail) is encrypted with the first key; older keys
# stay listed after a rotation so that existing rows can still be read.
MPP_DATA_KEYS = env_list("MPP_DATA_KEYS") or [_secret("MPP_DATA_KEYS", "data_key")]
# Keyed hash (HMAC) for finding a person by NIK or phone without decrypting.
MPP_HASH_KEY = _secret("MPP_HASH_KEY", "hash_key")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "mpp.core",
    "mpp.tenancy",
    "mpp.privacy",
    "mpp.catalog",
    "mpp.queueing",
    "mpp.display",
    "mpp.journeys",
    "mpp.cases",
    "mpp.booking",
    "mpp.surveys",
    "mpp.complaints",
    "mpp.consultation",
    "mpp.notify",
    "mpp.portal",
    "mpp.api",
    "mpp.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mpp.core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mpp.api.middleware.ApiLanguageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Database: SQLite (WAL) under var/ unless DATABASE_URL names another one.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'mpp.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so a read-then-write transaction
    # waits its turn instead of failing with "database is locked" at the write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
        ),
    }
    # Tests use a file, not memory: concurrency tests open several connections.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "tenancy.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# Bahasa Indonesia first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Stored in UTC; shown in each site's own zone (Site.timezone).
TIME_ZONE = os.environ.get("MPP_DEFAULT_TIMEZONE", "Asia/Pontianak")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing folder before collectstatic.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names (long cache lifetimes) need collectstatic, which deployment runs.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Serve straight from the app folders when collectstatic has not run (tests).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

# Content Security Policy: nothing from other origins, no inline scripts or styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
HTTPS = env_bool("MPP_HTTPS", default=PRODUCTION)
# Proxies in front that append the caller's address to X-Forwarded-For (the client's IP
# for rate limits is the one the outermost of them saw): one TLS proxy with HTTPS.
MPP_PROXY_HOPS = int(os.environ.get("MPP_PROXY_HOPS", "1" if HTTPS else "0"))
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("MPP_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("MPP_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("MPP_HSTS_PRELOAD", default=True)

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "mpp@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("MPP_LOG_LEVEL", "INFO")},
}

# Where display boards find the live feed (mpp.display.live, an ASGI process of its
# own): empty means the same host on MPP_LIVE_PORT; "same-origin" means a proxy routes
# /live/ on this origin to it; anything else is the feed's base URL.
MPP_LIVE_URL = os.environ.get("MPP_LIVE_URL", "")
MPP_LIVE_PORT = int(os.environ.get("MPP_LIVE_PORT", "8001"))

# Background work: the database is the queue (django-tasks with its database backend,
# run by "manage.py db_worker"); no broker until a measurement asks for one.
TASKS = {"default": {"BACKEND": os.environ.get("MPP_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Apps that add to the hall's screens (mpp.queueing.extensions).
MPP_HALL_EXTENSIONS = [
    "mpp.journeys.hall.JourneyExtension",
    "mpp.cases.hall.ApplicationExtension",
    "mpp.booking.hall.BookingExtension",
    "mpp.surveys.hall.SurveyExtension",
    "mpp.complaints.hall.ComplaintExtension",
]

# The site the portal opens on when an installation serves several (slug).
MPP_DEFAULT_SITE = os.environ.get("MPP_DEFAULT_SITE", "")

# Notifications
# Messages to citizens leave through their channel (docs/notifications.md): e-mail over
# SMTP with the EMAIL_* settings, SMS and WhatsApp through an HTTP gateway each.
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "20"))


def _gateway(prefix: str) -> dict:
    """One HTTP gateway: a JSON POST to URL with one auth header ("Name: value"); the body
    template's strings may hold {to}, {text}, {subject}, {language} and {id}."""
    return {
        "URL": os.environ.get(f"{prefix}_URL", ""),
        "AUTH_HEADER": os.environ.get(f"{prefix}_AUTH_HEADER", ""),
        "BODY": os.environ.get(f"{prefix}_BODY", '{"to": "{to}", "text": "{text}"}'),
        "TIMEOUT": float(os.environ.get(f"{prefix}_TIMEOUT", "10")),
    }


MPP_NOTIFY_GATEWAYS = {"sms": _gateway("MPP_SMS_GATEWAY"), "whatsapp": _gateway("MPP_WHATSAPP_GATEWAY")}
# Where messages to a telephone go: "sms" or "whatsapp".
MPP_NOTIFY_PHONE_CHANNEL = os.environ.get("MPP_NOTIFY_PHONE_CHANNEL", "sms")
# Attempts before a message is failed, and the first retry's wait (doubling after each).
MPP_NOTIFY_MAX_ATTEMPTS = int(os.environ.get("MPP_NOTIFY_MAX_ATTEMPTS", "6"))
MPP_NOTIFY_RETRY_SECONDS = int(os.environ.get("MPP_NOTIFY_RETRY_SECONDS", "60"))
