"""Celery application.

With no ``CELERY_BROKER_URL`` the settings make every task run eagerly, in-process, so the
embedded default (``make run``) needs no Redis; production points the broker at Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("thidua")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
