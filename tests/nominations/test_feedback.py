"""Issue 18 (6): after every action a message on the page says what happened and what comes next; returned work
shows its reason as a banner at the top of its page; an absent member's "Không có phiếu" reads as such.

Every step is taken over HTTP as its person clicks it (assign, then execute), following the redirect to the page
that shows the message card (templates/workflow/_messages.html)."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from viewflow.workflow.status import STATUS

from accounts.models import User
from nominations import demo_facts, demo_pledges, services
from nominations.flows.council import CouncilFlow
from nominations.flows.home_affairs import HomeAffairsFlow
from nominations.models import Award, Movement, OutcomeDocumentKind, PledgeRegistration, Session
from nominations.processes.running import task_run

from .council_helpers import open_task
from .helpers import accepted_dossier, edit_task, line_post, open_cycle, open_dossier, review_task, task_url
from .pledge_helpers import INDEX, open_round
from .pledge_helpers import open_task as pledge_task
from .report_helpers import do_task as report_do_task
from .report_helpers import open_report, open_tasks, write_all_sections
from .report_helpers import task_url as report_task_url

pytestmark = pytest.mark.django_db


def said(response) -> str:
    """The text of the page's message card (one space between words), or "" when it has none."""
    card = re.search(r'<section[^>]*id="messages"[^>]*>(.*?)</section>', response.content.decode(), re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", card.group(1))).split()) if card else ""


def banner(response) -> str:
    """The return banner's text, checking it comes before the page's first card of content."""
    page = response.content.decode()
    found = re.search(r'<section[^>]*class="[^"]*site-return-banner[^"]*"[^>]*>(.*?)</section>', page, re.S)
    if not found:
        return ""
    first_card = page.find('class="mdc-card site-card"', page.find('class="mdc-layout-grid"'))
    assert found.start() <= first_card, "the return banner is not the first card of the page"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def take_and_do(client, flow_ns: str, task, data: dict):
    if task.status == STATUS.NEW:  # taken as the "take" button does, landing on the task's page
        assert client.post(task_url(flow_ns, task, "assign"), {"_continue": "1"}, follow=True).status_code == 200
    return client.post(task_url(flow_ns, task), data, follow=True)


def staff(unit_code="KT"):
    return User.objects.filter(unit__code=unit_code, unit__agency__code="VP").exclude(
        username__startswith="truongphong").order_by("pk")


def test_a_dossier_says_what_each_step_did_and_a_returned_one_shows_its_reason_on_top(login):
    dossier = open_dossier(open_cycle())
    head = login("truongphong.kt")
    added = head.post(task_url("dossier", edit_task(dossier)), line_post(staff()[0]), follow=True)
    assert "Đã thêm dòng đề nghị. Lập báo cáo thành tích" in said(added)

    demo_facts.papers_record(dossier=dossier)
    submitted = head.post(task_url("dossier", edit_task(dossier)), {"action": "submit"}, follow=True)
    assert "Đã nộp hồ sơ cho thường trực thi đua – khen thưởng. Thường trực sẽ kiểm tra hồ sơ" in said(submitted)

    secretariat = login("hcqt")
    returned = take_and_do(secretariat, "dossier", review_task(dossier),
                           {"decision": "return", "reason": "Thiếu biên bản họp bình xét của phòng"})
    assert said(returned) == ("Đã ghi nhận kết quả kiểm tra hồ sơ. Đã trả lại hồ sơ cho Phòng Kinh tế kèm lý do; "
                              "đơn vị bổ sung rồi nộp lại.")

    head = login("truongphong.kt")
    for url in (f"/nominations/dossiers/{dossier.pk}/", task_url("dossier", edit_task(dossier))):
        shown = banner(head.get(url))
        assert "Thường trực đã trả lại hồ sơ để bổ sung" in shown
        assert "Thiếu biên bản họp bình xét của phòng" in shown and "Trần Kim Quyên" in shown

    head.post(task_url("dossier", edit_task(dossier)), {"action": "submit"})
    accepted = take_and_do(login("hcqt"), "dossier", review_task(dossier),
                           {"decision": "accept", "reason": "", "acknowledge": "Đã đối chiếu bản giấy."})
    assert said(accepted) == ("Đã ghi nhận kết quả kiểm tra hồ sơ. Đã tiếp nhận hồ sơ của Phòng Kinh tế (0 dòng "
                              "không tiếp nhận); các dòng được tiếp nhận chờ đưa ra Hội đồng.")
    assert banner(login("truongphong.kt").get(f"/nominations/dossiers/{dossier.pk}/")) == ""


def test_the_council_and_home_affairs_steps_each_say_what_happened_and_what_comes_next(
        login, django_capture_on_commit_callbacks):
    """Ballot, minutes, approval, Home Affairs' answer and the resubmission, over HTTP as each person clicks."""
    cycle = open_cycle(2025)
    accepted_dossier(cycle, "KT", [(staff()[0], "CSTD_TINH")])
    hcqt = login("hcqt")
    created = hcqt.post("/nominations/sessions/", {"cycle": cycle.pk, "meeting_date": "20/12/2025",
                                                   "venue": "Phòng họp số 1"}, follow=True)
    assert "Đã lập phiên họp ngày 20/12/2025. Xem lại chương trình và thành viên, rồi công bố" in said(created)
    session = Session.objects.get(cycle=cycle)
    published = hcqt.post(f"/nominations/sessions/{session.pk}/", {"action": "publish"}, follow=True)
    assert "Đã công bố danh sách và mở phiếu bầu." in said(published)

    session = Session.objects.get(pk=session.pk)
    ballots = list(session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner")
                   .order_by("pk"))
    item = session.items.get()

    def ballot_over_http(task):
        client = login(task.owner.username)
        return take_and_do(client, "council", task, {f"item_{item.pk}": "yes"})

    first = ballot_over_http(ballots[0])
    assert said(first) == ("Đã gửi phiếu biểu quyết phiên họp ngày 20/12/2025. Kết quả sẽ được kiểm khi đủ phiếu "
                           f"(còn {len(ballots) - 1} thành viên chưa có phiếu); sau đó Thường trực hoàn thành biên "
                           "bản.")
    for task in ballots[1:-1]:  # the members in between vote through the same service (12 posts prove nothing new)
        member = session.attendees.get(pk=task.data["member"])
        task_run(task=task, actor=task.owner, action=lambda member=member, owner=task.owner: services.ballot_cast(
            actor=owner, member=member, choices={item.pk: True}))
    last = ballot_over_http(ballots[-1])
    assert said(last) == ("Đã gửi phiếu biểu quyết phiên họp ngày 20/12/2025. Đã đủ phiếu, kết quả đã được kiểm; "
                          "Thường trực sẽ hoàn thành biên bản.")

    minutes = take_and_do(login("hcqt"), "council", open_task(session.process, CouncilFlow.finalise),
                          {"start_time": "08 giờ 00", "end_time": "10 giờ 00"})
    assert said(minutes) == ("Đã lưu biên bản phiên họp ngày 20/12/2025 và trình Chánh Văn phòng phê duyệt kết quả, "
                             "ký các văn bản.")

    with django_capture_on_commit_callbacks(execute=True):
        approved = take_and_do(login("chanhvp"), "council", open_task(session.process, CouncilFlow.approve),
                               {"action": "approve", "read_drafts": "1"})
    assert "Đã phê duyệt kết quả và ký 2 văn bản" in said(approved)

    submission = session.outcome_documents.select_related("document").get(kind=OutcomeDocumentKind.SUBMISSION)
    line = submission.lines.get()
    answered = take_and_do(login("sonoivu"), "homeaffairs", open_task(submission.process, HomeAffairsFlow.review),
                           {f"status_{line.pk}": "returned", f"reason_{line.pk}": "Thiếu quyết định công nhận"})
    assert said(answered) == ("Đã ghi ý kiến của Sở Nội vụ về Tờ trình 01/TTr-VP: 0 dòng tiếp nhận, 1 dòng trả lại "
                              "để bổ sung, 0 dòng không khen thưởng. Thường trực của cơ quan sẽ bổ sung các dòng trả "
                              "lại và trình lại.")

    resubmitted = take_and_do(login("hcqt"), "homeaffairs", open_task(submission.process, HomeAffairsFlow.resubmit),
                              {"note": "Đã bổ sung quyết định"})
    assert said(resubmitted) == ("Đã trình lại Tờ trình 01/TTr-VP cho Sở Nội vụ; Sở Nội vụ sẽ cho ý kiến về các dòng "
                                 "đã bổ sung.")

    accepted = take_and_do(login("sonoivu"), "homeaffairs", open_task(submission.process, HomeAffairsFlow.review),
                           {f"status_{line.pk}": "accepted", f"number_{line.pk}": "1234/QĐ-UBND",
                            f"date_{line.pk}": "15/01/2026"})
    assert said(accepted) == ("Đã ghi ý kiến của Sở Nội vụ về Tờ trình 01/TTr-VP: 1 dòng tiếp nhận, 0 dòng trả lại "
                              "để bổ sung, 0 dòng không khen thưởng. Thường trực và lãnh đạo cơ quan được thông báo "
                              "kết quả.")


def test_taking_a_task_names_it_by_its_step_and_what_it_carries(login):
    dossier = open_dossier(open_cycle())
    head = login("truongphong.kt")
    head.post(task_url("dossier", edit_task(dossier)), line_post(staff()[0]))
    demo_facts.papers_record(dossier=dossier)
    head.post(task_url("dossier", edit_task(dossier)), {"action": "submit"})

    login("truongphong.kt").get("/home/")  # the unit head reads his messages
    taken = login("hcqt").post(task_url("dossier", review_task(dossier), "assign"), {"_continue": "1"}, follow=True)

    assert said(taken) == (f"Đã nhận việc “{review_task(dossier).flow_task.task_title}” ({dossier}): việc này giờ "
                           "là của bạn, xử lý ngay ở trang này.")
    assert "#" not in said(taken)


def test_an_absent_member_without_a_paper_reads_khong_co_phieu_not_a_written_ballot(login):
    cycle = open_cycle()
    accepted_dossier(cycle, "KT", [(staff()[0], "LDTT")])
    absent = User.objects.get(username="hoidong2")
    written = User.objects.get(username="hoidong3")
    hcqt = login("hcqt")
    hcqt.post("/nominations/sessions/", {
        "cycle": cycle.pk, "meeting_date": "20/12/2025", "venue": "Phòng họp",
        f"absent_{absent.pk}": "1", f"reason_{absent.pk}": "Đi công tác",
        f"absent_{written.pk}": "1", f"reason_{written.pk}": "Nghỉ phép"})
    session = Session.objects.get()
    hcqt.post(f"/nominations/sessions/{session.pk}/", {"action": "publish"})
    item = session.items.get()
    url = f"/nominations/sessions/{session.pk}/"

    page = hcqt.get(url).content.decode()
    selects = re.findall(r'<select name="item_\d+">(.*?)</select>', page, re.S)
    assert selects and all(re.match(r'\s*<option value="" selected>', s) for s in selects)  # no default choice
    none = hcqt.post(url, {"action": "written", "member": session.attendees.get(person=absent).pk,
                           "no_ballot": "1", "note": "Không nhận được phiếu"}, follow=True)
    paper = hcqt.post(url, {"action": "written", "member": session.attendees.get(person=written).pk,
                            f"item_{item.pk}": "yes", "note": "Phiếu gửi ngày 19/12/2025"}, follow=True)

    assert said(none) == (f"Đã ghi nhận phiếu của thành viên vắng mặt: {absent.full_name} không có phiếu (tính là "
                          "không đồng ý).")
    assert said(paper) == f"Đã ghi nhận phiếu của thành viên vắng mặt: phiếu bằng văn bản của {written.full_name}."
    members = re.search(r'<ul id="members">(.*?)</ul>', paper.content.decode(), re.S).group(1)
    rows = {name: row for row in re.findall(r"<li>(.*?)(?=<li>|$)", members, re.S)
            for name in (absent.full_name, written.full_name) if row.startswith(name)}
    assert "Không có phiếu" in rows[absent.full_name] and "bằng văn bản" not in rows[absent.full_name]
    assert "đã gửi phiếu bằng văn bản" in rows[written.full_name]


def test_messages_sit_right_above_the_page_with_no_stretched_gap():
    """The page is a wrapping flex box as tall as the window; its lines must not share the height (~250 px blank
    under the message card). Checked on the stylesheet the shell loads."""
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "site.css").read_text()
    assert re.search(r"\.vf-page__content:has\(> \.site-messages\) \{[^}]*align-content: flex-start", css)


def test_a_returned_pledge_registration_shows_its_reason_on_top(login, person):
    demo_pledges.seed()
    year = 2023
    open_round(login, person, year, (dt.date.today() + dt.timedelta(days=30)).isoformat())
    head = login("truongphong.kt")
    kt = person("truongphong.kt").unit
    created = head.post(f"{INDEX}?year={year}", {"action": "create", "unit": kt.pk, "year": year}, follow=True)
    assert "Đã lập bản đăng ký thi đua của Phòng Kinh tế." in said(created)
    registration = PledgeRegistration.objects.get(unit=kt, year=year)
    titled = head.post(f"/pledges/{registration.pk}/", {
        "action": "title", "collective_title": Award.objects.get(code="TTLDTT").pk}, follow=True)
    assert said(titled) == "Đã lưu danh hiệu tập thể đăng ký."
    movement = Movement.objects.get(name__startswith="Đẩy mạnh cải cách hành chính")
    target = head.post(f"/pledges/{registration.pk}/", {
        "action": "add_target", "content": "Giải quyết hồ sơ đúng hạn", "measure": "%", "planned_value": "100",
        "movement": movement.pk}, follow=True)
    assert said(target) == "Đã thêm chỉ tiêu thi đua."
    member = person("canbo.kt.02")
    line = head.post(f"/pledges/{registration.pk}/", {
        "action": "save_line", "person": member.pk, "title": Award.objects.get(code="LDTT").pk,
        "planned_initiative": ""}, follow=True)
    assert said(line) == f"Đã lưu đăng ký của {member.full_name}; người đó tự xác nhận dòng của mình."
    submitted = take_and_do(head, "pledge", pledge_task(registration, "submit"), {})
    assert said(submitted) == "Đã gửi bản đăng ký cho thường trực thi đua – khen thưởng."

    returned = take_and_do(login("hcqt"), "pledge", pledge_task(registration, "review"),
                           {"decision": "return", "reason": "Thiếu chỉ tiêu chuyên môn"})
    assert said(returned) == "Đã trả lại bản đăng ký cho Phòng Kinh tế kèm lý do; đơn vị chỉnh sửa rồi gửi lại."
    shown = banner(login("truongphong.kt").get(f"/pledges/{registration.pk}/"))
    assert "Thường trực đã trả lại bản đăng ký để chỉnh sửa" in shown and "Thiếu chỉ tiêu chuyên môn" in shown


def test_a_returned_report_section_shows_its_reason_on_top(login):
    report = open_report(login("hcqt"))
    write_all_sections(login, report)
    section = report.sections.get(unit__code="KT")
    [compile_task] = open_tasks(report, "compile")

    returned = report_do_task(login("hcqt"), compile_task, {"action": "return_section", "section": section.pk,
                                                           "reason": "Thiếu số liệu quý IV"})

    assert "Đã trả lại phần báo cáo cho đơn vị." in said(login("hcqt").get(returned["Location"]))
    head = login("truongphong.kt")
    [rewrite] = open_tasks(report, "rewrite")
    for url in (f"/reports/phan/{section.pk}/", report_task_url(rewrite)):
        shown = banner(head.get(url))
        assert "Thường trực đã trả lại phần báo cáo của đơn vị để bổ sung" in shown
        assert "Thiếu số liệu quý IV" in shown
