"""Results reach the people concerned (issue 18): after the chief's Quyết định is issued, the person it
awards sees it on "Khen thưởng của tôi" with the decision linked, the head of their unit sees it among
the unit's awards and can open the decision, the dossier links the line to its decision, and the list
of nominees exports one row per line with its check, vote and decision.

A Quyết định is sent to whom it names ("Như Điều 3"): its Nơi nhận, as data, names the person, and that
is what lets the person and the head of their unit open it — nobody else outside the agency's office.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from accounts.models import User
from nominations.flows.council import CouncilFlow
from nominations.models import OutcomeDocumentKind
from nominations.processes import council as council_processes
from nominations.processes.running import task_run
from workflow.documents import services as document_services
from workflow.documents.models import DocumentRecipient, RecipientKind
from workflow.documents.selectors import documents_for_user

from .council_helpers import finalised_session, open_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(person, django_capture_on_commit_callbacks):
    """Phòng Kinh tế's 2025 dossier: one CSTĐ tỉnh line (to the province) and a colleague's CSTĐCS line;
    the council passed both, the chief approved and the in-house Quyết định was issued."""
    colleague = User.objects.filter(unit__code="KT", username__startswith="canbo").order_by("pk").last()
    session = finalised_session("KT", also=[(colleague, "CSTDCS")])
    chief = person("chanhvp")
    task_run(task=open_task(session.process, CouncilFlow.approve), actor=chief,
             action=lambda: council_processes.session_approve(actor=chief, session=session))
    outcome = session.outcome_documents.select_related("document").get(kind=OutcomeDocumentKind.DECISION)
    with django_capture_on_commit_callbacks(execute=True):
        document_services.document_issue(document_id=outcome.document_id)
    outcome.document.refresh_from_db()
    line = outcome.lines.get()
    return {"colleague": colleague, "document": outcome.document, "line": line, "session": session}


def test_the_decision_is_sent_to_whom_it_names(decided):
    named = DocumentRecipient.objects.filter(document=decided["document"], kind=RecipientKind.INTERNAL)

    assert [r.person_id for r in named] == [decided["colleague"].pk]


def test_the_awarded_person_sees_the_award_with_its_decision_linked(decided, client):
    client.force_login(decided["colleague"])
    document = decided["document"]

    page = client.get("/nominations/khen-thuong/").content.decode()

    assert "Chiến sĩ thi đua cơ sở" in page
    assert f'href="/documents/{document.pk}/"' in page
    assert f"Quyết định số {document.number_text}" in page
    assert client.get(f"/documents/{document.pk}/").status_code == 200


def test_the_unit_head_sees_the_units_awards_and_opens_the_decision(decided, client):
    head = User.objects.get(username="truongphong.kt")
    client.force_login(head)
    document = decided["document"]

    page = client.get("/nominations/khen-thuong/").content.decode()

    assert decided["colleague"].full_name in page
    assert f'href="/documents/{document.pk}/"' in page
    assert document.pk in set(documents_for_user(head).values_list("pk", flat=True))
    assert client.get(f"/documents/{document.pk}/pdf/").status_code == 200


def test_a_colleague_not_named_and_another_units_head_cannot_open_the_decision(decided, client):
    document = decided["document"]
    other_head = User.objects.filter(username__startswith="truongphong").exclude(username="truongphong.kt").first()
    bystander = User.objects.filter(unit__code="KT", username__startswith="canbo").exclude(
        pk=decided["colleague"].pk).exclude(pk__in=decided["session"].items.values("line__person")).first()

    for reader in (other_head, bystander):
        client.force_login(reader)
        assert client.get(f"/documents/{document.pk}/").status_code == 404
        assert f'href="/documents/{document.pk}/"' not in client.get("/nominations/khen-thuong/").content.decode()


def test_the_dossier_links_each_awarded_line_to_its_decision(decided, client):
    client.force_login(User.objects.get(username="truongphong.kt"))
    document = decided["document"]

    page = client.get(f"/nominations/dossiers/{decided['line'].dossier_id}/").content.decode()

    row = page[page.index(f'id="line-{decided["line"].pk}"'):]
    row = row[:row.index("</tr>")]
    assert f'<a href="/documents/{document.pk}/">Quyết định số {document.number_text}</a>' in row


def test_the_nominee_list_exports_one_row_per_line_with_vote_and_decision(decided, client):
    client.force_login(User.objects.get(username="hcqt"))
    document, session = decided["document"], decided["session"]

    response = client.get("/nominations/danh-sach-de-nghi/", {"cycle": session.cycle_id, "xuat": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == session.items.count() == 2
    by_title = {row[header.index("Danh hiệu, hình thức")]: dict(zip(header, row, strict=True)) for row in body}
    cstdcs = by_title["Chiến sĩ thi đua cơ sở"]
    item = decided["line"].agenda_item
    assert cstdcs["Cá nhân, tập thể"] == decided["colleague"].full_name
    assert cstdcs["Phiếu đồng ý"] == f"{item.yes}/{item.base}"
    assert cstdcs["Kết quả biểu quyết"] == "Đạt"
    assert cstdcs["Số quyết định"] == document.number_text
    assert by_title["Chiến sĩ thi đua cấp tỉnh"]["Số quyết định"] in ("", None)


def test_the_nominee_list_shows_only_lines_in_the_readers_scope(decided, client):
    other_head = User.objects.filter(username__startswith="truongphong").exclude(username="truongphong.kt").first()
    client.force_login(other_head)

    page = client.get("/nominations/danh-sach-de-nghi/").content.decode()

    assert decided["colleague"].full_name not in page


def test_the_nominee_list_finds_a_name_typed_without_tones(decided, client):
    from accounts import vietnamese

    client.force_login(User.objects.get(username="hcqt"))
    folded = vietnamese.fold(decided["colleague"].full_name)

    page = client.get("/nominations/danh-sach-de-nghi/", {"q": folded}).content.decode()

    assert f'id="nominee-{decided["line"].pk}"' in page
    assert page.count('id="nominee-') == 1


def test_the_home_page_shows_the_persons_latest_award(decided, client):
    client.force_login(decided["colleague"])

    page = client.get("/home/").content.decode()

    card = page[page.index('id="my-awards"'):]
    assert f"2025 — Chiến sĩ thi đua cơ sở — {decided['document'].number_text}" in card
    assert 'href="/nominations/khen-thuong/"' in card
