"""Settings shared by every environment; everything that differs comes from the environment.

``local`` (development, the default of ``manage.py``), ``test`` and ``production`` build on it.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "workflow.admin_apps.AdminConfig",  # django.contrib.admin; forbidden objects answer like missing ones
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's widget templates, for FORM_RENDERER below
    "viewflow",
    "viewflow.workflow",
    "django_filters",
    "guardian",
    "simple_history",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "accounts",
    "workflow",
    "nominations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # viewflow's AppConfig appends its site middleware, which would answer 403 to anonymous
    # users; requiring login first turns that into a redirect to the login page.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Each request reads a person's scope (guardian object permissions) once: accounts.scope.
    "accounts.scope.ScopeMemoMiddleware",
    # Request id and IP for the audit log; then auditors' accounts refuse every write.
    "workflow.audit.context.RequestContextMiddleware",
    "workflow.audit.middleware.AuditorReadOnlyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "workflow.middleware.TaskInProcessMiddleware",
    "workflow.middleware.NulInputMiddleware",
    # With DEBUG on, a 404 raised by one of our pages shows our 404 page, not Django's technical one.
    "workflow.errors.DebugNotFoundMiddleware",
    "viewflow.middleware.SiteMiddleware",
    "viewflow.middleware.HotwireTurboMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "workflow.context_processors.inbox",
            ],
        },
    },
]

# Every form drawn one way, in the Material shell's look (workflow/forms_rendering.py).
FORM_RENDERER = "workflow.forms_rendering.SiteFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", True),
    )
}
# Behind PgBouncer in transaction pooling a server-side cursor (QuerySet.iterator()) can meet another
# transaction's server connection: DATABASE_DISABLE_SERVER_SIDE_CURSORS=1 there, with CONN_MAX_AGE=0 (README).
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DATABASE_DISABLE_SERVER_SIDE_CURSORS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool("DATABASE_JIT", False):
    # PostgreSQL's JIT compiles the plan of any query it estimates costly: on the task and registry lists that
    # cost 2–3 s of compiling for a query that runs in tens of milliseconds (issue 23's measurements). The app's
    # connections turn it off; DATABASE_JIT=1 leaves the server's setting. (A PgBouncer in front must list
    # "options" in ignore_startup_parameters, or set jit=off for the app's role instead: README.)
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# Sessions live in the database (Django's default engine) and django-axes counts failed logins there, so any app
# node serves any request. The cache holds only memos (a signature's verified path); with several nodes behind
# the proxy CACHE_URL=redis://… shares them, otherwise each process keeps its own.
_CACHE_URL = env_str("CACHE_URL", "")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
          if _CACHE_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"

# The REST API (issue 22, nominations/api): token clients only, one pagination, RFC 9457 problem details, a
# rate per client (API_RATE, DRF's "<n>/<second|minute|hour|day>").
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["nominations.api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated",
                                   "nominations.api.authentication.AuditorsReadOnly"],
    "DEFAULT_THROTTLE_CLASSES": ["nominations.api.authentication.ApiClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_client": env_str("API_RATE", "600/minute")},
    "DEFAULT_PAGINATION_CLASS": "nominations.api.pagination.Pagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "nominations.api.errors.problem_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API hệ thống thi đua – khen thưởng",
    "DESCRIPTION": "Phiên bản 1. Xác thực: Authorization: Bearer <mã truy cập>. Lỗi: RFC 9457 problem details.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "DossierStatusEnum": "nominations.models.dossiers.DossierStatus",
        "LineStatusEnum": "nominations.models.dossiers.LineStatus",
        "SubjectKindEnum": ["person", "unit"],
        "SubmissionStateEnum": ["draft", "at_home_affairs", "returned", "answered"],
        "VerdictEnum": ["accepted", "returned", "rejected"],
        "KindEnum": "nominations.models.dossiers.AttachmentKind",  # the name it had before units/ came
        "UnitKindEnum": "accounts.models.Unit.Kind",
    },
}
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"

# Sessions end after a period without activity (every request renews them) and with the browser.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Repeated failed logins lock that username from that address for a while (django-axes).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout_response"
AXES_VERBOSE = False
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first; English available through the language switcher.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
# Our strings are written in Vietnamese (locale/en translates them); locale_vendor/vi
# translates the English of the libraries we use (viewflow ships no Vietnamese).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
# Dates are Vietnamese in both languages: shown and typed dd/mm/yyyy, day first, never read US-style
# (config/formats/<lang>/formats.py; the form field and the calendar are workflow.dates).
FORMAT_MODULE_PATH = ["config.formats"]
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Issued documents (PDF) are private: never under STATIC_ROOT or MEDIA_ROOT, served only by
# a permission-checked view as an attachment.
DOCUMENTS_ROOT = Path(env_str("DOCUMENTS_ROOT", str(BASE_DIR / "private" / "documents")))

# Ký số (workflow.signing; README "Digital signatures"): where keys live — "devca" (the development CA under
# DOCUMENTS_ROOT/signing), "pkcs11" (a token or HSM) or "remote" (the provincial signing service).
DOCUMENT_SIGNING_BACKEND = env_str("DOCUMENT_SIGNING_BACKEND", "devca")
# PEM files of the CAs a signature must chain to (the national roots in production); empty: the development CA.
DOCUMENT_SIGNING_TRUST_ROOTS = env_list("DOCUMENT_SIGNING_TRUST_ROOTS", [])
# An RFC 3161 timestamping authority's URL ("dev": the local test authority); empty: no timestamp.
DOCUMENT_SIGNING_TSA_URL = env_str("DOCUMENT_SIGNING_TSA_URL", "")
DOCUMENT_SIGNING_PKCS11_MODULE = env_str("DOCUMENT_SIGNING_PKCS11_MODULE", "")
DOCUMENT_SIGNING_PKCS11_TOKEN = env_str("DOCUMENT_SIGNING_PKCS11_TOKEN", "")
DOCUMENT_SIGNING_PKCS11_PIN = env_str("DOCUMENT_SIGNING_PKCS11_PIN", "")
DOCUMENT_SIGNING_REMOTE_URL = env_str("DOCUMENT_SIGNING_REMOTE_URL", "")
DOCUMENT_SIGNING_REMOTE_TOKEN = env_str("DOCUMENT_SIGNING_REMOTE_TOKEN", "")
# The development CA gives a person or an agency a certificate the first time one must sign (make run, tests).
DOCUMENT_SIGNING_DEV_AUTO_ISSUE = env_bool("DOCUMENT_SIGNING_DEV_AUTO_ISSUE", False)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "thidua@localhost")
# The folder of Django's file-based e-mail backend (one file per message; bench/kill_http.py reads it).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", "") or None

# Background work: Redis + Celery when a broker is configured, inline otherwise.
_BROKER = env_str("CELERY_BROKER_URL", "") or None
CELERY_TASK_ALWAYS_EAGER = _BROKER is None
# Inline jobs never touch the network: without a broker Celery would default to AMQP on localhost.
CELERY_BROKER_URL = _BROKER or "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", _BROKER or "") or None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
# Periodic jobs (celery -A config beat), in TIME_ZONE: reminders every hour of office days
# (the job itself skips public holidays), the sweep for stale work every ten minutes, day and
# night, the digest at 07:30 before the working day starts.
CELERY_BEAT_SCHEDULE = {
    "send-reminders": {
        "task": "workflow.deadlines.send_reminders",
        "schedule": crontab(minute=0, hour="7-17", day_of_week="mon-sat"),
    },
    "sweep-stale": {
        "task": "workflow.sweep_stale",
        "schedule": crontab(minute="*/10"),
    },
    "send-digests": {
        "task": "workflow.notifications.send_digests",
        "schedule": crontab(minute=30, hour=7),
    },
    "resend-notifications": {
        "task": "workflow.notifications.resend_stale",
        "schedule": crontab(minute="*/5"),
    },
    # Webhook deliveries whose next try is due, and those whose message to the worker was lost.
    "send-webhooks": {
        "task": "workflow.webhooks.send_due",
        "schedule": crontab(minute="*"),
    },
}

# Deadlines and notifications: the reminder goes out this many working days before the due
# date; links in e-mails start with SITE_URL.
WORKFLOW_REMINDER_WORKING_DAYS = env_int("REMINDER_WORKING_DAYS", 2)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# The sweep (workflow.sweep): a job still running this long after it started is failed; a signed
# document still not issued this long after it was queued is queued again.
WORKFLOW_STALE_JOB_MINUTES = env_int("STALE_JOB_MINUTES", 60)
WORKFLOW_STALE_DOCUMENT_MINUTES = env_int("STALE_DOCUMENT_MINUTES", 15)
# The award domain's part of the sweep (nominations.services.papers): a confirmed báo cáo thành tích still
# without its PDF (and no recorded failure) this long after it was confirmed or last queued is queued again.
NOMINATIONS_STALE_REPORT_PDF_MINUTES = env_int("STALE_REPORT_PDF_MINUTES", 15)
# The notification outbox (workflow.notifications): an immediate e-mail still unsent this long after
# it was written is sent again (its worker died); a failed send is tried again after RETRY minutes,
# doubling each time, and given up (shown failed in the admin) after MAX_ATTEMPTS tries.
WORKFLOW_NOTIFICATION_STALE_MINUTES = env_int("NOTIFICATION_STALE_MINUTES", 5)
WORKFLOW_NOTIFICATION_RETRY_MINUTES = env_int("NOTIFICATION_RETRY_MINUTES", 5)
WORKFLOW_NOTIFICATION_MAX_ATTEMPTS = env_int("NOTIFICATION_MAX_ATTEMPTS", 5)
# Webhooks (workflow.webhooks): each POST waits at most TIMEOUT seconds; a failed one is tried again after
# RETRY seconds, doubling each time (at most 6 hours apart), and given up (failed, in the admin) after
# MAX_ATTEMPTS tries; a delivery never sent STALE minutes after it was written (its message was lost) is sent by
# the beat task. Subscribers' addresses must be https unless WEBHOOK_ALLOW_HTTP (development, tests).
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 5)
WEBHOOK_RETRY_SECONDS = env_int("WEBHOOK_RETRY_SECONDS", 60)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8)
WEBHOOK_STALE_MINUTES = env_int("WEBHOOK_STALE_MINUTES", 2)
WEBHOOK_ALLOW_HTTP = env_bool("WEBHOOK_ALLOW_HTTP", False)

# guardian: no anonymous user row; object permissions only for signed-in people.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# simple-history: the acting user comes from the request (HistoryRequestMiddleware) or from
# the service that saves, never guessed.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Behind a reverse proxy, the META key holding the client's address (e.g. "HTTP_X_REAL_IP");
# None: REMOTE_ADDR. Only set it when the proxy overwrites the header.
AUDIT_CLIENT_IP_HEADER = env_str("AUDIT_CLIENT_IP_HEADER", "") or None

# The one password of the demo logins (development only; production gives the demo
# accounts unusable passwords).
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "") or None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Functions that build the demo data, in order; each domain app appends its own.
DEMO_SEEDERS = ["accounts.demo.seed", "workflow.signing.demo.seed", "nominations.demo.seed",
                "nominations.demo_pledges.seed"]
