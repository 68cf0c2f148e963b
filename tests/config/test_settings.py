"""Production settings: safe by `check --deploy`, and a missing secret stops start-up plainly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A clean deployment's environment: nothing of this test process (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE for Playwright, which the deploy checks rightly refuse).
    inherited = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environ = {k: v for k, v in os.environ.items() if k not in inherited}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120, check=False,
    )


def test_missing_secret_key_stops_production_with_one_line():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="config.settings.production")

    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def _production_signing() -> dict:
    """A production signing set-up: the provincial signing service, and a CA bundle standing in for the national
    roots (as in the Makefile's deploy check)."""
    import certifi

    return {"DOCUMENT_SIGNING_BACKEND": "remote", "DOCUMENT_SIGNING_REMOTE_URL": "https://ky-so.quangngai.example",
            "DOCUMENT_SIGNING_TRUST_ROOTS": certifi.where()}


def test_production_passes_the_deploy_checks():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 20 + "-production-secret-for-the-deploy-check-0123456789",
        ALLOWED_HOSTS="thidua.quangngai.example", **_production_signing(),
    )

    assert result.returncode == 0, result.stderr


def test_production_signing_with_the_development_ca_or_without_trust_roots_is_named():
    secret = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "ALLOWED_HOSTS": "thidua.quangngai.example",
              "SECRET_KEY": "x" * 20 + "-production-secret-for-the-deploy-check-0123456789"}

    dev_ca = run_manage("check", "--deploy", "--fail-level", "WARNING", **secret)
    no_roots = run_manage("check", "--deploy", "--fail-level", "WARNING", **secret,
                          **{**_production_signing(), "DOCUMENT_SIGNING_TRUST_ROOTS": ""})
    no_service = run_manage("check", **secret, **{**_production_signing(), "DOCUMENT_SIGNING_REMOTE_URL": ""})

    assert dev_ca.returncode != 0 and "workflow.W406" in dev_ca.stderr
    assert no_roots.returncode != 0 and "workflow.W407" in no_roots.stderr
    assert no_service.returncode != 0 and "workflow.E404" in no_service.stderr


def test_a_malformed_yes_no_variable_is_named():
    result = run_manage("check", DEBUG="maybe")

    assert result.returncode != 0
    assert "DEBUG='maybe' is not a yes/no value" in result.stderr


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_manage_py_honours_the_settings_option():
    """`manage.py check --deploy --settings=config.settings.production` runs the production settings: the
    settings were loaded before Django read the option, so the local ones ran (and their warnings)."""
    secret = "x" * 20 + "-production-secret-for-the-deploy-check-0123456789"

    missing = run_manage("check", "--deploy", "--settings=config.settings.production")
    assert missing.returncode != 0 and "SECRET_KEY is not set" in missing.stderr

    passed = run_manage("check", "--deploy", "--fail-level", "WARNING", "--settings=config.settings.production",
                        SECRET_KEY=secret, ALLOWED_HOSTS="thidua.quangngai.example", **_production_signing())
    assert passed.returncode == 0, passed.stderr

    shown = run_manage("shell", "--settings", "config.settings.production", "-c",
                       "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)",
                       SECRET_KEY=secret)
    assert shown.stdout.strip().splitlines()[-1].split() == ["config.settings.production", "False"], shown.stderr


@pytest.mark.django_db
def test_the_apps_postgresql_connections_run_without_jit():
    """Issue 23: PostgreSQL's JIT spent 2–3 s compiling the plan of list queries that run in tens of milliseconds;
    the app's connections turn it off (DATABASE_JIT=1 would leave the server's setting)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def _database_settings(**env: str) -> list[str]:
    shown = run_manage("shell", "-c", "from django.db import connection as c; s = c.settings_dict; "
                       "print(s['CONN_MAX_AGE'], s['CONN_HEALTH_CHECKS'], s['DISABLE_SERVER_SIDE_CURSORS'])",
                       DATABASE_URL="postgres://thidua@db.example:5432/thidua", **env)
    assert shown.returncode == 0, shown.stderr
    return shown.stdout.strip().splitlines()[-1].split()


def test_production_reuses_database_connections_and_pgbouncer_turns_it_off():
    """Issue 23: each gunicorn worker keeps its PostgreSQL connection (a minute, checked before use) in production;
    behind PgBouncer in transaction pooling the environment sets no reuse and no server-side cursors."""
    production = {"DJANGO_SETTINGS_MODULE": "config.settings.production",
                  "SECRET_KEY": "x" * 20 + "-production-secret-for-the-deploy-check-0123456789"}

    assert _database_settings(**production) == ["60", "True", "False"]
    assert _database_settings(**production, CONN_MAX_AGE="0", DATABASE_DISABLE_SERVER_SIDE_CURSORS="1") == [
        "0", "True", "True"]
    assert _database_settings(DJANGO_SETTINGS_MODULE="config.settings.local") == ["0", "True", "False"]


def test_several_app_nodes_share_the_cache_through_redis_and_sessions_live_in_the_database():
    """Issue 23: nothing an app node keeps for itself matters to the next request, which may reach another node."""
    code = ("from django.conf import settings as s; "
            "print(s.CACHES['default']['BACKEND'].rsplit('.', 1)[1], s.SESSION_ENGINE.rsplit('.', 1)[1])")

    shared = run_manage("shell", "-c", code, CACHE_URL="redis://127.0.0.1:6379/1")
    alone = run_manage("shell", "-c", code)

    assert shared.stdout.strip().splitlines()[-1].split() == ["RedisCache", "db"], shared.stderr
    assert alone.stdout.strip().splitlines()[-1].split() == ["LocMemCache", "db"], alone.stderr
