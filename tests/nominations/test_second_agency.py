"""Nothing of the Office is written in code: a Sở, shaped unlike the Office (a Giám đốc and Phó Giám
đốc, the Văn phòng Sở drafting its award documents), runs a whole year through ``simulate_cycle`` and
every document it issues prints its own names, issuing unit and signer titles (issue 14)."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from accounts.models import Agency, User
from nominations.models import LineStatus, PastAward
from tests.workflow.documents_helpers import pdf_text
from workflow.documents import services as document_services
from workflow.documents.models import DocumentStatus

pytestmark = pytest.mark.django_db

OFFICE_WORDS = ["HCQT", "CHÁNH VĂN PHÒNG", "Chánh Văn phòng UBND", "Văn phòng UBND", "VĂN PHÒNG UBND",
                "Hành chính – Quản trị"]


def text_of(path) -> str:
    return " ".join(pdf_text(path.read_bytes()).split())


def test_the_department_runs_a_whole_year_and_its_documents_are_its_own(
        capsys, tmp_path, django_capture_on_commit_callbacks):
    # Given Sở Kế hoạch và Đầu tư as the demo seeds it (its Văn phòng Sở drafts the award documents)
    department = Agency.objects.get(code="SKHDT")
    assert (department.emulation_unit.code, department.head_title) == ("VPS", "Giám đốc Sở")

    # When its whole year runs through the services and flows
    with django_capture_on_commit_callbacks(execute=True):
        call_command("simulate_cycle", "--year", "2025", "--agency", "SKHDT", "--json",
                     "--output-dir", str(tmp_path))
    summary = json.loads(capsys.readouterr().out)

    # Then nothing is left unfinished, and its numbers carry its own code and drafting unit
    assert summary["agency"] == "SKHDT" and summary["unfinished_processes"] == 0
    assert summary["dossiers"] == 3
    assert summary["pledges"]["document"] == "01/SKHDT-VPS" and summary["pledges"]["status"] == "acknowledged"
    assert summary["minutes"] == "01/BB-SKHDT" and summary["report"]["document"] == "01/BC-SKHDT"
    decisions = [d for d in summary["documents"] if d["kind"] == "decision"]
    assert decisions and [d["number"] for d in decisions] == [f"{n:02d}/QĐ-SKHDT" for n in range(1, len(decisions) + 1)]
    assert any(d["kind"] == "submission" and d["number"] == "01/TTr-SKHDT" for d in summary["documents"])
    awarded = summary["lines_by_outcome"][LineStatus.AWARDED]
    assert awarded and PastAward.objects.filter(year=2025, issuer="Giám đốc Sở Kế hoạch và Đầu tư").exists()

    files = {path.name.split("_")[0]: path for path in tmp_path.iterdir()}
    decision, minutes, submission = files["qd-skhdt-01"], files["bb-skhdt-01"], files["ttr-skhdt-01"]
    pledge, report = files["skhdt-vps-01"], files["bc-skhdt-01"]

    # and every PDF prints the Sở's names, its signer's title and its Văn phòng Sở, never the Office's
    for path in (decision, minutes, submission, pledge, report):
        text = text_of(path)
        assert "UBND TỈNH QUẢNG NGÃI" in text and "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" in text, path.name
        assert "GIÁM ĐỐC SỞ" in text or "CHỦ TỊCH HỘI ĐỒNG" in text, path.name  # the minutes: chair and secretary
        assert not [word for word in OFFICE_WORDS if word in text], path.name
    decision_text = text_of(decision)
    assert "Số: 01/QĐ-SKHDT" in decision_text and "Lưu: VT, VPS" in decision_text
    assert "GIÁM ĐỐC SỞ KẾ HOẠCH VÀ ĐẦU TƯ" in decision_text  # the decider, under QUYẾT ĐỊNH
    assert "Chánh Văn phòng Sở, thủ trưởng các đơn vị liên quan" in decision_text
    assert "Xét đề nghị của Hội đồng Thi đua – Khen thưởng Sở Kế hoạch và Đầu tư" in decision_text
    assert "Số: 01/SKHDT-VPS" in text_of(pledge)
    submission_text = text_of(submission)
    assert "Sở Kế hoạch và Đầu tư tỉnh Quảng Ngãi kính đề nghị" in submission_text
    assert "Lưu: VT, VPS" in submission_text
    assert "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG SỞ KẾ HOẠCH VÀ ĐẦU TƯ" in text_of(minutes).upper()


def test_a_deputy_of_the_department_signs_for_its_director(person, django_capture_on_commit_callbacks):
    # Given a draft decision of the Sở, drafted by its Văn phòng Sở
    department = Agency.objects.get(code="SKHDT")
    document = document_services.document_create(
        actor=person("tdkt.skhdt"), agency=department, template_key="quyet_dinh_khen_thuong",
        issuer_unit_code=department.emulation_unit.code, summary="Về việc tặng Giấy khen",
        data={"authority": department.head_full_title, "articles": ["Tặng Giấy khen."], "annex": []})

    # When a Phó Giám đốc signs it
    with django_capture_on_commit_callbacks(execute=True):
        document_services.document_sign(actor=person("phogiamdoc.skhdt1"), document=document)
    document.refresh_from_db()

    # Then the signature reads "KT. GIÁM ĐỐC SỞ / PHÓ GIÁM ĐỐC SỞ" over the deputy's name
    assert document.status == DocumentStatus.READY
    with document.pdf.open("rb") as handle:
        text = " ".join(pdf_text(handle.read()).split())
    deputy = User.objects.get(username="phogiamdoc.skhdt1")
    assert f"KT. GIÁM ĐỐC SỞ PHÓ GIÁM ĐỐC SỞ {deputy.full_name}" in text
    assert "Lưu: VT, VPS" in text and "CHÁNH VĂN PHÒNG" not in text
