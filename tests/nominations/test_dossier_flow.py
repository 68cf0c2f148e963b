"""The unit dossier flow over HTTP: lines with verdicts, files, submit, return with a reason, resubmit, accept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from viewflow.workflow.status import STATUS

from accounts.models import Unit, User
from nominations import demo_facts
from nominations.models import Attachment, DossierStatus, Line, LineStatus

from .helpers import accepted_dossier, edit_task, line_post, open_cycle, open_dossier, review_task, task_url

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def dossier():
    return open_dossier(open_cycle())


def staff(unit_code="KT"):
    return User.objects.filter(unit__code=unit_code).exclude(username__startswith="truongphong").order_by("pk")


def test_unit_head_adds_lines_and_sees_verdicts(dossier, login):
    client = login("truongphong.kt")
    url = task_url("dossier", edit_task(dossier))

    response = client.post(url, line_post(staff()[0]))

    assert response.status_code == 302
    line = Line.objects.get(dossier=dossier)
    assert line.outcome and line.verdicts
    page = client.get(url)
    assert page.status_code == 200 and line.person.full_name in page.content.decode()


@pytest.mark.parametrize("case", ["other_unit", "twice", "wrong_kind"])
def test_bad_lines_are_refused_in_vietnamese_and_nothing_is_saved(dossier, login, case):
    client = login("truongphong.kt")
    url = task_url("dossier", edit_task(dossier))
    if case == "other_unit":
        data, message = line_post(staff("NC")[0]), "không thuộc"
    elif case == "twice":
        client.post(url, line_post(staff()[0]))
        data, message = line_post(staff()[0]), "đã được đề nghị"
    else:
        data, message = line_post(Unit.objects.get(code="KT", agency__code="VP"), "LDTT"), "không xét tặng cho"
    before = Line.objects.count()

    response = client.post(url, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Line.objects.count() == before


@pytest.mark.parametrize("content,message", [
    (b"MZ\x90\x00 not a document", "Chỉ nhận tệp PDF"),
    (PDF + b"x" * 2048, "quá lớn"),
])
@override_settings(NOMINATIONS_UPLOAD_MAX_BYTES=1024)
def test_bad_files_are_refused_by_content_or_size(dossier, login, content, message):
    client = login("truongphong.kt")
    upload = SimpleUploadedFile("bao-cao.pdf", content, content_type="application/pdf")

    response = client.post(task_url("dossier", edit_task(dossier)),
                           {"action": "upload", "kind": "minutes", "file": upload})

    assert response.status_code == 400 and message in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_pdf_is_kept_privately_and_served_as_attachment_to_people_in_scope(dossier, login, client):
    login("truongphong.kt").post(task_url("dossier", edit_task(dossier)), {
        "action": "upload", "kind": "minutes", "file": SimpleUploadedFile("bien-ban.pdf", PDF)})
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"

    response = login("truongphong.kt").get(f"/nominations/files/{attachment.pk}/")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    # Not sent yet: the unit's work in progress, for nobody else (issue 15; sent files: test_scope_sent.py).
    assert login("hcqt").get(f"/nominations/files/{attachment.pk}/").status_code == 404
    assert login("sonoivu").get(f"/nominations/files/{attachment.pk}/").status_code == 404


def test_a_file_is_attached_to_a_line_chosen_by_its_nominee_never_to_another_dossiers_line(dossier, login):
    client = login("truongphong.kt")
    client.post(task_url("dossier", edit_task(dossier)), line_post(staff()[0]))
    line = dossier.lines.get()
    other_line = accepted_dossier(dossier.cycle, "NC", [(User.objects.get(username="canbo.nc.02"), "LDTT")]
                                  ).lines.get()

    page = client.get(task_url("dossier", edit_task(dossier))).content.decode()
    refused = client.post(task_url("dossier", edit_task(dossier)), {
        "action": "upload", "kind": "supporting", "line": other_line.pk,
        "file": SimpleUploadedFile("minh-chung.pdf", PDF)})
    attached = client.post(task_url("dossier", edit_task(dossier)), {
        "action": "upload", "kind": "supporting", "line": line.pk,
        "file": SimpleUploadedFile("minh-chung.pdf", PDF)})

    assert f'<option value="{line.pk}">{line.nominee_name} — {line.award.name}</option>' in page
    assert refused.status_code == 400 and "dòng đề nghị của hồ sơ" in refused.content.decode()
    assert attached.status_code == 302
    assert list(Attachment.objects.filter(dossier=dossier).values_list("line_id", flat=True)) == [line.pk]


def test_returned_then_resubmitted_then_accepted_every_round_kept(dossier, login):
    unit_head, secretariat = "truongphong.kt", "hcqt"
    client = login(unit_head)
    client.post(task_url("dossier", edit_task(dossier)), line_post(staff()[0]))
    demo_facts.papers_record(dossier=dossier)
    assert client.post(task_url("dossier", edit_task(dossier)), {"action": "submit"}).status_code == 302

    client = login(secretariat)
    review = review_task(dossier)
    assert client.post(task_url("dossier", review, "assign")).status_code == 302
    response = client.post(task_url("dossier", review), {"decision": "return", "reason": ""})
    assert response.status_code == 400 and "lý do" in response.content.decode()
    client.post(task_url("dossier", review), {"decision": "return", "reason": "Thiếu biên bản bình xét"})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED

    client = login(unit_head)
    client.post(task_url("dossier", edit_task(dossier)), line_post(staff()[1]))
    demo_facts.papers_record(dossier=dossier)
    client.post(task_url("dossier", edit_task(dossier)), {"action": "submit"})

    client = login(secretariat)
    review = review_task(dossier)
    client.post(task_url("dossier", review, "assign"))
    client.post(task_url("dossier", review),
                {"decision": "accept", "reason": "", "acknowledge": "Đã đối chiếu bản giấy."})

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ACCEPTED
    assert [r.accepted for r in dossier.rounds.order_by("number")] == [False, True]
    assert set(dossier.lines.values_list("status", flat=True)) == {LineStatus.ACCEPTED}
    assert dossier.process.task_set.filter(flow_task_type="HUMAN", status=STATUS.DONE).count() == 4
    page = login("truongphong.kt").get(f"/nominations/dossiers/{dossier.pk}/").content.decode()
    assert "Thiếu biên bản bình xét" in page


def test_people_outside_the_agency_or_without_a_role_cannot_see_a_dossier(dossier, login):
    assert login("sonoivu").get(f"/nominations/dossiers/{dossier.pk}/").status_code == 404
    assert login(staff("NC")[0].username).get(f"/nominations/dossiers/{dossier.pk}/").status_code == 404
    assert login("truongphong.kt").get(f"/nominations/dossiers/{dossier.pk}/").status_code == 200


def test_the_dossier_page_leads_each_person_to_their_step(dossier, login):
    page = login("truongphong.kt").get(f"/nominations/dossiers/{dossier.pk}/").content.decode()
    assert f'href="{task_url("dossier", edit_task(dossier))}"' in page

    other = login("hcqt").get(f"/nominations/dossiers/{dossier.pk}/").content.decode()
    assert 'id="my-task"' not in other


def test_a_returned_dossier_is_told_to_the_unit_head_with_the_reason(dossier, login):
    from workflow.notifications.models import Notification

    head = dossier.created_by
    head.email = "truongphong.kt@example.vn"
    head.save()
    login("truongphong.kt").post(task_url("dossier", edit_task(dossier)), line_post(staff()[0]))
    demo_facts.papers_record(dossier=dossier)
    login("truongphong.kt").post(task_url("dossier", edit_task(dossier)), {"action": "submit"})
    client = login("hcqt")
    review = review_task(dossier)
    client.post(task_url("dossier", review, "assign"))

    client.post(task_url("dossier", review), {"decision": "return", "reason": "Thiếu biên bản bình xét"})

    notice = Notification.objects.get(event="dossier_returned")
    assert notice.recipient == head and "Thiếu biên bản bình xét" in notice.body_text


def test_the_dossier_page_names_its_steps_in_vietnamese_only(dossier, login):
    """Regression: the timeline listed the engine's own nodes by their English names (Start,
    Returned, Waiting, End) between the people's steps."""
    client = login("truongphong.kt")
    client.post(task_url("dossier", edit_task(dossier)), line_post(staff()[0]))
    demo_facts.papers_record(dossier=dossier)
    client.post(task_url("dossier", edit_task(dossier)), {"action": "submit"})
    client = login("hcqt")
    client.post(task_url("dossier", review_task(dossier), "assign"))
    client.post(task_url("dossier", review_task(dossier)), {"decision": "return", "reason": "Thiếu biên bản"})

    timeline = login("truongphong.kt").get(f"/nominations/dossiers/{dossier.pk}/").content.decode()
    timeline = timeline.split('id="timeline"')[1].split("</ol>")[0]

    assert timeline.count("Lập, bổ sung và nộp hồ sơ") == 2 and "Thường trực kiểm tra hồ sơ" in timeline
    for english in ("Start", "Returned", "Waiting", "End"):
        assert f"<li>{english}" not in timeline


def test_the_line_form_offers_people_by_name_without_a_note_about_codes(dossier, login):
    """Regression: the nominee list kept the help text of the old free-text field, "person:<mã>
    hoặc unit:<mã>", which the page showed as "person: hoặc unit:"."""
    page = login("truongphong.kt").get(task_url("dossier", edit_task(dossier))).content.decode()

    assert "person:<mã>" not in page and "hoặc unit:" not in page
    assert f'value="person:{staff()[0].pk}"' in page

