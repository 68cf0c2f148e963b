"""Reward money and the quỹ thi đua, khen thưởng (issue 20; docs/legal-basis.md §13).

Given a council's session for the year 2023, approved by the chief in August 2024, the Quyết định's payout list
reckons each award on the mức lương cơ sở in force on the day the decision is issued (Nghị định 152/2025/NĐ-CP,
Điều 49 khoản 1: 2.340.000 đ from 01/7/2024, not 2023's 1.800.000 đ), rounded up to ten thousand đồng (khoản 2),
its total is the sum of its lines; the fund's ledger is paid when the decision is issued and recovers an
annulled award's money, and balances; a bad appropriation saves nothing; only who works over the agency sees.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.test import TestCase
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from nominations import services
from nominations.audit import FUND_APPROPRIATED, FUND_PAID, FUND_RECOVERED
from nominations.documents.payouts import number_in_words, payout_list
from nominations.models import Award, FundEntry, FundEntryKind, OutcomeDocument, OutcomeDocumentKind
from nominations.rewards import base_salary_on, reward_amount, round_up
from nominations.selectors.funds import fund_ledger
from nominations.services import annulments
from tests.workflow.documents_helpers import pdf_text
from workflow.audit.models import AuditEvent

from .funds_helpers import decided as _decided
from .funds_helpers import decided_all
from .funds_helpers import workers as _workers

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision_2023():
    """Two colleagues of Phòng Kinh tế, Lao động tiên tiến 2023, decided on 15/8/2024 (09:00 in Quảng Ngãi)."""
    return _decided(2023, [(worker, "LDTT") for worker in _workers(2)], "2024-08-15 02:00:00")


@pytest.mark.parametrize(("coefficient", "base", "amount"), [
    ("0.3", 2_340_000, 710_000),    # 702.000 rounded up to the next ten thousand
    ("1.0", 2_340_000, 2_340_000),  # already round
    ("0.8", 1_390_000, 1_120_000),  # 1.112.000 → 1.120.000 (Ban TĐKT Trung ương's answer on NĐ 91 Art 68(2))
    ("0.3", 1_800_000, 540_000),
])
def test_the_amount_is_coefficient_times_base_salary_rounded_up_to_ten_thousand(coefficient, base, amount):
    assert reward_amount(Decimal(coefficient), base) == amount


def test_rounding_goes_up_never_down():
    assert round_up(Decimal(700_001)) == 710_000
    assert round_up(Decimal(700_000)) == 700_000


@pytest.mark.parametrize(("day", "amount"), [
    ("2019-06-30", 1_390_000), ("2019-07-01", 1_490_000), ("2023-06-30", 1_490_000), ("2023-07-01", 1_800_000),
    ("2024-06-30", 1_800_000), ("2024-07-01", 2_340_000), ("2026-12-03", 2_340_000),
])
def test_the_base_salary_in_force_on_a_day_is_the_last_decree_that_began_by_it(day, amount):
    import datetime as dt

    assert base_salary_on(dt.date.fromisoformat(day)).amount == amount


@pytest.mark.parametrize(("number", "words"), [
    (0, "không"), (5, "năm"), (15, "mười lăm"), (21, "hai mươi mốt"), (105, "một trăm linh năm"),
    (710_000, "bảy trăm mười nghìn"), (1_420_000, "một triệu bốn trăm hai mươi nghìn"),
    (2_005_000, "hai triệu không trăm linh năm nghìn"), (1_000_000_000, "một tỷ"),
])
def test_numbers_read_in_vietnamese(number, words):
    assert number_in_words(number) == words


def test_a_2023_decision_signed_in_august_2024_pays_on_the_base_salary_of_its_signing_day(decision_2023, login):
    # Given the Quyết định for 2023 issued on 15/8/2024
    decision = decision_2023

    # When the secretariat opens its payout list from the decision's page
    client = login("hcqt")
    page = client.get(reverse("documents:detail", args=[decision.document_id])).content.decode()
    url = reverse("nominations:payouts", args=[decision.document_id])
    assert url in page
    listing = client.get(url)

    # Then each Lao động tiên tiến pays 0,3 × 2.340.000 = 702.000 → 710.000 đ (not 0,3 × 1.800.000 = 540.000)
    assert listing.status_code == 200
    payouts = payout_list(decision)
    assert payouts.base_salary == 2_340_000
    assert [row.amount for row in payouts.rows] == [710_000, 710_000]
    assert [row.coefficient for row in payouts.rows] == [Decimal("0.30"), Decimal("0.30")]
    # and the total is the sum of the lines, in figures and in words
    assert payouts.total == sum(row.amount for row in payouts.rows) == 1_420_000
    assert payouts.total_words == "Một triệu bốn trăm hai mươi nghìn đồng"
    text = listing.content.decode()
    assert "710.000" in text and "1.420.000" in text and "540.000" not in text
    assert f"Kèm theo Quyết định số {decision.document.number_text} ngày 15/08/2024" in text

    # and the PDF and the Excel sheet say the same
    pdf = client.get(reverse("nominations:payouts_pdf", args=[decision.document_id]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    flat = " ".join(pdf_text(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content).split())
    for expected in ("DANH SÁCH CÁ NHÂN, TẬP THỂ NHẬN TIỀN THƯỞNG", "Ký nhận", "710.000", "1.420.000",
                     "Bằng chữ: Một triệu bốn trăm hai mươi nghìn đồng", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"):
        assert expected in flat, expected
    sheet = load_workbook(io.BytesIO(client.get(
        reverse("nominations:payouts_xlsx", args=[decision.document_id])).content)).active
    amounts = [sheet.cell(row=r, column=6).value for r in range(8, 10)]
    assert amounts == [710_000, 710_000]
    assert sheet.cell(row=10, column=6).value == "=SUM(F8:F9)"
    assert sheet.cell(row=7, column=7).value == "Ký nhận"

    # and the fund paid them in 2024, the year the decision was issued, with an audit event
    payouts_posted = FundEntry.objects.filter(decision=decision, kind=FundEntryKind.PAYOUT)
    assert sorted(e.amount for e in payouts_posted) == [710_000, 710_000]
    assert {e.year for e in payouts_posted} == {2024}
    assert {e.base_salary for e in payouts_posted} == {2_340_000}
    assert AuditEvent.objects.filter(action=FUND_PAID).count() == 1


def test_the_ledger_balances_after_an_appropriation_a_decision_and_an_annulment(decision_2023, login, person):
    decision = decision_2023
    agency = decision.document.agency
    client = login("hcqt")
    fund_url = reverse("nominations:fund")

    # Given the secretariat records 2024's appropriation, typed as an officer writes it
    response = client.post(fund_url, {"nam": 2024, "co_quan": agency.pk, "so_tien": "10.000.000",
                                      "ghi_chu": "Dự toán năm 2024"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=FUND_APPROPRIATED).count() == 1

    # When the chief annuls one of the two awards in September 2024
    chief = person("chanhvp")
    line = decision.lines.order_by("pk").first()
    with freeze_time("2024-09-10 02:00:00"), TestCase.captureOnCommitCallbacks(execute=True):
        amendment = annulments.annulment_draft(actor=chief, decision=decision, lines=[line], ground="93_2_b",
                                               reason="Hồ sơ kê khai không đúng")
        annulments.amendment_sign(actor=chief, amendment=amendment)

    # Then its money is recovered once into 2024's fund, and the ledger balances:
    # 10.000.000 − 2 × 710.000 + 710.000 = 9.290.000
    reversal = FundEntry.objects.get(kind=FundEntryKind.REVERSAL)
    assert reversal.amount == 710_000 and reversal.year == 2024 and reversal.past_award.annulled_by_id
    assert AuditEvent.objects.filter(action=FUND_RECOVERED).count() == 1
    ledger = fund_ledger(agency, 2024)
    assert (ledger.appropriated, ledger.paid, ledger.recovered) == (10_000_000, 1_420_000, 710_000)
    assert ledger.balance == 9_290_000 == sum(e.signed_amount for e in ledger.entries)
    page = client.get(fund_url, {"nam": 2024, "co_quan": agency.pk}).content.decode()
    assert "9.290.000" in page
    # and the payout list still shows what the decision paid, with the recovery noted
    rows = payout_list(decision).rows
    assert [r.amount for r in rows] == [710_000, 710_000]
    assert any("Thu hồi theo Quyết định hủy bỏ số" in r.note for r in rows)


@pytest.mark.parametrize(("typed", "message"), [
    ("", "Nhập số tiền dự toán được giao."),
    ("mười triệu", "Số tiền phải là số nguyên đồng"),
    ("-5000000", "Số tiền phải là số nguyên đồng lớn hơn 0."),
    ("1000,5", "Số tiền phải là số nguyên đồng"),
    ("99999999999999", "Số tiền quá lớn."),
])
def test_a_bad_appropriation_says_why_in_vietnamese_and_saves_nothing(login, person, typed, message):
    client = login("hcqt")
    agency = person("hcqt").unit.agency
    events = AuditEvent.objects.count()
    response = client.post(reverse("nominations:fund"), {"nam": 2025, "co_quan": agency.pk, "so_tien": typed})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert FundEntry.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_a_bad_year_is_refused_without_saving(login, person):
    client = login("hcqt")
    response = client.post(reverse("nominations:fund"), {"nam": "năm nay", "so_tien": "1000000"})
    assert response.status_code == 400 and "Nhập năm là một số" in response.content.decode()
    assert FundEntry.objects.count() == 0


@pytest.mark.parametrize("username", ["chanhvp", "kiemtra"])
def test_only_the_secretariat_records_an_appropriation(login, person, username):
    client = login(username)
    agency = person("hcqt").unit.agency
    page = client.get(reverse("nominations:fund")).content.decode()
    assert 'id="appropriate"' not in page
    client.post(reverse("nominations:fund"), {"nam": 2025, "co_quan": agency.pk, "so_tien": "1000000"})
    assert FundEntry.objects.count() == 0


@pytest.mark.parametrize(("username", "status"), [
    ("hcqt", 200), ("chanhvp", 200), ("kiemtra", 200),
    ("canbo.kt.02", 404), ("truongphong.kt", 404), ("hoidong1", 404), ("sonoivu", 404),
])
def test_who_sees_the_payout_list_and_the_fund(decision_2023, login, username, status):
    client = login(username)
    pk = decision_2023.document_id
    for name in ("nominations:payouts", "nominations:payouts_pdf", "nominations:payouts_xlsx"):
        assert client.get(reverse(name, args=[pk])).status_code == status, name
    assert client.get(reverse("nominations:fund")).status_code == status
    # a missing decision looks the same as a forbidden one
    assert client.get(reverse("nominations:payouts", args=[pk + 1000])).status_code == 404


def test_a_submission_has_no_payout_list(login):
    # Given a session that produced a Quyết định (LĐTT) and a Tờ trình (CSTĐ tỉnh: the province decides and pays)
    first, second = _workers(2)
    decision = _decided(2025, [(first, "LDTT"), (second, "CSTD_TINH")], "2025-12-22 02:00:00")
    submission = OutcomeDocument.objects.get(session=decision.session, kind=OutcomeDocumentKind.SUBMISSION)
    client = login("hcqt")
    # Then only the decision has a payout list
    assert client.get(reverse("nominations:payouts", args=[decision.document_id])).status_code == 200
    assert client.get(reverse("nominations:payouts", args=[submission.document_id])).status_code == 404


def test_of_titles_reckoned_on_the_same_period_only_the_highest_pays(person):
    """NĐ 152/2025, Điều 49 khoản 5 đoạn 2: LĐTT and CSTĐCS of the same year decided the same day."""
    from nominations.services.funds import fund_payouts_post

    decision = _decided(2025, [(_workers(1)[0], "LDTT")], "2025-12-22 02:00:00")
    worker = decision.lines.get().person
    ldtt_row = decision.lines.get()
    assert FundEntry.objects.get(kind=FundEntryKind.PAYOUT).amount == 710_000
    # When the same person's CSTĐCS 2025 is registered for the same day (e.g. a second decision of the session)
    higher = services.past_award_record(actor=None, award=Award.objects.get(code="CSTDCS"), year=2025, person=worker,
                                        decision_number="99/QĐ-VP", issuer="Chánh Văn phòng",
                                        decision_date=ldtt_row.decision_date)
    fund_payouts_post(actor=None, outcome=decision, awards=[higher], day=ldtt_row.decision_date)
    # Then the CSTĐCS pays 2.340.000 and the LĐTT's 710.000 is taken back
    assert FundEntry.objects.get(kind=FundEntryKind.PAYOUT, past_award=higher).amount == 2_340_000
    assert FundEntry.objects.get(kind=FundEntryKind.REVERSAL).amount == 710_000
    ledger = fund_ledger(decision.document.agency, 2025)
    assert ledger.paid - ledger.recovered == 2_340_000


def test_when_the_higher_title_is_annulled_the_lower_one_of_the_same_period_is_paid(person):
    """NĐ 152/2025, Điều 49 khoản 5: only the highest title of the same period pays; annulled, it no longer counts
    (Luật 2022, Điều 93 khoản 2: its money is recovered) and the title still standing is paid."""
    # Given one worker's LĐTT and CSTĐCS of 2025, decided on 22/12/2025 (in two Quyết định of the same day):
    # only the CSTĐCS stands paid
    worker = _workers(1)[0]
    decisions = decided_all(2025, [(worker, "LDTT"), (worker, "CSTDCS")], "2025-12-22 02:00:00")
    standing = {e.past_award.award.code: e.amount for e in FundEntry.objects.filter(kind=FundEntryKind.PAYOUT)
                if not FundEntry.objects.filter(kind=FundEntryKind.REVERSAL, past_award=e.past_award_id,
                                                round=e.round).exists()}
    assert standing == {"CSTDCS": 2_340_000}

    # When the chief annuls the CSTĐCS in January 2026
    chief = person("chanhvp")
    decision = next(d for d in decisions if d.lines.filter(award__code="CSTDCS").exists())
    line = decision.lines.get(award__code="CSTDCS")
    with freeze_time("2026-01-12 02:00:00"), TestCase.captureOnCommitCallbacks(execute=True):
        amendment = annulments.annulment_draft(actor=chief, decision=decision, lines=[line], ground="93_2_b",
                                               reason="Sáng kiến không được công nhận")
        annulments.amendment_sign(actor=chief, amendment=amendment)

    # Then its 2.340.000 is recovered into 2026's fund and the LĐTT is paid there instead, on the base salary of
    # its decision's day (0,3 × 2.340.000 → 710.000), once
    ldtt = FundEntry.objects.filter(kind=FundEntryKind.PAYOUT, past_award__award__code="LDTT").latest("round")
    assert (ldtt.amount, ldtt.year) == (710_000, 2026)
    assert ldtt.decision.lines.filter(award__code="LDTT").exists()
    assert "bị hủy bỏ theo Quyết định số" in ldtt.note
    ledger = fund_ledger(decision.document.agency, 2026)
    assert (ledger.paid, ledger.recovered) == (710_000, 2_340_000)
    recovered = AuditEvent.objects.get(action=FUND_RECOVERED)
    assert recovered.changes["paid_instead"] == {str(ldtt.past_award_id): "710000"}
