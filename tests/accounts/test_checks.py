"""The system check that every model of ours keeps history can fail."""

from types import SimpleNamespace

from django.db import models
from django.test.utils import isolate_apps

from accounts.checks import check_history_registered


def test_project_models_all_have_history():
    assert check_history_registered() == []


@isolate_apps("nominations")
def test_a_model_without_history_is_reported():
    class Untracked(models.Model):  # noqa: DJ008
        class Meta:
            app_label = "nominations"

    nominations = SimpleNamespace(label="nominations", get_models=lambda: [Untracked])

    errors = check_history_registered(app_configs=[nominations])

    assert [e.id for e in errors] == ["accounts.E001"]
    assert check_history_registered(app_configs=[SimpleNamespace(label="accounts", get_models=list)]) == []


@isolate_apps("nominations")
def test_an_exempt_model_must_say_why():
    class AppendOnlyLog(models.Model):  # noqa: DJ008
        history_exempt_reason = "append-only, hash-chained"

        class Meta:
            app_label = "nominations"

    config = SimpleNamespace(label="nominations", get_models=lambda: [AppendOnlyLog])
    assert check_history_registered(app_configs=[config]) == []
