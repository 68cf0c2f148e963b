"""Background import/export: progress over HTTP, the owner's file only, all-or-nothing imports."""

import io
import json
import unicodedata

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.models import Unit, User
from workflow.audit.models import AuditEvent
from workflow.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


def people_workbook(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Đơn vị"
    sheet.append(["Mã cơ quan", "Mã đơn vị", "Tên đơn vị", "Loại đơn vị"])
    sheet = book.create_sheet("Người dùng")
    sheet.append(["Tên đăng nhập", "Họ và tên", "Chức vụ", "Mã cơ quan", "Mã đơn vị", "Loại cán bộ",
                  "Lãnh đạo, quản lý", "Thuộc phạm vi Hội đồng", "Thư điện tử"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes, django_capture_on_commit_callbacks):
    file = io.BytesIO(content)
    file.name = "nguoi-dung.xlsx"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("home:people_import"), {"file": file})
    assert response.status_code == 302
    return Job.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def start_people_export(client, django_capture_on_commit_callbacks) -> Job:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("home:people_export"))
    assert response.status_code == 302
    return Job.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def download_sheets(client, job):
    response = client.get(reverse("home:job_download", args=[job.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_people_export_runs_in_the_background_and_offers_the_file(login, django_capture_on_commit_callbacks):
    client = login("admin")
    job = start_people_export(client, django_capture_on_commit_callbacks)
    state = client.get(reverse("home:job_status", args=[job.pk])).json()
    assert state["status"] == "done" and state["progress"] == 100 and state["finished"]
    assert state["download_url"] == reverse("home:job_download", args=[job.pk])
    page = client.get(reverse("home:job", args=[job.pk])).content.decode()
    assert reverse("home:job_status", args=[job.pk]) in page and "<progress" in page
    book = download_sheets(client, job)
    people = list(book["Người dùng"].iter_rows(values_only=True))
    assert people[0][:2] == ("Tên đăng nhập", "Họ và tên")
    assert len(people) - 1 == User.objects.count()
    assert AuditEvent.objects.filter(action="job.started", object_id=str(job.pk)).count() == 1


def test_a_unit_heads_people_export_holds_only_their_unit(login, person, django_capture_on_commit_callbacks):
    from accounts.roles import Role
    from accounts.services import role_grant

    head = person("canbo.nc.02") if User.objects.filter(username="canbo.nc.02").exists() else None
    head = head or User.objects.filter(unit__code="NC", username__startswith="canbo.").first()
    role_grant(actor=person("admin"), user=head, role=Role.UNIT_HEAD, unit=head.unit)
    client = login(head.username)
    job = start_people_export(client, django_capture_on_commit_callbacks)
    book = download_sheets(client, job)
    units = [row[1] for row in list(book["Đơn vị"].iter_rows(values_only=True))[1:]]
    assert units == ["NC"]
    people_units = {row[4] for row in list(book["Người dùng"].iter_rows(values_only=True))[1:]}
    assert people_units == {"NC"}


def test_another_person_gets_404_for_the_job_its_status_and_its_file(login, client, person,
                                                                      django_capture_on_commit_callbacks):
    job = start_people_export(login("admin"), django_capture_on_commit_callbacks)
    client.force_login(person("hcqt"))
    for name in ("home:job", "home:job_status", "home:job_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.get(reverse("home:job", args=[job.pk + 1000])).status_code == 404
    assert job.pk not in [j.pk for j in client.get(reverse("home:jobs")).context["jobs"]]


def test_round_trip_export_then_import_keeps_vietnamese_names_exactly(login, django_capture_on_commit_callbacks):
    client = login("admin")
    before = dict(User.objects.values_list("username", "full_name"))
    job = start_people_export(client, django_capture_on_commit_callbacks)
    content = b"".join(client.get(reverse("home:job_download", args=[job.pk])).streaming_content)
    imported = upload(client, content, django_capture_on_commit_callbacks)
    imported.refresh_from_db()
    assert imported.status == JobStatus.DONE, imported.errors
    after = dict(User.objects.values_list("username", "full_name"))
    assert after == before
    assert all(unicodedata.is_normalized("NFC", name) for name in after.values())
    assert "Vũ Minh Tâm" in after.values()


def test_import_of_decomposed_names_stores_them_composed(login, django_capture_on_commit_callbacks):
    name = unicodedata.normalize("NFD", "Đặng Thị Hương")
    content = people_workbook([("moi.kt.01", name, "Chuyên viên", "VP", "KT", "cong_chuc", "Không", "Có", "")])
    job = upload(login("admin"), content, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert User.objects.get(username="moi.kt.01").full_name == unicodedata.normalize("NFC", name)


def test_an_invalid_row_is_reported_with_its_number_and_nothing_changes(login, django_capture_on_commit_callbacks):
    content = people_workbook([
        ("moi.kt.01", "Lê Văn Bình", "Chuyên viên", "VP", "KT", "cong_chuc", "Không", "Có", ""),
        ("moi.kt.02", "Trần Thị Cúc", "Chuyên viên", "VP", "KHONG-CO", "cong_chuc", "Không", "Có", ""),
    ])
    client = login("admin")
    before = (User.objects.count(), Unit.objects.count(), User.history.count())
    job = upload(client, content, django_capture_on_commit_callbacks)
    state = client.get(reverse("home:job_status", args=[job.pk])).json()
    assert state["status"] == "failed" and state["finished"] and not state["download_url"]
    assert any("dòng 3" in error and "KHONG-CO" in error for error in state["errors"]), state["errors"]
    assert (User.objects.count(), Unit.objects.count(), User.history.count()) == before
    page = client.get(reverse("home:job", args=[job.pk])).content.decode()
    assert "dòng 3" in page


def test_an_unreadable_file_fails_plainly(login, django_capture_on_commit_callbacks):
    client = login("admin")
    job = upload(client, b"not a workbook", django_capture_on_commit_callbacks)
    state = client.get(reverse("home:job_status", args=[job.pk])).json()
    assert state["status"] == "failed" and any("Excel" in e for e in state["errors"])


def test_only_the_administrator_may_import(login):
    assert login("hcqt").get(reverse("home:people_import")).status_code == 403
    assert Job.objects.count() == 0


def test_status_endpoint_is_json_and_not_cached(login, django_capture_on_commit_callbacks):
    client = login("admin")
    job = start_people_export(client, django_capture_on_commit_callbacks)
    response = client.get(reverse("home:job_status", args=[job.pk]))
    assert response["Content-Type"] == "application/json" and response["Cache-Control"] == "no-store"
    assert set(json.loads(response.content)) >= {"status", "progress", "message", "errors", "download_url"}


def test_a_queued_job_reports_its_progress_before_it_runs(login, person):
    from workflow.jobs.services import job_start

    job = job_start(actor=person("admin"), kind="people_export")
    state = login("admin").get(reverse("home:job_status", args=[job.pk])).json()
    assert state["status"] == "queued" and state["progress"] == 0 and not state["finished"]


def test_auditor_exports_the_log_in_the_background(login, django_capture_on_commit_callbacks):
    client = login("kiemtra")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("audit:export_job") + "?actor=hcqt")
    assert response.status_code == 302
    job = Job.objects.get(owner__username="kiemtra")
    assert job.status == JobStatus.DONE and job.params == {"actor": "hcqt"}
    book = download_sheets(client, job)
    header = next(book.active.iter_rows(values_only=True))
    assert "Hành động" in header


def test_someone_not_an_auditor_cannot_export_the_log(login):
    assert login("hcqt").post(reverse("audit:export_job")).status_code in (403, 404)
    assert Job.objects.count() == 0


def test_staff_without_scope_cannot_start_a_people_export(login):
    assert login("hopdong.hcqt.01").post(reverse("home:people_export")).status_code == 403
    assert Job.objects.count() == 0


def test_job_pages_render_in_english(login, django_capture_on_commit_callbacks):
    client = login("admin")
    job = start_people_export(client, django_capture_on_commit_callbacks)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("home:job", args=[job.pk])).content.decode()
    assert "Download the result" in page and "Export people and units to Excel" in page
