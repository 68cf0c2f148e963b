import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def vietnamese():
    """Verdicts are read in the active language; a page visited in English by an earlier test on the
    same worker must not leave English active for the next one."""
    with translation.override("vi"):
        yield


@pytest.fixture
def catalogue_transactional_db(seeded_transactional_db):
    """Transactional tests flush the database, data migrations included: load the award catalogue
    and the rule sets again, with the migrations' own functions."""
    import importlib

    from django.apps import apps

    from nominations.models import Award

    if Award.objects.exists():
        return
    for name in ("0004_catalogue_and_rule_sets_data", "0005_history_only_awards"):
        importlib.import_module(f"nominations.migrations.{name}").load(apps, None)
