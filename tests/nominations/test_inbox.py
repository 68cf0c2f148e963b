""""Việc của tôi" (home:inbox): every flow's tasks the reader holds or may take, overdue first, each
named by what it carries, a queued one taken and opened in one click; its count for the menu."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time
from viewflow.workflow.status import STATUS

from nominations.flows import AgencyPledgeFlow
from nominations.models import AgencyPledgeProcess
from workflow.context_processors import inbox

from .helpers import edit_task, open_cycle, open_dossier

pytestmark = pytest.mark.django_db

INBOX = reverse("home:inbox")


def agency_round(person, year: int, deadline: dt.date):
    """The secretariat opens the agency's pledge round of ``year``: its compile step waits in her queue."""
    registration = AgencyPledgeFlow.start.run(actor=person("hcqt"), agency=person("hcqt").agency, year=year,
                                              deadline=deadline).registration
    process = AgencyPledgeProcess.objects.get(registration=registration)
    return process.task_set.get(flow_task=AgencyPledgeFlow.compile)


def rows_of(page: str) -> list[str]:
    """The task ids in the inbox's order."""
    return [chunk.split('"', 1)[0] for chunk in page.split('data-task="')[1:]]


def test_the_queue_is_listed_overdue_first_named_by_content_and_taken_and_opened_in_one_click(person, login):
    # given two rounds in the secretariat's queue: the later-created one overdue
    with freeze_time("2025-01-06 02:00:00"):
        later = agency_round(person, 2026, dt.date(2025, 12, 1))
    with freeze_time("2025-01-07 02:00:00"):
        overdue = agency_round(person, 2025, dt.date(2025, 1, 7))

    with freeze_time("2025-03-03 02:00:00"):
        client = login("hcqt")
        page = client.get(INBOX).content.decode()

        # then the overdue task comes first, each named by its year and agency, not by id
        assert rows_of(page) == [str(overdue.pk), str(later.pk)]
        assert "Tổng hợp bản đăng ký thi đua của cơ quan: Đăng ký thi đua năm 2025 — Văn phòng UBND tỉnh" in page
        assert "#" + str(overdue.process_id) not in page
        assert "Quá hạn" in page and "1 việc quá hạn" in page
        assert page.count("Nhận và mở") == 2
        take = overdue.reverse("assign")
        assert f'action="{take}"' in page and 'name="_continue"' in page

        # when she takes the overdue one: she lands on the task itself, no claim page between
        response = client.post(take, {"_continue": "1"})
        overdue.refresh_from_db()
        assert (overdue.status, overdue.owner.username) == (STATUS.ASSIGNED, "hcqt")
        assert response.status_code == 302 and response["Location"] == overdue.reverse("index")
        landed = client.get(response["Location"], follow=True)
        assert landed.redirect_chain[-1][0] == overdue.reverse("execute") and landed.status_code == 200

        # and the inbox now lists it as hers, to open, still first
        page = client.get(INBOX).content.decode()
        assert rows_of(page) == [str(overdue.pk), str(later.pk)]
        assert f'href="{overdue.reverse("index")}"' in page and page.count("Nhận và mở") == 1


def test_the_unit_head_sees_the_dossier_assigned_to_them_named_by_unit_and_cycle(login):
    dossier = open_dossier(open_cycle(2025), "KT")

    page = login("truongphong.kt").get(INBOX).content.decode()

    task = edit_task(dossier)
    assert rows_of(page) == [str(task.pk)]
    assert "Lập, bổ sung và nộp hồ sơ: Phòng Kinh tế — Xét khen thưởng năm 2025" in page
    assert "Hồ sơ đề nghị khen thưởng #" not in page
    assert "Nhận và mở" not in page
    assert rows_of(login("truongphong.th").get(INBOX).content.decode()) == []


def _inbox_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INBOX).status_code == 200
    return len(queries)


def test_the_inbox_costs_the_same_queries_for_one_task_as_for_four(person, login, django_assert_max_num_queries):
    with freeze_time("2025-01-06 02:00:00"):
        agency_round(person, 2025, dt.date(2025, 1, 6))
        open_dossier(open_cycle(2025), "HCQT")  # the unit head's, not hers: she is not counted for it
        client = login("hcqt")
        one = _inbox_queries(client)
        for year in (2026, 2027, 2028):
            agency_round(person, year, dt.date(year - 1, 12, 1))
        with django_assert_max_num_queries(INBOX_QUERIES):
            page = client.get(INBOX).content.decode()
        four = _inbox_queries(client)

    assert len(rows_of(page)) == 4
    assert four == one


# session, user, the person's tasks, their object and model permissions (3), their queue, the delegations
# behind their tasks, one query per kind of process named (here 1), the calendar, the menu's content types.
INBOX_QUERIES = 14


def test_the_menu_count_is_read_only_when_a_template_uses_it(person, login):
    agency_round(person, 2025, dt.date(2025, 12, 1))
    request = RequestFactory().get("/")
    request.user = person("hcqt")

    with CaptureQueriesContext(connection) as built:
        count = inbox(request)["inbox_count"]
    with CaptureQueriesContext(connection) as read:
        shown = str(count)

    assert len(built) == 0
    assert shown == "1"
    assert len(read) <= 4  # the COUNT, after the person's permissions (read once a request, shared with the queue)


def test_task_pages_are_titled_by_what_the_task_carries(person, login):
    task = agency_round(person, 2025, dt.date(2025, 12, 1))
    client = login("hcqt")
    name = "Tổng hợp bản đăng ký thi đua của cơ quan: Đăng ký thi đua năm 2025 — Văn phòng UBND tỉnh"

    claim = client.get(task.reverse("assign")).content.decode()  # viewflow's own page, still reachable
    assert f"<title>{name}" in claim
    client.post(task.reverse("assign"))
    page = client.get(task.reverse("execute")).content.decode()
    assert name in page and f"#{task.pk}" not in page.split("</title>", 1)[0]


def test_the_chiefs_signature_goes_to_his_deputy_when_he_has_delegated(person, login):
    """SoleHolder and delegation: the sign step is the chief's when created, and the engine hands it at once
    to the deputy acting "KT." for him; the deputy's inbox lists it to open, on the chief's behalf."""
    from django.utils import timezone

    from nominations import demo_pledges
    from workflow.delegation.services import delegation_create

    from .pledge_helpers import do_task, open_task, unit_registration_accepted

    demo_pledges.seed()
    chief, deputy, secretariat = person("chanhvp"), person("phochanhvp1"), person("hcqt")
    today = timezone.localdate()
    delegation_create(actor=chief, delegator=chief, delegate=deputy, start_date=today, end_date=today,
                      reason="Đi công tác")
    registration = AgencyPledgeFlow.start.run(actor=secretariat, agency=chief.agency, year=2025,
                                              deadline=today).registration
    unit_registration_accepted(person)
    assert do_task(login("hcqt"), registration, "compile", {}, agency=True).status_code == 302

    sign = open_task(registration, "sign", agency=True)
    assert (sign.status, sign.owner) == (STATUS.ASSIGNED, deputy)
    page = login("phochanhvp1").get(INBOX).content.decode()
    assert rows_of(page) == [str(sign.pk)]
    assert f"Xử lý thay {chief.full_name}" in page and "Nhận và mở" not in page
    assert rows_of(login("chanhvp").get(INBOX).content.decode()) == []
