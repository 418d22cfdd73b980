"""Settings for every environment, driven by environment variables with safe defaults."""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from pathlib import Path

import dj_database_url
from django.conf import global_settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LIFELINE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = _env_flag("LIFELINE_DEBUG")
TESTING = _env_flag("LIFELINE_TESTING")

SECRET_KEY = os.environ.get("LIFELINE_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("Set LIFELINE_SECRET_KEY (the demo script sets one for you).")
    SECRET_KEY = "insecure-development-only-key-" + "x" * 32

# Keys for field encryption (AES-GCM) and keyed hashes. Comma-separated, newest first, base64.
FIELD_ENCRYPTION_KEYS = [
    key for key in os.environ.get("LIFELINE_FIELD_KEYS", "").split(",") if key.strip()
]
if not FIELD_ENCRYPTION_KEYS:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("Set LIFELINE_FIELD_KEYS (the demo script sets one for you).")
    FIELD_ENCRYPTION_KEYS = ["ZGV2ZWxvcG1lbnQtb25seS1maWVsZC1rZXktMzJieXQ="]


# Audit keys (docs/decisions/0057): HMAC keys that seal audit events, and separate keys that sign
# the checkpoint file. Comma-separated KEY_ID:BASE64 (32+ bytes), current first; older ids stay
# listed so the events and checkpoints they sealed still verify. Never stored in the database.
# Tests generate fresh keys per run; the demo script generates and keeps its own.
def _audit_keys(name: str, development_key_id: str) -> list[str]:
    keys = [key.strip() for key in os.environ.get(name, "").split(",") if key.strip()]
    if keys:
        return keys
    if TESTING:
        return [f"test-{development_key_id}:{base64.b64encode(secrets.token_bytes(32)).decode()}"]
    if DEBUG:
        seed = f"development-only-{name}".encode()
        return [f"{development_key_id}:{base64.b64encode(hashlib.sha256(seed).digest()).decode()}"]
    raise ImproperlyConfigured(f"Set {name} (the demo script sets one for you).")


LIFELINE_AUDIT_KEYS = _audit_keys("LIFELINE_AUDIT_KEYS", "dev-chain")
LIFELINE_AUDIT_CHECKPOINT_KEYS = _audit_keys("LIFELINE_AUDIT_CHECKPOINT_KEYS", "dev-checkpoint")
# One signed line per checkpoint is appended here; in production a file on another host (an
# append-only mount), so that whoever can write the database cannot rewrite it.
LIFELINE_AUDIT_CHECKPOINT_PATH = Path(
    os.environ.get("LIFELINE_AUDIT_CHECKPOINT_PATH", VAR_DIR / "audit" / "checkpoints.log")
)

ALLOWED_HOSTS = [h for h in os.environ.get("LIFELINE_ALLOWED_HOSTS", "").split(",") if h]
if DEBUG or TESTING:
    ALLOWED_HOSTS += ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "pgtrigger",
    "ninja",
    "lifeline.core",
    "lifeline.accounts",
    "lifeline.audit",
    "lifeline.programs",
    "lifeline.people",
    "lifeline.supporters",
    "lifeline.intake",
    "lifeline.generation",
    "lifeline.analytics",
    "lifeline.integrity",
    "lifeline.notifications",
    "lifeline.triage",
    "lifeline.notices",
    "lifeline.adjudication",
    "lifeline.parole",
    "lifeline.pathways",
    "lifeline.portal",
    "lifeline.operations",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_htmx",
    "django_ratelimit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "lifeline.core.staff_language.StaffPagesInEnglishMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lifeline.accounts.reading_language.ReadingLanguageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lifeline.accounts.idle.IdleTimeoutMiddleware",
    "lifeline.core.caching.NoStoreMiddleware",
    "lifeline.accounts.mfa.StaffMfaMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
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
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lifeline.accounts.landing.staff_menu",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'lifeline.sqlite3'}"),
        conn_max_age=int(os.environ.get("LIFELINE_DB_CONN_MAX_AGE", "0")),
        # A kept connection that the server dropped (a restart) is checked and replaced at the
        # start of the next request instead of failing it (ADR 0092).
        conn_health_checks=True,
    )
}
# Writers queue for SQLite's one write lock instead of failing: every transaction takes it
# at BEGIN (IMMEDIATE, so no deadlocked upgrade from a read), readers never wait (WAL), and
# a writer waits up to LIFELINE_SQLITE_BUSY_SECONDS (20 s) for its turn.
_busy_seconds = float(os.environ.get("LIFELINE_SQLITE_BUSY_SECONDS", "20"))
LIFELINE_SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": _busy_seconds,
    "init_command": (
        f"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={int(_busy_seconds * 1000)}; "
        # Deleted or overwritten rows are zeroed, so a value sealed after it was kept in clear
        # does not linger in free pages (nor in the backups that copy them).
        "PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = dict(LIFELINE_SQLITE_OPTIONS)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Values travel apart from the SQL (server-side binding), so psycopg prepares a statement
    # once it has run `prepare_threshold` times on a connection and the busiest paths (take next
    # case) skip parsing and planning. Behind a transaction-pooling proxy (PgBouncer) set
    # LIFELINE_DB_PREPARE_THRESHOLD=none: prepared statements do not survive a change of server.
    _prepare = os.environ.get("LIFELINE_DB_PREPARE_THRESHOLD", "5")
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": None if _prepare == "none" else int(_prepare),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The portal's nine languages. Django knows neither Pashto nor Dari: both are registered here;
# Dari is fa-af, so Django's Persian catalog and formats back it up where ours say nothing.
LANG_INFO.setdefault(
    "ps", {"bidi": True, "code": "ps", "name": "Pashto", "name_local": "\u067e\u069a\u062a\u0648"}
)
LANG_INFO.setdefault(
    "fa-af", {"bidi": True, "code": "fa-af", "name": "Dari", "name_local": "\u062f\u0631\u06cc"}
)
LANGUAGES = [
    ("en", "English"),
    ("es", "Spanish"),
    ("uk", "Ukrainian"),
    ("ru", "Russian"),
    ("ht", "Haitian Creole"),
    ("fr", "French"),
    ("ar", "Arabic"),
    ("fa-af", "Dari"),
    ("ps", "Pashto"),
]
LANGUAGES_BIDI = [*global_settings.LANGUAGES_BIDI, "ps"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django's date and number formats, corrected where they misread the portal's languages
# (ADR 0268); pages, notices and messages write dates through lifeline.core.local_formats.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "LIFELINE_TASK_BACKEND",
            "django.tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
        # `integrity`: identity matching and screening, for one dedicated worker (operations.md)
        "QUEUES": ["default", "integrity"],
    }
}

# Offices that work cases, and the office each program's cases are routed to when they join
# the queue (a program not listed: any office). Officers with an office (User.office) see and
# take their office's cases and those of no office; supervisors can route a case elsewhere.
LIFELINE_OFFICES = {
    "humanitarian-affairs": "Humanitarian Affairs Branch",
    "parole-processing": "Parole Processing Center",
}
LIFELINE_OFFICE_FOR_PROGRAM = {
    "general": "humanitarian-affairs",
    "cam": "humanitarian-affairs",
    "frp": "humanitarian-affairs",
    "u4u": "parole-processing",
    "chnv_cuba": "parole-processing",
    "chnv_haiti": "parole-processing",
    "chnv_nicaragua": "parole-processing",
    "chnv_venezuela": "parole-processing",
    "afghan_reparole": "parole-processing",
}

# Queued once per period by the first task worker to notice a new one (`manage.py
# scheduled_tasks` does the same from cron). Each is an idempotent sweep: running it twice sends
# nothing twice.
LIFELINE_SCHEDULED_TASKS = {
    "hourly": [
        "lifeline.notifications.tasks.deliver_pending_notifications_task",
        "lifeline.analytics.operations.tasks.refresh_operations_summaries_task",
        "lifeline.audit.tasks.write_audit_checkpoint_task",
    ],
    "daily": [
        "lifeline.adjudication.tasks.send_evidence_reminders_task",
        "lifeline.adjudication.tasks.expire_evidence_requests_task",
        "lifeline.parole.tasks.daily_parole_sweep_task",
        "lifeline.pathways.tasks.move_terms_with_timeline_task",
        "lifeline.pathways.tasks.send_pathway_reminders_task",
        "lifeline.analytics.consistency.tasks.refresh_consistency_summary_task",
        "lifeline.integrity.tasks.screen_all_forms_task",
    ],
}

# Sign-in (django-allauth): e-mail verification before the first sign-in, sign-in by e-mail
# or user name, lockout after repeated failures (django-axes) and allauth's own rate limits.
AUTHENTICATION_BACKENDS = [
    "lifeline.accounts.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"
ACCOUNT_ADAPTER = "lifeline.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "lifeline.accounts.forms.LoginForm",
    "signup": "lifeline.accounts.forms.SignupForm",
    "reset_password": "lifeline.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "lifeline.accounts.forms.ResetPasswordKeyForm",
}
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Lifeline: "
# Staff sign in with a TOTP authenticator (allauth MFA); off in tests unless a test turns it on.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Lifeline"
LIFELINE_STAFF_MFA_REQUIRED = _env_flag("LIFELINE_STAFF_MFA_REQUIRED", default=not TESTING)
# A session ends after this many minutes without a request: staff hold case data for many
# people, applicants fill long forms on slow connections.
LIFELINE_STAFF_IDLE_MINUTES = float(os.environ.get("LIFELINE_STAFF_IDLE_MINUTES", "15"))
LIFELINE_PUBLIC_IDLE_MINUTES = float(os.environ.get("LIFELINE_PUBLIC_IDLE_MINUTES", "120"))
AXES_FAILURE_LIMIT = int(os.environ.get("LIFELINE_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LIFELINE_LOCKOUT_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "lifeline.accounts.lockout.username_tried"
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Rate limits count in a cache every web worker shares: Redis when configured (exact counts),
# else files under var/ (one machine; counts may drift under races). Tests use process memory.
# django-ratelimit lists neither Django's own Redis cache nor these as supported, hence the
# silenced checks.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if os.environ.get("LIFELINE_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["LIFELINE_REDIS_URL"],
        }
    }
else:
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003"]
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        if TESTING
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# Outgoing mail: SMTP. The demo runs a local sink on 127.0.0.1:8025 (its mailbox is readable at
# /demo/mailbox/); production points these at its mail relay.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("LIFELINE_EMAIL_HOST", "127.0.0.1"),
            "port": int(os.environ.get("LIFELINE_EMAIL_PORT", "8025")),
            "username": os.environ.get("LIFELINE_EMAIL_USER", ""),
            "password": os.environ.get("LIFELINE_EMAIL_PASSWORD", ""),
            "use_tls": _env_flag("LIFELINE_EMAIL_TLS"),
            "timeout": 10,
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("LIFELINE_FROM_EMAIL", "Lifeline <no-reply@lifeline.example>")
LIFELINE_DEMO_MAILDIR = VAR_DIR / "mail"

# Officer workspace: where notices point for verification, who issues them, the payment
# gateway for the parole fee and the SMS backend (fakes by default, for the demo and tests).
LIFELINE_PUBLIC_BASE_URL = os.environ.get("LIFELINE_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
LIFELINE_NOTICE_ISSUER = os.environ.get(
    "LIFELINE_NOTICE_ISSUER", "Lifeline Humanitarian Parole Office"
)
LIFELINE_PAYMENT_GATEWAY = os.environ.get(
    "LIFELINE_PAYMENT_GATEWAY", "lifeline.parole.payments.FakePaymentGateway"
)
LIFELINE_SMS_BACKEND = os.environ.get(
    "LIFELINE_SMS_BACKEND", "lifeline.notifications.channels.FakeSmsBackend"
)

# Scale-out: LIFELINE_TASK_BACKEND=django_tasks_rq.RQBackend runs the same tasks on Redis
# workers (`manage.py rqworker --job-class django_tasks_rq.Job --worker-class
# lifeline.notifications.rq_worker.RedactingWorker default`).
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {
        "default": {"URL": os.environ.get("LIFELINE_REDIS_URL", "redis://127.0.0.1:6379/0")}
    }
    RQ_QUEUES["integrity"] = RQ_QUEUES["default"]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not (DEBUG or TESTING)
CSRF_COOKIE_SECURE = not (DEBUG or TESTING)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Largest evidence upload accepted, in bytes.
# A notification being sent is left alone by other senders this long (then sent again).
LIFELINE_NOTIFICATION_CLAIM_SECONDS = float(
    os.environ.get("LIFELINE_NOTIFICATION_CLAIM_SECONDS", "120")
)
# Pictures with more pixels are refused from their header, before decoding (decompression bombs).
LIFELINE_MAX_IMAGE_PIXELS = int(os.environ.get("LIFELINE_MAX_IMAGE_PIXELS", "40000000"))
LIFELINE_MAX_UPLOAD_BYTES = int(os.environ.get("LIFELINE_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = LIFELINE_MAX_UPLOAD_BYTES + 1024 * 1024
LIFELINE_POLICY_DIR = BASE_DIR / "policies"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Identifiers never reach a log line (docs/decisions/0110-identifiers-outside-their-columns.md).
    "filters": {"identifiers": {"()": "lifeline.core.log_redaction.RedactIdentifiers"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["identifiers"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LIFELINE_LOG_LEVEL", "WARNING")},
    # Django's own records (task states among them) once, not again through the root logger.
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
