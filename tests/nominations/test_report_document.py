"""The demo Office's 2023 report compiled through the flow from its data (domain §7; Nghị định 30):
"Kính gửi: Sở Nội vụ", the seed's outline, the head count 87 = 59 + 14 + 14, the statistics annex
computed from the awards registry and the year's lines, signed "CHÁNH VĂN PHÒNG"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nominations import exports
from nominations.models import ReportStatus
from nominations.report_examples import seed_prose
from nominations.selectors.report import award_statistics
from tests.workflow.documents_helpers import page_texts, pdf_text
from workflow.documents.models import DocumentStatus

from .report_helpers import do_task, open_report, open_tasks, prose_post, write_all_sections
from .report_year import decided_year

pytestmark = pytest.mark.django_db


def test_the_demo_office_2023_report_pdf(login, django_capture_on_commit_callbacks):
    from nominations import demo_pledges

    demo_pledges.seed()
    decided_year(2023)
    report = open_report(login("hcqt"))
    write_all_sections(login, report)
    secretariat = login("hcqt")
    [compile_task] = open_tasks(report, "compile")
    response = do_task(secretariat, compile_task, prose_post(report, "finish", **seed_prose()))
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        do_task(login("chanhvp"), open_tasks(report, "sign")[0], {"read_drafts": "1"})
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT and report.document.status == DocumentStatus.READY

    download = login("hcqt").get(reverse("documents:download", args=[report.document_id]))
    pdf = b"".join(download.streaming_content)
    first = page_texts(pdf)[0].splitlines()
    text = " ".join(pdf_text(pdf).split())

    assert f"Số: {report.document.number_text}" in first and report.document.number_text.endswith("/BC-VP")
    assert "Kính gửi: Sở Nội vụ" in first and "BÁO CÁO" in first
    outline = ["PHẦN THỨ NHẤT", "I. ĐẶC ĐIỂM, TÌNH HÌNH", "1. Đặc điểm, tình hình", "2. Thuận lợi, khó khăn",
               "II. KẾT QUẢ THỰC HIỆN", "2.1. Kết quả thực hiện các phong trào thi đua do Thủ tướng",
               "2.5. Kết quả thực hiện các phong trào thi đua do địa phương, đơn vị phát động",
               "III. ĐÁNH GIÁ CHUNG", "PHẦN THỨ HAI", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
               "Đề nghị Sở Nội vụ tổng hợp, báo cáo UBND tỉnh theo quy định./.", "CHÁNH VĂN PHÒNG", "Vũ Minh Tâm",
               "PHỤ LỤC", "THỐNG KÊ KẾT QUẢ THI ĐUA, KHEN THƯỞNG NĂM 2023"]
    positions = [text.find(heading) for heading in outline]
    assert -1 not in positions, [h for h, p in zip(outline, positions, strict=True) if p == -1]
    assert positions == sorted(positions)
    assert ("Tổng số cán bộ, công chức, viên chức và người lao động là 87, trong đó có 59 cán bộ, công chức "
            "(bao gồm cả Chủ tịch và các Phó Chủ tịch UBND tỉnh), 14 lao động hợp đồng theo Nghị định số "
            "111/2022/NĐ-CP và 14 viên chức thuộc Trung tâm Công báo và Tin học.") in text
    annex = text[text.find("PHỤ LỤC"):]
    for cell in ("Danh hiệu thi đua, hình thức khen thưởng do Chánh Văn phòng quyết định",
                 "Danh hiệu thi đua, hình thức khen thưởng cấp trên quyết định",
                 "Chiến sĩ thi đua cấp tỉnh Được khen thưởng 0 1 1", "Đề nghị khen thưởng năm 2023 và kết quả",
                 "Lao động tiên tiến Đề nghị 1 1 2", "Chiến sĩ thi đua cơ sở Không được khen thưởng 0 1 1"):
        assert cell in annex, cell
    # Each registry row of the annex prints with its numbers (the register also holds the facts demo_facts
    # recorded for the cycle's lines, so these are read from it rather than written here).
    for row in exports.statistics_rows(award_statistics(agency=report.agency, year=2023)):
        cell = f"{row['label']} {row['outcome']} {row['leaders']} {row['workers']} {row['total']}"
        assert cell in annex, cell
    assert "Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”" in text
    recipients = text[text.find("Nơi nhận:"):text.find("PHỤ LỤC")]
    for entry in ("- Như trên;", "- VPUB: BTV ĐU, CVP, PCVP;", "BCH Công đoàn, Chi đoàn;", "- Lưu: VT, HCQT."):
        assert entry in recipients, entry
