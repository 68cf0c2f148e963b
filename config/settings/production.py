"""Production: PostgreSQL, Redis + Celery, behind a TLS-terminating reverse proxy.

Start-up stops with one line naming the variable when something required is missing.
"""

from config.env import env_bool, env_int, env_required

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_required(
    "SECRET_KEY",
    "set it to a long random string, e.g. the output of "
    "python -c 'import secrets; print(secrets.token_urlsafe(50))'.",
)
DEMO_PASSWORD = None

# Each gunicorn worker keeps its PostgreSQL connection for a minute instead of opening one per request; the
# health check (base) drops one the server closed before a request uses it. CONN_MAX_AGE=0 behind PgBouncer in
# transaction pooling (README "Production stack").
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Behind the reverse proxy the client address is the last one it appends.
AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 1)
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
