from django.apps import AppConfig


class FlowAppConfig(AppConfig):
    """A minimal flow used only by the engine's tests (installed by config.settings.test)."""

    name = "tests.flowapp"
    label = "flowapp"
