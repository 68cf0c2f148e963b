"""Development: ``make run``. SQLite file, inline jobs, console e-mail, demo logins."""

from config.env import env_bool, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "") or "dev-only-insecure-key-never-use-in-production"
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "") or "thidua@2024"
DOCUMENT_SIGNING_DEV_AUTO_ISSUE = env_bool("DOCUMENT_SIGNING_DEV_AUTO_ISSUE", True)
WEBHOOK_ALLOW_HTTP = env_bool("WEBHOOK_ALLOW_HTTP", True)  # a receiver on the developer's machine
