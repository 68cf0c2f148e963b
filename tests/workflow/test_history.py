"""workflow.history.full_clean: Django's ``full_clean`` without asking the database whether the rows the caller
already holds exist (issue 23: half of the year's validation queries), and otherwise the same answers."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Agency, Unit
from tests.factories import AgencyFactory, UnitFactory
from workflow.history import full_clean, history_save

pytestmark = pytest.mark.django_db

AGENCY_TABLE = Agency._meta.db_table


def _asks_for_agency(queries) -> list[str]:
    return [q["sql"] for q in queries if f'FROM "{AGENCY_TABLE}"' in q["sql"]]


def test_a_held_agency_is_not_read_again_but_the_unit_code_is_still_checked_unique():
    # Given an agency read from the database and a new unit of it
    agency = Agency.objects.get(pk=AgencyFactory().pk)
    unit = Unit(agency=agency, code="P01", name="Phòng Hành chính")
    # When it is validated
    with CaptureQueriesContext(connection) as queries:
        full_clean(unit)
    # Then the agency's existence is not asked again; the (agency, code) constraint still is
    assert _asks_for_agency(queries) == []
    assert any(f'FROM "{Unit._meta.db_table}"' in q["sql"] for q in queries)
    # ... while Django's own full_clean asks for the agency
    with CaptureQueriesContext(connection) as django_queries:
        unit.full_clean()
    assert len(_asks_for_agency(django_queries)) == 1


def test_a_key_given_by_number_is_still_checked_and_a_missing_row_refused():
    # Given a unit whose agency is only a number, of no agency
    unit = Unit(agency_id=987654, code="P01", name="Phòng Hành chính")
    # When it is validated, then the missing agency is an error on that field, as Django reports it
    with pytest.raises(ValidationError) as ours:
        full_clean(unit)
    with pytest.raises(ValidationError) as django:
        unit.full_clean()
    assert "agency" in ours.value.message_dict
    assert ours.value.message_dict == django.value.message_dict


def test_an_unsaved_agency_is_not_taken_as_held():
    # Given a unit of an agency never saved (a caller's bug): Django refuses it, and so do we
    unit = Unit(agency=Agency(code="X"), code="P01", name="Phòng Hành chính")
    with pytest.raises(ValidationError) as ours:
        full_clean(unit)
    with pytest.raises(ValidationError) as django:
        unit.full_clean()
    assert ours.value.message_dict == django.value.message_dict


def test_the_errors_are_django_s_for_a_row_broken_in_several_ways():
    # Given a unit of a held agency whose code is taken there, and whose name is empty and code malformed
    existing = UnitFactory(code="P01")
    agency = Agency.objects.get(pk=existing.agency_id)
    duplicate = Unit(agency=agency, code="P01", name="")
    malformed = Unit(agency=agency, code="có dấu cách", name="")
    for unit in (duplicate, malformed):
        # When it is validated, then the same fields fail with the same messages as Django's full_clean
        with pytest.raises(ValidationError) as ours:
            full_clean(unit)
        with pytest.raises(ValidationError) as django:
            unit.full_clean()
        assert ours.value.message_dict == django.value.message_dict
        assert "name" in ours.value.message_dict
    # ... and the duplicate (agency, code) is among them
    with pytest.raises(ValidationError) as ours:
        full_clean(duplicate)
    assert any("P01" in m or "đã tồn tại" in m or "already exists" in m for m in ours.value.messages), ours.value


def test_history_save_refuses_what_full_clean_refuses_and_writes_nothing():
    existing = UnitFactory(code="P01")
    agency = Agency.objects.get(pk=existing.agency_id)
    before = Unit.history.count()
    with pytest.raises(ValidationError):
        history_save(Unit(agency=agency, code="P01", name="Phòng trùng mã"), None)
    assert Unit.objects.filter(agency=agency).count() == 1
    assert Unit.history.count() == before
