"""Settings for the bare reference of ``bench/province.py``: the project's local settings plus the reference
flow's app (no models, no migrations). Only the benchmark uses it."""

from config.settings.local import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench.reference.apps.ReferenceConfig"]  # noqa: F405
