"""Sáng kiến recognition (issue 21; docs/legal-basis.md §16): an author submits the đơn yêu cầu công nhận sáng kiến
with the co-authors' shares, the agency's Hội đồng sáng kiến votes (2/3 of its members must agree), the chief
recognises it with a numbered Quyết định and the registry's ``Initiative`` follows, which the CSTĐCS criterion reads;
a refused one leaves the registry as it was."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from freezegun import freeze_time

from accounts.models import User
from nominations.demo_facts import facts_record
from nominations.eligibility import Outcome, check
from nominations.models import (
    Initiative,
    InitiativeApplication,
    InitiativeAuthor,
    InitiativeCouncilMember,
    InitiativeStatus,
    InitiativeVote,
)
from tests.workflow.documents_helpers import page_texts
from workflow.audit import Action
from workflow.audit.models import AuditEvent
from workflow.documents.models import DocumentStatus, DocumentType, IssuedDocument

pytestmark = pytest.mark.django_db

NOW = "2025-12-10 03:00:00"  # 10:00 in Quảng Ngãi
YEAR = 2025
AUTHOR, CO_AUTHOR = "canbo.kt.02", "canbo.kt.03"
COUNCIL = ("truongphong.kt", "truongphong.nc", "hoidong1")


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _form(title="Số hóa sổ theo dõi công văn đến", *, authors=((AUTHOR, 70), (CO_AUTHOR, 30))) -> dict:
    data = {"title": title, "field": "Văn thư, lưu trữ", "first_applied_on": "01/03/2025",
            "description": "Thay sổ giấy bằng bảng tính dùng chung, tra cứu theo số và ngày đến.",
            "benefits": "Giảm thời gian tra cứu công văn từ 15 phút xuống 1 phút.", "scope": "co_so"}
    for index, (username, share) in enumerate(authors, start=1):
        data[f"author_{index}"], data[f"share_{index}"] = _user(username).pk, share
    return data


def _initiatives_verdict(person: User):
    result = check(person, "CSTDCS", YEAR)
    return result, next(v for v in result.verdicts if v.criterion == "initiatives")


@pytest.fixture
def cstdcs_without_initiative(db) -> User:
    """The author meets every criterion of CSTĐCS 2025 but the sáng kiến: the recorded one is taken away."""
    author = _user(AUTHOR)
    facts_record(year=YEAR, lines=[(author, "CSTDCS")])
    Initiative.objects.filter(authors=author).delete()
    return author


@pytest.fixture
def council(db):
    """The chief sets up the Office's Hội đồng sáng kiến over HTTP: three members, so two must agree."""
    def setup(login):
        client = login("chanhvp")
        for username, position in zip(COUNCIL, ("chair", "secretary", "member"), strict=True):
            response = client.post(reverse("nominations:initiative_council"),
                                   {"person": _user(username).pk, "position": position})
            assert response.status_code == 302
        assert InitiativeCouncilMember.objects.filter(agency=_user(AUTHOR).agency).count() == 3
    return setup


def _submitted(login) -> InitiativeApplication:
    client = login(AUTHOR)
    response = client.post(reverse("nominations:initiative_new"), _form())
    assert response.status_code == 302, response.content.decode()[:2000]
    application = InitiativeApplication.objects.get()
    response = client.post(reverse("nominations:initiative", args=[application.pk]), {**_form(), "action": "submit"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == InitiativeStatus.SUBMITTED
    return application


def _vote(login, username: str, application: InitiativeApplication, agrees: bool) -> None:
    response = login(username).post(reverse("nominations:initiative", args=[application.pk]),
                                    {"action": "vote", "agrees": "1" if agrees else "0", "remark": "Có tính mới."})
    assert response.status_code == 302


@freeze_time(NOW)
def test_a_recognised_sangkien_turns_the_failing_cstdcs_verdict_into_a_pass(cstdcs_without_initiative, council,
                                                                           login, fast_pdfs,
                                                                           django_capture_on_commit_callbacks):
    # given an author whose CSTĐCS 2025 fails on the sáng kiến alone, and the Office's Hội đồng sáng kiến
    author = cstdcs_without_initiative
    before, verdict = _initiatives_verdict(author)
    assert verdict.outcome == Outcome.FAIL
    assert before.outcome == Outcome.FAIL
    assert [v.criterion for v in before.verdicts if v.outcome == Outcome.FAIL] == ["initiatives"]
    council(login)

    # when the author submits the đơn with a co-author, two of the three members agree and the chief recognises it
    application = _submitted(login)
    _vote(login, COUNCIL[0], application, True)
    _vote(login, COUNCIL[1], application, True)
    _vote(login, COUNCIL[2], application, False)
    chief = login("chanhvp")
    page = chief.get(reverse("nominations:initiative", args=[application.pk]))
    assert "2 đồng ý, cần ít nhất 2" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the Quyết định is issued after the commit
        response = chief.post(reverse("nominations:initiative", args=[application.pk]), {"action": "recognise"})

    # then the registry holds the sáng kiến with the issued Quyết định's number (the Office's register) and both
    # authors
    assert response.status_code == 302
    assert any("Đã ký Quyết định công nhận sáng kiến" in text for text in _texts(response))
    application.refresh_from_db()
    assert application.status == InitiativeStatus.RECOGNISED
    initiative = application.initiative
    assert initiative.decision_number == application.decision_number == application.document.number_text
    assert initiative.decision_number.endswith(f"/QĐ-{author.agency.code}")
    assert set(initiative.authors.values_list("username", flat=True)) == {AUTHOR, CO_AUTHOR}
    assert initiative.scope == "co_so" and initiative.decision_date.year == YEAR
    assert initiative.issuer
    assert initiative.decision_number in chief.get(response["Location"]).content.decode()
    # and the same person's CSTĐCS 2025 passes, the sáng kiến named in the verdict
    after, verdict = _initiatives_verdict(author)
    assert verdict.outcome == Outcome.PASS
    assert initiative.decision_number in verdict.facts
    assert not [v for v in after.verdicts if v.outcome == Outcome.FAIL]
    assert after.outcome != Outcome.FAIL


def _recognised(login, django_capture_on_commit_callbacks) -> InitiativeApplication:
    """A đơn of two authors (70 % and 30 %) carried by two of the three members, recognised by the chief."""
    application = _submitted(login)
    for username, agrees in zip(COUNCIL, (True, True, False), strict=True):
        _vote(login, username, application, agrees)
    with django_capture_on_commit_callbacks(execute=True):
        response = login("chanhvp").post(reverse("nominations:initiative", args=[application.pk]),
                                         {"action": "recognise"})
    assert response.status_code == 302
    application.refresh_from_db()
    return application


@freeze_time(NOW)
def test_the_chief_issues_a_quyet_dinh_cong_nhan_sang_kien_as_a_numbered_pdf(council, login,
                                                                             django_capture_on_commit_callbacks):
    # given the Office's Hội đồng sáng kiến and a đơn it carried 2 of 3
    council(login)
    last = IssuedDocument.objects.filter(doc_type=DocumentType.QUYET_DINH, status=DocumentStatus.READY).count()

    # when the chief recognises the sáng kiến
    application = _recognised(login, django_capture_on_commit_callbacks)

    # then a Quyết định of the Office's register is issued as a PDF, in the layout of its other decisions
    document = application.document
    assert document.status == DocumentStatus.READY and document.doc_type == DocumentType.QUYET_DINH
    assert document.number_text == application.decision_number and document.signer == _user("chanhvp")
    assert IssuedDocument.objects.filter(doc_type=DocumentType.QUYET_DINH,
                                         status=DocumentStatus.READY).count() == last + 1
    text = " ".join(" ".join(page_texts(document.pdf.open("rb").read())).split())
    for words in ("QUYẾT ĐỊNH", "Về việc công nhận sáng kiến", f"Số: {document.number_text}",
                  "Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02 tháng 3 năm 2012 của Chính phủ ban hành Điều lệ "
                  "Sáng kiến;",
                  "Căn cứ Thông tư số 18/2013/TT-BKHCN ngày 01 tháng 8 năm 2013",
                  "02/03 thành viên Hội đồng đồng ý công nhận, 01 thành viên không đồng ý",
                  "Công nhận sáng kiến “Số hóa sổ theo dõi công văn đến”", "lĩnh vực áp dụng: Văn thư, lưu trữ",
                  "từ ngày 01/03/2025", "phạm vi ảnh hưởng cấp cơ sở", "DANH SÁCH TÁC GIẢ, ĐỒNG TÁC GIẢ SÁNG KIẾN",
                  "Tỷ lệ đóng góp", "70%", "30%", _user(AUTHOR).full_name, _user(CO_AUTHOR).full_name,
                  "Như Điều 3;"):
        assert words in text, words
    # and its trail: the chief signed it, the engine issued it, the registry took the sáng kiến from it
    for action in (Action.SIGNED, Action.ISSUED):
        assert AuditEvent.objects.filter(action=action, object_id=str(document.pk)).exists()
    assert AuditEvent.objects.get(action="nominations.initiative_decision_registered",
                                  object_id=str(application.pk)).changes["decision_number"] == document.number_text


@freeze_time(NOW)
def test_the_authors_download_the_quyet_dinh_from_the_sang_kien_page_and_an_outsider_gets_404(
        council, login, fast_pdfs, django_capture_on_commit_callbacks):
    # given a recognised sáng kiến
    council(login)
    application = _recognised(login, django_capture_on_commit_callbacks)
    page = reverse("nominations:initiative", args=[application.pk])
    download = reverse("documents:download", args=[application.document_id])

    # then each author (named in its Nơi nhận) and the chief find the Quyết định on the page and download it
    for username in (AUTHOR, CO_AUTHOR, "chanhvp"):
        client = login(username)
        assert f'href="{download}"' in client.get(page).content.decode(), username
        response = client.get(download)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    # and a member of the council who is not an author reads the page but not the Quyết định (not addressed to him)
    member = login(COUNCIL[2])
    assert member.get(page).status_code == 200 and download not in member.get(page).content.decode()
    assert member.get(download).status_code == 404


@freeze_time(NOW)
def test_a_rejected_sangkien_leaves_the_verdict_failing(cstdcs_without_initiative, council, login):
    # given a submitted đơn the council did not carry
    author = cstdcs_without_initiative
    council(login)
    application = _submitted(login)
    _vote(login, COUNCIL[0], application, True)
    chief = login("chanhvp")

    # when the chief tries to recognise it (1 of 3 agree), then refuses it with the reason
    refused = chief.post(reverse("nominations:initiative", args=[application.pk]), {"action": "recognise"})
    assert refused.status_code == 400
    assert any("Chưa đủ 2/3" in text for text in _texts(refused))
    empty = chief.post(reverse("nominations:initiative", args=[application.pk]), {"action": "reject", "reason": " "})
    assert empty.status_code == 400
    assert "Nêu lý do không công nhận sáng kiến." in empty.content.decode()
    response = chief.post(reverse("nominations:initiative", args=[application.pk]),
                          {"action": "reject", "reason": "Giải pháp đã được áp dụng tại cơ quan từ năm 2023."})

    # then it is refused with the reason, nothing enters the registry and the verdict still fails
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == InitiativeStatus.REJECTED
    assert application.reject_reason.startswith("Giải pháp đã được áp dụng")
    assert application.initiative is None
    assert not Initiative.objects.filter(authors=author).exists()
    result, verdict = _initiatives_verdict(author)
    assert verdict.outcome == Outcome.FAIL and result.outcome == Outcome.FAIL
    # and a refused application takes no more votes
    late = login(COUNCIL[1]).post(reverse("nominations:initiative", args=[application.pk]),
                                  {"action": "vote", "agrees": "1"})
    assert late.status_code == 400
    assert InitiativeVote.objects.filter(application=application).count() == 1


@pytest.mark.parametrize(("data", "message"), [
    ({"authors": ((AUTHOR, 70), (CO_AUTHOR, 20))}, "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là 90%)."),
    ({"title": "   "}, "Nhập tên sáng kiến."),
    ({"title": ""}, "Nhập tên sáng kiến."),
    ({"authors": ((CO_AUTHOR, 100),)}, "Người lập đơn phải là một trong các tác giả."),
    ({"authors": ((AUTHOR, 50), (AUTHOR, 50))}, "Mỗi tác giả chỉ được ghi một lần."),
    ({"authors": ((AUTHOR, 150),)}, "Tỷ lệ đóng góp của mỗi tác giả phải từ 1% đến 100%."),
])
def test_a_bad_application_is_refused_in_vietnamese_and_nothing_is_saved(login, data, message):
    # given an author
    client = login(AUTHOR)
    events = AuditEvent.objects.exclude(action=Action.LOGIN).count()
    authors = data.pop("authors", ((AUTHOR, 70), (CO_AUTHOR, 30)))

    # when they send a đơn whose shares do not total 100, without a title, or with a wrong author
    response = client.post(reverse("nominations:initiative_new"), {**_form(authors=authors), **data})

    # then the page says why, in Vietnamese, and nothing was written
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not InitiativeApplication.objects.exists()
    assert not InitiativeAuthor.objects.exists()
    assert AuditEvent.objects.exclude(action=Action.LOGIN).count() == events


@freeze_time(NOW)
def test_who_reads_an_application_and_who_gets_404(council, login):
    # given a draft and, once submitted, the same application
    client = login(AUTHOR)
    client.post(reverse("nominations:initiative_new"), _form())
    application = InitiativeApplication.objects.get()
    url = reverse("nominations:initiative", args=[application.pk])
    missing = reverse("nominations:initiative", args=[application.pk + 1000])
    council(login)

    # then the draft is its authors' alone: the chief, a council member and an outsider get the missing page's 404
    assert login(CO_AUTHOR).get(url).status_code == 200
    for username in ("chanhvp", COUNCIL[0], "canbo.kt.04"):
        assert login(username).get(url).status_code == 404
        assert login(username).get(missing).status_code == 404
    # once submitted the chief and the council read it; another staff member and another agency's chief still 404
    login(AUTHOR).post(url, {**_form(), "action": "submit"})
    assert login("chanhvp").get(url).status_code == 200
    assert login(COUNCIL[0]).get(url).status_code == 200
    assert login("canbo.kt.04").get(url).status_code == 404
    # a staff member who is not on the council cannot vote, nor the author recognise their own
    assert login(AUTHOR).post(url, {"action": "vote", "agrees": "1"}).status_code == 400
    assert login(AUTHOR).post(url, {"action": "recognise"}).status_code == 400
    assert not InitiativeVote.objects.exists()
    application.refresh_from_db()
    assert application.status == InitiativeStatus.SUBMITTED


def test_only_the_chief_sets_up_the_council(login):
    # given the secretariat, who reads the Hội đồng sáng kiến but does not appoint it
    before = InitiativeCouncilMember.objects.count()

    # when the secretariat tries to add a member
    response = login("hcqt").post(reverse("nominations:initiative_council"),
                                  {"person": _user(COUNCIL[0]).pk, "position": "member"})

    # then refused with the reason; a staff member without a lead role gets 404 for the page
    assert response.status_code == 400
    assert any("Chỉ thủ trưởng cơ quan" in text for text in _texts(response))
    assert InitiativeCouncilMember.objects.count() == before
    assert login("canbo.kt.04").get(reverse("nominations:initiative_council")).status_code == 404
