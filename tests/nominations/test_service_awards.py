"""Issue 21: khen thưởng theo niên hạn and quá trình cống hiến — candidates suggested from the service records, the
unit head confirms (docs/legal-basis.md §20; stories in nominations/demo_service.py).

Given the seeded demo Office and a cycle of the kind whose deadline is the demo reference day (15/12/2026), when
the candidates are computed, then the niên hạn set is exactly who has 20 years of service (a woman 15) counted to
that day or to the retirement, gaps not counted, those already holding the Kỷ niệm chương left out — exactly at the
threshold in, a day short out; the cống hiến set is exactly the retiring leaders whose years at a level give a Huân
chương Lao động (the lower level adds the higher's short time, a woman needs two thirds, a discipline while holding
the post or an award already held leaves them out). Over HTTP the unit head sees why and confirms: lines of the
cycle's kind are added to the unit's dossier with an audit event; anything not suggested is refused, nothing
written.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command

from accounts.models import User
from nominations import demo, services
from nominations.demo_service import PEOPLE, REFERENCE
from nominations.models import (
    CommendationKind,
    Cycle,
    Dossier,
    Line,
    OutcomeDocument,
    OutcomeDocumentKind,
    ServiceRecord,
)
from nominations.selectors.service_awards import candidates, full_months
from workflow.audit.models import AuditEvent
from workflow.documents.rendering import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _registries(request):
    """The demo registries of the Office (nominations.demo, with nominations.demo_service's stories)."""
    if "start" not in request.fixturenames:
        demo.seed()


def _cycle(code: str, *, due: dt.date = REFERENCE):
    hcqt = User.objects.get(username="hcqt")
    return services.cycle_open(actor=hcqt, agency=hcqt.unit.agency, year=due.year, name=f"Khen thưởng {code}",
                               nominations_due=due, kind=CommendationKind.objects.get(code=code))


def _twenty_years_by(start: dt.date, day: dt.date) -> bool:
    """Independent of the selector: the 20th anniversary of the start is at most the day after ``day``."""
    return start.replace(year=start.year + 20) <= day + dt.timedelta(days=1)


@pytest.mark.parametrize(("start", "end", "months"), [
    (dt.date(2006, 12, 16), dt.date(2026, 12, 15), 240),  # exactly 20 years, the last day included
    (dt.date(2006, 12, 17), dt.date(2026, 12, 15), 239),  # a day short
    (dt.date(2005, 3, 1), dt.date(2025, 2, 28), 240),
    (dt.date(2024, 1, 31), dt.date(2024, 2, 28), 0),
    (dt.date(2024, 1, 31), dt.date(2024, 2, 29), 1),
    (dt.date(2024, 5, 1), dt.date(2024, 4, 30), 0),
])
def test_full_months_counts_whole_months_with_the_last_day(start, end, months):
    assert full_months(start, end) == months


def test_nien_han_suggests_exactly_who_has_the_years_on_the_reference_day():
    cycle = _cycle("NIEN_HAN")

    found = {c.person.username: c for c in candidates(cycle)}

    plain = {record.person.username for record in ServiceRecord.objects.filter(
        person__unit__agency=cycle.agency).select_related("person")
        if record.person.username not in PEOPLE and _twenty_years_by(record.started_on, REFERENCE)}
    stories = {"canbo.th.03", "canbo.kt.03", "canbo.nc.04", "canbo.kgvx.03",
               # the cống hiến stories' periods count too: 23, 21, 21 (a woman) and 20 years 11 months of service
               "phochanhvp1", "truongphong.th", "phochanhvp2", "canbo.kt.01"}
    assert plain, "the demo has people counted from the service record's start alone"
    assert set(found) == plain | stories
    assert {c.award.code for c in found.values()} == {"KNC_TINH"}
    assert found["canbo.th.03"].years_text == "20 năm"  # exactly at the threshold
    assert found["canbo.kt.03"].years_text == "20 năm 6 tháng"  # two periods, the gap not counted
    assert found["canbo.nc.04"].years_text == "15 năm"  # a woman: 15 years
    assert found["canbo.kgvx.03"].periods[-1].end == dt.date(2025, 1, 31)  # counted to the retirement
    # Not suggested: a day short, a gap that leaves 19 years 11 months, a man with 15 years, retired short of
    # 20 years, already holding the Kỷ niệm chương.
    assert not {"canbo.th.04", "canbo.kt.04", "canbo.nc.05", "canbo.kgvx.05", "canbo.ttcbth.03"} & set(found)


def test_cong_hien_suggests_the_retiring_leaders_and_the_medal_their_years_give():
    cycle = _cycle("CONG_HIEN")

    found = {c.person.username: c for c in candidates(cycle)}

    assert {u: c.award.code for u, c in found.items()} == {
        "phochanhvp1": "HCLD3", "chanhvp": "HCLD3", "phochanhvp2": "HCLD3", "truongphong.th": "HCLD3"}
    assert found["phochanhvp1"].years_text == "13 năm 11 tháng"
    # 5 years 11 months as Chánh Văn phòng (short of 6) added to 7 years as Phó Chánh Văn phòng
    assert found["chanhvp"].years_text == "12 năm 11 tháng" and found["chanhvp"].level == "pho_vu_truong"
    assert found["phochanhvp2"].years_text == "9 năm 11 tháng"  # a woman: 10 years less a third
    assert "Điều 21" in found["truongphong.th"].rule.citation


def test_no_rule_in_force_suggests_nobody():
    assert candidates(_cycle("CONG_HIEN", due=dt.date(2025, 6, 30))) == []  # NĐ 98/2023 rules not recorded


def test_the_unit_head_sees_why_and_confirms_lines_of_the_cycles_kind(login):
    cycle = _cycle("NIEN_HAN")
    client = login("truongphong.th")
    th03, th04 = User.objects.get(username="canbo.th.03"), User.objects.get(username="canbo.th.04")
    url = f"/nominations/cycles/{cycle.pk}/goi-y-thoi-gian-cong-tac/"

    page = client.get(url).content.decode()

    assert f'id="candidate-{th03.pk}"' in page and "16/12/2006" in page and "20 năm" in page
    assert f'id="candidate-{th04.pk}"' not in page
    assert "Phòng Kinh tế" not in page  # another unit's candidates are not shown to this head

    response = client.post(url, {"unit": th03.unit_id, "people": [th03.pk]})

    assert response.status_code == 302
    dossier = Dossier.objects.get(cycle=cycle, unit=th03.unit)
    line = Line.objects.get(dossier=dossier)
    assert (line.person, line.award.code, line.commendation_kind.code) == (th03, "KNC_TINH", "NIEN_HAN")
    assert "20 năm" in line.achievements and "16/12/2006" in line.achievements
    assert AuditEvent.objects.filter(action="nominations.service_candidates_confirmed",
                                     object_id=str(dossier.pk)).exists()
    assert "Đã đề nghị" in client.get(url).content.decode()


@pytest.mark.parametrize("who", ["canbo.th.04", "canbo.kt.03"])
def test_confirming_someone_not_suggested_here_is_refused_and_nothing_written(login, who):
    cycle = _cycle("NIEN_HAN")
    client = login("truongphong.th")
    person = User.objects.get(username=who)
    th = User.objects.get(username="truongphong.th").unit

    response = client.post(f"/nominations/cycles/{cycle.pk}/goi-y-thoi-gian-cong-tac/",
                           {"unit": th.pk, "people": [person.pk]})

    assert response.status_code == 400
    assert 'id="service-errors"' in response.content.decode()
    assert not Line.objects.filter(cycle=cycle).exists()


def test_the_secretariat_reads_every_unit_and_others_get_404(login):
    cycle = _cycle("CONG_HIEN")
    url = f"/nominations/cycles/{cycle.pk}/goi-y-thoi-gian-cong-tac/"

    page = login("hcqt").get(url).content.decode()

    chanhvp = User.objects.get(username="chanhvp")
    assert f'id="candidate-{chanhvp.pk}"' in page and "Huân chương Lao động hạng Ba" in page
    assert 'name="people"' not in page  # the secretariat reads; a unit head confirms
    assert login("canbo.th.05").get(url).status_code == 404
    annual = _cycle("THUONG_XUYEN")
    assert login("hcqt").get(f"/nominations/cycles/{annual.pk}/goi-y-thoi-gian-cong-tac/").status_code == 404


@pytest.mark.parametrize("case", [
    ("nien-han", "NIEN_HAN", "KNC_TINH", "đã có thời gian công tác đủ niên hạn theo quy định"),
    ("cong-hien", "CONG_HIEN", "HCLD3", "đã có quá trình cống hiến lâu dài trong các cơ quan, tổ chức, đơn vị"),
])
def test_simulate_cycle_runs_the_kind_end_to_end_to_its_own_to_trinh(capsys, django_capture_on_commit_callbacks,
                                                                     case):
    option, code, award, words = case
    with django_capture_on_commit_callbacks(execute=True):
        call_command("simulate_cycle", "--year", "2026", "--kind", option, "--json")
    summary = json.loads(capsys.readouterr().out)

    assert summary["unfinished_processes"] == 0 and summary["refused_lines"] == []
    assert set(summary["lines_by_title"]) == {award} and summary["lines"] > 0
    cycle = Cycle.objects.get(name=summary["cycle"])
    assert cycle.kind.code == code
    assert set(Line.objects.filter(cycle=cycle).values_list("commendation_kind__code", flat=True)) == {code}
    submission = OutcomeDocument.objects.get(session__cycle=cycle, kind=OutcomeDocumentKind.SUBMISSION)
    with submission.document.pdf.open("rb") as handle:
        text = " ".join(pdf_text(handle.read()).split())
    assert words in text
    assert cycle.kind.name.lower() in text.lower()
