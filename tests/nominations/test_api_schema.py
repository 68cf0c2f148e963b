"""The API's OpenAPI schema (issue 22): it validates, it is served, and the committed copy matches the code.

When the drift test fails after a deliberate change of the API, regenerate the copy::

    .venv/bin/python manage.py spectacular --validate --fail-on-warn --file docs/api/openapi.yaml
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openapi_spec_validator import validate

from nominations.api.schema import generate

COMMITTED = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.yaml"


def _schema() -> dict:
    with translation.override("vi"):
        return yaml.safe_load(yaml.safe_dump(generate(), allow_unicode=True))  # the types the file reads back


def test_the_schema_validates_as_openapi_3():
    validate(_schema())


def test_every_api_route_is_in_the_schema_with_a_vietnamese_summary():
    paths = _schema()["paths"]

    assert {"/api/v1/registry/", "/api/v1/cycles/", "/api/v1/cycles/{id}/", "/api/v1/dossiers/",
            "/api/v1/dossiers/{id}/", "/api/v1/decisions/", "/api/v1/decisions/{id}/",
            "/api/v1/decisions/{id}/pdf/", "/api/v1/decisions/{id}/edxml/", "/api/v1/submissions/",
            "/api/v1/submissions/{id}/",
            "/api/v1/submissions/{id}/pdf/", "/api/v1/submissions/{id}/answer/", "/api/v1/units/",
            "/api/v1/people/", "/api/v1/report-requests/"} == set(paths)
    assert all(operation["summary"] and "401" in operation["responses"]
               for item in paths.values() for operation in item.values())


def test_the_committed_schema_is_the_codes():
    committed = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))

    assert committed == _schema(), (
        "docs/api/openapi.yaml differs from the API the code serves; regenerate it (see this module's docstring) "
        "and commit it with the change")


@pytest.mark.django_db
def test_the_schema_is_served_to_a_signed_in_person_and_its_page_lists_each_route(login):
    client = login("hcqt")

    schema = client.get(reverse("api:schema"), {"format": "json"})
    page = client.get(reverse("api:docs"))

    assert schema.status_code == 200 and "/api/v1/decisions/" in schema.json()["paths"]
    assert page.status_code == 200
    assert "Tra cứu sổ khen thưởng" in page.content.decode() and "/api/v1/decisions/{id}/pdf/" in page.content.decode()
