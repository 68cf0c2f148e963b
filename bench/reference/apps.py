from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    """Installed only by ``bench/settings_reference.py`` (and by the smoke test): viewflow needs its flows in an
    app. It has no models and no migrations — the processes are viewflow's own ``Process`` rows."""

    name = "bench.reference"
    label = "bench_reference"
