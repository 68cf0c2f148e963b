"""simulate_cycle closes the year with the annual report and writes every issued document as a PDF."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from nominations.models import AnnualReport, ReportStatus
from tests.workflow.documents_helpers import pdf_text

pytestmark = pytest.mark.django_db


def test_the_simulated_year_ends_with_the_report_and_the_pdfs_are_written(
        capsys, tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("simulate_cycle", "--year", "2025", "--staff-per-unit", "4", "--json",
                     "--output-dir", str(tmp_path / "pdf"))
    summary = json.loads(capsys.readouterr().out)

    assert summary["unfinished_processes"] == 0
    report = summary["report"]
    assert report["status"] == ReportStatus.ACKNOWLEDGED and report["sections"] == 8
    assert report["document"].endswith("/BC-VP") and report["document_status"] == "ready"
    assert AnnualReport.objects.get(agency__code="VP", year=2025).status == ReportStatus.ACKNOWLEDGED

    files = sorted(p.name for p in (tmp_path / "pdf").iterdir() if p.is_file())
    assert files == sorted(summary["pdfs"])
    # Beside the agency's documents, each line's báo cáo thành tích (issue 17), in its own folder.
    reports = sorted(f"bao-cao-thanh-tich/{p.name}" for p in (tmp_path / "pdf" / "bao-cao-thanh-tich").iterdir())
    assert reports == sorted(summary["achievement_reports"]) and reports
    assert any(name.startswith("bc-vp-01_") and "tong-ket-cong-tac-thi-dua" in name for name in files)
    assert "qd-vp-01_ve-viec-tang-danh-hieu-lao-dong-tien-tien-nam-2025.pdf" in files
    assert "vp-hcqt-01_dang-ky-thi-dua-nam-2025.pdf" in files
    assert any(name.startswith("ttr-vp-01_") for name in files) and any(name.startswith("bb-vp-01_") for name in files)
    expected = {d["number"] for d in summary["documents"]} | {summary["minutes"], report["document"],
                                                              summary["pledges"]["document"]}
    assert len(files) == len(expected)
    report_pdf = next(tmp_path.joinpath("pdf", n) for n in files if n.startswith("bc-vp-"))
    text = " ".join(pdf_text(report_pdf.read_bytes()).split())
    assert "Kính gửi: Sở Nội vụ" in text and "THỐNG KÊ KẾT QUẢ THI ĐUA, KHEN THƯỞNG NĂM 2025" in text
    assert all(len(PdfReader(tmp_path / "pdf" / name).pages) >= 1 for name in files)


def test_the_text_summary_names_the_report(capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("simulate_cycle", "--year", "2025", "--units", "3", "--staff-per-unit", "5", "--seed", "2")

    out = capsys.readouterr().out
    assert "Báo cáo tổng kết:" in out and "/BC-" in out and "Quy trình chưa kết thúc: 0" in out
    # Labels, not codes; the e-mails counted, not printed.
    assert "Lao động tiên tiến:" in out and "LDTT" not in out and "awarded" not in out
    assert "Thư điện tử:" in out and "Subject:" not in out
