"""One settings module for every environment, read from environment variables.

The embedded default (no variables set) runs on SQLite with a filesystem Celery broker,
so a fresh machine needs nothing but Python. DJANGO_DEBUG is off unless set: production
sets DATABASE_URL, CELERY_BROKER_URL, DJANGO_SECRET_KEY and the personal-data keys;
`python3 dev.py run` turns debug on for development, and the tests use test_settings.py.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-used-in-production-0123456789abcdef"
# Personal data keys (PIPL). Production must set both; development derives them from the
# development secret so that a fresh checkout runs.
PII_ENCRYPTION_KEY = env.str("PII_ENCRYPTION_KEY", default="")
PII_HASH_KEY = env.str("PII_HASH_KEY", default="")
if not (PII_ENCRYPTION_KEY and PII_HASH_KEY):
    if not DEBUG:
        raise ImproperlyConfigured(
            "PII_ENCRYPTION_KEY and PII_HASH_KEY must be set when DJANGO_DEBUG is off."
        )
    _enc = hashlib.sha256(b"pii-enc:" + SECRET_KEY.encode()).digest()
    PII_ENCRYPTION_KEY = PII_ENCRYPTION_KEY or base64.urlsafe_b64encode(_enc).decode()
    PII_HASH_KEY = PII_HASH_KEY or hashlib.sha256(b"pii-hash:" + SECRET_KEY.encode()).hexdigest()
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

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
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_celery_beat",
    "zhanjiang_portal",
    # Dependencies point one way, down this list: a lower app never imports a higher one.
    "villages",
    "accounts",
    "notifications",
    "cases",
    "deadlines",
    "transfers",
    "mediation",
    "courts",
    "legal_aid",
    "agencies",
    "enquiries",
    "police",
    "petitions",
    "village_affairs",
    "stats",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "zhanjiang_portal.request_guards.RequestGuardMiddleware",
    # Last: turns a login refused for too many failures into the Chinese lock-out answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zhanjiang_portal.urls"
WSGI_APPLICATION = "zhanjiang_portal.wsgi.application"

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
                "accounts.context_processors.staff_roles",
                "notifications.context_processors.unread_count",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # A file-backed test database lets a separate Celery worker process read what a test wrote.
    _db.setdefault("OPTIONS", {}).update({"timeout": 30, "transaction_mode": "IMMEDIATE"})
    _db["TEST"] = {"NAME": str(VAR_DIR / "test-portal.sqlite3")}
else:
    _db.setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
    _db["CONN_HEALTH_CHECKS"] = True
IS_POSTGRES = _db["ENGINE"].endswith("postgresql")
# A read replica of the primary for the statistics' heavy reads (zhanjiang_portal/replica.py).
if _replica_url := env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db_url_config(_replica_url),
        "CONN_MAX_AGE": _db.get("CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
STATISTICS_DATABASE = "replica" if _replica_url else "default"
DATABASE_ROUTERS = ["zhanjiang_portal.replica.StatisticsRouter"]
if not IS_POSTGRES:
    # Covering indexes (INCLUDE) serve PostgreSQL; SQLite builds them without the extra
    # columns, which is all the embedded default needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a login attempt for an account or a client that failed too often
# before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "desk"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded evidence is private: it lives outside any public URL and is served by a
# permission-checked view, so there is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Private files (zhanjiang_portal/files.py) go to S3-compatible object storage when a bucket
# is named, which several web and worker hosts need; otherwise to MEDIA_ROOT on this disk.
# The bucket must be private: files are only ever streamed by permission-checked views.
S3_BUCKET = env.str("S3_BUCKET", default="")
if S3_BUCKET:
    from botocore.config import Config as _S3Config

    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY_ID", default=""),
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=""),
            "location": env.str("S3_PREFIX", default=""),
            "file_overwrite": False,
            "default_acl": None,
            # An unreachable store answers within seconds rather than holding a request.
            "client_config": _S3Config(
                connect_timeout=env.float("S3_TIMEOUT_SECONDS", default=5),
                read_timeout=env.float("S3_TIMEOUT_SECONDS", default=5) * 6,
                retries={"max_attempts": 2, "mode": "standard"},
            ),
        },
    }

# Security headers. Production (DEBUG off) runs behind TLS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://"),
}

REST_FRAMEWORK = {
    # The token first: a refused token answers 401 with WWW-Authenticate, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # JSON bodies are bounded in size and depth (400 beyond); forms and uploads as before.
    "DEFAULT_PARSER_CLASSES": [
        "zhanjiang_portal.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "zhanjiang_portal.api_errors.exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "zhanjiang_portal.schema.PortalAutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "湛江矛盾纠纷调处化解平台 API",
    "DESCRIPTION": "Zhanjiang dispute-mediation portal: public filing, staff cases, court integration.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Choice sets whose field names ("kind", "status") several areas use: parties are pushed
    # by courts and by the traffic police with the same kinds.
    "ENUM_NAME_OVERRIDES": {
        "PartyKindEnum": "cases.models.PartyKind",
        "PostingKindEnum": "village_affairs.models.PostingKind",
        "RuleStatusEnum": "village_affairs.models.RuleStatus",
        "MeetingKindEnum": "village_affairs.models.MeetingKind",
        "HomesteadApplicationStatusEnum": "village_affairs.models.ApplicationStatus",
        "LedgerOutcomeEnum": "village_affairs.models.LedgerOutcome",
    },
    # Swagger UI's files come from drf-spectacular-sidecar (no CDN, a strict CSP holds).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# The schema and its browsable UI: open in development; staff login needed in production
# unless this is turned on.
API_DOCS_PUBLIC = env.bool("API_DOCS_PUBLIC", default=DEBUG)

# Hardening: request limits, tokens, login throttling, the client address, CSP.
# Largest JSON body (bytes) and deepest nesting any API accepts; beyond them 400.
API_JSON_MAX_BYTES = env.int("API_JSON_MAX_BYTES", default=256 * 1024)
API_JSON_MAX_DEPTH = env.int("API_JSON_MAX_DEPTH", default=8)
# Parties per side (applicants, respondents, agents) of one case, on every way in.
CASES_MAX_PARTIES_PER_SIDE = env.int("CASES_MAX_PARTIES_PER_SIDE", default=20)
# Staff API tokens (POST /api/v1/auth/token/) expire after this many hours.
API_TOKEN_LIFETIME_HOURS = env.float("API_TOKEN_LIFETIME_HOURS", default=12)
# The client address that rate limits and login throttling count by. Behind a reverse proxy,
# name the header it sets (e.g. X-Forwarded-For) and how many proxies append to it; the address
# that many entries from the right is the client's. Unset: the connection's REMOTE_ADDR.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")
CLIENT_IP_PROXY_COUNT = env.int("CLIENT_IP_PROXY_COUNT", default=1)
# Login throttling (django-axes): failures allowed per account and, separately, per client
# address before a lock-out of AXES_COOLOFF_MINUTES; an administrator can release it in the
# admin (访问尝试).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=15)
AXES_COOLOFF_TIME = dt.timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out_response"
AXES_CLIENT_IP_CALLABLE = "zhanjiang_portal.clients.client_ip"
AXES_USERNAME_CALLABLE = "accounts.lockout.username_of"
AXES_VERBOSE = True
# Content-Security-Policy (django-csp): scripts, styles, images and fonts from the portal only;
# no inline script or style anywhere.
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

# Celery: the embedded default is kombu's filesystem transport, which needs no server.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_IS_FILESYSTEM = CELERY_BROKER_URL.startswith("filesystem://")
_broker_dir = VAR_DIR / "celery-broker"
if CELERY_BROKER_IS_FILESYSTEM:
    _broker_dir.mkdir(parents=True, exist_ok=True)
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        "control_folder": str(VAR_DIR / "celery-control"),
        "store_processed": False,
    }
    if CELERY_BROKER_IS_FILESYSTEM
    else {"visibility_timeout": 3600}
)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fixup closes the database connection before and after every task unless this
# is set, so each task paid for a new PostgreSQL backend. Tasks keep their connection as
# requests do: zhanjiang_portal/celery.py applies CONN_MAX_AGE and the health checks around
# each task, and the fixup only recycles a connection after this many tasks.
CELERY_DB_REUSE_MAX = 1000
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# One queue per kind of work, so that a slow kind (a backlog of reminders, an SMS gateway that
# hangs) cannot starve the others: production runs a worker per queue (docker-compose.yml,
# docs/deploy.md). A worker started without -Q consumes them all (dev.py run, the tests).
# "celery" takes everything not routed here (the heartbeat, tasks of areas added later).
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = [
    Queue(name) for name in ("celery", "routing", "transfers", "reminders", "notifications")
]
CELERY_TASK_ROUTES = {
    "mediation.*": {"queue": "routing"},
    "transfers.remind": {"queue": "reminders"},  # exact names win over the patterns
    "transfers.*": {"queue": "transfers"},
    "deadlines.*": {"queue": "reminders"},
    "notifications.*": {"queue": "notifications"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"personal_data": {"()": "zhanjiang_portal.log_masking.PersonalDataFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"jieba": {"level": "WARNING"}},
}

# Intake: evidence limits and per-client rate limits of the public endpoints.
CASES_EVIDENCE_MAX_BYTES = env.int("CASES_EVIDENCE_MAX_BYTES", default=20 * 1024 * 1024)
CASES_EVIDENCE_MAX_FILES = env.int("CASES_EVIDENCE_MAX_FILES", default=20)
# bucket -> (requests allowed, window in seconds). "filing" counts the filings that went
# through, per client address and applicant (villagers behind one address do not share it);
# "filing_address" caps the successful filings of one address; "invalid" counts rejected
# submissions per address (a flood of malformed ones); "filing_global" protects the database
# from all clients together.
CASES_RATE_LIMITS = {
    "lookup": (env.int("CASES_RATE_LOOKUPS_PER_MINUTE", default=30), 60),
    "filing": (env.int("CASES_RATE_FILINGS_PER_HOUR", default=10), 3600),
    "filing_address": (env.int("CASES_RATE_FILINGS_PER_ADDRESS_PER_HOUR", default=100), 3600),
    "invalid": (env.int("CASES_RATE_INVALID_PER_HOUR", default=60), 3600),
    "filing_global": (env.int("CASES_RATE_FILINGS_GLOBAL_PER_MINUTE", default=300), 60),
    "evidence": (env.int("CASES_RATE_UPLOADS_PER_HOUR", default=40), 3600),
}

# Deadlines and notifications
# Where SMS and e-mail go: a dotted path to a class with send(message) -> provider reference.
# The default writes to the log (the OutboundMessage table shows what was sent).
NOTIFICATIONS_SMS_BACKEND = env.str(
    "NOTIFICATIONS_SMS_BACKEND", default="notifications.backends.LogBackend"
)
NOTIFICATIONS_EMAIL_BACKEND = env.str(
    "NOTIFICATIONS_EMAIL_BACKEND", default="notifications.backends.LogBackend"
)
NOTIFICATIONS_SEND_MAX_ATTEMPTS = env.int("NOTIFICATIONS_SEND_MAX_ATTEMPTS", default=5)
# Retry n waits base × 4^(n-1) seconds, capped at 30 minutes.
NOTIFICATIONS_RETRY_BASE_SECONDS = env.int("NOTIFICATIONS_RETRY_BASE_SECONDS", default=30)
DEADLINES_SWEEP_BATCH = env.int("DEADLINES_SWEEP_BATCH", default=1000)
# Reminders fall at this hour (Beijing time) of their day.
DEADLINES_REMINDER_HOUR = env.int("DEADLINES_REMINDER_HOUR", default=8)

# Transfers and courts
# A transfer still pending this long after it was written is delivered by the sweep.
# A hand-off is delivered this long after its commit, with every other one made meanwhile
# (one run of the delivery task for a burst; transfers.services.queue_delivery).
TRANSFER_DELIVERY_GATHER_SECONDS = env.float("TRANSFER_DELIVERY_GATHER_SECONDS", default=0.2)
TRANSFER_SWEEP_AFTER_SECONDS = env.float("TRANSFER_SWEEP_AFTER_SECONDS", default=60)
TRANSFER_SWEEP_BATCH = env.int("TRANSFER_SWEEP_BATCH", default=500)
# Pushes to a receiver's own system: timeout, lease of one attempt, and backoff.
TRANSFER_EXTERNAL_TIMEOUT_SECONDS = env.float("TRANSFER_EXTERNAL_TIMEOUT_SECONDS", default=10)
TRANSFER_EXTERNAL_LEASE_SECONDS = env.float("TRANSFER_EXTERNAL_LEASE_SECONDS", default=120)
TRANSFER_EXTERNAL_RETRY_BASE_SECONDS = env.float("TRANSFER_EXTERNAL_RETRY_BASE_SECONDS", default=30)
TRANSFER_EXTERNAL_RETRY_MAX_SECONDS = env.float("TRANSFER_EXTERNAL_RETRY_MAX_SECONDS", default=3600)
# Retries due sooner than this ride a Celery countdown; later ones wait in the database for
# the sweep, far inside Redis's one-hour visibility timeout.
TRANSFER_QUEUE_MAX_COUNTDOWN = env.float("TRANSFER_QUEUE_MAX_COUNTDOWN", default=600)
if CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600) <= TRANSFER_QUEUE_MAX_COUNTDOWN:
    raise ImproperlyConfigured(
        "TRANSFER_QUEUE_MAX_COUNTDOWN must stay below the broker's visibility timeout."
    )
# Hours a receiver has to sign for (签收) a transfer before it is reminded (assumed default;
# one town centre's practice is 30 minutes).
TRANSFER_SIGN_FOR_HOURS = env.float("TRANSFER_SIGN_FOR_HOURS", default=24)
# Working days a receiver has to answer before a reminder, and again before escalation.
TRANSFER_ANSWER_WORKING_DAYS = env.int("TRANSFER_ANSWER_WORKING_DAYS", default=3)
# Mediation: working hours a routed case may wait for a mediator to accept it before the
# stranded-case sweep moves it one level up and tells the supervisors (assumed default).
MEDIATION_ACCEPT_WORKING_HOURS = env.int("MEDIATION_ACCEPT_WORKING_HOURS", default=16)
# Statistics: a change marks its periods stale at once; one rollup refresh follows a burst of
# changes this many seconds after its first (0: a refresh queued for every change).
STATS_REFRESH_DELAY_SECONDS = env.int("STATS_REFRESH_DELAY_SECONDS", default=10)
# Pre-litigation mediation: cap of an agreed extension (days; domain.md §2, assumed).
PRE_LITIGATION_MAX_EXTENSION_DAYS = env.int("PRE_LITIGATION_MAX_EXTENSION_DAYS", default=30)
# 12368 enquiries: wrong number/password answers allowed per staff member per hour.
ENQUIRY_MAX_FAILURES_PER_HOUR = env.int("ENQUIRY_MAX_FAILURES_PER_HOUR", default=20)
# ... and per case, whoever asks: a case guessed at this often answers no one for the hour.
ENQUIRY_MAX_FAILURES_PER_CASE_PER_HOUR = env.int(
    "ENQUIRY_MAX_FAILURES_PER_CASE_PER_HOUR", default=5
)
# The clerk dashboard's yearly success rate and median are recomputed at most this often.
DASHBOARD_YEAR_FIGURES_SECONDS = env.int("DASHBOARD_YEAR_FIGURES_SECONDS", default=300)
# Small claims: 50 % of Guangdong's previous-year average annual wage (yuan; assumed figure).
SMALL_CLAIMS_THRESHOLD = env.int("SMALL_CLAIMS_THRESHOLD", default=60000)
# Causes of action sent to the fast-track (速裁) team whatever the amount.
SIMPLE_TRACK_CAUSES = env.list(
    "SIMPLE_TRACK_CAUSES",
    default=["民间借贷纠纷", "信用卡纠纷", "物业服务合同纠纷", "机动车交通事故责任纠纷"],
)

# Village affairs: homestead area caps in m² by terrain (Guangdong's standard, assumed), and the
# days after a period ends before a missing posting is flagged to the town.
HOMESTEAD_AREA_CAPS = {
    key: float(value)
    for key, value in env.dict(
        "HOMESTEAD_AREA_CAPS", default={"plain": "80", "hill": "120", "mountain": "150"}
    ).items()
}
VILLAGE_POSTING_GRACE_DAYS = env.int("VILLAGE_POSTING_GRACE_DAYS", default=10)
# Legal aid
# Share (0 to 1) of notification-commitments picked at random for checking afterwards.
LEGAL_AID_VERIFICATION_SHARE = env.float("LEGAL_AID_VERIFICATION_SHARE", default=0.2)
if not 0 <= LEGAL_AID_VERIFICATION_SHARE <= 1:
    raise ImproperlyConfigured("LEGAL_AID_VERIFICATION_SHARE must be between 0 and 1.")
# The longest period a handling organisation may grant a lawyer to read a case file online.
LEGAL_AID_FILE_ACCESS_MAX_DAYS = env.int("LEGAL_AID_FILE_ACCESS_MAX_DAYS", default=30)
# --- Documents ---
# The TrueType font (.ttf, or a .ttc whose first face is used) every PDF embeds; the default
# is the one shipped in zhanjiang_portal/fonts/ (see its README for the licence).
DOCUMENTS_FONT = Path(
    env.str(
        "DOCUMENTS_FONT", default=str(BASE_DIR / "zhanjiang_portal" / "fonts" / "wqy-microhei.ttc")
    )
)
if not DOCUMENTS_FONT.is_file():
    raise ImproperlyConfigured(f"DOCUMENTS_FONT: no font file at {DOCUMENTS_FONT}")
