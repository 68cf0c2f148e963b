"""simulate_cycle drives a whole cycle through the services and flows and ends with nothing unfinished."""

import json

import pytest
from django.core.management import call_command

from nominations.models import Line, LineStatus, PastAward

pytestmark = pytest.mark.django_db


def run(capsys, *args) -> dict:
    call_command("simulate_cycle", *args, "--json")
    return json.loads(capsys.readouterr().out)


def test_on_the_seeded_office(capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        summary = run(capsys, "--year", "2025")

    assert summary["unfinished_processes"] == 0
    assert summary["agency"] == "VP" and summary["dossiers"] == 8 and summary["returned_dossiers"] == 2
    pledges = summary["pledges"]
    assert (pledges["units_registered"], pledges["returned"], pledges["status"]) == (8, 1, "acknowledged")
    assert pledges["document"] == "01/VP-HCQT" and pledges["document_status"] == "ready"
    assert sum(summary["lines_by_outcome"].values()) == sum(summary["lines_by_title"].values()) == summary["lines"]
    awarded = summary["lines_by_outcome"][LineStatus.AWARDED]
    assert summary["awards_recorded"] == awarded == PastAward.objects.filter(year=2025).count()
    assert summary["lines_by_outcome"].get(LineStatus.HA_REJECTED, 0) >= 1
    numbers = [d["number"] for d in summary["documents"] if d["kind"] == "decision"]
    assert numbers == [f"{n:02d}/QĐ-VP" for n in range(1, len(numbers) + 1)]
    assert {d["status"] for d in summary["documents"]} == {"ready"}


def test_on_a_generated_agency(capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        summary = run(capsys, "--year", "2025", "--units", "4", "--staff-per-unit", "6", "--seed", "3")

    assert summary["unfinished_processes"] == 0
    assert summary["units"] == 4 and summary["dossiers"] == 4
    assert summary["lines"] == Line.objects.filter(cycle__agency__code=summary["agency"]).count()
    assert summary["awards_recorded"] == summary["lines_by_outcome"][LineStatus.AWARDED]
