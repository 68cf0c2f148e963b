"""Writes of the quỹ thi đua, khen thưởng ledger (``nominations.models.funds``; docs/legal-basis.md §13).

* ``fund_appropriation_create``: the secretariat records the year's appropriation (Nghị định 152/2025/NĐ-CP,
  Điều 46 khoản 3 điểm a: the fund of a provincial department comes from the yearly budget).
* ``fund_payouts_post``: when a Quyết định khen thưởng is issued and registered, each award's money is paid from
  the fund of the deciding agency (Điều 47 khoản 2), in the registering transaction
  (``services.submissions.decision_register``); amounts per ``nominations.rewards`` (Điều 49).
* ``fund_reversals_post``: when an award is annulled, its money is recovered (Luật Thi đua, khen thưởng 2022,
  Điều 93 khoản 2), in the annulment's transaction (``services.annulments.amendment_apply``).

The system posts payouts and reversals for the signer; nobody edits an entry.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Agency, User
from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.audit import audit_record
from workflow.history import full_clean

from ..audit import FUND_APPROPRIATED, FUND_PAID, FUND_RECOVERED
from ..models import FundEntry, FundEntryKind, OutcomeDocument, PastAward
from ..models.funds import AMOUNT_MAX
from ..rewards import nominee_kind_of, reward_for, same_period_titles

NOTE_MAX = FundEntry._meta.get_field("note").max_length
HIGHEST_ONLY = ("Chỉ nhận tiền thưởng danh hiệu cao nhất có cùng thời gian tính (khoản 5 Điều 49 Nghị định "
                "152/2025/NĐ-CP): %(award)s.")


def require_fund_keeper(actor: User, agency: Agency) -> None:
    """The agency's emulation secretariat keeps the fund's book (design §1: the TĐKT officers of Phòng HCQT)."""
    if Role.SECRETARIAT not in roles_here(actor, agency):
        raise PermissionDenied(_("Chỉ thường trực thi đua – khen thưởng của cơ quan được ghi sổ quỹ."))


def _amount(value: object) -> Decimal:
    text = unicodedata.normalize("NFC", str(value or "")).strip().replace(".", "").replace(" ", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError({"amount": _("Số tiền phải là số nguyên đồng, ví dụ 50.000.000.")}) from None
    if amount != amount.to_integral_value() or amount <= 0:
        raise ValidationError({"amount": _("Số tiền phải là số nguyên đồng lớn hơn 0.")})
    if amount > AMOUNT_MAX:
        raise ValidationError({"amount": _("Số tiền quá lớn.")})
    return amount


@transaction.atomic
def fund_appropriation_create(*, actor: User, agency: Agency, year: int, amount: object, note: str = "") -> FundEntry:
    """Record the year's appropriation (dự toán được giao) of ``agency``'s fund; a second one adds to it."""
    require_fund_keeper(actor, agency)
    note = unicodedata.normalize("NFC", note or "").strip()
    entry = FundEntry(agency=agency, year=year, kind=FundEntryKind.APPROPRIATION, amount=_amount(amount),
                      note=note, created_by=actor)
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("Ghi chú dài quá %(limit)s ký tự.") % {"limit": NOTE_MAX}})
    full_clean(entry)
    entry.save()
    audit_record(actor=actor, action=FUND_APPROPRIATED, obj=entry, agency=agency,
                 changes={"year": year, "amount": str(entry.amount), "note": note})
    return entry


def _paid(award: PastAward) -> FundEntry | None:
    """The award's latest payout (reversed or not)."""
    return FundEntry.objects.filter(past_award=award, kind=FundEntryKind.PAYOUT).order_by("-round").first()


def _reversed(entry: FundEntry) -> bool:
    return FundEntry.objects.filter(past_award=entry.past_award_id, kind=FundEntryKind.REVERSAL,
                                    round=entry.round).exists()


def _reverse(*, entry: FundEntry, actor: User | None, day: dt.date, decision: OutcomeDocument | None,
             note: str) -> FundEntry | None:
    if _reversed(entry):
        return None
    reversal = FundEntry(agency=entry.agency, year=day.year, kind=FundEntryKind.REVERSAL, amount=entry.amount,
                         round=entry.round,
                         past_award=entry.past_award, decision=decision, coefficient=entry.coefficient,
                         base_salary=entry.base_salary, note=note[:NOTE_MAX], created_by=actor)
    full_clean(reversal)
    reversal.save()
    return reversal


@transaction.atomic
def fund_payouts_post(*, actor: User | None, outcome: OutcomeDocument, awards: list[PastAward],
                      day: dt.date) -> list[FundEntry]:
    """Pay each award of the issued decision ``outcome`` from its agency's fund of ``day``'s year. Idempotent (one
    payout per award, a database constraint). An award without a coefficient under the set in force pays nothing
    here (the list shows why). Of one nominee's danh hiệu reckoned on the same period and decided the same day
    only the highest pays (NĐ 152/2025, Điều 49 khoản 5): a lower one is not paid, or, paid first, is reversed."""
    agency = outcome.document.agency
    posted: list[FundEntry] = []
    reversed_: list[FundEntry] = []
    # The highest first: of one nominee's titles in this decision the lower ones then find it paid and are not
    # paid at all, rather than paid and taken back in the same breath.
    rewards = {award.pk: reward_for(award.award, nominee_kind_of(award), day) for award in awards}
    for award in sorted(awards, key=lambda a: -(rewards[a.pk].amount or 0)):
        if _paid(award) is not None:
            continue
        reward = rewards[award.pk]
        if reward.amount is None:
            continue
        higher, lower_paid = None, []
        for other in same_period_titles(award):
            other_reward = reward_for(other.award, nominee_kind_of(other), day)
            last = _paid(other)
            standing = last is not None and not _reversed(last)
            if other_reward.amount is not None and (other_reward.amount > reward.amount
                                                    or (other_reward.amount == reward.amount and standing)):
                higher = other  # a higher title, or an equal one already paid: this one is not paid
            elif standing:
                lower_paid.append(last)
        if higher is not None:
            continue
        entry = FundEntry(agency=agency, year=day.year, kind=FundEntryKind.PAYOUT, amount=reward.amount,
                          past_award=award, decision=outcome, coefficient=reward.coefficient,
                          base_salary=reward.base_salary, note=reward.basis[:NOTE_MAX], created_by=actor)
        full_clean(entry)
        entry.save()
        posted.append(entry)
        for lower in lower_paid:
            done = _reverse(entry=lower, actor=actor, day=day, decision=outcome,
                            note=HIGHEST_ONLY % {"award": award.award.name})
            if done is not None:
                reversed_.append(done)
    if posted or reversed_:
        audit_record(actor=actor, action=FUND_PAID, obj=outcome, agency=agency,
                     changes={"decision": outcome.document.number_text, "year": day.year,
                              "payouts": len(posted), "total": str(sum(e.amount for e in posted)),
                              "reversed": [e.past_award_id for e in reversed_]})
    return posted


@transaction.atomic
def fund_reversals_post(*, actor: User | None, awards: list[PastAward], annulment_number: str,
                        day: dt.date) -> list[FundEntry]:
    """Recover the money of each annulled award into the fund of the annulment's year (Luật 2022, Điều 93 khoản
    2); an award never paid (no coefficient, or only the highest title paid) recovers nothing. Idempotent."""
    done: list[FundEntry] = []
    due: list[FundEntry] = []
    for award in awards:
        paid = _paid(award)
        if paid is None:
            continue
        note = f"Thu hồi theo Quyết định hủy bỏ số {annulment_number}."  # the book's text, in Vietnamese
        entry = _reverse(entry=paid, actor=actor, day=day, decision=paid.decision, note=note)
        if entry is not None:
            done.append(entry)
            due += _pay_the_next_title(actor=actor, annulled=award, paid=paid, day=day,
                                       annulment_number=annulment_number)
    if done:
        agency = done[0].agency
        audit_record(actor=actor, action=FUND_RECOVERED, obj=done[0].decision, agency=agency,
                     changes={"annulment": annulment_number, "year": day.year, "reversals": len(done),
                              "total": str(sum(e.amount for e in done)),
                              "paid_instead": {str(e.past_award_id): str(e.amount) for e in due}})
    return done


def _pay_the_next_title(*, actor: User | None, annulled: PastAward, paid: FundEntry, day: dt.date,
                        annulment_number: str) -> list[FundEntry]:
    """The annulled award was the highest of the nominee's titles reckoned on the same period, so the others were
    not paid (NĐ 152/2025, Điều 49 khoản 5). Annulled, it no longer counts: the highest title still standing is
    paid now, on the mức lương cơ sở of its own decision's day (Điều 49 khoản 1), into the fund that paid the
    annulled one, in the annulment's year — in a new round when it had been paid and taken back for the higher
    one. Our reading of khoản 5 once the higher title is gone (docs/legal-basis.md §13)."""
    others = [(other, reward_for(other.award, nominee_kind_of(other), other.decision_date or day))
              for other in same_period_titles(annulled)]
    others = [(other, reward, _paid(other)) for other, reward in others if reward.amount is not None]
    if not others or any(last is not None and not _reversed(last) for _other, _reward, last in others):
        return []  # one of them is paid and stands
    other, reward, last = max(others, key=lambda triple: triple[1].amount)
    note = (f"Chi tiền thưởng {other.award.name} vì danh hiệu cao hơn cùng thời gian tính bị hủy bỏ theo "
            f"Quyết định số {annulment_number}.")  # the book's text, in Vietnamese
    if last is not None:
        decision = last.decision
    else:
        decision = paid.decision if other.decision_number == annulled.decision_number else None
    entry = FundEntry(agency=paid.agency, year=day.year, kind=FundEntryKind.PAYOUT, amount=reward.amount,
                      round=last.round + 1 if last is not None else 1, past_award=other, decision=decision,
                      coefficient=reward.coefficient, base_salary=reward.base_salary, note=note[:NOTE_MAX],
                      created_by=actor)
    full_clean(entry)
    entry.save()
    return [entry]
