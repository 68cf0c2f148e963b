"""viewflow's own flow pages (the board, the lists) as people meet them from the menu: scoped to
the processes they took part in, and in Vietnamese."""

import re

import pytest

from nominations.models import PledgeProcess

pytestmark = pytest.mark.django_db

LISTS = ["/pledge/flows/", "/pledge/tasks/", "/pledge/inbox/", "/pledge/queue/", "/pledge/archive/"]


@pytest.fixture
def registrations(login, person):
    """Phòng Kinh tế and Phòng Nội chính each start their registration of 2023 on the pledge page."""
    processes = {}
    for code in ("kt", "nc"):
        head = person(f"truongphong.{code}")
        response = login(head.username).post("/pledges/?year=2023", {"action": "create", "unit": head.unit_id,
                                                                     "year": 2023})
        assert response.status_code == 302
        processes[code] = PledgeProcess.objects.get(registration__unit=head.unit_id)
    return processes


def process_links(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'href="/pledge/(\d+)/', html)}


def test_the_flow_board_shows_a_unit_head_their_units_process_only(login, registrations):
    html = login("truongphong.kt").get("/pledge/").content.decode()

    assert process_links(html) == {registrations["kt"].pk}


def test_the_flow_board_shows_home_affairs_no_units_process(login, registrations):
    response = login("sonoivu").get("/pledge/")

    assert response.status_code == 200
    assert process_links(response.content.decode()) == set()


def test_every_linked_process_opens_for_the_person_who_sees_the_link(login, registrations):
    client = login("truongphong.nc")
    linked = set()
    for url in ["/pledge/", *LISTS]:
        linked |= process_links(client.get(url).content.decode())

    assert linked == {registrations["nc"].pk}
    assert all(client.get(f"/pledge/{pk}/").status_code == 200 for pk in linked)


@pytest.mark.parametrize("url", LISTS)
def test_the_lists_speak_vietnamese(login, registrations, url):
    html = login("truongphong.kt").get(url).content.decode()
    text = re.sub(r"<[^>]+>", " ", html)

    for english in ("Brief", "Process id", "Active tasks", "Process summary", " of ", "Submit", "Start"):
        assert english not in text, english


def test_the_lists_name_the_registration_and_the_step(login, registrations):
    client = login("truongphong.kt")

    processes = client.get("/pledge/flows/").content.decode()
    tasks = client.get("/pledge/tasks/").content.decode()

    assert "Đăng ký thi đua năm 2023 — Phòng Kinh tế" in processes
    assert "Gửi bản đăng ký thi đua" in tasks and "Lập bản đăng ký" in tasks
    assert "Đăng ký thi đua của đơn vị - " not in processes
