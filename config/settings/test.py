"""The test suite: like development, but fast hashing and a throw-away media folder."""

import tempfile
from pathlib import Path

from .local import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="thidua-test-media-"))
DOCUMENTS_ROOT = Path(tempfile.mkdtemp(prefix="thidua-test-documents-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"

# A minimal flow for the engine's own tests (tests/flowapp).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.flowapp"]  # noqa: F405

# django-axes logs every failed login as a warning; the lockout tests make many on purpose.
LOGGING = {**LOGGING, "loggers": {"axes": {"level": "ERROR"}}}  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # The test cluster's commits do not wait for the WAL's fsync (1.8–3 ms a commit on this machine, 0.1 ms
    # without): what a test sees is the same, only a crash of the server could lose the last commits, of a
    # database thrown away anyway. It is a per-connection setting (the server's stays on); jit stays off.
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()
