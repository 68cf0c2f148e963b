"""Issue 18, "forms that match the Material shell": one rendering for every form (labels tied to controls,
required marks, errors next to their field, no browser validation), dd/mm/yyyy dates in the last two forms
that had a browser date box, lines the unit can edit, a person picker limited to the unit, titles offered by
the kind of nominee."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from accounts.models import Unit, User
from nominations.models import AchievementReport, Award, Line, ReferenceRole, ReportReference
from workflow.audit.models import AuditEvent

from .helpers import edit_task, line_post, open_cycle, open_dossier, task_url
from .report_helpers import open_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    return open_dossier(open_cycle())


def staff(unit_code: str = "KT") -> list[User]:
    return list(User.objects.filter(unit__code=unit_code, unit__agency__code="VP", is_active=True)
                .exclude(username__startswith="truongphong").order_by("pk"))


def test_the_line_form_is_drawn_the_site_way_labels_required_marks_no_browser_validation(dossier, login):
    # given the unit head on the dossier's task page
    page = login("truongphong.kt").get(task_url("dossier", edit_task(dossier))).content.decode()
    # then every form leaves validation to the server, and each field has its label and a required mark
    main = page[page.index("<main"):page.index("</main>")]
    assert "<form" in main and all("novalidate" in tag for tag in re.findall(r"<form\b[^>]*>", main))
    assert '<label class="site-field__label" for="id_nominee">Cá nhân hoặc tập thể<span class="site-required"' in page
    assert '<label class="site-field__label" for="id_report_text">Báo cáo thành tích</label>' in page  # optional
    # and the picker offers only the unit and its people, each option saying whom it concerns
    nominees = re.search(r'<select name="nominee".*?</select>', page, re.S).group(0)
    kt, nc = staff()[0], staff("NC")[0]
    assert f'value="person:{kt.pk}" data-kind="person"' in nominees and f"person:{nc.pk}" not in nominees
    assert 'data-kind="collective"' in nominees and 'data-picker-for="id_nominee"' in page
    # and the titles say whether they are given to a person or a collective, following the nominee select
    titles = re.search(r'<select name="award".*?</select>', page, re.S).group(0)
    assert 'data-kind-of="id_nominee"' in titles
    ldtt, collective = Award.objects.get(code="LDTT"), Award.objects.get(code="TTLDTT")
    assert f'value="{ldtt.pk}" data-kind="person"' in titles
    assert f'value="{collective.pk}" data-kind="collective"' in titles


def test_a_person_of_another_unit_is_refused_next_to_the_field_and_nothing_is_saved(dossier, login):
    client = login("truongphong.kt")
    # when the head posts a person of Phòng Nội chính
    response = client.post(task_url("dossier", edit_task(dossier)), line_post(staff("NC")[0]))
    # then the page says why, under the picker, in Vietnamese, and no line exists
    page = response.content.decode()
    assert response.status_code == 400
    assert re.search(r'<ul class="errorlist" id="id_nominee_error"><li>Người được chọn không thuộc đơn vị', page)
    assert 'aria-invalid="true"' in page
    assert not Line.objects.exists()


@pytest.mark.parametrize("nominee,award", [("person", "TTLDTT"), ("unit", "LDTT")])
def test_a_title_of_the_other_kind_of_nominee_is_refused_under_the_title(dossier, login, nominee, award):
    client = login("truongphong.kt")
    target = staff()[0] if nominee == "person" else Unit.objects.get(code="KT", agency__code="VP")
    response = client.post(task_url("dossier", edit_task(dossier)), line_post(target, award))
    page = response.content.decode()
    assert response.status_code == 400
    assert re.search(r'id="id_award_error"><li>“[^”]+” không xét tặng cho (cá nhân|tập thể)', page)
    assert not Line.objects.exists()


def test_the_unit_head_edits_a_line_of_a_draft_and_history_and_audit_keep_it(dossier, login):
    # given a draft dossier with one line for a person
    client = login("truongphong.kt")
    url = task_url("dossier", edit_task(dossier))
    first, second = staff()[0], staff()[1]
    assert client.post(url, line_post(first)).status_code == 302
    line = Line.objects.get(dossier=dossier)
    # when the head opens the line's form, then it is filled with the line as it is
    page = client.get(f"{url}?edit={line.pk}").content.decode()
    assert 'id="edit-line"' in page and f'<option value="person:{first.pk}" selected data-kind="person">' in page
    # when the head changes the nominee and the summary
    post = {key if key == "action" else f"edit-{key}": value for key, value in line_post(second).items()}
    response = client.post(url, {**post, "action": "update_line", "line": line.pk,
                                 "edit-achievements": "Hoàn thành xuất sắc; 2 sáng kiến cấp cơ sở."})
    # then the line names the new person, with one more history row and an audit event naming the change
    assert response.status_code == 302 and response["Location"].endswith(f"#line-{line.pk}")
    line.refresh_from_db()
    assert line.person == second and line.achievements == "Hoàn thành xuất sắc; 2 sáng kiến cấp cơ sở."
    assert line.history.count() >= 2 and line.outcome
    event = AuditEvent.objects.get(action="nominations.line_updated", object_id=str(line.pk))
    assert set(event.changes) == {"person", "achievements"}


def test_a_line_cannot_be_changed_into_a_mismatch_nor_by_someone_else_nor_once_sent(dossier, login):
    client = login("truongphong.kt")
    url = task_url("dossier", edit_task(dossier))
    assert client.post(url, line_post(staff()[0])).status_code == 302
    line = Line.objects.get(dossier=dossier)
    base = {f"edit-{k}": v for k, v in line_post(staff()[0]).items() if k != "action"}
    # a collective title for the person: refused under the title, the line unchanged
    refused = client.post(url, {**base, "action": "update_line", "line": line.pk,
                                "edit-award": Award.objects.get(code="TTLDTT").pk})
    assert refused.status_code == 400 and "không xét tặng cho cá nhân" in refused.content.decode()
    assert Line.objects.get().award.code == "LDTT"
    # another unit's head cannot reach this task at all (not the task's owner)
    other = login("truongphong.nc").post(url, {**base, "action": "update_line", "line": line.pk,
                                               "edit-achievements": "Sửa trộm."})
    assert other.status_code in (302, 403, 404)
    assert Line.objects.get().achievements == "Hoàn thành xuất sắc nhiệm vụ được giao."
    assert not AuditEvent.objects.filter(action="nominations.line_updated").exists()


def test_the_service_refuses_to_change_a_line_of_a_submitted_dossier(dossier):
    from django.core.exceptions import PermissionDenied, ValidationError

    from nominations import services
    from nominations.models import CommendationKind, DossierStatus

    head = dossier.created_by
    kind = CommendationKind.objects.get(code="THUONG_XUYEN")
    line = services.line_add(actor=head, dossier=dossier, award=Award.objects.get(code="LDTT"), commendation_kind=kind,
                             achievements="Hoàn thành.", person=staff()[0])
    with pytest.raises(PermissionDenied):
        services.line_update(actor=User.objects.get(username="truongphong.nc"), line=line, award=line.award,
                             commendation_kind=kind, achievements="Khác.", person=staff()[0])
    type(dossier).objects.filter(pk=dossier.pk).update(status=DossierStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="Hồ sơ đã nộp"):
        services.line_update(actor=head, line=line, award=line.award, commendation_kind=kind,
                             achievements="Khác.", person=staff()[0])
    assert Line.objects.get().achievements == "Hoàn thành."


def test_05_12_2027_is_5_december_2027_in_the_report_reference_and_the_achievement_report(dossier, login):
    # the annual report's cited document, typed day first
    secretariat = login("hcqt")
    report = open_report(secretariat)
    response = secretariat.post(reverse("reports:detail", args=[report.pk]), {
        "action": "reference_add", "role": ReferenceRole.REQUEST, "kind": "Công văn", "number": "9/SNV",
        "date": "05/12/2027", "issuer": "Sở Nội vụ", "position": 0})
    assert response.status_code == 302
    assert ReportReference.objects.get(number="9/SNV").date == dt.date(2027, 12, 5)
    page = secretariat.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'type="date"' not in page and "data-datepicker" in page
    # a line's báo cáo thành tích: the birth date typed day first
    head = login("truongphong.kt")
    url = task_url("dossier", edit_task(dossier))
    assert head.post(url, line_post(staff()[0])).status_code == 302
    line = Line.objects.get(dossier=dossier)
    form = head.get(f"{url}?report={line.pk}").content.decode()
    assert 'type="date"' not in form and 'name="born_on"' in form and "data-datepicker" in form
    assert head.post(url, {"action": "report_save", "line": line.pk, "achievements": "Hoàn thành.",
                           "born_on": "05/12/1987"}).status_code == 302
    assert AchievementReport.objects.get(line=line).born_on == dt.date(1987, 12, 5)
    # a US date is refused next to the field, in Vietnamese
    refused = head.post(url, {"action": "report_save", "line": line.pk, "achievements": "Hoàn thành.",
                              "born_on": "12/20/1987"})
    assert refused.status_code == 400
    assert re.search(r'id="id_born_on_error"><li>Không có tháng 20', refused.content.decode())


def test_home_affairs_answer_table_has_its_column_headers_and_each_control_is_labelled(login):
    from nominations.flows.home_affairs import HomeAffairsFlow

    from .council_helpers import open_task, sent_submission, taken

    # given a Tờ trình waiting at Sở Nội vụ, its review taken by the officer
    submission = sent_submission("TH")
    line = submission.lines.get()
    task = taken(open_task(submission.process, HomeAffairsFlow.review), User.objects.get(username="sonoivu"))
    # when the officer opens it
    page = login("sonoivu").get(task_url("homeaffairs", task)).content.decode()
    # then the table says what each column is, and each box is named by its column and its nominee
    table = re.search(r'<table id="answers".*?</table>', page, re.S).group(0)
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table)
    assert headers == ["Cá nhân, tập thể", "Danh hiệu, hình thức", "Hồ sơ", "Kết quả thẩm định",
                       "Số quyết định của tỉnh", "Ngày quyết định", "Lý do (khi trả lại, không khen thưởng)"]
    assert f'<th scope="row" id="nominee-{line.pk}">{line.nominee_name}</th>' in table
    for column, name in (("status", "status"), ("number", "number"), ("date", "date"), ("reason", "reason")):
        assert re.search(rf'name="{name}_{line.pk}"[^>]*aria-labelledby="col-{column} nominee-{line.pk}"', table)
