"""A NUL character in any field is refused before a view runs (PostgreSQL cannot store it in
text; Django's model fields let it through to the database, which answered with a 500)."""

import pytest
from django.urls import reverse

from tests.nominations.helpers import open_cycle
from workflow.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["venue", "meeting_date"])
def test_a_nul_in_a_field_read_without_a_form_is_a_400_in_vietnamese_and_nothing_changes(login, field):
    cycle = open_cycle(2025)
    client = login("hcqt")
    before = AuditEvent.objects.count()
    data = {"cycle": cycle.pk, "meeting_date": "2025-12-20", "venue": "Phòng họp số 1"}
    data[field] = data[field] + "\x00"

    response = client.post(reverse("nominations:sessions"), data)

    assert response.status_code == 400
    assert "ký tự không hợp lệ (NUL)" in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_a_nul_in_a_query_string_is_refused_too(login):
    response = login("kiemtra").get(reverse("audit:index"), {"actor": "hc\x00qt"})

    assert response.status_code == 400
