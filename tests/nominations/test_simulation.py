"""simulate_cycle drives a whole cycle through the services and flows and ends with nothing unfinished."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from nominations.models import Dossier, Line, LineStatus, PastAward, Session
from workflow.documents.models import DocumentStatus, IssuedDocument
from workflow.documents.rendering import pdf_text

from .helpers import open_cycle

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
    assert summary["awards_recorded"] == awarded
    assert summary["lines_by_outcome"].get(LineStatus.HA_REJECTED, 0) >= 1
    numbers = [d["number"] for d in summary["documents"] if d["kind"] == "decision"]
    assert numbers == [f"{n:02d}/QĐ-VP" for n in range(1, len(numbers) + 1)]
    assert {d["status"] for d in summary["documents"]} == {"ready"}
    # The minutes carry a result row per line on the agenda, as the stored tally counted it (issue 17)
    session = Session.objects.select_related("minutes").get(cycle__year=2025)
    with session.minutes.pdf.open("rb") as handle:
        minutes = " ".join(pdf_text(handle.read()).split())
    items = list(session.items.all())
    assert len(items) == summary["lines"] > 0
    for item in items:
        result = "Đạt" if item.passed else "Không đạt"
        assert f"{item.yes}/{item.base} {item.percent:.2f} {result}".replace(".", ",") in minutes
    assert minutes.count(" Đạt ") + minutes.count(" Không đạt ") >= len(items)


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_each_year_is_lawful_ineligible_lines_are_refused_and_named(
        fast_pdfs, year, capsys, django_capture_on_commit_callbacks):
    """Issue 16's "done when": no awarded line fails a criterion re-checked after the decision, the
    deliberately disciplined people's lines are refused at submission with their criterion, and the
    CSTĐCS/LĐTT ratio of the year stays within the cap of the year's rule set."""
    with django_capture_on_commit_callbacks(execute=True):
        summary = run(capsys, "--year", str(year), "--units", "5", "--staff-per-unit", "8", "--seed", "2")

    assert summary["unfinished_processes"] == 0
    assert summary["lines_by_outcome"].get(LineStatus.AWARDED, 0) > 0
    assert summary["awarded_with_failing_verdict"] == 0
    assert summary["disciplined"] and len(summary["refused_lines"]) == len(summary["disciplined"])
    assert {r["nominee"] for r in summary["refused_lines"]} == set(summary["disciplined"])
    assert summary["refused_by_criterion"] == {"no_discipline": len(summary["disciplined"])}
    assert all("Bị kỷ luật" in " ".join(r["reasons"]) for r in summary["refused_lines"])
    cap = next(c for c in summary["caps"] if c["award"] == "CSTĐCS")
    assert not cap["breached"] and cap["count"] * 100 <= cap["base"] * int(cap["cap_pct"])


def test_on_a_generated_agency(fast_pdfs, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        summary = run(capsys, "--year", "2025", "--units", "4", "--staff-per-unit", "6", "--seed", "3")

    assert summary["unfinished_processes"] == 0
    assert summary["units"] == 4 and summary["dossiers"] == 4
    assert summary["lines"] == Line.objects.filter(cycle__agency__code=summary["agency"]).count()
    assert summary["awards_recorded"] == summary["lines_by_outcome"][LineStatus.AWARDED]
    # Ký số (issue 19): every document the year issued carries its signer's and its agency's signatures (the
    # minutes the secretary's too), and the register's check finds every one valid.
    out = StringIO()
    call_command("verify_documents", "--agency", summary["agency"], "--json", stdout=out)
    report = json.loads(out.getvalue())
    issued = IssuedDocument.objects.filter(agency__code=summary["agency"], status=DocumentStatus.READY)
    assert report["checked"] == issued.count() >= len(summary["documents"]) > 0 and report["invalid"] == 0
    fields = {tuple(s["field"] for s in document["signatures"]) for document in report["documents"]}
    assert fields == {("KySoNguoiCoThamQuyen", "KySoCoQuan"), ("KySoCungKy1", "KySoNguoiCoThamQuyen", "KySoCoQuan")}
    assert all(s["valid"] for document in report["documents"] for s in document["signatures"])


def test_it_refuses_a_database_that_already_holds_work():
    open_cycle(2024)

    with pytest.raises(CommandError) as refused:
        call_command("simulate_cycle", "--year", "2025", "--json")

    message = str(refused.value)
    assert "1 đợt xét" in message and "--into-current-database" in message
    assert Line.objects.count() == 0 and not PastAward.objects.filter(year=2025).exists()


@pytest.mark.django_db(transaction=True)
def test_json_is_all_it_prints_and_its_mail_is_counted(catalogue_transactional_db, capsys, settings):
    """Committed for real, as on the command line, so that mail leaves during the run: development's
    console e-mail printed thousands of mails into the JSON, and `--json | python -m json.tool` failed."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

    call_command("simulate_cycle", "--year", "2025", "--units", "2", "--staff-per-unit", "3", "--json")
    out = capsys.readouterr().out

    piped = subprocess.run([sys.executable, "-m", "json.tool"], input=out, capture_output=True, text=True,
                           timeout=60, check=False)
    assert piped.returncode == 0, piped.stderr
    summary = json.loads(out)
    assert summary["emails"] > 0 and "Subject:" not in out
    assert summary["unfinished_processes"] == 0


def test_output_dir_holds_each_lines_achievement_report(capsys, django_capture_on_commit_callbacks, tmp_path):
    """Issue 17: every line of the year has its báo cáo thành tích, confirmed by its unit head; with
    --output-dir the command writes each as a PDF naming the nominee under the form's headings."""
    with django_capture_on_commit_callbacks(execute=True):
        summary = run(capsys, "--year", "2025", "--units", "2", "--staff-per-unit", "4", "--seed", "5",
                      "--output-dir", str(tmp_path))

    lines = Line.objects.filter(cycle__agency__code=summary["agency"]).select_related("achievement_report__attachment")
    assert lines.count() == summary["lines"] == len(summary["achievement_reports"]) > 0
    for line in lines:
        report = line.achievement_report
        assert report.confirmed and report.attachment.line_id == line.pk and report.attachment.kind == "report"
        name = next(n for n in summary["achievement_reports"] if f"-{line.pk}-" in n)
        text = " ".join(pdf_text((tmp_path / name).read_bytes()).split())
        assert line.nominee_name in text and "BÁO CÁO THÀNH TÍCH" in text
        assert ("I. SƠ LƯỢC LÝ LỊCH" if line.person_id else "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH") in text
        assert "II. THÀNH TÍCH ĐẠT ĐƯỢC" in text and "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text
    assert all(d.attachments.filter(kind="minutes", line=None).exists()
               for d in Dossier.objects.filter(cycle__agency__code=summary["agency"]))


def test_with_bloc_the_blocs_year_runs_to_its_to_trinh(fast_pdfs, capsys, django_capture_on_commit_callbacks):
    # Given the demo bloc (its members of 2023), when a generated agency's year runs with --with-bloc
    from nominations import demo_pledges

    demo_pledges.seed()
    with django_capture_on_commit_callbacks(execute=True):
        summary = run(capsys, "--year", "2025", "--units", "2", "--staff-per-unit", "4", "--seed", "3",
                      "--with-bloc")

    # Then the Office's bloc signed its giao ước, ranked, voted and issued its Tờ trình, for the 2023 members
    bloc = summary["bloc"]
    assert bloc["status"] == "submitted" and bloc["covenant"] == DocumentStatus.READY
    assert bloc["members_copied_from_earlier_year"] and bloc["leader"] == "VP"
    assert bloc["submission"].endswith("/TTr-VP")
    assert sorted(r["agency"] for r in bloc["ranking"]) == ["SKHDT", "VP", "VPDDBQH"]
    assert [r["rank"] for r in bloc["ranking"]] == sorted(r["rank"] for r in bloc["ranking"])
    assert any(r["carried"] and r["proposed"] == "CO_TINH" for r in bloc["ranking"])
