"""The agency council votes by its own rule per title (issue 16; domain §4; docs/legal-basis.md §4).

The rule is ``CouncilVoteRule``: the agency's own row (its Quy chế, NĐ 152/2025 Điều 6(2)(e)),
else the default row, which says where its values come from. The tally keeps a copy of the rule
it applied on each agenda item; the minutes print, per title, the method and threshold applied."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Agency, Unit, User
from nominations import services
from nominations.flows.council import CouncilFlow
from nominations.models import Award, CouncilVoteRule
from nominations.processes import council as council_processes
from nominations.selectors import council_vote_rules
from workflow.audit.models import AuditEvent
from workflow.documents.rendering import pdf_text

from .helpers import accepted_dossier, open_cycle, task_url
from .test_council_flow import ballots, finish_session, open_session, people, vote

pytestmark = pytest.mark.django_db

QUY_CHE = "Quy chế hoạt động của Hội đồng TĐKT ban hành kèm theo Quyết định số 12/QĐ-VP, Điều 9 khoản 2"


@pytest.fixture
def agenda():
    """KT proposes two LĐTT, its own head for LĐTT (he sits on the council), the unit for TTLĐTT and
    one person for CSTĐ tỉnh; 13 voting members."""
    cycle = open_cycle(2025)
    a, b, c = people("KT", 3)
    head = User.objects.get(username="truongphong.kt")
    unit = Unit.objects.get(code="KT", agency__code="VP")
    accepted_dossier(cycle, "KT", [(a, "LDTT"), (b, "LDTT"), (head, "LDTT"), (unit, "TTLDTT"), (c, "CSTD_TINH")])
    return cycle


@pytest.fixture
def vp():
    return Agency.objects.get(code="VP")


def own_rule(agency: Agency, code: str, **values) -> CouncilVoteRule:
    """The agency's own row for a title, from its default, through ``full_clean`` as the admin does."""
    default = CouncilVoteRule.objects.get(agency=None, award__code=code)
    rule = CouncilVoteRule(agency=agency, award=default.award, method=default.method, base=default.base,
                           comparison=default.comparison, threshold_pct=default.threshold_pct,
                           quorum_pct=default.quorum_pct, recusal=default.recusal, source=QUY_CHE)
    for field, value in values.items():
        setattr(rule, field, value)
    rule.full_clean()
    rule.save()
    return rule


def test_every_award_has_a_default_that_cites_its_source_or_says_it_has_none():
    defaults = CouncilVoteRule.objects.filter(agency=None)

    assert set(defaults.values_list("award_id", flat=True)) == set(Award.objects.values_list("pk", flat=True))
    assert all("Điều 6 khoản 2 điểm e" in rule.source for rule in defaults)
    assert all(rule.source.startswith("Chưa xác định được căn cứ: ") for rule in defaults)
    provincial = defaults.get(award__code="CSTD_TINH")
    assert "Điều 45 khoản 8" in provincial.source and "không phải Hội đồng cơ quan" in provincial.source
    assert provincial.history.count() == 1


def test_an_agencys_own_row_overrides_the_default_and_only_for_that_agency(vp):
    rule = own_rule(vp, "LDTT", comparison="gt")
    other = Agency.objects.exclude(pk=vp.pk).first()
    ldtt = Award.objects.get(code="LDTT")

    assert council_vote_rules(vp)[ldtt.pk] == rule
    assert council_vote_rules(other)[ldtt.pk].agency_id is None
    assert council_vote_rules(vp)[Award.objects.get(code="CSTDCS").pk].agency_id is None


def test_the_rule_refuses_what_cannot_be_applied(vp):
    with pytest.raises(ValidationError) as raised:
        own_rule(vp, "LDTT", comparison="gt", threshold_pct=Decimal(100), source="  ")
    assert "Trên 100%" in str(raised.value) and "Ghi rõ căn cứ" in str(raised.value)
    with pytest.raises(ValidationError, match="Biểu quyết giơ tay không có phiếu"):
        own_rule(vp, "LDTT", method="show_of_hands", base="valid_ballots")
    own_rule(vp, "LDTT")
    with pytest.raises(ValidationError, match="đã có quy tắc biểu quyết"):
        own_rule(vp, "LDTT")


@pytest.mark.parametrize("own", [False, True])
def test_the_tally_applies_the_agency_rule_and_keeps_a_copy_of_it(agenda, client, vp, own):
    """Given 13 members present, LĐTT lines with 11 for and 2 against: under the default (show of
    hands, "từ 50% trở lên" of the members present) they pass; under the Office's own rule
    ("trên 90%" of all members, the nominee kept in the base) they fail, the head's own line counts
    on 13, and each item and the audit event carry the rule applied."""
    if own:
        own_rule(vp, "LDTT", method="secret", base="all_members", comparison="gt", threshold_pct=Decimal(90),
                 recusal="counted_not_yes")
    session = open_session(agenda)

    for index, task in enumerate(ballots(session).order_by("pk")):
        vote(client, session, task, no_on=("LDTT",) if index < 2 else ())

    session.refresh_from_db()
    plain = session.items.filter(line__award__code="LDTT").exclude(line__person__username="truongphong.kt")
    head = session.items.get(line__person__username="truongphong.kt")
    item = plain.first()
    assert {i.passed for i in plain} == {not own}
    if own:
        assert (item.yes, item.base, item.passed) == (11, 13, False)
        assert (head.recused, head.base) == (1, 13)
        assert (item.vote_method, item.vote_base, item.vote_comparison, item.vote_threshold_pct,
                item.vote_recusal, item.vote_rule_source) == ("secret", "all_members", "gt", Decimal(90),
                                                              "counted_not_yes", QUY_CHE)
        assert item.threshold_text == "trên 90% tổng số thành viên Hội đồng"
    else:
        assert (item.yes, item.base, item.passed) == (11, 13, True)
        assert (head.recused, head.base) == (1, 12)
        assert (item.vote_method, item.vote_comparison) == ("show_of_hands", "ge")
        assert item.threshold_text == "từ 50% trở lên số thành viên Hội đồng có mặt"
    event = AuditEvent.objects.filter(action="ballot.tallied").latest("pk")
    assert event.changes["rules"]["LDTT"]["threshold"] == item.threshold_text
    finalise = session.process.task_set.get(flow_task=CouncilFlow.finalise)
    client.force_login(User.objects.get(username="hcqt"))
    client.post(task_url("council", finalise, "assign"))
    page = client.get(task_url("council", finalise)).content.decode()
    assert f"{item.get_vote_method_display()}; {item.threshold_text}" in page


def test_the_rule_copied_when_the_ballots_open_is_applied_and_printed_whatever_changes_later(
        agenda, client, vp, django_capture_on_commit_callbacks):
    """Given a published session (the default rules copied on its items), when the Office then
    enters a stricter LĐTT rule and raises the CSTĐ tỉnh default during the vote, the tally applies
    the copies (11 of 13 LĐTT votes pass "từ 50% trở lên" of the members present, though they
    would fail "trên 90%" of all members), and the minutes, finalised after the change, print per
    title what was applied: show of hands for LĐTT and TTLĐTT, secret ballot at 90 % for CSTĐ tỉnh."""
    session = open_session(agenda)
    own_rule(vp, "LDTT", method="secret", base="all_members", comparison="gt", threshold_pct=Decimal(90),
             recusal="counted_not_yes")
    CouncilVoteRule.objects.filter(agency=None, award__code="CSTD_TINH").update(threshold_pct=Decimal(95))

    for index, task in enumerate(ballots(session).order_by("pk")):
        vote(client, session, task, no_on=("LDTT",) if index < 2 else ())
    finish_session(client, session, django_capture_on_commit_callbacks)

    plain = session.items.filter(line__award__code="LDTT").exclude(line__person__username="truongphong.kt")
    assert [(i.yes, i.base, i.passed) for i in plain] == [(11, 13, True)] * 2
    item = plain.first()
    assert (item.vote_method, item.vote_comparison, item.vote_threshold_pct, item.vote_recusal) == (
        "show_of_hands", "ge", Decimal(50), "excluded")
    session.refresh_from_db()
    session.minutes.pdf.open("rb")
    text = " ".join(pdf_text(session.minutes.pdf.read()).split())
    session.minutes.pdf.close()
    assert ("Lao động tiên tiến - Hình thức: Biểu quyết giơ tay; đạt khi được từ 50% trở lên số thành viên Hội đồng "
            "có mặt đồng ý") in text
    assert "Tập thể lao động tiên tiến - Hình thức: Biểu quyết giơ tay" in text
    assert ("Chiến sĩ thi đua cấp tỉnh - Hình thức: Bỏ phiếu kín; đạt khi được từ 90% trở lên tổng số thành viên "
            "Hội đồng đồng ý") in text
    assert "95%" not in text and "trên 90%" not in text
    published = AuditEvent.objects.filter(action="nominations.agenda_published").latest("pk")
    assert published.changes["rules"]["LDTT"]["threshold"] == "từ 50% trở lên số thành viên Hội đồng có mặt"


def test_a_session_published_before_rules_were_copied_takes_the_agency_rule_at_the_tally(agenda, client, vp):
    """Sessions already voting when this release lands have no copy: the tally takes the agency's
    rule then, and keeps it on the items."""
    session = open_session(agenda)
    session.items.update(vote_method="", vote_base="", vote_comparison="", vote_threshold_pct=None,
                         vote_quorum_pct=None, vote_recusal="", vote_rule_source="")
    own_rule(vp, "LDTT", comparison="gt")

    for task in ballots(session):
        vote(client, session, task)

    item = session.items.filter(line__award__code="LDTT").first()
    assert (item.vote_comparison, item.vote_rule_source, item.passed) == ("gt", QUY_CHE, True)


def test_a_user_changing_a_rule_leaves_its_history(vp, person):
    rule = own_rule(vp, "CSTDCS")
    rule.threshold_pct = Decimal(75)
    rule._history_user = person("hcqt")
    rule.full_clean()
    rule.save()

    assert [h.threshold_pct for h in rule.history.order_by("history_id")] == [Decimal(70), Decimal(75)]
    assert rule.history.latest("history_id").history_user.username == "hcqt"


def test_a_title_without_any_council_rule_stops_the_publication_and_nothing_opens(agenda):
    """Given no rule at all for TTLĐTT (its default deleted), publishing refuses and names the
    title: nothing is copied, no ballot opens, the session stays a draft."""
    CouncilVoteRule.objects.filter(award__code="TTLDTT").delete()
    secretariat = User.objects.get(username="hcqt")
    session = services.session_create(actor=secretariat, cycle=agenda, meeting_date=dt.date(2025, 12, 20))

    with pytest.raises(ValidationError, match="Không có quy tắc biểu quyết của Hội đồng cho “Tập thể lao động"):
        council_processes.session_publish(actor=secretariat, session=session)

    session.refresh_from_db()
    assert session.status == "draft" and session.published_at is None
    assert not session.items.exclude(vote_method="").exists()
