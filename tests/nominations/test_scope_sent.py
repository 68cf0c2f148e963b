"""Scope follows what was sent (issue 15): what others read is what reached them.

1. A returned dossier's changes the unit has not sent again stay with the unit: the rest of the Office reads
   the dossier as of its last submitted round (page, file download, search, Excel export).
2. A document reaches Sở Nội vụ only through its recipients (Nơi nhận): the Tờ trình sent to it, never the
   council's minutes nor an in-house Quyết định.
3. The agency registration's page links Sở Nội vụ to no page it cannot open.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from unittest import mock

import pytest
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Unit, User
from nominations import demo_facts, services
from nominations.models import AttachmentKind, Award, CommendationKind, OutcomeDocumentKind
from nominations.services import pledges as pledge_services
from tests.security.dataset import PDF as BLANK_PDF
from workflow.documents import rendering
from workflow.documents import services as document_services

from .council_helpers import approved_submission
from .helpers import PDF, edit_task, open_cycle, open_dossier, review_task, run

pytestmark = pytest.mark.django_db


def _returned_and_edited():
    """Khoa giáo – Văn xã sent round 1 with its collective line only; the secretariat returned it; the head then
    added a person line and a file and has not sent it again."""
    cycle = open_cycle(2025)
    dossier = open_dossier(cycle, "KGVX")
    head, hcqt = dossier.created_by, User.objects.get(username="hcqt")
    kind = CommendationKind.objects.get(code="THUONG_XUYEN")
    unit = Unit.objects.get(code="KGVX", agency=cycle.agency)
    nominee = User.objects.filter(unit=unit).exclude(username__startswith="truongphong").order_by("pk").first()
    demo_facts.facts_record(year=cycle.year, lines=[(unit, "TTLDTT"), (nominee, "LDTT")])
    services.line_add(actor=head, dossier=dossier, award=Award.objects.get(code="TTLDTT"), commendation_kind=kind,
                      achievements="Tập thể hoàn thành xuất sắc nhiệm vụ.", unit=unit)
    sent_file = services.attachment_add(actor=head, dossier=dossier, kind=AttachmentKind.MINUTES,
                                        filename="bien-ban-binh-xet.pdf", content=PDF)
    demo_facts.papers_record(dossier=dossier)
    run(edit_task(dossier), head, lambda: services.dossier_submit(actor=head, dossier=dossier))
    run(review_task(dossier), hcqt, lambda: services.dossier_review(actor=hcqt, dossier=dossier, accept=False,
                                                                   reason="Thiếu báo cáo thành tích cá nhân."))
    line = services.line_add(actor=head, dossier=dossier, award=Award.objects.get(code="LDTT"),
                             commendation_kind=kind, person=nominee, achievements="Sáng kiến chưa gửi đi.")
    unsent_file = services.attachment_add(actor=head, dossier=dossier, kind=AttachmentKind.REPORT,
                                          filename="bao-cao-chua-gui.pdf", content=PDF, line=line)
    return dossier, nominee, sent_file, unsent_file


@pytest.mark.parametrize("reader", ["truongphong.kt", "hoidong1", "hcqt"])
def test_a_returned_dossier_shows_the_rest_of_the_office_only_what_was_sent(login, reader):
    dossier, nominee, sent_file, unsent_file = _returned_and_edited()
    client = login(reader)

    page = client.get(reverse("nominations:dossier", args=[dossier.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tập thể hoàn thành xuất sắc nhiệm vụ." in html
    assert nominee.full_name not in html and "Sáng kiến chưa gửi đi." not in html
    assert "bao-cao-chua-gui.pdf" not in html and "bien-ban-binh-xet.pdf" in html
    assert client.get(reverse("nominations:attachment", args=[unsent_file.pk])).status_code == 404
    assert client.get(reverse("nominations:attachment", args=[sent_file.pk])).status_code == 200

    found = client.get(reverse("nominations:index"), {"q": nominee.full_name})
    assert dossier not in list(found.context["object_list"])
    by_title = client.get(reverse("nominations:index"), {"award": Award.objects.get(code="LDTT").pk})
    assert dossier not in list(by_title.context["object_list"])

    sheet = load_workbook(io.BytesIO(client.get(reverse("nominations:index"), {"xuat": "xlsx"}).content),
                          read_only=True).active
    rows = [[cell.value for cell in r] for r in sheet.iter_rows()]
    header = next(r for r in rows if "Số dòng" in r)
    unit_col, count_col = header.index("Đơn vị"), header.index("Số dòng")
    assert [r[count_col] for r in rows if r[unit_col] == dossier.unit.name] == [1]


def test_the_unit_head_sees_the_sent_round_and_the_unsent_changes_marked(login):
    dossier, nominee, sent_file, unsent_file = _returned_and_edited()
    client = login("truongphong.kgvx")

    html = client.get(reverse("nominations:dossier", args=[dossier.pk])).content.decode()

    assert nominee.full_name in html and "bao-cao-chua-gui.pdf" in html
    unsent_rows = re.findall(r'<tr id="line-\d+"[^>]*class="unsent"', html)
    assert len(unsent_rows) == 1
    assert 'class="unsent-file"' in html
    assert "Chưa gửi" in html
    assert client.get(reverse("nominations:attachment", args=[unsent_file.pk])).status_code == 200


def test_sending_again_makes_the_changes_what_the_office_reads(login):
    dossier, nominee, _sent_file, unsent_file = _returned_and_edited()
    head = dossier.created_by
    demo_facts.papers_record(dossier=dossier)
    run(edit_task(dossier), head, lambda: services.dossier_submit(actor=head, dossier=dossier))
    client = login("hoidong1")

    html = client.get(reverse("nominations:dossier", args=[dossier.pk])).content.decode()

    assert nominee.full_name in html
    assert client.get(reverse("nominations:attachment", args=[unsent_file.pk])).status_code == 200


def _issue_all(session):
    documents = [session.minutes_id, *session.outcome_documents.values_list("document_id", flat=True)]
    with mock.patch.object(rendering, "html_to_pdf", lambda html: rendering.RenderResult(pdf=BLANK_PDF)):
        for document_id in documents:
            with TestCase.captureOnCommitCallbacks(execute=True):
                document_services.document_issue(document_id=document_id)


def test_home_affairs_reads_the_to_trinh_sent_to_it_and_no_in_house_document(login):
    kt_person = User.objects.filter(unit__code="KT", unit__agency__code="VP").exclude(
        username__startswith="truongphong").order_by("-pk").first()
    submission = approved_submission("KT", also=[(kt_person, "LDTT")])
    session = submission.session
    _issue_all(session)
    decision = session.outcome_documents.get(kind=OutcomeDocumentKind.DECISION).document_id
    client = login("sonoivu")

    answers = {name: [client.get(reverse(f"documents:{view}", args=[pk])).status_code
                      for view in ("detail", "download")]
               for name, pk in (("to_trinh", submission.document_id), ("minutes", session.minutes_id),
                                ("decision", decision))}
    listed = {d.pk for d in client.get(reverse("documents:index")).context["object_list"]}

    assert answers == {"to_trinh": [200, 200], "minutes": [404, 404], "decision": [404, 404]}
    assert listed == {submission.document_id}
    # The Office's own people read all three, as before.
    office = login("hcqt")
    assert [office.get(reverse("documents:detail", args=[pk])).status_code
            for pk in (submission.document_id, session.minutes_id, decision)] == [200, 200, 200]


def test_every_issued_document_states_its_recipients(login):
    submission = approved_submission("KT")
    _issue_all(submission.session)

    to_trinh = submission.document
    minutes = submission.session.minutes
    assert [r.kind for r in to_trinh.recipients.all()] == ["home_affairs", "archive"]
    assert [r.kind for r in minutes.recipients.all()] == ["archive"]


def _signed_agency_registration(person):
    head, hcqt = person("truongphong.kt"), person("hcqt")
    unit_registration = pledge_services.pledge_registration_create(actor=head, unit=head.unit, year=2023)
    pledge_services.pledge_registration_update(actor=head, registration=unit_registration,
                                               collective_title=Award.objects.get(code="TTLDTT"))
    pledge_services.pledge_line_save(actor=head, registration=unit_registration, person=person("canbo.kt.02"),
                                     title=Award.objects.get(code="CSTDCS"))
    pledge_services.pledge_registration_submit(actor=head, registration=unit_registration)
    pledge_services.pledge_registration_review(actor=hcqt, registration=unit_registration, accept=True)
    agency = pledge_services.agency_pledge_open(actor=hcqt, agency=hcqt.unit.agency, year=2023,
                                                deadline=dt.date(2023, 1, 2))
    pledge_services.agency_pledge_compile(actor=hcqt, registration=agency)
    pledge_services.agency_pledge_sign(actor=person("chanhvp"), registration=agency)
    return agency, unit_registration


LINK = re.compile(r'href="(/(?!static/)[^"#?]*)')


def test_the_agency_registration_links_home_affairs_to_no_page_it_cannot_open(login, person):
    agency, unit_registration = _signed_agency_registration(person)
    client = login("sonoivu")
    page = client.get(reverse("pledges:agency", args=[agency.pk]))
    assert page.status_code == 200

    links = sorted(set(LINK.findall(page.content.decode())) - {reverse("logout")})
    dead = [url for url in links if client.get(url).status_code == 404]

    assert not dead, f"links Sở Nội vụ cannot open: {dead}"
    assert unit_registration.unit.name in page.content.decode()  # the unit is named, not linked


def test_a_sent_line_deleted_after_the_return_is_still_read_as_sent_outside_the_unit(login):
    dossier, _nominee, _sent_file, _unsent_file = _returned_and_edited()
    collective = dossier.lines.get(unit__isnull=False)
    services.line_remove(actor=dossier.created_by, line=collective)

    outside = login("hoidong1").get(reverse("nominations:dossier", args=[dossier.pk])).content.decode()
    unit = login("truongphong.kgvx").get(reverse("nominations:dossier", args=[dossier.pk])).content.decode()

    assert "Tập thể hoàn thành xuất sắc nhiệm vụ." in outside and "Đã xóa, chưa gửi lại" not in outside
    assert 'class="withdrawn"' in unit and "Đã xóa, chưa gửi lại" in unit
