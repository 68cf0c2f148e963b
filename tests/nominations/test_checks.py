"""System check nominations.E101: every criterion code has its function."""

from nominations import checks
from nominations.eligibility import criteria


def test_every_criterion_code_has_a_function():
    assert checks.check_every_criterion_has_a_function() == []


def test_a_code_without_a_function_is_reported(monkeypatch):
    monkeypatch.delitem(criteria.CRITERIA, "agency_cap")

    errors = checks.check_every_criterion_has_a_function()

    assert [e.id for e in errors] == ["nominations.E101"]
    assert "agency_cap" in errors[0].msg
