"""`make run` prints every demo login (`seed_demo --print-logins`), not a selection."""

import io

import pytest
from django.core.management import call_command

from accounts.demo import build_spec

pytestmark = pytest.mark.django_db


def test_every_demo_login_is_printed():
    out = io.StringIO()

    call_command("seed_demo", "--print-logins", stdout=out)

    printed = {line.split()[0] for line in out.getvalue().splitlines() if line.startswith("  ")}
    everyone = {person.username for person in build_spec().people} | {"admin"}
    assert printed == everyone
    assert {"truongphong.kt", "phochanhvp2", "phochanhvp3", "chutich"} <= printed
