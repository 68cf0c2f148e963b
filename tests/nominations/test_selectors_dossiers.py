"""Who sees a dossier (design §1, §5): a unit's draft is its own until it is sent; the council sees
what reaches it; the agency's leads see everything; the same 404 for hidden and missing."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Agency, User
from accounts.roles import Role
from accounts.services import role_grant
from nominations.flows.home_affairs import HomeAffairsFlow
from nominations.models import Attachment
from nominations.selectors import attachments_for_user, dossiers_for_user, lines_for_user
from tests.factories import UserFactory

from .council_helpers import approved_submission, open_task, sent_submission, taken
from .helpers import PDF, accepted_dossier, open_cycle, open_dossier, task_url

pytestmark = pytest.mark.django_db


def test_a_council_member_sees_another_units_dossier_only_once_it_is_submitted(login, person):
    cycle = open_cycle(2025)
    draft = open_dossier(cycle, "NC")
    submitted = accepted_dossier(cycle, "KT", [(person("canbo.kt.02"), "LDTT")])

    visible = set(dossiers_for_user(person("hoidong1")).values_list("pk", flat=True))
    client = login("hoidong1")

    assert submitted.pk in visible and draft.pk not in visible
    assert client.get(reverse("nominations:dossier", args=[draft.pk])).status_code == 404
    assert client.get(reverse("nominations:dossier", args=[submitted.pk])).status_code == 200


def test_the_units_head_and_the_secretariat_see_the_draft(person):
    draft = open_dossier(open_cycle(2025), "NC")

    assert dossiers_for_user(person("truongphong.nc")).filter(pk=draft.pk).exists()
    assert dossiers_for_user(person("hcqt")).filter(pk=draft.pk).exists()
    assert not dossiers_for_user(person("truongphong.kt")).filter(pk=draft.pk).exists()



# --- Sở Nội vụ reads the dossier behind a Tờ trình sent to it (Luật TĐKT 2022, Điều 84) ---------------------

FILES = [("minutes", "bien-ban-binh-xet.pdf", None), ("report", "bao-cao-thanh-tich.pdf", 0),
         ("supporting", "minh-chung-ldtt.pdf", 1)]


@pytest.fixture(autouse=True)
def _blank_pdf_documents(monkeypatch):
    """Who reads what does not depend on how the Tờ trình looks: it is issued from a blank page."""
    from pypdf import PdfWriter

    from workflow.documents import rendering

    buffer = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(buffer)
    monkeypatch.setattr(rendering, "html_to_pdf", lambda html: rendering.RenderResult(pdf=buffer.getvalue()))


def _sent(unit_code: str = "KT"):
    """A Tờ trình issued and at Sở Nội vụ for the unit's CSTĐ tỉnh line; the same dossier proposes a colleague
    for LĐTT (the chief's own decision, never sent), with the unit's minutes, the CSTĐ line's achievement
    report and the LĐTT line's supporting file. Returns the submission, the dossier, the sent line, the other."""
    colleague = User.objects.filter(unit__code=unit_code, unit__agency__code="VP").exclude(
        username__startswith="truongphong").order_by("pk")[1]
    submission = sent_submission(unit_code, also=[(colleague, "LDTT")], files=FILES)
    sent_line = submission.lines.select_related("dossier", "person").get()
    other_line = sent_line.dossier.lines.select_related("person").exclude(pk=sent_line.pk).get()
    return submission, sent_line.dossier, sent_line, other_line


def _file_url(dossier, name: str) -> str:
    return reverse("nominations:attachment", args=[dossier.attachments.get(original_name=name).pk])


def _granted(role: str, **scope) -> User:
    """Someone new holding ``role`` over ``scope`` (a province), granted as the administrator does."""
    holder = UserFactory()
    role_grant(actor=User.objects.get(username="admin"), user=holder, role=role, **scope)
    return holder


def test_home_affairs_opens_each_lines_dossier_from_the_review_page_and_downloads_its_files(login, person):
    submission, dossier, sent_line, other_line = _sent()
    review = taken(open_task(submission.process, HomeAffairsFlow.review), person("sonoivu"))
    client = login("sonoivu")

    review_page = client.get(task_url("homeaffairs", review)).content.decode()
    page = client.get(reverse("nominations:dossier", args=[dossier.pk]))
    text = page.content.decode()
    minutes = client.get(_file_url(dossier, "bien-ban-binh-xet.pdf"))
    report = client.get(_file_url(dossier, "bao-cao-thanh-tich.pdf"))

    assert f'href="{reverse("nominations:dossier", args=[dossier.pk])}"' in review_page
    assert page.status_code == 200
    assert sent_line.person.full_name in text and other_line.person.full_name not in text
    assert "bien-ban-binh-xet.pdf" in text and "bao-cao-thanh-tich.pdf" in text
    assert "minh-chung-ldtt.pdf" not in text
    assert f'href="{reverse("documents:detail", args=[submission.document_id])}"' in text
    assert submission.document.number_text in text
    content = text[text.index("<main"):text.index("</main>")]  # the page, without the shell's sign-out and language
    assert 'id="my-task"' not in content and "<form" not in content  # read-only: no step to take, nothing to post
    for response in (minutes, report):
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content) == PDF


def test_home_affairs_gets_no_other_line_nor_its_file_of_the_same_dossier(login, person):
    submission, dossier, sent_line, other_line = _sent()
    officer = person("sonoivu")
    client = login("sonoivu")

    refused = client.get(_file_url(dossier, "minh-chung-ldtt.pdf"))
    found = [client.get(reverse("nominations:index"), query).content.decode() for query in (
        {"q": sent_line.person.full_name}, {"q": other_line.person.full_name},
        {"award": sent_line.award_id}, {"award": other_line.award_id})]

    assert list(lines_for_user(officer).filter(dossier=dossier)) == [sent_line]
    # The dossier's own files and the sent line's (its uploaded and its confirmed báo cáo thành tích, its
    # supporting paper), none of the in-house line's.
    visible = set(attachments_for_user(officer).filter(dossier=dossier).values_list("pk", flat=True))
    assert {"bien-ban-binh-xet.pdf", "bao-cao-thanh-tich.pdf"} <= set(
        Attachment.objects.filter(pk__in=visible).values_list("original_name", flat=True))
    assert visible == set(dossier.attachments.filter(Q(line=None) | Q(line=sent_line)).values_list("pk", flat=True))
    assert not visible & set(other_line.attachments.values_list("pk", flat=True))
    assert sent_line.achievement_report.attachment_id in visible
    assert refused.status_code == 404
    assert dossiers_for_user(officer).get(pk=dossier.pk).line_count == 1
    # The list finds the dossier by the line sent, never by the in-house line (nor tells it is there).
    link = f'href="{reverse("nominations:dossier", args=[dossier.pk])}"'
    assert [link in page for page in found] == [True, False, True, False]


def test_a_dossier_with_no_line_on_a_sent_submission_is_missing_for_home_affairs(login, person):
    _submission, sent_dossier, *_ = _sent("KT")
    not_sent = accepted_dossier(open_cycle(2025, name="Chưa trình"), "NC", [(person("canbo.nc.02"), "LDTT")],
                                files=[("minutes", "bien-ban-nc.pdf", None)])
    unissued = approved_submission("TTCBTH").lines.get().dossier  # signed, queued, not yet sent
    stranger = _granted(Role.HOME_AFFAIRS, province=UserFactory().unit.agency.province)
    client = login("sonoivu")

    for dossier in (not_sent, unissued):
        assert client.get(reverse("nominations:dossier", args=[dossier.pk])).status_code == 404
    assert client.get(_file_url(not_sent, "bien-ban-nc.pdf")).status_code == 404
    assert set(dossiers_for_user(person("sonoivu")).values_list("pk", flat=True)) == {sent_dossier.pk}
    client.force_login(stranger)  # Sở Nội vụ of another province
    assert client.get(reverse("nominations:dossier", args=[sent_dossier.pk])).status_code == 404
    assert client.get(_file_url(sent_dossier, "bien-ban-binh-xet.pdf")).status_code == 404


def test_the_agencys_people_and_the_provincial_auditor_still_read_the_whole_dossier(client, person):
    _submission, dossier, sent_line, other_line = _sent()
    provincial_auditor = _granted(Role.AUDITOR, province=Agency.objects.get(code="VP").province)
    readers = [provincial_auditor, *(person(name) for name in ("kiemtra", "hcqt", "chanhvp", "truongphong.kt",
                                                                "hoidong1"))]

    for reader in readers:
        client.force_login(reader)
        page = client.get(reverse("nominations:dossier", args=[dossier.pk])).content.decode()
        assert other_line.person.full_name in page and "minh-chung-ldtt.pdf" in page, reader.username
        assert client.get(_file_url(dossier, "minh-chung-ldtt.pdf")).status_code == 200, reader.username
        assert lines_for_user(reader).filter(dossier=dossier).count() == 2
        assert dossiers_for_user(reader).get(pk=dossier.pk).line_count == 2
    client.force_login(person("canbo.kt.04"))
    assert client.get(reverse("nominations:dossier", args=[dossier.pk])).status_code == 404


def test_home_affairs_list_of_dossiers_costs_the_same_queries_for_one_or_three(login, person):
    _sent("KT")
    client = login("sonoivu")
    client.get(reverse("nominations:index"))  # warm up: the session, the permission caches
    with CaptureQueriesContext(connection) as one:
        page = client.get(reverse("nominations:index")).content.decode()
    assert page.count('href="/nominations/dossiers/') == 1
    _sent("NC")
    _sent("TTCBTH")

    with CaptureQueriesContext(connection) as three:
        page = client.get(reverse("nominations:index")).content.decode()

    assert page.count('href="/nominations/dossiers/') == 3
    assert len(three) == len(one)
