"""Công khai as a step (issue 21; domain §4): the list of proposed lines posted to the agency's staff between the
cycle's ``posting_from`` and ``posting_to``, their named opinions read by the secretariat, the council held back
until the window has closed, and the minutes stating the posting and the opinions received."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from freezegun import freeze_time

from accounts.models import User
from nominations import services
from nominations.audit import POSTING_OPINION_GIVEN
from nominations.documents import minutes_draft
from nominations.models import OPINION_MAX, Cycle, Line, LineStatus, PostingOpinion, Session
from tests.factories import UserFactory
from tests.nominations.council_helpers import tallied_session
from tests.nominations.helpers import accepted_dossier, open_cycle
from workflow.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

IN_WINDOW = "2025-12-12 03:00:00"  # 10:00 in Quảng Ngãi
AFTER_WINDOW = "2025-12-16 03:00:00"
STAFF, OTHER_STAFF = "canbo.kt.02", "canbo.kt.04"


def _post_window(cycle: Cycle, start=dt.date(2025, 12, 11), end=dt.date(2025, 12, 15)) -> Cycle:
    return services.cycle_update(actor=User.objects.get(username="hcqt"), cycle=cycle, name=cycle.name,
                                 nominations_due=cycle.nominations_due, posting_from=start, posting_to=end,
                                 council_date=cycle.council_date)


@pytest.fixture
def posted(db) -> Cycle:
    """A 2025 cycle whose unit KT's line (canbo.kt.03, Lao động tiên tiến) was accepted, posted 11–15/12/2025."""
    cycle = open_cycle(2025)
    accepted_dossier(cycle, "KT", [(User.objects.get(username="canbo.kt.03"), "LDTT")])
    return _post_window(cycle)


def _url(cycle: Cycle) -> str:
    return reverse("nominations:posting", args=[cycle.pk])


def _texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_staff_member_reads_the_list_and_leaves_a_named_opinion_during_the_window(posted, login):
    line = Line.objects.get(cycle=posted)
    events = AuditEvent.objects.filter(action=POSTING_OPINION_GIVEN).count()
    with freeze_time(IN_WINDOW):
        client = login(STAFF)

        # when a staff member of the agency opens the posted list
        page = client.get(_url(posted))

        # then it lists the nominee, the unit and the title, and nothing else of the dossier
        assert page.status_code == 200
        text = page.content.decode()
        assert "canbo.kt.03" not in text and line.person.full_name in text and "Lao động tiên tiến" in text
        assert "Công khai từ ngày 11/12/2025 đến ngày 15/12/2025." in text
        assert "giay-to" not in text and "/nominations/files/" not in text

        # when they leave an opinion on the line
        response = client.post(_url(posted), {"line": line.pk, "text": "Đồng chí này đi muộn nhiều buổi."})

    # then it is saved under their name, with its history and its audit event
    assert response.status_code == 302
    opinion = PostingOpinion.objects.get(cycle=posted)
    assert (opinion.author.username, opinion.line, opinion.text) == (STAFF, line, "Đồng chí này đi muộn nhiều buổi.")
    assert opinion.history.count() == 1
    assert AuditEvent.objects.filter(action=POSTING_OPINION_GIVEN).count() == events + 1
    event = AuditEvent.objects.filter(action=POSTING_OPINION_GIVEN).first()
    assert event.actor.username == STAFF and event.agency_id == posted.agency_id

    # and another staff member reads the list, never the opinion nor its author
    with freeze_time(IN_WINDOW):
        text = login(OTHER_STAFF).get(_url(posted)).content.decode()
    assert "đi muộn" not in text and opinion.author.full_name not in text


def test_the_secretariat_and_the_chief_read_each_opinion_with_its_author(posted, login, person):
    with freeze_time(IN_WINDOW):
        services.posting_opinion_create(actor=person(STAFF), cycle=posted, text="Danh sách còn thiếu đồng chí B.")

        # when the secretariat opens the page (during the window or after it)
        during = login("hcqt").get(_url(posted)).content.decode()
    with freeze_time(AFTER_WINDOW):
        after = login("chanhvp").get(_url(posted)).content.decode()

    # then each sees the opinion, on the list as a whole, named
    for text in (during, after):
        assert "Danh sách còn thiếu đồng chí B." in text and person(STAFF).full_name in text
        assert "cả danh sách" in text


def test_a_person_of_another_agency_gets_the_missing_answer(posted, client):
    stranger = UserFactory()
    client.force_login(stranger)
    with freeze_time(IN_WINDOW):
        # when a civil servant of another agency asks for the list, or posts an opinion
        get = client.get(_url(posted))
        post = client.post(_url(posted), {"text": "Ý kiến"})
        missing = client.get(reverse("nominations:posting", args=[posted.pk + 999]))

    # then they get 404, as for a cycle that does not exist, and nothing is written
    assert (get.status_code, post.status_code, missing.status_code) == (404, 404, 404)
    assert not PostingOpinion.objects.exists()


def test_outside_the_window_the_staff_get_404_and_the_home_notice_is_gone(posted, login):
    with freeze_time(IN_WINDOW):
        home = login(STAFF).get("/home/").content.decode()
    with freeze_time("2025-12-10 03:00:00"):
        before = login(STAFF).get(_url(posted)).status_code
    with freeze_time(AFTER_WINDOW):
        client = login(STAFF)
        after, later_home = client.get(_url(posted)).status_code, client.get("/home/").content.decode()
        post = client.post(_url(posted), {"text": "Muộn"}).status_code

    # then during the window everyone's home links to the list; before and after it the staff get 404
    assert _url(posted) in home and "được công khai từ ngày 11/12/2025 đến ngày 15/12/2025" in home
    assert (before, after, post) == (404, 404, 404)
    assert _url(posted) not in later_home
    assert not PostingOpinion.objects.exists()


@pytest.mark.parametrize(("data", "message"), [
    ({"text": ""}, "Nhập nội dung ý kiến."),
    ({"text": "   "}, "Nhập nội dung ý kiến."),
    ({"text": "x" * (OPINION_MAX + 1)}, str(OPINION_MAX)),
    ({"text": "Ý kiến", "line": "other"}, "Dòng đề nghị không có trong danh sách công khai."),
])
def test_bad_input_is_refused_with_a_message_and_writes_nothing(posted, login, data, message):
    if data.get("line") == "other":
        other = open_cycle(2025, name="Xét khen thưởng khác năm")
        accepted_dossier(other, "NC", [(User.objects.filter(unit__code="NC").exclude(
            username__startswith="truongphong").first(), "LDTT")])
        data = {**data, "line": Line.objects.get(cycle=other).pk}
    with freeze_time(IN_WINDOW):
        client = login(STAFF)
        events = AuditEvent.objects.count()
        response = client.post(_url(posted), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PostingOpinion.objects.exists() and AuditEvent.objects.count() == events


def test_the_service_refuses_a_closed_window_a_stranger_and_a_line_of_another_cycle(posted, person):
    from django.core.exceptions import PermissionDenied, ValidationError

    with freeze_time(AFTER_WINDOW), pytest.raises(ValidationError, match="Ngoài thời gian công khai"):
        services.posting_opinion_create(actor=person(STAFF), cycle=posted, text="Muộn")
    with freeze_time(IN_WINDOW):
        with pytest.raises(PermissionDenied):
            services.posting_opinion_create(actor=UserFactory(), cycle=posted, text="Người ngoài")
        other = open_cycle(2026)
        with pytest.raises(ValidationError):
            services.posting_opinion_create(actor=person(STAFF), cycle=other, text="Không có công khai")
    assert not PostingOpinion.objects.exists()


def test_the_council_session_cannot_be_created_while_the_list_is_posted(posted, login):
    hoidong = User.objects.get(username="hoidong1")
    form = {"cycle": posted.pk, "meeting_date": "2025-12-20", "venue": "Phòng họp số 1",
            f"absent_{hoidong.pk}": "", f"reason_{hoidong.pk}": ""}
    with freeze_time(IN_WINDOW):
        # when the secretariat builds the session during the window
        response = login("hcqt").post(reverse("nominations:sessions"), form)

    # then it is refused with the reason, and nothing is written
    assert any("đang được công khai đến hết ngày 15/12/2025" in m for m in _texts(response))
    assert not Session.objects.filter(cycle=posted).exists()
    assert Line.objects.get(cycle=posted).status == LineStatus.ACCEPTED

    # when the window has closed (today, after 15/12/2025), the same post builds the session
    response = login("hcqt").post(reverse("nominations:sessions"), form)
    assert Session.objects.filter(cycle=posted).count() == 1


def test_the_minutes_state_the_posting_dates_and_the_opinions_received(person):
    session = tallied_session("KT")
    cycle = _post_window(session.cycle)
    with freeze_time(IN_WINDOW):
        services.posting_opinion_create(actor=person(STAFF), cycle=cycle, text="Đồng ý với danh sách.")
        services.posting_opinion_create(actor=person(OTHER_STAFF), cycle=cycle, text="Đề nghị xem lại.",
                                        line=session.items.get().line)

    draft = minutes_draft(Session.objects.get(pk=session.pk), secretary=person("hcqt"), start_time="08 giờ 00",
                          end_time="10 giờ 00")

    assert draft.data["agenda"][0] == ("Danh sách đề nghị đã được công khai từ ngày 11/12/2025 đến ngày 15/12/2025; "
                                       "nhận được 2 ý kiến.")


def test_the_minutes_of_a_cycle_without_a_window_say_nothing_of_it(person):
    session = tallied_session("KT")

    draft = minutes_draft(session, secretary=person("hcqt"), start_time="08 giờ 00", end_time="10 giờ 00")

    assert not any("công khai" in part for part in draft.data["agenda"])


def test_an_english_reader_gets_the_posting_page_and_notice_in_english(posted, client, person):
    from django.conf import settings

    from .test_crawl_roles import VIETNAMESE, Data, visible_text

    with freeze_time(IN_WINDOW):
        services.posting_opinion_create(actor=person(STAFF), cycle=posted, text="Đồng ý với danh sách.")
        data = Data()
        foreign = []
        for username, url in ((STAFF, _url(posted)), ("hcqt", _url(posted)), (STAFF, "/home/"),
                              ("hcqt", reverse("nominations:cycles"))):
            client.cookies.clear()
            client.force_login(person(username))
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
            html = client.get(url).content.decode()
            assert "Posted" in html or "posted" in html
            foreign += [f"{username} {url}: {node[:80]}" for node in visible_text(html)
                        if VIETNAMESE.search(data.strip(node))]

    assert not foreign, "\n".join(foreign)


def test_an_agenda_is_not_published_while_the_list_is_posted(posted, person):
    from django.core.exceptions import ValidationError

    from nominations.models import SessionStatus

    # given a session built outside the window (the dates were moved after it was built)
    session = services.session_create(actor=person("hcqt"), cycle=posted, meeting_date=dt.date(2025, 12, 20))

    # when the secretariat publishes its agenda during the window
    with freeze_time(IN_WINDOW), pytest.raises(ValidationError, match="đang được công khai"):
        services.agenda_publish(actor=person("hcqt"), session=session)

    # then the session stays a draft
    session.refresh_from_db()
    assert session.status == SessionStatus.DRAFT and session.published_at is None


def _public(cycle: Cycle) -> str:
    return reverse("public_posting", args=[cycle.pk])


def _make_public(cycle: Cycle) -> Cycle:
    return services.cycle_update(actor=User.objects.get(username="hcqt"), cycle=cycle, name=cycle.name,
                                 nominations_due=cycle.nominations_due, posting_from=cycle.posting_from,
                                 posting_to=cycle.posting_to, council_date=cycle.council_date, posting_public=True)


def test_a_public_list_is_read_without_login_only_during_its_window(posted, client, person):
    # given the secretariat chose to post the list on the public page too (it is off by default)
    with freeze_time(IN_WINDOW):
        private = client.get(_public(posted)).status_code
        services.posting_opinion_create(actor=person(STAFF), cycle=posted, text="Ý kiến nội bộ, có tên.")
    public = _make_public(posted)
    person("canbo.kt.03").birth_date = dt.date(1980, 5, 17)
    person("canbo.kt.03").save()

    # when someone not logged in opens its address before, during and after the window
    with freeze_time("2025-12-10 03:00:00"):
        before = client.get(_public(public)).status_code
    with freeze_time(IN_WINDOW):
        during = client.get(_public(public))
        missing = client.get(reverse("public_posting", args=[public.pk + 999])).status_code
    with freeze_time(AFTER_WINDOW):
        after = client.get(_public(public)).status_code

    # then only during the window is the list shown: nominee, unit and title, with where opinions go in writing
    assert (private, before, after, missing) == (404, 404, 404, 404)
    assert during.status_code == 200
    html = during.content.decode()
    assert person("canbo.kt.03").full_name in html and "Lao động tiên tiến" in html
    assert "Công khai từ ngày 11/12/2025 đến ngày 15/12/2025." in html
    assert "gửi bằng văn bản, ghi rõ họ tên" in html
    # and nothing more: no opinion, no birth date, no link into the system
    assert "Ý kiến nội bộ" not in html and "1980" not in html and "17/05" not in html
    assert "/nominations/" not in html and "<form" not in html


def test_the_secretariat_sees_the_public_address_on_the_staff_page(posted, login):
    public = _make_public(posted)
    with freeze_time(IN_WINDOW):
        secretariat = login("hcqt").get(_url(public)).content.decode()
        staff = login(STAFF).get(_url(public)).content.decode()

    assert 'id="public-posting-link"' in secretariat and _public(public) in secretariat
    assert 'id="public-posting-link"' not in staff


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"posting_from": "11/12/2025", "posting_to": ""}, "posting_to",
     "Nhập cả ngày bắt đầu và ngày kết thúc công khai, hoặc bỏ trống cả hai."),
    ({"posting_from": "", "posting_to": "15/12/2025"}, "posting_from",
     "Nhập cả ngày bắt đầu và ngày kết thúc công khai, hoặc bỏ trống cả hai."),
    ({"posting_from": "11/12/2025", "posting_to": "20/12/2025"}, "council_date",
     "Ngày họp Hội đồng phải sau ngày kết thúc công khai."),
    ({"posting_from": "", "posting_to": "", "posting_public": "on"}, "posting_public",
     "Chỉ công khai trên trang không cần đăng nhập khi đợt xét có thời gian công khai."),
])
def test_a_window_that_cannot_work_is_refused_with_a_message(login, change, field, message):
    # given an open cycle (dossiers due 10/12/2025, council on 20/12/2025) without a window
    cycle = open_cycle(2025)
    data = {"name": cycle.name, "nominations_due": "10/12/2025", "council_date": "20/12/2025", **change}

    # when the secretariat saves a window of one date, one reaching the council's day, or a public list without one
    response = login("hcqt").post(reverse("nominations:cycle", args=[cycle.pk]), data)

    # then the page says why, next to the field, and the cycle is as it was
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    cycle.refresh_from_db()
    assert (cycle.posting_from, cycle.posting_to, cycle.posting_public) == (None, None, False)
