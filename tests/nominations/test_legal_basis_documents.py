"""What the Quyết định and the Tờ trình say, read back from their PDFs as a provincial officer reads them:
the căn cứ are the texts in force on the day the chief signs (not the texts of the year rewarded), one
text per line; one Tờ trình per deciding authority (the Chủ tịch UBND tỉnh's own awards; those the province
proposes to the Thủ tướng); a hình thức khen thưởng is never called a danh hiệu; the Tờ trình lists exactly
the files of its lines' dossiers (docs/legal-basis.md §2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from freezegun import freeze_time

from accounts.models import Agency, Unit, User
from nominations import services
from nominations.flows.council import CouncilFlow
from nominations.models import (
    Attachment,
    AttachmentKind,
    HomeAffairsProcess,
    LegalText,
    LegalTextKind,
    OutcomeDocument,
    OutcomeDocumentKind,
    Session,
    SubmissionAnswer,
)
from nominations.processes import council as council_processes
from nominations.processes.running import task_run
from nominations.selectors.legal import grounds_on
from tests.workflow.documents_helpers import pdf_text
from workflow.documents.models import IssuedDocument

from .council_helpers import open_task
from .helpers import accepted_dossier, open_cycle

pytestmark = pytest.mark.django_db

LAW_2022 = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
DECREE_98 = ("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
             "một số điều của Luật Thi đua, khen thưởng;")


def _people(count: int) -> list[User]:
    people = list(User.objects.filter(unit__code="KT", unit__agency__code="VP").exclude(
        username__startswith="truongphong").order_by("pk")[:count])
    assert len(people) == count
    return people


def _finalised(year: int, lines: list[tuple], files: list[tuple] = ()) -> Session:
    """A session of the Office's council for ``year`` whose every member voted yes on every line, its
    minutes drafted: the chief's approval is next (the same services and tasks as the pages)."""
    cycle = open_cycle(year, name="Xét khen thưởng KT năm")
    accepted_dossier(cycle, "KT", lines, files)
    hcqt = User.objects.get(username="hcqt")
    session = services.session_create(actor=hcqt, cycle=cycle, meeting_date=cycle.council_date)
    session = council_processes.session_publish(actor=hcqt, session=session)
    items = list(session.items.select_related("line"))
    for task in session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner"):
        member = session.attendees.get(pk=task.data["member"])
        choices = {item.pk: True for item in items if item.line.person_id != member.person_id}
        task_run(task=task, actor=task.owner,
                 action=lambda member=member, owner=task.owner, choices=choices: services.ballot_cast(
                     actor=owner, member=member, choices=choices))
    session = Session.objects.get(pk=session.pk)
    task_run(task=open_task(session.process, CouncilFlow.finalise), actor=hcqt,
             action=lambda: services.session_finalise(actor=hcqt, session=session))
    return Session.objects.get(pk=session.pk)


def _approve(session: Session) -> list[OutcomeDocument]:
    """The chief approves; every document is issued and rendered as its commit would."""
    chief = User.objects.get(username="chanhvp")
    with TestCase.captureOnCommitCallbacks(execute=True):
        task_run(task=open_task(session.process, CouncilFlow.approve), actor=chief,
                 action=lambda: council_processes.session_approve(actor=chief, session=session))
    return list(session.outcome_documents.select_related("document", "award").order_by("pk"))


def _text(outcome: OutcomeDocument) -> str:
    outcome.document.refresh_from_db()
    return pdf_text(outcome.document.pdf.read())


def _flat(text: str) -> str:
    """One line of text; a file name the PDF broke after a hyphen is joined again."""
    return " ".join(text.replace("-\n", "-").split())


def test_a_2023_decision_signed_on_2_january_2024_cites_the_2022_law_and_decree_98(person):
    # Given the council's session for the year 2023 (its rule set is still NĐ 91/2017's), approved by the
    # chief on 02/01/2024, the second day the Law of 2022 is in force
    worker, colleague = _people(2)
    session = _finalised(2023, [(worker, "CSTD_TINH"), (colleague, "LDTT")])

    with freeze_time("2024-01-02 02:00:00"):  # 09:00 in Quảng Ngãi
        outcomes = _approve(session)

    # Then the Quyết định and the Tờ trình each cite the Law of 2022 and Nghị định 98/2023, each on its own
    # line with its number and date, and neither the repealed Law of 2003 nor Nghị định 91/2017
    assert [o.kind for o in outcomes] == [OutcomeDocumentKind.DECISION, OutcomeDocumentKind.SUBMISSION]
    for outcome in outcomes:
        text = _text(outcome)
        assert outcome.document.data["grounds"] == [LAW_2022, DECREE_98]
        lines = [" ".join(line.split()) for line in text.splitlines()]
        assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in lines, outcome
        flat = _flat(text)
        assert DECREE_98 in flat
        assert flat.index(LAW_2022) < flat.index("Căn cứ Nghị định số 98/2023/NĐ-CP")
        for repealed in ("26 tháng 11 năm 2003", "2013", "91/2017/NĐ-CP", "12/2019/TT-BNV"):
            assert repealed not in flat, (outcome, repealed)
        assert "ngày 02 tháng 01 năm 2024" in flat


def test_a_document_re_rendered_later_keeps_the_grounds_of_its_signing_day(person):
    # Given a decision signed on 02/01/2024
    worker, colleague = _people(2)
    session = _finalised(2023, [(worker, "CSTD_TINH"), (colleague, "LDTT")])
    with freeze_time("2024-01-02 02:00:00"):
        decision = _approve(session)[0]

    # When its data is read today (NĐ 152/2025 in force)
    decision.document.refresh_from_db()

    # Then it still cites what was in force when it was signed
    assert decision.document.data["grounds"] == [LAW_2022, DECREE_98]


def test_the_authority_texts_come_first_and_only_the_agencys_own(person):
    # Given the Office's functions decision and the province's emulation regulation recorded by an
    # administrator, and another agency's functions decision
    office, department = Agency.objects.get(code="VP"), Agency.objects.get(code="SKHDT")
    common = {"issued_on": dt.date(2024, 3, 1), "in_force_from": dt.date(2024, 3, 1), "number": "1/2024/QĐ-UBND",
              "issuer": "UBND tỉnh Quảng Ngãi"}
    LegalText.objects.create(kind=LegalTextKind.PROVINCE, province=office.province,
                             title="Ban hành Quy định về công tác thi đua, khen thưởng", **common)
    LegalText.objects.create(kind=LegalTextKind.AGENCY, agency=office, title="Quy định chức năng của Văn phòng",
                             **common)
    LegalText.objects.create(kind=LegalTextKind.AGENCY, agency=department, title="Quy định chức năng của Sở",
                             **common)

    grounds = grounds_on(dt.date(2024, 6, 1), office)

    # Then the Office's own text, then the province's, then the Law and the decree
    assert grounds == [
        "Căn cứ Quyết định số 1/2024/QĐ-UBND ngày 01 tháng 3 năm 2024 của UBND tỉnh Quảng Ngãi quy định chức năng "
        "của Văn phòng;",
        "Căn cứ Quyết định số 1/2024/QĐ-UBND ngày 01 tháng 3 năm 2024 của UBND tỉnh Quảng Ngãi ban hành Quy định "
        "về công tác thi đua, khen thưởng;",
        LAW_2022, DECREE_98]
    # and a text not yet in force is not cited
    assert len(grounds_on(dt.date(2024, 2, 29), office)) == 2


def test_a_day_with_no_decree_in_force_refuses_the_approval_and_writes_nothing(person):
    # Given a session approved on 01/3/2027, when Nghị định 152/2025 has ceased and nothing replaces it
    worker, colleague = _people(2)
    session = _finalised(2025, [(worker, "CSTD_TINH"), (colleague, "LDTT")])
    documents = IssuedDocument.objects.count()
    chief = User.objects.get(username="chanhvp")

    with freeze_time("2027-03-01 02:00:00"), pytest.raises(ValidationError) as refused:
        services.session_approve(actor=chief, session=session)

    # Then the approval is refused with a Vietnamese message naming the day, and no document was made
    assert refused.value.messages == [
        "Không có nghị định quy định chi tiết có hiệu lực vào ngày 01/03/2027 để làm căn cứ ban hành văn bản. "
        "Quản trị hệ thống cần khai báo văn bản căn cứ có hiệu lực vào ngày này."]
    assert IssuedDocument.objects.count() == documents
    assert Session.objects.get(pk=session.pk).status == session.status


@pytest.fixture
def routes_session(person):
    """A 2025 session with the Chủ tịch UBND tỉnh's awards (CSTĐ cấp tỉnh for a person, Bằng khen tỉnh for
    the unit), the Thủ tướng's (Bằng khen Thủ tướng), and in-house ones (Giấy khen for a person and the unit,
    Lao động tiên tiến), with a báo cáo thành tích and the unit's bình xét minutes attached."""
    province_person, pm_person, gk_person, ldtt_person = _people(4)
    unit = Unit.objects.get(code="KT", agency__code="VP")
    lines = [(province_person, "CSTD_TINH"), (unit, "BK_TINH"), (pm_person, "BK_TTG"), (gk_person, "GIAY_KHEN"),
             (unit, "GIAY_KHEN"), (ldtt_person, "LDTT")]
    files = [(AttachmentKind.REPORT, "bao-cao-thanh-tich-cstd.pdf", 0),
             (AttachmentKind.REPORT, "bao-cao-thanh-tich-bk-ttg.pdf", 2),
             (AttachmentKind.MINUTES, "bien-ban-binh-xet-phong-kt.pdf", None)]
    session = _finalised(2025, lines, files)
    outcomes = _approve(session)
    return session, outcomes, {o.pk: _flat(_text(o)) for o in outcomes}


def test_one_submission_for_the_chairs_awards_and_one_for_the_prime_ministers(routes_session):
    session, outcomes, texts = routes_session
    submissions = [o for o in outcomes if o.kind == OutcomeDocumentKind.SUBMISSION]

    # Then there are two Tờ trình: the Chủ tịch's awards, then the Thủ tướng's
    assert len(submissions) == 2
    chair, prime_minister = submissions
    assert {line.award.code for line in chair.lines.all()} == {"CSTD_TINH", "BK_TINH"}
    assert {line.award.code for line in prime_minister.lines.all()} == {"BK_TTG"}
    chair_text, pm_text = texts[chair.pk], texts[prime_minister.pk]
    assert "kính đề nghị Chủ tịch UBND tỉnh xem xét, tặng:" in chair_text
    assert "- Danh hiệu “Chiến sĩ thi đua cấp tỉnh” cho 01 cá nhân;" in chair_text
    assert "- Bằng khen của Chủ tịch UBND tỉnh cho 01 tập thể." in chair_text
    assert "Tổng cộng: 01 tập thể, 01 cá nhân." in chair_text
    assert "Kính trình Chủ tịch UBND tỉnh xem xét, quyết định./." in chair_text
    assert "Thủ tướng" not in chair_text.split("Kính gửi")[1].split("Nơi nhận")[0]
    assert "kính đề nghị Chủ tịch UBND tỉnh xem xét, trình Thủ tướng Chính phủ tặng:" in pm_text
    assert "- Bằng khen của Thủ tướng Chính phủ cho 01 cá nhân." in pm_text
    assert "Tổng cộng: 01 cá nhân." in pm_text and "tập thể, 01" not in pm_text
    assert "Kính trình Chủ tịch UBND tỉnh xem xét, trình Thủ tướng Chính phủ quyết định./." in pm_text
    # each names its loại hình (not "hình thức") taken from its lines
    for text in (chair_text, pm_text):
        assert "Loại hình khen thưởng: khen thưởng thường xuyên." in text
        assert "Hình thức khen thưởng: khen thưởng" not in text
    # and each goes on to Sở Nội vụ with an answer pending per line of its own
    for submission in submissions:
        assert set(SubmissionAnswer.objects.filter(submission=submission).values_list("line_id", flat=True)) == set(
            submission.lines.values_list("pk", flat=True))
        assert HomeAffairsProcess.objects.filter(submission=submission).count() == 1


def test_a_form_of_commendation_is_never_called_a_title(routes_session):
    session, outcomes, texts = routes_session
    decisions = {o.award.code: o for o in outcomes if o.kind == OutcomeDocumentKind.DECISION}

    # The Giấy khen decision is "Về việc tặng Giấy khen", for 01 tập thể and 01 cá nhân, its annex a list of
    # hình thức khen thưởng
    giay_khen = texts[decisions["GIAY_KHEN"].pk]
    assert decisions["GIAY_KHEN"].document.summary == "Về việc tặng Giấy khen"
    assert "Về việc tặng Giấy khen" in giay_khen
    assert "Tặng Giấy khen cho 01 tập thể, 01 cá nhân có tên tại danh sách kèm theo" in giay_khen
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN NĂM 2025" in giay_khen
    assert "Hình thức khen thưởng" in giay_khen
    # The Lao động tiên tiến decision is a danh hiệu given to one person only
    ldtt = texts[decisions["LDTT"].pk]
    assert "Tặng danh hiệu “Lao động tiên tiến” năm 2025 cho 01 cá nhân có tên tại danh sách kèm theo." in ldtt
    assert "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” NĂM 2025" in ldtt
    assert "tập thể" not in ldtt.split("QUYẾT ĐỊNH:")[1].split("Nơi nhận")[0]
    # and no document calls a Giấy khen or a Bằng khen a danh hiệu
    for text in texts.values():
        for wrong in ("danh hiệu “Giấy khen", "danh hiệu “Bằng khen", "DANH HIỆU “GIẤY KHEN", "DANH HIỆU “BẰNG KHEN"):
            assert wrong.lower() not in text.lower()


def test_the_submissions_attachment_list_is_the_dossiers_files(routes_session):
    session, outcomes, texts = routes_session

    for submission in (o for o in outcomes if o.kind == OutcomeDocumentKind.SUBMISSION):
        lines = list(submission.lines.all())
        files = Attachment.objects.filter(dossier__in={line.dossier_id for line in lines}).select_related(
            "line__person", "line__unit", "dossier__unit")
        own = [f for f in files if f.line_id is None or f.line_id in {line.pk for line in lines}]
        listed = submission.document.data["attachments"]
        # Then the list holds each of its lines' files (and the dossier's own), by kind and name, then the
        # council's minutes — nothing more
        expected = {f"{f.get_kind_display()} — {f.line.nominee_name if f.line_id else f.dossier.unit.name}: "
                    f"{f.original_name}" for f in own}
        assert set(listed[:-1]) == expected and len(listed) == len(own) + 1
        assert listed[-1].startswith("Biên bản họp Hội đồng Thi đua – Khen thưởng Văn phòng")
        text = texts[submission.pk]
        assert "Hồ sơ kèm theo:" in text
        for name in (f.original_name for f in own):
            assert name in text
    chair = next(o for o in outcomes if o.kind == OutcomeDocumentKind.SUBMISSION)
    assert "bao-cao-thanh-tich-cstd.pdf" in texts[chair.pk] and "bao-cao-thanh-tich-bk-ttg.pdf" not in texts[chair.pk]
    assert "bien-ban-binh-xet-phong-kt.pdf" in texts[chair.pk]


def test_a_printed_text_needs_its_number_date_and_force_a_doubtful_one_is_kept_unprinted():
    # A decree to be printed without number, issuer, date or start of force is refused
    with pytest.raises(ValidationError) as refused:
        LegalText(kind=LegalTextKind.DECREE, title="Quy định chi tiết", printed=True).full_clean()
    assert {"issued_on", "in_force_from", "number"} <= set(refused.value.message_dict)
    # while the seeded Thông tư 01/2024/TT-BNV, whose date was not read, is stored and never printed
    circular = LegalText.objects.get(number="01/2024/TT-BNV")
    assert not circular.printed and circular.issued_on is None
    assert not any("01/2024/TT-BNV" in line for line in grounds_on(dt.date(2024, 6, 1), Agency.objects.get(code="VP")))
