"""The bloc's year over HTTP (issue 21): the giao ước drafted by the leader's secretariat, confirmed by each
member and signed once for all; each member's self-assessment, seen only by itself (and the leader) until the
table is compiled; the ranking, the per-member vote and the bloc's Tờ trình to Sở Nội vụ."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from nominations import demo_pledges
from nominations.models import BlocMembership, BlocVote, BlocYear, BlocYearStatus, EmulationBloc
from nominations.services.blocs import carries, ranked
from workflow.documents.models import DocumentStatus

pytestmark = pytest.mark.django_db

YEAR = 2023
LEADER_SECRETARIAT, LEADER_CHIEF = "hcqt", "chanhvp"
MEMBER_ACTORS = {"VP": "hcqt", "SKHDT": "tdkt.skhdt", "VPDDBQH": "truongphong.hctcqt"}
TARGETS = {"VP": [("Tham mưu ban hành văn bản đúng hạn", "%", "100", "40"),
                  ("Cải cách hành chính", "điểm", "90", "60")],
           "SKHDT": [("Giải ngân vốn đầu tư công", "%", "95", "50"), ("Thu hút đầu tư", "dự án", "10", "50")],
           "VPDDBQH": [("Phục vụ kỳ họp HĐND", "kỳ họp", "4", "100")]}
SCORES = {"VP": ["38", "57,5"], "SKHDT": ["45", "40"], "VPDDBQH": ["90"]}  # 95,5 / 85 / 90


@pytest.fixture
def bloc(db):
    demo_pledges.seed()  # the bloc "Tham mưu – Tổng hợp" of 2023: the Office leads, the two shell agencies
    return EmulationBloc.objects.get(code="TMTH")


def _url(bloc):
    return reverse("pledges:bloc_year", args=[bloc.pk, YEAR])


def _member(bloc, code) -> BlocMembership:
    return bloc.memberships.get(year=YEAR, agency__code=code)


def _assessment_url(bloc, code):
    return reverse("pledges:bloc_assessment", args=[bloc.pk, YEAR, _member(bloc, code).pk])


def _draft_and_sign(login, bloc):
    client = login(LEADER_SECRETARIAT)
    for code, rows in TARGETS.items():
        for content, measure, planned, score in rows:
            response = client.post(_url(bloc), {"action": "target", "membership": _member(bloc, code).pk,
                                                "content": content, "measure": measure, "planned_value": planned,
                                                "max_score": score})
            assert response.status_code == 302, response.content.decode()[:2000]
    for code, username in MEMBER_ACTORS.items():
        assert login(username).post(_url(bloc), {"action": "confirm",
                                                 "membership": _member(bloc, code).pk}).status_code == 302
    assert login(LEADER_CHIEF).post(_url(bloc), {"action": "sign"}).status_code == 302


def _assess(login, bloc):
    for code, username in MEMBER_ACTORS.items():
        member = _member(bloc, code)
        data = {"submit": "1"}
        for target, score in zip(member.targets.order_by("pk"), SCORES[code], strict=True):
            data[f"achieved_{target.pk}"] = "Đạt"
            data[f"score_{target.pk}"] = score
        assert login(username).post(_assessment_url(bloc, code), data).status_code == 302


def test_the_covenant_is_drafted_by_the_leader_confirmed_by_each_member_and_signed_once_for_all(
        login, bloc, django_capture_on_commit_callbacks):
    # Given the leader's targets for every member, when each member confirms and the leader's head signs
    with django_capture_on_commit_callbacks(execute=True):
        _draft_and_sign(login, bloc)

    # Then one document, issued, carries every member's targets and signature block
    bloc_year = BlocYear.objects.get(bloc=bloc, year=YEAR)
    assert bloc_year.status == BlocYearStatus.SIGNED
    document = bloc_year.covenant_document
    assert document.status == DocumentStatus.READY
    text = " ".join(str(v) for v in document.data["members"])
    assert all(name in text for name in ("Văn phòng UBND tỉnh", "Sở Kế hoạch và Đầu tư", "Đoàn ĐBQH"))
    assert all(m.covenant_signed_on == timezone.localdate() for m in bloc.memberships.filter(year=YEAR))
    # and every member agency reads it
    assert login("tdkt.skhdt").get(reverse("documents:detail", args=[document.pk])).status_code == 200


def test_the_leader_cannot_sign_before_every_member_confirmed(login, bloc):
    client = login(LEADER_SECRETARIAT)
    client.post(_url(bloc), {"action": "target", "membership": _member(bloc, "SKHDT").pk, "content": "x",
                             "measure": "%", "planned_value": "1", "max_score": "10"})

    response = login(LEADER_CHIEF).post(_url(bloc), {"action": "sign"})

    assert response.status_code == 400 and "chưa xác nhận giao ước" in response.content.decode()
    assert BlocYear.objects.get(bloc=bloc, year=YEAR).covenant_document is None


def test_a_member_drafts_no_target_and_confirms_no_other_members_part(login, bloc):
    client = login("tdkt.skhdt")
    assert client.post(_url(bloc), {"action": "target", "membership": _member(bloc, "SKHDT").pk, "content": "x",
                                    "measure": "%", "planned_value": "1", "max_score": "10"}).status_code == 403
    login(LEADER_SECRETARIAT).post(_url(bloc), {"action": "target", "membership": _member(bloc, "VPDDBQH").pk,
                                                "content": "x", "measure": "%", "planned_value": "1",
                                                "max_score": "10"})
    assert client.post(_url(bloc), {"action": "confirm",
                                    "membership": _member(bloc, "VPDDBQH").pk}).status_code == 403
    assert _member(bloc, "VPDDBQH").confirmed_at is None


def test_a_member_sees_and_edits_only_its_own_assessment_until_the_table_is_compiled(login, bloc):
    _draft_and_sign(login, bloc)
    target = _member(bloc, "VPDDBQH").targets.get()
    own = login("tdkt.skhdt")

    # Another member's assessment: 404 to read and to write
    assert own.get(_assessment_url(bloc, "VPDDBQH")).status_code == 404
    assert own.post(_assessment_url(bloc, "VPDDBQH"), {f"score_{target.pk}": "100", "submit": "1"}).status_code == 404
    # its own: readable; the leader's secretariat reads every one
    assert own.get(_assessment_url(bloc, "SKHDT")).status_code == 200
    assert login(LEADER_SECRETARIAT).get(_assessment_url(bloc, "VPDDBQH")).status_code == 200
    target.refresh_from_db()
    assert target.self_score is None

    _assess(login, bloc)
    login(LEADER_SECRETARIAT).post(_url(bloc), {"action": "compile"})
    # once compiled for the meeting, every member reads every one (read only)
    page = own.get(_assessment_url(bloc, "VPDDBQH"))
    assert page.status_code == 200 and "90" in page.content.decode()


def test_a_score_above_the_targets_maximum_is_refused_and_nothing_is_written(login, bloc):
    _draft_and_sign(login, bloc)
    target = _member(bloc, "VPDDBQH").targets.get()

    response = login("truongphong.hctcqt").post(_assessment_url(bloc, "VPDDBQH"),
                                                 {f"achieved_{target.pk}": "x", f"score_{target.pk}": "101"})

    assert response.status_code == 400 and "từ 0 đến 100" in response.content.decode()
    target.refresh_from_db()
    assert target.self_score is None and target.achieved == ""


def test_the_year_end_ranks_votes_and_issues_the_blocs_to_trinh(login, bloc, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _draft_and_sign(login, bloc)
        _assess(login, bloc)
        # When the leader compiles: ranked by total, the first proposed for the flag, the next for Bằng khen
        assert login(LEADER_SECRETARIAT).post(_url(bloc), {"action": "compile"}).status_code == 302
        vp, skhdt, vpddbqh = (_member(bloc, c) for c in ("VP", "SKHDT", "VPDDBQH"))
        assert (vp.rank, vpddbqh.rank, skhdt.rank) == (1, 2, 3)
        assert vp.total_score == Decimal("95.50") and skhdt.total_score == Decimal("85.00")
        assert (vp.proposed_award.code, vpddbqh.proposed_award.code, skhdt.proposed_award) == ("CO_TINH", "BK_TINH",
                                                                                             None)
        # the vote cannot close before every member voted
        today = timezone.localdate().strftime("%d/%m/%Y")
        response = login(LEADER_SECRETARIAT).post(_url(bloc), {"action": "close", "meeting_on": today})
        assert response.status_code == 400 and "chưa bỏ phiếu" in response.content.decode()
        # each member votes: all agree with VP, only one with VPDDBQH
        for code, username in MEMBER_ACTORS.items():
            assert login(username).post(_url(bloc), {
                "action": "vote", "membership": _member(bloc, code).pk, f"vote_{vp.pk}": "1",
                f"vote_{vpddbqh.pk}": "1" if code == "VPDDBQH" else "0"}).status_code == 302
        assert BlocVote.objects.filter(candidate__bloc=bloc).count() == 6
        assert login(LEADER_SECRETARIAT).post(_url(bloc), {"action": "close", "meeting_on": today}).status_code == 302
        vp.refresh_from_db()
        vpddbqh.refresh_from_db()
        assert (vp.votes_for, vp.carried, vpddbqh.votes_for, vpddbqh.carried) == (3, True, 1, False)
        # Then the leader's head signs the Tờ trình, issued to Sở Nội vụ
        assert login(LEADER_CHIEF).post(_url(bloc), {"action": "submit"}).status_code == 302

    bloc_year = BlocYear.objects.get(bloc=bloc, year=YEAR)
    document = bloc_year.submission_document
    assert bloc_year.status == BlocYearStatus.SUBMITTED and document.status == DocumentStatus.READY
    assert document.number_text.endswith("/TTr-VP")
    assert [row["name"] for row in document.data["lines"]] == [vp.agency.name]
    assert login("sonoivu").get(reverse("documents:detail", args=[document.pk])).status_code == 200


def test_a_member_votes_only_for_itself(login, bloc):
    _draft_and_sign(login, bloc)
    _assess(login, bloc)
    login(LEADER_SECRETARIAT).post(_url(bloc), {"action": "compile"})
    vp = _member(bloc, "VP")
    candidates = {f"vote_{m.pk}": "1" for m in bloc.memberships.filter(year=YEAR, proposed_award__isnull=False)}

    response = login("tdkt.skhdt").post(_url(bloc), {"action": "vote", "membership": vp.pk, **candidates})

    assert response.status_code == 403 and not BlocVote.objects.filter(voter=vp).exists()


def test_ranking_shares_a_rank_on_equal_totals_and_the_threshold_is_strict():
    class M:
        def __init__(self, pk, name):
            self.pk, self.agency = pk, type("A", (), {"name": name})()

    a, b, c = M(1, "A"), M(2, "B"), M(3, "C")
    assert [(m.pk, r) for m, r in ranked([a, b, c], {1: Decimal(9), 2: Decimal(10), 3: Decimal(9)})] == [
        (2, 1), (1, 2), (3, 2)]
    assert carries(2, 3, Decimal(50)) and not carries(2, 4, Decimal(50)) and carries(3, 4, Decimal(50))
