"""viewflow's lists of the pledge and report flows (the board, processes, steps, inbox, queue, archive) cost
the same queries for one process as for several: the processes of a page are named together, never one
coerced process per row (issue 23: 45-115 queries a page at ten years of a province)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nominations.models import AnnualReportProcess, PledgeProcess
from tests.nominations.pledge_helpers import open_round
from tests.nominations.report_helpers import open_report

pytestmark = pytest.mark.django_db

PAGES = ("", "flows/", "tasks/", "inbox/", "queue/", "archive/")


def queries_of(client, url: str) -> int:
    client.get(url)  # the first request warms caches that live for the process (content types, flows)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def counts(client, prefix: str) -> dict[str, int]:
    return {page: queries_of(client, f"/{prefix}/{page}") for page in PAGES}


def start_unit_registration(login, person, year: int) -> None:
    head = person("truongphong.kt")
    response = login(head.username).post(f"/pledges/?year={year}", {"action": "create", "unit": head.unit_id,
                                                                   "year": year})
    assert response.status_code == 302


def test_a_unit_head_s_registration_lists_cost_the_same_for_one_and_three_years(login, person):
    # Given the head of Phòng Kinh tế has registered the unit for one year
    start_unit_registration(login, person, 2023)
    one = counts(login("truongphong.kt"), "pledge")

    # When they register two more years
    start_unit_registration(login, person, 2024)
    start_unit_registration(login, person, 2025)
    client = login("truongphong.kt")
    three = counts(client, "pledge")

    # Then every list costs what it cost for one, and names each registration
    assert three == one
    assert PledgeProcess.objects.filter(registration__unit=person("truongphong.kt").unit).count() == 3
    processes = client.get("/pledge/flows/").content.decode()
    assert all(f"Đăng ký thi đua năm {year} — Phòng Kinh tế" in processes for year in (2023, 2024, 2025))


@pytest.mark.parametrize("username", ["hcqt", "truongphong.kt"])
def test_the_secretariat_s_lists_of_unit_registrations_cost_the_same_for_one_and_three(login, person, username):
    start_unit_registration(login, person, 2023)
    one = counts(login(username), "pledge")

    start_unit_registration(login, person, 2024)
    start_unit_registration(login, person, 2025)

    assert counts(login(username), "pledge") == one


def test_the_agency_registration_lists_cost_the_same_for_one_and_three_rounds(login, person):
    # Given the secretariat opened the Office's registration of one year
    open_round(login, person, 2023)
    one = counts(login("hcqt"), "agencypledge")
    home_affairs_one = counts(login("sonoivu"), "agencypledge")

    # When it opens two more years
    open_round(login, person, 2024)
    open_round(login, person, 2025)

    # Then its lists (and Sở Nội vụ's) cost the same
    assert counts(login("hcqt"), "agencypledge") == one
    assert counts(login("sonoivu"), "agencypledge") == home_affairs_one
    processes = login("hcqt").get("/agencypledge/flows/").content.decode()
    assert all(f"Đăng ký thi đua năm {year}" in processes for year in (2023, 2024, 2025))


def test_the_annual_report_lists_cost_the_same_for_one_and_three_reports(login):
    # Given the secretariat opened one year's report
    open_report(login("hcqt"), 2023)
    one = counts(login("hcqt"), "annualreport")
    head_one = queries_of(login("truongphong.kt"), "/annualreport/inbox/")
    reports_one = queries_of(login("hcqt"), "/reports/")

    # When it opens two more
    open_report(login("hcqt"), 2024)
    open_report(login("hcqt"), 2025)

    # Then its lists, a unit head's inbox of sections to write and the reports page cost the same
    assert AnnualReportProcess.objects.count() == 3
    assert counts(login("hcqt"), "annualreport") == one
    assert queries_of(login("truongphong.kt"), "/annualreport/inbox/") == head_one
    assert queries_of(login("hcqt"), "/reports/") == reports_one  # the reports page (reports_for_user) too
