"""The auditor's workspace over HTTP: search, scope, exports, timelines, and no writes at all."""

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Agency, Unit
from accounts.roles import Role
from accounts.services import role_grant
from workflow.audit import Action, EventDraft, audit_record, audit_record_many
from workflow.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SEARCH = "/audit/"


def timeline_url(obj) -> str:
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("audit:timeline", args=[content_type.pk, obj.pk])


@pytest.fixture
def office():
    return Agency.objects.get(code="VP")


@pytest.fixture
def home_affairs():
    return Agency.objects.get(code="SNV")


def test_the_auditor_sees_the_log_of_their_agency(login, person):
    audit_record(actor=person("hcqt"), action=Action.RETURNED, obj=Unit.objects.get(agency__code="VP", code="KT"),
                 reason="Thiếu bản thành tích")

    page = login("kiemtra").get(SEARCH).content.decode()

    assert "Nhật ký kiểm tra" in page
    assert "Trả lại để bổ sung" in page and "Thiếu bản thành tích" in page
    assert "Đầu chuỗi hiện tại" in page


def test_events_of_other_agencies_are_not_shown(login, person, home_affairs):
    audit_record(actor=person("sonoivu"), action=Action.ACCEPTED, agency=home_affairs, reason="Sở Nội vụ riêng")

    page = login("kiemtra").get(SEARCH).content.decode()

    assert "Sở Nội vụ riêng" not in page


def test_the_auditor_can_open_every_page_in_scope(login, person, office):
    unit = Unit.objects.get(agency__code="VP", code="KT")
    audit_record(actor=person("hcqt"), action=Action.SUBMITTED, obj=unit)
    client = login("kiemtra")

    pages = ["/home/", SEARCH, f"{SEARCH}?page=2", timeline_url(unit), timeline_url(office),
             timeline_url(person("canbo.kt.02")), reverse("audit:export", args=["csv"]),
             reverse("audit:export", args=["xlsx"])]

    assert {path: client.get(path).status_code for path in pages} == dict.fromkeys(pages, 200)


@pytest.mark.parametrize("username", ["chanhvp", "hcqt", "canbo.kt.02", "admin"])
def test_people_who_are_not_auditors_cannot_open_the_workspace(login, username):
    assert login(username).get(SEARCH).status_code == 403


def test_the_menu_shows_the_workspace_to_auditors_only(login):
    assert 'href="/audit/"' in login("kiemtra").get("/home/").content.decode()
    assert 'href="/audit/"' not in login("chanhvp").get("/home/").content.decode()


def test_search_by_actor_without_tones_action_and_dates(login, person):
    audit_record(actor=person("chanhvp"), action=Action.APPROVED, obj=person("canbo.kt.02"), reason="duyệt A")
    audit_record(actor=person("hcqt"), action=Action.APPROVED, obj=person("canbo.kt.02"), reason="duyệt B")
    client = login("kiemtra")

    page = client.get(SEARCH, {"actor": "vu minh tam", "action": Action.APPROVED}).content.decode()
    today = client.get(SEARCH, {"action": Action.APPROVED, "date_from": "2000-01-01", "date_to": "2000-01-02"})

    assert "duyệt A" in page and "duyệt B" not in page
    assert "Không có sự kiện nào khớp bộ lọc." in today.content.decode()


def test_search_by_object(login, person):
    target, other = person("canbo.kt.02"), person("canbo.kt.03")
    audit_record(actor=person("hcqt"), action=Action.SUBMITTED, obj=target, reason="của người này")
    audit_record(actor=person("hcqt"), action=Action.SUBMITTED, obj=other, reason="của người khác")
    content_type = ContentType.objects.get_for_model(target)

    page = login("kiemtra").get(SEARCH, {"content_type": content_type.pk, "object_id": target.pk}).content.decode()

    assert "của người này" in page and "của người khác" not in page


def test_bad_filters_get_a_vietnamese_message_and_no_error(login):
    response = login("kiemtra").get(SEARCH, {"date_from": "2024-03-01", "date_to": "2024-02-01", "action": "x"})
    page = response.content.decode()

    assert response.status_code == 200
    assert "“Đến ngày” phải sau hoặc bằng “Từ ngày”." in page
    assert "Vui lòng sửa bộ lọc." in page


def test_a_filter_on_an_agency_outside_scope_is_refused(login, home_affairs):
    response = login("kiemtra").get(SEARCH, {"agency": home_affairs.pk})

    assert response.status_code == 200
    assert "Vui lòng sửa bộ lọc." in response.content.decode()


def _bulk_events(count: int, actor, office) -> None:
    audit_record_many(drafts=[
        EventDraft(action=Action.SUBMITTED, actor=actor, obj=actor, agency=office, reason=f"sự kiện {n}")
        for n in range(count)
    ])


@pytest.mark.parametrize("count", [100, 10_000])
def test_listing_is_paginated_with_the_same_queries_at_any_size(login, person, office, count,
                                                                django_assert_max_num_queries):
    _bulk_events(count, person("hcqt"), office)
    client = login("kiemtra")
    filters = {"action": Action.SUBMITTED, "actor": "hcqt", "page": "2"}
    client.get(SEARCH)  # warms the per-process caches (content types), as any earlier page would

    with django_assert_max_num_queries(11 + 4):  # + the menu's "Việc của tôi" count (issue 23: cache it)
        response = client.get(SEARCH, filters)

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].paginator.count >= count


def test_csv_export_has_vietnamese_headers_and_only_events_in_scope(login, person, home_affairs):
    audit_record(actor=person("hcqt"), action=Action.RETURNED, obj=person("canbo.kt.02"), reason="=cmd|' /C calc'!A0")
    audit_record(actor=person("sonoivu"), action=Action.ACCEPTED, agency=home_affairs, reason="ngoài phạm vi")

    response = login("kiemtra").get(reverse("audit:export", args=["csv"]))
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))

    assert response["Content-Disposition"].startswith('attachment; filename="nhat-ky-kiem-tra-')
    assert rows[0][:4] == ["Số thứ tự", "Thời điểm (giờ Việt Nam)", "Thời điểm (UTC)", "Người thực hiện"]
    assert "ngoài phạm vi" not in text
    returned = next(row for row in rows[1:] if row[8] == Action.RETURNED)
    assert returned[7] == "Trả lại để bổ sung"
    assert returned[12] == "'=cmd|' /C calc'!A0"


def test_excel_export_follows_the_filters_and_is_itself_logged(login, person):
    audit_record(actor=person("hcqt"), action=Action.SIGNED, obj=person("canbo.kt.02"), reason="ký số 12")
    client = login("kiemtra")

    response = client.get(reverse("audit:export", args=["xlsx"]), {"action": Action.SIGNED})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))

    assert rows[0][0] == "Số thứ tự" and rows[0][7] == "Hành động"
    assert {row[8] for row in rows[1:]} == {Action.SIGNED}
    assert any(row[12] == "ký số 12" for row in rows[1:])
    exported = AuditEvent.objects.filter(action=Action.AUDIT_EXPORTED).latest("seq")
    assert exported.actor.username == "kiemtra"
    assert exported.changes == {"format": "xlsx", "filters": {"action": Action.SIGNED}}


def test_an_unknown_export_format_is_404(login):
    assert login("kiemtra").get("/audit/export/pdf/").status_code == 404


def test_the_timeline_merges_events_field_diffs_with_vietnamese_labels(login, person):
    staff = person("canbo.kt.02")
    staff.position_title = "Chuyên viên chính"
    staff._history_user = person("admin")
    staff.save()
    audit_record(actor=person("admin"), action=Action.UPDATED, obj=staff, reason="Nâng ngạch")

    page = login("kiemtra").get(timeline_url(staff)).content.decode()

    assert staff.full_name in page
    assert "Sửa đổi" in page and "Nâng ngạch" in page
    assert "Sửa bản ghi" in page and "chức vụ" in page and "Chuyên viên chính" in page


def test_the_timeline_of_a_returned_and_resubmitted_line_shows_each_round_with_reasons(login, person):
    line = Unit.objects.get(agency__code="VP", code="KT")
    head, secretariat = person("truongphong.kt"), person("hcqt")
    for reason in ("Thiếu biên bản họp", "Sai số liệu sáng kiến"):
        audit_record(actor=head, action=Action.SUBMITTED, obj=line)
        audit_record(actor=secretariat, action=Action.RETURNED, obj=line, reason=reason)
    audit_record(actor=head, action=Action.SUBMITTED, obj=line)
    audit_record(actor=secretariat, action=Action.ACCEPTED, obj=line)

    response = login("kiemtra").get(timeline_url(line))
    titles = [entry.title for entry in response.context["timeline"].entries if entry.kind == "event"]
    page = response.content.decode()

    assert titles == ["Trình, gửi lên", "Trả lại để bổ sung"] * 2 + ["Trình, gửi lên", "Tiếp nhận, chấp nhận"]
    assert page.index("Thiếu biên bản họp") < page.index("Sai số liệu sáng kiến")


def test_the_timeline_of_an_object_outside_scope_is_the_same_404_as_a_missing_one(login, home_affairs):
    client = login("kiemtra")
    content_type = ContentType.objects.get_for_model(Agency)

    outside = client.get(timeline_url(home_affairs))
    missing = client.get(reverse("audit:timeline", args=[content_type.pk, 999999]))
    garbage = client.get(reverse("audit:timeline", args=[content_type.pk, "abc"]))
    no_type = client.get(reverse("audit:timeline", args=[999999, 1]))

    assert [r.status_code for r in (outside, missing, garbage, no_type)] == [404, 404, 404, 404]


@pytest.mark.urls("tests.flowapp.urls")
def test_the_timeline_of_a_process_shows_its_flow_steps(login, person, office, monkeypatch):
    from tests.flowapp.flows import BallotFlow
    from tests.flowapp.models import BallotProcess
    from workflow.audit import agency as agency_module

    monkeypatch.setattr(agency_module, "_resolvers", [lambda obj: office if isinstance(obj, BallotProcess) else None])
    process = BallotFlow.start.run(voters=[person("chanhvp"), person("hoidong1")])
    audit_record(actor=person("hcqt"), action=Action.SUBMITTED, obj=process)

    response = login("kiemtra").get(timeline_url(process))
    entries = response.context["timeline"].entries

    assert [e.title for e in entries if e.kind == "event"] == ["Bắt đầu quy trình", "Trình, gửi lên"]
    votes = [e for e in entries if e.kind == "task" and e.title == "Bước quy trình: Vote"]
    assert len(votes) == 2
    assert {e.actor for e in votes} == {"Vũ Minh Tâm", person("hoidong1").full_name}


@pytest.mark.parametrize("path", [
    "/audit/", "/home/", "/audit/export/csv/", "/accounts/password_change/", "/admin/accounts/unit/1/change/",
])
def test_every_post_by_an_auditor_is_refused_and_logged(login, path):
    client = login("kiemtra")
    before = AuditEvent.objects.filter(action=Action.AUDITOR_WRITE_REFUSED).count()

    response = client.post(path, {"anything": "1"})

    assert response.status_code == 403
    assert "chỉ được xem" in response.content.decode()
    refused = AuditEvent.objects.filter(action=Action.AUDITOR_WRITE_REFUSED).order_by("-seq")
    assert refused.count() == before + 1
    assert refused[0].changes == {"method": "POST", "path": path}
    assert refused[0].actor.username == "kiemtra"


def test_an_auditor_can_still_sign_out(login):
    client = login("kiemtra")

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert client.get("/audit/").status_code == 302


def test_a_province_auditor_sees_every_agency_of_the_province(client, person, home_affairs):
    inspector = person("canbo.kt.05")
    role_grant(actor=person("admin"), user=inspector, role=Role.AUDITOR, province=home_affairs.province)
    audit_record(actor=person("sonoivu"), action=Action.ACCEPTED, agency=home_affairs, reason="toàn tỉnh")
    client.force_login(inspector)

    page = client.get(SEARCH).content.decode()

    assert "toàn tỉnh" in page


def test_the_workspace_speaks_english_when_chosen(login):
    client = login("kiemtra")

    client.post(reverse("set_language"), {"language": "en", "next": SEARCH})
    page = client.get(SEARCH).content.decode()

    assert "Search the log" in page and "Current chain head" in page


def test_a_documents_data_shows_as_the_start_of_its_json_not_a_page_of_python(login, person, office):
    """A document's data changed on signing printed whole as a Python dict (True, None, quotes)."""
    from workflow.documents.services import document_update

    from .documents_helpers import decision_draft

    document = decision_draft(person("hcqt"), office)
    articles = [f"Tặng Giấy khen cho tập thể số {n}." for n in range(40)]
    document_update(actor=person("hcqt"), document=document, data={**document.data, "articles": articles})

    page = login("kiemtra").get(timeline_url(document)).content.decode()

    assert '{"annex": [], "articles": ["Tặng Giấy khen cho tập thể số 0."' in page.replace("&quot;", '"')
    assert "…" in page and "tập thể số 39" not in page
    assert "{&#x27;authority&#x27;" not in page
