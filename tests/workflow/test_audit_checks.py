"""History stays complete: no bulk writes on history-tracked models, no admin revert."""

import textwrap

import pytest
from django.core import checks
from django.urls import reverse

from accounts.models import Unit
from workflow.audit import mark_secret
from workflow.audit.checks import (
    check_no_bulk_writes_on_history,
    check_secret_models_not_in_history_admin,
    scan_paths,
)
from workflow.audit.secrets import unmark_secret

PLANTED = textwrap.dedent('''
    from accounts.models import Unit, User

    def rename_all(agency):
        Unit.objects.filter(agency=agency).update(name="x")

    def import_people(rows):
        User.objects.bulk_create(rows)

    def touch(unit):
        unit.members.update(is_leader=False)

    def reorder(units):
        Unit._default_manager.bulk_update(units, ["position"])

    def allowed(agency):
        Unit.objects.filter(agency=agency).update(position=0)  # audit: bulk-ok positions are not audited

    def through_a_name(agency):
        units = Unit.objects.filter(agency=agency)
        leaders = units.exclude(code="LD").order_by("code")
        leaders.update(kind="x")

    def not_a_model(data):
        data.update({"a": 1})
        {}.update(b=2)
        options = {"a": 1}
        options.update(b=2)
''')


def test_the_scan_finds_every_planted_bulk_write(tmp_path):
    module = tmp_path / "planted.py"
    module.write_text(PLANTED, encoding="utf-8")

    hits = scan_paths([tmp_path])

    assert [(hit.line, hit.model, hit.method) for hit in hits] == [
        (5, "accounts.Unit", "update"),
        (8, "accounts.User", "bulk_create"),
        (11, "accounts.User", "update"),
        (14, "accounts.Unit", "bulk_update"),
        (22, "accounts.Unit", "update"),
    ]


def test_the_scan_skips_migrations_and_tests(tmp_path):
    for folder in ("migrations", "tests"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "m.py").write_text(PLANTED, encoding="utf-8")

    assert scan_paths([tmp_path]) == []


def test_the_system_check_fails_the_build_on_a_planted_bulk_write(tmp_path, settings):
    (tmp_path / "accounts").mkdir()
    (tmp_path / "accounts" / "bad.py").write_text(PLANTED, encoding="utf-8")
    settings.BASE_DIR = tmp_path

    errors = check_no_bulk_writes_on_history()

    assert {e.id for e in errors} == {"workflow.E101"}
    assert len(errors) == 5
    assert "bad.py:5: accounts.Unit….update()" in errors[0].msg


def test_our_code_has_no_bulk_write_on_history_tracked_models():
    assert check_no_bulk_writes_on_history() == []


def test_the_checks_are_registered():
    ids = {e.id for e in checks.run_checks()}
    assert "workflow.E101" not in ids and "workflow.E102" not in ids
    registered = checks.registry.registry.get_checks()
    assert check_no_bulk_writes_on_history in registered
    assert check_secret_models_not_in_history_admin in registered


def test_a_secret_model_in_a_history_admin_fails_the_check():
    mark_secret(Unit, "name")
    try:
        errors = check_secret_models_not_in_history_admin()
    finally:
        unmark_secret(Unit, "name")

    assert [e.id for e in errors] == ["workflow.E102"]


def _renamed_unit_and_revert_post(login):
    unit = Unit.objects.get(agency__code="VP", code="KT")
    old_name = unit.name
    unit.name = "Phòng Kinh tế – Ngành"
    unit._history_user = None
    unit.save()
    old_version = unit.history.earliest("history_date")
    url = reverse("admin:accounts_unit_simple_history", args=[unit.pk, old_version.history_id])
    client = login("admin")
    data = {"agency": unit.agency_id, "code": "KT", "name": old_name, "kind": unit.kind, "position": unit.position}
    return unit, client, url, data


@pytest.mark.django_db
def test_the_admin_cannot_revert_a_history_version(settings, login):
    assert settings.SIMPLE_HISTORY_REVERT_DISABLED is True
    unit, client, url, data = _renamed_unit_and_revert_post(login)

    page = client.get(url)
    response = client.post(url, data)

    assert page.status_code == 200 and "Revert" not in page.content.decode()
    assert response.status_code == 403
    unit.refresh_from_db()
    assert unit.name == "Phòng Kinh tế – Ngành"


@pytest.mark.django_db
def test_without_the_guard_the_setting_alone_would_let_the_admin_revert(login, rf, person):
    """Why the guard exists: SIMPLE_HISTORY_REVERT_DISABLED only hides simple-history's button."""
    from django.contrib import admin
    from django.contrib.messages.storage.fallback import FallbackStorage
    from simple_history.admin import SimpleHistoryAdmin

    unit, _client, url, data = _renamed_unit_and_revert_post(login)
    version = unit.history.earliest("history_date")
    request = rf.post(url, data)
    request.user = person("admin")
    request.session = {}
    request._messages = FallbackStorage(request)
    library_view = SimpleHistoryAdmin.history_form_view.__wrapped__

    response = library_view(admin.site._registry[Unit], request, str(unit.pk), str(version.history_id))

    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Phòng Kinh tế"
