"""Issue 17, "dossier papers are real": each line's báo cáo thành tích in the decree's headings, written by
the unit (or the nominee), confirmed by the unit head and attached as its PDF; the unit's minutes; the papers
the year's rule set requires. A line without them is refused at submission and at acceptance, naming them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from nominations import demo_facts, services
from nominations.eligibility.rulesets import rule_set_for
from nominations.models import (
    AchievementReport,
    Attachment,
    AttachmentKind,
    Award,
    CommendationKind,
    DossierRound,
    DossierStatus,
    RequiredPaper,
)
from nominations.services.papers import report_pdf, report_prefill
from workflow.audit.models import AuditEvent
from workflow.documents.rendering import pdf_text

from .helpers import PDF, edit_task, open_cycle, open_dossier, review_task, run, task_url

pytestmark = pytest.mark.django_db

YEAR = 2025


def staff(n: int = 1, unit: str = "KT") -> list[User]:
    return list(User.objects.filter(unit__code=unit, unit__agency__code="VP", is_active=True)
                .exclude(username__startswith="truongphong").order_by("pk")[:n])


def draft(person: User, code: str = "LDTT"):
    cycle = open_cycle(YEAR)
    demo_facts.facts_record(year=YEAR, lines=[(person, code)])
    dossier = open_dossier(cycle, person.unit.code)
    services.line_add(actor=dossier.created_by, dossier=dossier, award=services_award(code),
                      commendation_kind=CommendationKind.objects.get(code="THUONG_XUYEN"),
                      achievements="Hoàn thành xuất sắc nhiệm vụ được giao.", person=person)
    return dossier


def test_on_the_dossier_page_the_unit_writes_and_confirms_the_report_and_sends_once_papers_are_there(
        login, django_capture_on_commit_callbacks):
    # given a draft LĐTT line with no paper yet
    person = staff()[0]
    dossier = draft(person)
    line = dossier.lines.get()
    head = login("truongphong.kt")
    url = task_url("dossier", edit_task(dossier))
    # when the head sends it, then it is refused, naming the report and the unit's minutes
    refused = head.post(url, {"action": "submit"})
    text = refused.content.decode()
    assert refused.status_code == 400
    assert "Báo cáo thành tích" in text and "Biên bản họp bình xét của đơn vị" in text and "Thiếu giấy tờ" in text
    assert not DossierRound.objects.filter(dossier=dossier).exists()
    # when the head opens the line's report, then the form is prefilled from the registries
    page = head.get(f"{url}?report={line.pk}").content.decode()
    assert "Thành tích đạt được" in page and "Quyền hạn, nhiệm vụ được giao" in page
    assert "hoàn thành xuất sắc nhiệm vụ" in page  # the year's rating on record
    # when the head writes it, confirms it and uploads the unit's minutes
    assert head.post(url, {"action": "report_save", "line": line.pk, "achievements": "Hoàn thành 100% hồ sơ đúng hạn.",
                           "duties": "Tham mưu lĩnh vực kinh tế.", "hometown": "Tư Nghĩa, Quảng Ngãi",
                           "born_on": "1988-04-12"}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):  # the worker renders the PDF after commit
        assert head.post(url, {"action": "report_confirm", "line": line.pk}).status_code == 302
    report = AchievementReport.objects.get(line=line)
    assert report.confirmed and report.attachment.kind == AttachmentKind.REPORT and report.attachment.line == line
    with report.attachment.file.open("rb") as handle:
        text = " ".join(pdf_text(handle.read()).split())
    assert f"Họ và tên: {person.full_name}" in text and "Quê quán: Tư Nghĩa, Quảng Ngãi" in text
    assert "12/04/1988" in text and "Hoàn thành 100% hồ sơ đúng hạn." in text
    minutes = {"action": "upload", "kind": AttachmentKind.MINUTES, "line": "", "file": _upload("bien-ban.pdf")}
    assert head.post(url, minutes).status_code == 302
    # then it goes
    assert head.post(url, {"action": "submit"}).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    assert AuditEvent.objects.filter(action="nominations.achievement_report_confirmed",
                                     object_id=str(report.pk)).exists()


def _upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_changing_a_confirmed_report_takes_its_confirmation_and_its_file_away(django_capture_on_commit_callbacks):
    # given a confirmed report
    person = staff()[0]
    dossier = draft(person)
    line, head = dossier.lines.get(), dossier.created_by
    services.achievement_report_save(actor=head, line=line, achievements="Hoàn thành xuất sắc nhiệm vụ.")
    with django_capture_on_commit_callbacks(execute=True):  # the worker renders the PDF after commit
        services.achievement_report_confirm(actor=head, line=line)
    first = AchievementReport.objects.get(line=line).attachment
    # when it is changed
    report = services.achievement_report_save(actor=head, line=line, achievements="Thêm: dẫn đầu phong trào.")
    # then it waits for the head again, without a file, and the old file is gone from the dossier
    assert not report.confirmed and report.confirmed_by is None and report.attachment is None
    assert report.content == {} and not report.pdf_pending
    assert not Attachment.objects.filter(pk=first.pk).exists()
    assert not dossier.attachments.filter(kind=AttachmentKind.REPORT).exists()
    # when the head confirms again, then the new text is the file
    with django_capture_on_commit_callbacks(execute=True):
        services.achievement_report_confirm(actor=head, line=line)
    report = AchievementReport.objects.get(line=line)
    with report.attachment.file.open("rb") as handle:
        assert "dẫn đầu phong trào" in pdf_text(handle.read())


def test_the_nominee_may_write_only_the_unit_head_confirms_and_nobody_else_writes():
    person, colleague = staff(2)
    dossier = draft(person)
    line = dossier.lines.get()
    # the nominee writes their own report
    services.achievement_report_save(actor=person, line=line, achievements="Tôi đã hoàn thành xuất sắc nhiệm vụ.")
    # but cannot confirm it; a colleague cannot write it
    with pytest.raises(PermissionDenied):
        services.achievement_report_confirm(actor=person, line=line)
    with pytest.raises(PermissionDenied):
        services.achievement_report_save(actor=colleague, line=line, achievements="Sửa hộ.")
    assert AchievementReport.objects.get(line=line).written_by == person
    # the head confirms it
    assert services.achievement_report_confirm(actor=dossier.created_by, line=line).confirmed


def test_acceptance_refuses_a_line_missing_a_paper_the_rule_set_now_requires_and_names_it():
    # given a dossier sent with its papers
    person = staff()[0]
    dossier = draft(person)
    demo_facts.papers_record(dossier=dossier)
    head = dossier.created_by
    run(edit_task(dossier), head, lambda: services.dossier_submit(actor=head, dossier=dossier))
    # when the administrator adds a paper to LĐTT of the year's rule set before the secretariat accepts
    rule = rule_set_for(YEAR).title_rules.get(award__code="LDTT")
    RequiredPaper.objects.create(title_rule=rule, name="Bản nhận xét của chi bộ", kind="supporting",
                                 article="Quy chế thi đua, khen thưởng của cơ quan")
    hcqt = User.objects.get(username="hcqt")
    # then acceptance is refused, naming the paper and its article, and nothing is written
    with pytest.raises(ValidationError) as refused:
        run(review_task(dossier), hcqt, lambda: services.dossier_review(actor=hcqt, dossier=dossier, accept=True,
                                                                        acknowledge="Đã đối chiếu."))
    text = " ".join(refused.value.messages)
    assert "Không thể tiếp nhận" in text and "Bản nhận xét của chi bộ" in text and "Quy chế thi đua" in text
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED


def test_a_persons_report_holds_the_forms_headings_and_what_the_registries_know():
    # given a CSTĐCS nominee with a recognised sáng kiến, an earlier LĐTT and a written report
    person = staff()[0]
    services.initiative_record(actor=None, title="Số hóa sổ theo dõi hồ sơ trình", authors=[person],
                               decision_date=dt.date(YEAR, 10, 1), scope="co_so", decision_number="15/QĐ-VP",
                               issuer="Chánh Văn phòng")
    services.past_award_record(actor=None, person=person, award=services_award("LDTT"), year=YEAR - 1,
                               issuer="Chánh Văn phòng", decision_number="20/QĐ-VP",
                               decision_date=dt.date(YEAR - 1, 12, 28))
    dossier = draft(person, "CSTDCS")
    line, head = dossier.lines.get(), dossier.created_by

    values = report_prefill(line)
    assert "Số hóa sổ theo dõi hồ sơ trình" in values["initiatives"] and "15/QĐ-VP" in values["initiatives"]
    services.achievement_report_save(actor=head, line=line, **{**values, "duties": "Theo dõi hồ sơ trình."})
    report = services.achievement_report_confirm(actor=head, line=line)
    # when it is read, then it has the form's headings, the nominee's data and the head's confirmation
    text = " ".join(pdf_text(report_pdf(report, confirmer=head, when=report.confirmed_at)).split())
    for part in ("BÁO CÁO THÀNH TÍCH", "Đề nghị tặng danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025",
                 "I. SƠ LƯỢC LÝ LỊCH", f"Họ và tên: {person.full_name}", "II. THÀNH TÍCH ĐẠT ĐƯỢC",
                 "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận", "Theo dõi hồ sơ trình.", "2. Thành tích đạt được",
                 "3. Sáng kiến, giải pháp, đề tài được công nhận", "Số hóa sổ theo dõi hồ sơ trình",
                 "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "1. Danh hiệu thi đua", "2024 Lao động tiên tiến",
                 "Quyết định số 20/QĐ-VP ngày 28/12/2024", "2. Hình thức khen thưởng", "KỶ LUẬT",
                 "XÁC NHẬN CỦA TRƯỞNG PHÒNG KINH TẾ", "NGƯỜI BÁO CÁO THÀNH TÍCH", head.full_name,
                 "VĂN PHÒNG UBND TỈNH QUẢNG NGÃI", "PHÒNG KINH TẾ"):
        assert part in text, part
    assert "Số:" not in text and "Nơi nhận" not in text


def services_award(code: str) -> Award:
    return Award.objects.get(code=code)
