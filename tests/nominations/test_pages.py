"""The pages people use: cycles, the dossier list with filters and search (constant queries),
the secretariat's session page (agenda, attendance, publication, a written vote), secrecy."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Unit, User
from nominations import demo_facts, services
from nominations.flows.council import CouncilFlow
from nominations.models import Award, Ballot, CommendationKind, Cycle, Session, SessionStatus
from nominations.processes import council as council_processes

from .helpers import accepted_dossier, open_cycle, open_dossier, task_url

pytestmark = pytest.mark.django_db


def test_the_secretariat_opens_a_cycle_and_a_unit_head_opens_the_units_dossier(login):
    response = login("hcqt").post("/nominations/cycles/", {
        "agency": User.objects.get(username="hcqt").unit.agency_id, "year": 2025, "name": "Tổng kết năm 2025",
        "nominations_due": "2025-12-10", "council_date": "2025-12-01"})
    assert response.status_code == 400 and "Ngày họp Hội đồng phải sau hạn nộp hồ sơ" in response.content.decode()
    assert not Cycle.objects.exists()

    login("hcqt").post("/nominations/cycles/", {
        "agency": User.objects.get(username="hcqt").unit.agency_id, "year": 2025, "name": "Tổng kết năm 2025",
        "nominations_due": "2025-12-10", "council_date": "2025-12-20"})
    cycle = Cycle.objects.get()
    unit = Unit.objects.get(code="KT", agency__code="VP")
    response = login("truongphong.kt").post("/nominations/cycles/", {
        "action": "open_dossier", "cycle": cycle.pk, "unit": unit.pk})
    assert response.status_code == 302 and cycle.dossiers.get().unit == unit
    refused = login("truongphong.kt").post("/nominations/cycles/", {
        "agency": unit.agency_id, "year": 2026, "name": "x", "nominations_due": "2026-12-10"})
    assert refused.status_code == 400 and Cycle.objects.count() == 1


def make_dossiers(count: int, start: int = 0) -> None:
    cycle_year = 2025
    for index in range(start, start + count):
        cycle = services.cycle_open(actor=User.objects.get(username="hcqt"), agency=Unit.objects.get(
            code="KT", agency__code="VP").agency, year=cycle_year, name=f"Đợt {index}",
            nominations_due=dt.date(cycle_year, 12, 10))
        dossier = open_dossier(cycle, "KT")
        person = User.objects.filter(unit=dossier.unit).exclude(pk=dossier.created_by_id).first()
        services.line_add(actor=dossier.created_by, dossier=dossier, person=person,
                          award=Award.objects.get(code="LDTT"), commendation_kind=CommendationKind.objects.first(),
                          achievements="Hoàn thành tốt nhiệm vụ.")


def list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/nominations/").status_code == 200
    return len(queries)


def test_the_dossier_list_costs_the_same_queries_for_100_dossiers_as_for_10(login, django_assert_max_num_queries):
    client = login("hcqt")
    make_dossiers(10)
    ten = list_queries(client)
    make_dossiers(90, start=10)

    with django_assert_max_num_queries(ten):
        response = client.get("/nominations/")
    assert response.content.decode().count("/nominations/dossiers/") == 100


def test_the_list_filters_by_status_and_finds_a_nominee_by_name_without_tones(login):
    cycle = open_cycle()
    kt = accepted_dossier(cycle, "KT", [(User.objects.filter(unit__code="KT").exclude(
        username__startswith="truongphong").first(), "LDTT")])
    open_dossier(cycle, "NC")
    client = login("hcqt")
    name = kt.lines.get().person.full_name
    from accounts import vietnamese

    found = client.get("/nominations/", {"q": vietnamese.fold(name)}).content.decode()
    accepted = client.get("/nominations/", {"status": "accepted"}).content.decode()

    assert f"/nominations/dossiers/{kt.pk}/" in found and "Phòng Nội chính" not in found
    assert f"/nominations/dossiers/{kt.pk}/" in accepted and accepted.count("/nominations/dossiers/") == 1


def test_the_secretariat_builds_the_agenda_publishes_and_enters_a_written_vote(login):
    cycle = open_cycle()
    staff = list(User.objects.filter(unit__code="KT").exclude(username__startswith="truongphong")[:2])
    accepted_dossier(cycle, "KT", [(person, "LDTT") for person in staff])
    absent = User.objects.get(username="hoidong2")
    client = login("hcqt")

    response = client.post("/nominations/sessions/", {
        "cycle": cycle.pk, "meeting_date": "2025-12-20", "venue": "Phòng họp số 1",
        f"absent_{absent.pk}": "1", f"reason_{absent.pk}": "Đi công tác"})
    session = Session.objects.get()
    assert response.status_code == 302 and session.members_present == 12 and session.items.count() == 2
    client.post(f"/nominations/sessions/{session.pk}/", {"action": "publish"})
    session.refresh_from_db()
    assert session.status == SessionStatus.VOTING
    member = session.attendees.get(person=absent)

    data = {"action": "written", "member": member.pk, "note": "Phiếu gửi ngày 19/12/2025",
            **{f"item_{item.pk}": "yes" for item in session.items.all()}}
    client.post(f"/nominations/sessions/{session.pk}/", data)

    ballot = Ballot.objects.get(member=member)
    assert ballot.written and ballot.entered_by.username == "hcqt"
    task = session.process.task_set.get(flow_task=CouncilFlow.ballot, data__member=member.pk)
    assert task.status == "DONE"


def test_no_page_shows_how_a_named_member_voted(login, client):
    cycle = open_cycle()
    person = User.objects.filter(unit__code="KT").exclude(username__startswith="truongphong").first()
    accepted_dossier(cycle, "KT", [(person, "LDTT")])
    secretariat = User.objects.get(username="hcqt")
    session = council_processes.session_publish(actor=secretariat, session=services.session_create(
        actor=secretariat, cycle=cycle, meeting_date=dt.date(2025, 12, 20)))
    item = session.items.get()
    dissenter = None
    for index, task in enumerate(session.process.task_set.filter(flow_task=CouncilFlow.ballot).order_by("pk")):
        client.force_login(task.owner)
        choice = "no" if index == 0 else "yes"
        dissenter = dissenter or task.owner
        client.post(task_url("council", task), {f"item_{item.pk}": choice})

    pages = [login(user).get(url).content.decode() for user, url in [
        ("hcqt", f"/nominations/sessions/{session.pk}/"), ("chanhvp", f"/nominations/sessions/{session.pk}/"),
        ("hcqt", f"/nominations/dossiers/{item.line.dossier_id}/")]]
    assert all("12/13" in page for page in pages[:2])
    for page in pages:
        assert "Không đồng ý" not in page.split(dissenter.full_name, 1)[-1][:200]
    from nominations.models import BallotChoice, BallotPaper

    assert {f.name for f in BallotPaper._meta.get_fields()} == {"id", "session", "choices"}
    assert {f.name for f in BallotChoice._meta.get_fields()} == {"id", "paper", "item", "approve"}


def test_an_administrator_opens_a_cycle_in_the_admin(login):
    client = login("admin")
    agency = Unit.objects.get(code="KT", agency__code="VP").agency

    response = client.post("/admin/nominations/cycle/add/", {
        "agency": agency.pk, "year": 2025, "name": "Xét khen thưởng 2025", "nominations_due": "2025-11-30",
        "is_open": "on", "kind": CommendationKind.objects.get(code="THUONG_XUYEN").pk})

    assert response.status_code == 302
    cycle = Cycle.objects.get()
    assert cycle.kind.code == "THUONG_XUYEN"  # the service was given the kind chosen in the admin
    assert cycle.created_by.username == "admin"
    assert cycle.history.get().history_user.username == "admin"


def test_the_desk_shows_my_units_dossiers_and_what_waits_for_the_secretariat(login):
    cycle = open_cycle()
    dossier = open_dossier(cycle, "KT")
    head = dossier.created_by
    person = User.objects.filter(unit=dossier.unit).exclude(pk=head.pk).first()
    services.line_add(actor=head, dossier=dossier, person=person, award=Award.objects.get(code="LDTT"),
                      commendation_kind=CommendationKind.objects.first(), achievements="Hoàn thành tốt nhiệm vụ.")
    from .helpers import edit_task, run

    demo_facts.papers_record(dossier=dossier)
    run(edit_task(dossier), head, lambda: services.dossier_submit(actor=head, dossier=dossier))

    unit_desk = login("truongphong.kt").get("/home/").content.decode()
    secretariat_desk = login("hcqt").get("/home/").content.decode()
    staff_desk = login(person.username).get("/home/").content.decode()

    assert 'id="my-unit-dossiers"' in unit_desk and f"/nominations/dossiers/{dossier.pk}/" in unit_desk
    assert 'id="waiting-dossiers"' in secretariat_desk and f"/nominations/dossiers/{dossier.pk}/" in secretariat_desk
    assert "my-unit-dossiers" not in staff_desk and "waiting-dossiers" not in staff_desk


def submitted_dossiers(count: int, start: int) -> None:
    from .helpers import edit_task, run

    make_dossiers(count, start=start)
    from nominations.models import Dossier

    for dossier in Dossier.objects.filter(cycle__name__in=[f"Đợt {i}" for i in range(start, start + count)]):
        demo_facts.papers_record(dossier=dossier)
        run(edit_task(dossier), dossier.created_by,
            lambda d=dossier: services.dossier_submit(actor=d.created_by, dossier=d))


def test_the_secretariats_desk_costs_the_same_queries_for_40_waiting_dossiers_as_for_10(
        login, django_assert_max_num_queries):
    client = login("hcqt")
    submitted_dossiers(10, start=0)
    with CaptureQueriesContext(connection) as queries:
        client.get("/home/")
    ten = len(queries)
    submitted_dossiers(30, start=10)

    with django_assert_max_num_queries(ten):
        page = client.get("/home/").content.decode()
    assert page.count("/nominations/dossiers/") == 40


def test_the_secretariat_of_one_agency_finds_it_chosen_when_opening_a_cycle(login):
    """Regression: the agency list started on "---------", and the browser refused to send the
    form until the secretariat picked the only agency they have."""
    page = login("hcqt").get("/nominations/cycles/").content.decode()

    agency = page.split('name="agency"')[1].split("</select>")[0]
    assert 'selected>Văn phòng UBND tỉnh Quảng Ngãi' in agency


def test_only_the_secretariat_is_offered_to_build_a_session_with_the_count_of_accepted_lines(login):
    """Members, the chief and the auditor see the sessions; building one is the secretariat's work
    (domain §4), so the form with the members' attendance is not put before anyone else."""
    cycle = open_cycle()
    staff = list(User.objects.filter(unit__code="KT").exclude(username__startswith="truongphong")[:3])
    accepted_dossier(cycle, "KT", [(person, "LDTT") for person in staff])
    open_dossier(cycle, "NC")

    secretariat = login("hcqt").get("/nominations/sessions/").content.decode()
    assert f"Lập phiên họp cho {cycle} (3 dòng đã tiếp nhận)" in secretariat
    assert secretariat.count('name="absent_') == 13

    for username in ("chanhvp", "hoidong1", "kiemtra"):
        page = login(username).get("/nominations/sessions/")
        assert page.status_code == 200
        assert "Lập phiên họp cho" not in page.content.decode()


@pytest.mark.parametrize(("username", "linked"), [("hcqt", True), ("truongphong.kt", True), ("hoidong1", False),
                                                  ("canbo.kt.02", False)])
def test_the_dossier_list_links_the_overview_only_for_whoever_has_one(login, username, linked):
    """A council member or a member of staff has no overview (it answers 404): no link to it."""
    client = login(username)

    page = client.get("/nominations/").content.decode()

    assert ('href="/nominations/tong-quan/"' in page) is linked
    assert client.get("/nominations/tong-quan/").status_code == (200 if linked else 404)


def test_the_list_of_lines_costs_the_same_queries_for_100_lines_as_for_10(login, django_assert_max_num_queries):
    """The list reads the person's dossiers first, then their lines by the dossier (``line_list_for_user``): a
    hundred more lines on the page add no query (issue 23: constant query counts on every list). The unit head
    reads the unit's draft dossiers; the secretariat would see none of them yet."""
    url = reverse("nominations:lines")
    make_dossiers(10)
    client = login("truongphong.kt")
    with CaptureQueriesContext(connection) as ten:
        first = client.get(url)
    make_dossiers(90, start=10)

    with django_assert_max_num_queries(len(ten)):
        response = client.get(url)

    assert first.status_code == response.status_code == 200
    assert first.context["paginator"].count == 10 and response.context["paginator"].count == 100
