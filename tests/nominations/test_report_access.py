"""Who may write and see which part of the annual report: a unit head writes only their own unit's
section; every lookup answers 404 alike for a missing and a forbidden object."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from nominations.models import AnnualReportProcess, ReportSection
from nominations.services import report as services

from .report_helpers import (
    SECTION_TEXT,
    do_task,
    open_report,
    open_tasks,
    prose_post,
    section_task,
    task_url,
    write_all_sections,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(login):
    return open_report(login("hcqt"))


def test_a_unit_head_cannot_write_another_units_section_over_http(login, report):
    kt = report.sections.get(unit__code="KT")
    task = section_task(report, kt)
    other = login("truongphong.nc")

    page = other.get(task_url(task))
    posted = other.post(task_url(task), {"action": "submit", **SECTION_TEXT})

    assert page.status_code in (403, 404) and posted.status_code in (403, 404)
    kt.refresh_from_db()
    assert kt.results == "" and kt.submitted_at is None


def test_the_service_refuses_another_units_head(person, report):
    kt = report.sections.get(unit__code="KT")

    with pytest.raises(PermissionDenied):
        services.report_section_save(actor=person("truongphong.nc"), section=kt, fields={"results": "x"})
    with pytest.raises(PermissionDenied):
        services.report_section_submit(actor=person("truongphong.nc"), section=kt, fields=SECTION_TEXT)
    kt.refresh_from_db()
    assert kt.results == ""


def test_another_units_section_is_404_like_a_missing_one(login, report):
    kt = report.sections.get(unit__code="KT")
    nc = report.sections.get(unit__code="NC")
    client = login("truongphong.nc")
    missing = ReportSection.objects.order_by("-pk").first().pk + 100

    assert client.get(reverse("reports:section", args=[kt.pk])).status_code == 404
    assert client.get(reverse("reports:section", args=[missing])).status_code == 404
    assert client.get(reverse("reports:section", args=[nc.pk])).status_code == 200


def test_a_unit_head_sees_the_report_with_their_own_section_only(login, report):
    kt = report.sections.get(unit__code="KT")
    services.report_section_save(actor=kt.unit.members.get(username="truongphong.kt"), section=kt,
                                 fields={"results": "Kết quả riêng của Phòng Kinh tế."})

    page = login("truongphong.nc").get(reverse("reports:detail", args=[report.pk])).content.decode()

    assert "Phòng Nội chính" in page and "Kết quả riêng của Phòng Kinh tế." not in page
    assert "Kết quả riêng của Phòng Kinh tế." in login("hcqt").get(
        reverse("reports:detail", args=[report.pk])).content.decode()


def test_staff_and_other_agencies_get_404_for_the_report(login, report):
    for username in ("canbo.kt.02", "truongphong.btdkt", "sonoivu"):
        assert login(username).get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert login("kiemtra").get(reverse("reports:detail", args=[report.pk])).status_code == 200


def test_home_affairs_reads_the_report_from_the_chiefs_signature_on_and_never_a_units_section(
        login, report, django_capture_on_commit_callbacks):
    """Sở Nội vụ is another agency (design §1): the report is the Office's draft until the chief signs and
    sends it (design §3 flow 5); the units' sections are never sent."""
    detail = reverse("reports:detail", args=[report.pk])
    process = reverse("annualreport:process_detail", args=[AnnualReportProcess.objects.get(report=report).pk])
    section = reverse("reports:section", args=[report.sections.get(unit__code="KT").pk])
    write_all_sections(login, report)
    do_task(login("hcqt"), open_tasks(report, "compile")[0], prose_post(report, "finish"))

    officer = login("sonoivu")
    assert [officer.get(url).status_code for url in (detail, process, section)] == [404, 404, 404]

    with django_capture_on_commit_callbacks(execute=True):
        do_task(login("chanhvp"), open_tasks(report, "sign")[0], {"read_drafts": "1"})

    officer = login("sonoivu")
    assert [officer.get(url).status_code for url in (detail, process, section)] == [200, 200, 404]


def test_only_the_secretariat_opens_a_report_and_only_once(login, report, person):
    from accounts.models import Agency

    vp = Agency.objects.get(code="VP")
    assert login("truongphong.kt").post(reverse("reports:index"), {"agency": vp.pk, "year": 2024}).status_code == 404
    again = login("hcqt").post(reverse("reports:index"), {"agency": vp.pk, "year": 2023}, follow=True)
    assert "đã có báo cáo tổng kết năm 2023" in again.content.decode()
    with pytest.raises(PermissionDenied):
        services.annual_report_open(actor=person("chanhvp"), agency=vp, year=2022)


def test_the_reports_page_is_reachable_from_the_navigation(login):
    page = login("hcqt").get(reverse("pledges:index")).content.decode()

    assert reverse("reports:index") in page
