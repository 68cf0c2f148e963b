"""The demo Office's 2023 report, compiled from the prefill as the secretariat finds it, has the seed's outline
(the real 2023 report of the Office, tests/nominations/data) and puts every movement of the demo data under the
heading of its launcher; it answers the requests recorded as received documents and cites the agency's own
guidance documents, never the system's decisions, minutes or Tờ trình."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.urls import reverse

from nominations import demo_pledges
from nominations.models import Award, Movement, MovementLevel
from nominations.selectors.report import MOVEMENT_HEADINGS
from nominations.services import pledges
from tests.workflow.documents_helpers import page_texts, pdf_text

from .report_helpers import do_task, open_report, open_tasks, prose_post, write_all_sections
from .report_outline import missing_in_order, outline, seed_outline
from .report_year import decided_year

pytestmark = pytest.mark.django_db
LEVEL_HEADING = {MovementLevel.PRIME_MINISTER: "results_prime_minister", MovementLevel.MINISTRY: "results_ministry",
                 MovementLevel.PROVINCE: "results_province", MovementLevel.AGENCY: "results_agency"}


def kt_pledges_for_dan_van_kheo(person) -> None:
    """Phòng Kinh tế registers a target under “Dân vận khéo”; the secretariat accepts it."""
    award = {a.code: a for a in Award.objects.all()}
    movement = Movement.objects.get(name="Dân vận khéo")
    pledges.agency_pledge_open(actor=person("hcqt"), agency=person("hcqt").unit.agency, year=2023,
                               deadline=dt.date(2023, 6, 1))
    head = person("truongphong.kt")
    unit = pledges.pledge_registration_create(actor=head, unit=head.unit, year=2023)
    pledges.pledge_registration_update(actor=head, registration=unit, collective_title=award["TTLDTT"])
    pledges.pledge_target_add(actor=head, registration=unit, content="Mô hình dân vận khéo trong tiếp công dân",
                              measure="mô hình", planned_value="01", movement=movement)
    pledges.pledge_line_save(actor=head, registration=unit, person=person("canbo.kt.02"), title=award["CSTDCS"])
    pledges.pledge_registration_submit(actor=head, registration=unit)
    pledges.pledge_registration_review(actor=person("hcqt"), registration=unit, accept=True)


@pytest.fixture
def report_pdf(login, person, django_capture_on_commit_callbacks):
    """Given the demo movements and documents, a unit's accepted targets and a decided 2023, the units write their
    sections, the secretariat finishes the compilation without changing the prefill and the chief signs."""
    demo_pledges.seed()
    kt_pledges_for_dan_van_kheo(person)
    decided_year(2023)
    report = open_report(login("hcqt"))
    write_all_sections(login, report)
    [compile_task] = open_tasks(report, "compile")
    assert do_task(login("hcqt"), compile_task, prose_post(report, "finish")).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        do_task(login("chanhvp"), open_tasks(report, "sign")[0], {"read_drafts": "1"})
    report.refresh_from_db()
    download = login("hcqt").get(reverse("documents:download", args=[report.document_id]))
    pdf = b"".join(download.streaming_content)
    if os.environ.get("REPORT_PDF_OUT"):
        with open(os.environ["REPORT_PDF_OUT"], "wb") as out:
            out.write(pdf)
    return pdf


def test_the_generated_outline_has_every_heading_of_the_seed_in_order(report_pdf):
    expected = seed_outline()
    assert len(expected) >= 20 and "2.2. → Bộ Nội vụ" in expected  # the seed parsed: the test can fail

    missing = missing_in_order(expected, outline(pdf_text(report_pdf)))

    assert missing == []


def test_every_demo_movement_sits_under_its_launchers_heading(report_pdf):
    text = " ".join(pdf_text(report_pdf).split())
    starts = {field: text.find(f". {heading}") for field, heading in MOVEMENT_HEADINGS}
    assert all(position > 0 for position in starts.values()), starts
    ends = sorted([*starts.values(), text.find("3. Công tác tuyên truyền")])

    for movement in Movement.objects.filter(name__in=[row[0] for row in demo_pledges.MOVEMENTS]).running_in(2023):
        start = starts[LEVEL_HEADING[movement.level]]
        end = next(position for position in ends if position > start)
        assert f"“{movement.name}”" in text[start:end], (movement.name, movement.level)
    assert "Phong trào thi đua yêu nước" not in text[starts["results_prime_minister"]:ends[-1]]
    # Under a movement, what each unit pledged in it.
    dan_van = text[text.find("“Dân vận khéo”", starts["results_province"]):]
    dan_van = dan_van[:dan_van.find("b) Phong trào thi đua")]
    assert "- Phòng Kinh tế đăng ký chỉ tiêu: Mô hình dân vận khéo trong tiếp công dân (01 mô hình)." in dan_van


def test_the_report_answers_the_recorded_requests_and_cites_the_agencys_guidance(report_pdf):
    first = " ".join(page_texts(report_pdf)[0].split())
    text = " ".join(pdf_text(report_pdf).split())

    assert ("Thực hiện Công văn số 1273/SNV-TĐKT ngày 04/06/2021 của Sở Nội vụ và Công văn số 122/BTĐKT-THHC ngày "
            "05/10/2023 của Ban Thi đua - Khen thưởng về việc báo cáo kết quả công tác thi đua, khen thưởng") in first
    direction = text[text.find("a) Tổ chức, thực hiện các văn bản"):text.find("c) Phát động phong trào thi đua")]
    assert "Chỉ thị số 34-CT/TW ngày 07/04/2014 của Bộ Chính trị" in direction
    assert "Công văn số 930/CV-TMTH ngày 02/06/2023" in direction
    assert "/QĐ-VP" not in direction and "/TTr-VP" not in direction and "/BB-VP" not in direction
    assert "Kế hoạch số 1937/KH-VP ngày 28/09/2023" in text
    launch = text[text.find("c) Phát động phong trào thi đua"):text.find("2. Kết quả tổ chức thực hiện")]
    assert "Công văn số 1014/VP-HCQT ngày 13/06/2023 về việc đăng ký giao ước thi đua năm 2023" in launch
    assert "1 tập thể đăng ký “Tập thể lao động tiên tiến”" in launch
    # Thuận lợi and khó khăn; đánh giá with its hạn chế; Nơi nhận with the Party, trade-union and youth recipients.
    assert "Tuy nhiên," in text[text.find("2. Thuận lợi, khó khăn"):text.find("II. KẾT QUẢ THỰC HIỆN")]
    assert "Bên cạnh đó," in text[text.find("III. ĐÁNH GIÁ CHUNG"):text.find("PHẦN THỨ HAI")]
    recipients = text[text.find("Nơi nhận:"):text.find("PHỤ LỤC")]
    for entry in ("Đảng ủy Văn phòng", "Công đoàn Văn phòng", "Đoàn Thanh niên Văn phòng", "Lưu: VT, HCQT."):
        assert entry in recipients, entry
