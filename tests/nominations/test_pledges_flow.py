"""Pledge registration over HTTP (issue 5): unit → secretariat → chief → Home Affairs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import RoleAssignment
from accounts.roles import Role
from nominations import demo_pledges
from nominations.audit import PLEDGE_REGISTRATION_UPDATED, PLEDGE_TARGET_ADDED
from nominations.flows import AgencyPledgeFlow, PledgeFlow
from nominations.models import (
    AgencyPledgeRegistration,
    AgencyPledgeStatus,
    Award,
    Movement,
    PledgeProcess,
    PledgeRegistration,
    PledgeStatus,
)
from workflow.audit import Action
from workflow.audit.models import AuditEvent
from workflow.documents.models import DocumentStatus
from workflow.notifications.models import Notification

from .pledge_helpers import INDEX, do_task, open_round, open_task

pytestmark = pytest.mark.django_db
YEAR = 2023


@pytest.fixture(autouse=True)
def movements(db):
    demo_pledges.seed()


def start_unit(client, unit_code="KT", year=YEAR) -> PledgeRegistration:
    from accounts.models import Unit

    unit = Unit.objects.get(agency__code="VP", code=unit_code)
    response = client.post(f"{INDEX}?year={year}", {"action": "create", "unit": unit.pk, "year": year})
    assert response.status_code == 302
    return PledgeRegistration.objects.get(unit=unit, year=year, amended_by__isnull=True, status__in=[
        PledgeStatus.DRAFT, PledgeStatus.RETURNED])


def draft(client, registration, members: list, title="TTLDTT"):
    url = reverse("pledges:detail", args=[registration.pk])
    client.post(url, {"action": "title", "collective_title": Award.objects.get(code=title).pk})
    movement = Movement.objects.get(name__startswith="Đẩy mạnh cải cách hành chính")
    client.post(url, {"action": "add_target", "content": "Giải quyết hồ sơ đúng hạn", "measure": "%",
                      "planned_value": "100", "movement": movement.pk})
    for person, code, initiative in members:
        client.post(url, {"action": "save_line", "person": person.pk, "title": Award.objects.get(code=code).pk,
                          "planned_initiative": initiative})


def unit_registered(login, person, unit_code="kt", late_ok=True) -> PledgeRegistration:
    client = login(f"truongphong.{unit_code}")
    registration = start_unit(client, unit_code.upper())
    draft(client, registration, [(person(f"canbo.{unit_code}.02"), "CSTDCS", "Số hóa báo cáo"),
                                 (person(f"canbo.{unit_code}.03"), "LDTT", "")])
    assert do_task(client, registration, "submit").status_code == 302
    return registration


def test_happy_path_unit_to_home_affairs_with_a_numbered_cong_van(login, person, client,
                                                                  django_capture_on_commit_callbacks):
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    agency_registration = open_round(login, person, YEAR, future)

    registration = unit_registered(login, person)
    registration.refresh_from_db()
    assert registration.status == PledgeStatus.SUBMITTED and not registration.is_late

    client = login("hcqt")
    assert do_task(client, registration, "review", {"decision": "accept"}).status_code == 302
    registration.refresh_from_db()
    assert registration.status == PledgeStatus.ACCEPTED
    assert open_task_count(registration) == 0

    # Before the deadline, and with units missing, the secretariat cannot compile yet.
    response = do_task(client, agency_registration, "compile", {}, agency=True)
    assert response.status_code == 200
    assert "chỉ tổng hợp khi đủ các đơn vị" in response.content.decode()
    agency_registration.refresh_from_db()
    assert agency_registration.status == AgencyPledgeStatus.OPEN and agency_registration.document is None

    agency_registration.deadline = dt.date(2023, 1, 2)
    agency_registration.save()
    response = do_task(client, agency_registration, "compile",
                       {"collective_title": Award.objects.get(code="CO_TINH").pk}, agency=True)
    assert response.status_code == 302
    agency_registration.refresh_from_db()
    assert agency_registration.status == AgencyPledgeStatus.COMPILED
    assert "Phòng Hành chính – Quản trị" in agency_registration.missing_units
    page = client.get(reverse("pledges:agency", args=[agency_registration.pk])).content.decode()
    assert "Phòng Hành chính – Quản trị" in page and "Phòng Kinh tế" in page

    client = login("chanhvp")
    with django_capture_on_commit_callbacks(execute=True):
        assert do_task(client, agency_registration, "sign", {"read_drafts": "1"}, agency=True).status_code == 302
    agency_registration.refresh_from_db()
    document = agency_registration.document
    assert agency_registration.status == AgencyPledgeStatus.SENT
    assert document.status == DocumentStatus.READY and document.number_text.endswith("/VP-HCQT")

    client = login("sonoivu")
    assert do_task(client, agency_registration, "home_affairs", {"decision": "accept"}, agency=True).status_code == 302
    agency_registration.refresh_from_db()
    assert agency_registration.status == AgencyPledgeStatus.ACKNOWLEDGED
    events = AuditEvent.objects.filter(object_id=str(agency_registration.pk),
                                       content_type__model="agencypledgeregistration")
    assert list(events.order_by("seq").values_list("action", flat=True)) == [
        Action.CREATED, "pledge.compiled", Action.SENT, Action.ACKNOWLEDGED]
    assert set(events.values_list("agency__code", flat=True)) == {"VP"}


def open_task_count(registration) -> int:
    return Task.objects.filter(
        process__in=PledgeProcess.objects.filter(registration=registration).values("pk"),
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    ).count()


def test_return_with_reason_then_resubmit_keeps_every_round(login, person):
    registration = unit_registered(login, person)
    client = login("hcqt")
    response = do_task(client, registration, "review", {"decision": "return", "reason": ""})
    assert response.status_code == 200 and "phải ghi rõ lý do" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == PledgeStatus.SUBMITTED

    do_task(client, registration, "review", {"decision": "return", "reason": "Thiếu chỉ tiêu về chuyển đổi số"})
    registration.refresh_from_db()
    assert registration.status == PledgeStatus.RETURNED

    told = Notification.objects.get(event="pledge_returned")
    assert told.recipient == person("truongphong.kt") and "Thiếu chỉ tiêu về chuyển đổi số" in told.body_text
    client = login("truongphong.kt")
    page = client.get(reverse("pledges:detail", args=[registration.pk])).content.decode()
    assert "Thiếu chỉ tiêu về chuyển đổi số" in page
    client.post(reverse("pledges:detail", args=[registration.pk]), {
        "action": "add_target", "content": "Hồ sơ xử lý trên môi trường mạng", "measure": "%", "planned_value": "90"})
    assert do_task(client, registration, "submit").status_code == 302

    client = login("hcqt")
    do_task(client, registration, "review", {"decision": "accept"})
    registration.refresh_from_db()
    assert registration.status == PledgeStatus.ACCEPTED
    assert [(r.round, r.decision) for r in registration.reviews.order_by("round")] == [(1, "return"), (2, "accept")]
    events = AuditEvent.objects.filter(object_id=str(registration.pk), content_type__model="pledgeregistration")
    assert list(events.order_by("seq").values_list("action", "reason")) == [
        (Action.CREATED, ""), (PLEDGE_REGISTRATION_UPDATED, ""), (PLEDGE_TARGET_ADDED, ""), (Action.SUBMITTED, ""),
        (Action.RETURNED, "Thiếu chỉ tiêu về chuyển đổi số"),
        (PLEDGE_TARGET_ADDED, ""), (Action.SUBMITTED, ""), (Action.ACCEPTED, "")]
    assert registration.targets.count() == 2


def test_a_registration_after_the_deadline_is_accepted_and_flagged_late(login, person):
    open_round(login, person, YEAR)

    registration = unit_registered(login, person, "nc")

    registration.refresh_from_db()
    assert registration.status == PledgeStatus.SUBMITTED and registration.is_late
    page = login("hcqt").get(f"{INDEX}?year={YEAR}").content.decode()
    assert "muộn" in page


def test_home_affairs_returns_and_the_secretariat_compiles_again(login, person, django_capture_on_commit_callbacks):
    agency_registration = open_round(login, person, YEAR)
    registration = unit_registered(login, person)
    client = login("hcqt")
    do_task(client, registration, "review", {"decision": "accept"})
    do_task(client, agency_registration, "compile", {}, agency=True)
    with django_capture_on_commit_callbacks(execute=True):
        do_task(login("chanhvp"), agency_registration, "sign", {"read_drafts": "1"}, agency=True)
    first_document = AgencyPledgeRegistration.objects.get(pk=agency_registration.pk).document

    client = login("sonoivu")
    do_task(client, agency_registration, "home_affairs", {"decision": "return", "reason": "Bổ sung danh hiệu cơ quan"},
            agency=True)
    agency_registration.refresh_from_db()
    assert agency_registration.status == AgencyPledgeStatus.RETURNED
    assert agency_registration.home_affairs_reason == "Bổ sung danh hiệu cơ quan"
    told = Notification.objects.get(event="pledge_returned")
    assert told.recipient == person("hcqt") and "Bổ sung danh hiệu cơ quan" in told.body_text

    client = login("hcqt")
    page = client.get(reverse("pledges:agency", args=[agency_registration.pk])).content.decode()
    assert "Bổ sung danh hiệu cơ quan" in page
    assert do_task(client, agency_registration, "compile", {"collective_title": Award.objects.get(code="TTLDXS").pk},
                   agency=True).status_code == 302
    agency_registration.refresh_from_db()
    assert agency_registration.status == AgencyPledgeStatus.COMPILED
    assert agency_registration.document_id != first_document.pk
    first_document.refresh_from_db()
    assert first_document.status == DocumentStatus.READY


def test_a_member_confirms_their_own_line_and_cannot_see_other_units(login, person):
    registration = unit_registered(login, person)
    client = login("canbo.kt.02")
    url = reverse("pledges:detail", args=[registration.pk])
    page = client.get(url).content.decode()
    assert "Tôi xác nhận" in page and "Số hóa báo cáo" in page
    mine = registration.lines.get(person=person("canbo.kt.02"))
    other = registration.lines.get(person=person("canbo.kt.03"))

    client.post(url, {"action": "confirm_line", "line": other.pk})
    client.post(url, {"action": "confirm_line", "line": mine.pk})

    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.confirmed_at is not None and other.confirmed_at is None
    index = client.get(f"{INDEX}?year={YEAR}").content.decode()
    assert "đã xác nhận" in index

    outsider = login("canbo.nc.02")
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {"action": "confirm_line", "line": mine.pk}).status_code == 404
    assert outsider.get(reverse("pledges:pdf", args=[registration.pk])).status_code == 404
    assert "Phòng Kinh tế" not in outsider.get(f"{INDEX}?year={YEAR}").content.decode()


def test_the_unit_head_of_another_unit_cannot_take_the_submit_task(login, person, client):
    login("truongphong.kt")
    registration = start_unit(client)
    task = open_task(registration, "submit")
    other = login("truongphong.nc")

    response = other.post(reverse("pledge:submit:assign", args=[task.process_id, task.pk]))

    assert response.status_code == 404  # another unit's process looks missing (tests/security)
    task.refresh_from_db()
    assert task.owner_id is None


def test_the_home_page_shows_the_members_line_and_the_heads_registration(login, person):
    registration = unit_registered(login, person)
    registration.refresh_from_db()
    registration.year = dt.date.today().year  # the home page shows this year's registration
    registration.save()

    member_home = login("canbo.kt.02").get(reverse("home:index")).content.decode()
    head_home = login("truongphong.kt").get(reverse("home:index")).content.decode()
    outsider_home = login("canbo.nc.02").get(reverse("home:index")).content.decode()

    assert "Tôi đăng ký Chiến sĩ thi đua cơ sở (Phòng Kinh tế) — chưa xác nhận" in member_home
    assert "Phòng Kinh tế: Đã gửi, chờ thường trực xem xét" in head_home
    assert "Phòng Kinh tế" not in outsider_home.split('id="pledges"')[1]


def test_the_registration_page_names_its_step_in_vietnamese_and_taking_it_opens_the_step(login, person, client):
    """Issue #9 (browser test): "Việc cần làm" printed viewflow's node name ("Submit"), and "Nhận việc"
    left the unit head on viewflow's process overview instead of the step they had just taken."""
    login("truongphong.kt")
    registration = start_unit(client)
    task = open_task(registration, "submit")
    page = client.get(reverse("pledges:detail", args=[registration.pk])).content.decode()
    assert "Gửi bản đăng ký thi đua —" in page and "Submit" not in page
    assert 'name="_continue"' in page

    response = client.post(reverse("pledge:submit:assign", args=[task.process_id, task.pk]), {"_continue": "1"})

    task.refresh_from_db()
    assert task.owner == person("truongphong.kt")
    step = client.get(response.url, follow=True)
    assert step.redirect_chain[-1][0] == reverse("pledge:submit:execute", args=[task.process_id, task.pk])
    assert "Gửi bản đăng ký" in step.content.decode()


def test_every_step_of_both_pledge_flows_has_a_vietnamese_title():
    """The desk, the e-mails and the process pages print a task's title; viewflow's default is the node's
    English name."""
    for flow_class in (PledgeFlow, AgencyPledgeFlow):
        for node in flow_class.instance.nodes():
            assert node.task_title != node.name.replace("_", " ").title(), (flow_class.__name__, node.name)


def test_the_unit_head_reads_the_agency_cong_van_their_registration_went_in(login, person,
                                                                            django_capture_on_commit_callbacks):
    """Issue #9 (browser test): once compiled and signed, the unit's page said nothing of the agency's
    registration; the unit head now reads its status and the công văn's number there."""
    agency_registration = open_round(login, person, YEAR)
    registration = unit_registered(login, person)
    client = login("hcqt")
    do_task(client, registration, "review", {"decision": "accept"})
    url = reverse("pledges:detail", args=[registration.pk])
    assert 'id="pledge-included"' not in login("truongphong.kt").get(url).content.decode()

    do_task(login("hcqt"), agency_registration, "compile", {}, agency=True)
    page = login("truongphong.kt").get(url).content.decode()
    assert "Đã tổng hợp, chờ lãnh đạo ký" in page.split('id="pledge-included"')[1].split("</dd>")[0]

    with django_capture_on_commit_callbacks(execute=True):
        do_task(login("chanhvp"), agency_registration, "sign", {"read_drafts": "1"}, agency=True)
    number = AgencyPledgeRegistration.objects.get(pk=agency_registration.pk).document.number_text
    included = login("truongphong.kt").get(url).content.decode().split('id="pledge-included"')[1].split("</dd>")[0]
    assert "Đã ký, gửi Sở Nội vụ" in included and f"Công văn số {number}" in included


def test_in_english_the_button_that_takes_a_step_says_so(login, client):
    """The button shared its msgid with the audit action "Nhận việc" (Task assigned); it has its own now."""
    login("truongphong.kt")
    registration = start_unit(client)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    page = client.get(reverse("pledges:detail", args=[registration.pk])).content.decode()

    assert "Take the task" in page and "Task assigned" not in page


def test_the_secretariat_compiles_before_the_deadline_once_every_unit_that_registers_is_in(login, person):
    """The leadership groups have no unit head and register nothing of their own: they are not
    waited for, and the công văn does not list them as missing."""
    vp = person("hcqt").unit.agency
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    agency_registration = open_round(login, person, YEAR, future)
    codes = ["HCQT", "TH", "KT", "NC", "KGVX", "TTHC", "BTCD", "TTCBTH"]
    for code in codes:
        head = RoleAssignment.objects.get(role=Role.UNIT_HEAD, unit__agency=vp, unit__code=code,
                                          revoked_at__isnull=True).user
        client = login(head.username)
        registration = start_unit(client, code)
        draft(client, registration, [(head, "LDTT", "")])
        assert do_task(client, registration, "submit").status_code == 302
        assert do_task(login("hcqt"), registration, "review", {"decision": "accept"}).status_code == 302

    response = do_task(login("hcqt"), agency_registration, "compile",
                       {"collective_title": Award.objects.get(code="CO_TINH").pk}, agency=True)

    assert response.status_code == 302
    agency_registration.refresh_from_db()
    assert agency_registration.status == AgencyPledgeStatus.COMPILED
    assert agency_registration.missing_units == ""
    assert sorted(vp.units.filter(kind="leadership").values_list("code", flat=True)) == ["LDUBND", "LDVP"]
