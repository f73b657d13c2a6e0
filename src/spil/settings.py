"""Spil settings: one module, configured through SPIL_* environment variables."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("SPIL_DEBUG", False)
TESTING = env_bool("SPIL_TESTING", False)
DATA_DIR = Path(env_str("SPIL_DATA_DIR", str(BASE_DIR.parent.parent / "var")))
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)

SECRET_KEY = env_str("SPIL_SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("Set SPIL_SECRET_KEY (or SPIL_DEBUG=true for local use).")
    SECRET_KEY = "insecure-local-development-key-not-for-production-use-0123456789"

ALLOWED_HOSTS = env_list("SPIL_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("SPIL_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SPIL_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "django_tasks_db",
    "spil.core",
    "spil.accounts",
    "spil.networks",
    "spil.partners",
    "spil.activities",
    "spil.communication",
    "spil.matching",
    "spil.desk",
    "spil.outreach",
    "spil.knowledge",
    "spil.dashboards",
    "spil.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "spil.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "spil.urls"
WSGI_APPLICATION = "spil.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "spil.core.context_processors.navigation",
            ],
        },
    }
]

# Database: SQLite by default (WAL, busy timeout, IMMEDIATE transactions so that
# writers queue instead of failing), PostgreSQL through SPIL_DATABASE_URL.
DATABASE_URL = env_str("SPIL_DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "spil.sqlite3",
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "spil.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# allauth's rate limiter also guards Spil's public forms (keys starting with "spil_").
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "spil_public_form": env_str("SPIL_PUBLIC_FORM_RATE", "5/m/ip,30/h/ip"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Behind a reverse proxy: how many proxies add to X-Forwarded-For, so rate limits see the client's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("SPIL_TRUSTED_PROXY_COUNT", 0)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# Email: real SMTP when SPIL_EMAIL_HOST is set, the console otherwise (local use).
email_host = env_str("SPIL_EMAIL_HOST")
if email_host:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": email_host,
                "port": env_int("SPIL_EMAIL_PORT", 25),
                "username": env_str("SPIL_EMAIL_USER"),
                "password": env_str("SPIL_EMAIL_PASSWORD"),
                "use_tls": env_bool("SPIL_EMAIL_USE_TLS", False),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("SPIL_DEFAULT_FROM_EMAIL", "Spil <noreply@spil.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Tests run tasks at once, unless a test starts a real worker (SPIL_TASKS_IMMEDIATE=false).
TASKS_IMMEDIATE = env_bool("SPIL_TASKS_IMMEDIATE", TESTING)
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend" if TASKS_IMMEDIATE else "django_tasks_db.DatabaseBackend"
        )
    }
}
# A sending mailing whose worker has not reported for this long is taken over at the next worker start.
SPIL_MAIL_STALE_SECONDS = env_int("SPIL_MAIL_STALE_SECONDS", 120)
# Tasks that reschedule themselves every quarter of an hour; `spil worker` makes sure one of each is waiting.
SPIL_SWEEPS = [
    "spil.communication.tasks.reminders_sweep",
    "spil.desk.tasks.desk_sweep",
    "spil.matching.tasks.candidate_retention_sweep",
    "spil.matching.match_tasks.placements_sweep",
    "spil.matching.tasks.export_files_sweep",
]
# Candidates with no consent in force and no activity for this long are anonymised (AVG: keep no longer than needed).
SPIL_CANDIDATE_RETENTION_MONTHS = env_int("SPIL_CANDIDATE_RETENTION_MONTHS", 24)
# A list export's XLSX file (it may hold personal data) is for its requester to download for this long; then the
# export sweep empties it.
SPIL_EXPORT_KEEP_MINUTES = env_int("SPIL_EXPORT_KEEP_MINUTES", 60)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env_str("SPIL_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("SPIL_REDIS_URL"),
        }
    }

# Security. Production defaults are strict; local use over plain HTTP relaxes them.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SPIL_SECURE_SSL_REDIRECT", not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = not (DEBUG or TESTING)
CSRF_COOKIE_SECURE = not (DEBUG or TESTING)
SECURE_HSTS_SECONDS = env_int("SPIL_HSTS_SECONDS", 0 if DEBUG or TESTING else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SPIL_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SPIL_LOG_LEVEL", "WARNING")},
}

PAGE_SIZE = 25
