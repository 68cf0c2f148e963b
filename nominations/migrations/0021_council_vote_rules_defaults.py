"""Default vote rules of an agency council, one per award (issue 16; docs/legal-basis.md §4).

No decree sets how an agency's own Hội đồng Thi đua – Khen thưởng votes on its titles: that is its
Quy chế's (Nghị định 152/2025/NĐ-CP, Điều 6 khoản 2 điểm e). The 90 % of all members of NĐ 91/2017
Điều 45 khoản 8 and NĐ 152/2025 Điều 33 khoản 5 binds the ministry/provincial council. So each
default keeps the values the system applied until now (the current rule set's ``TitleRule``, compared
"từ … trở lên", the nominee-member taken out of the base) and says plainly that no text confirms
them for an agency council, until the agency enters the rules of its own Quy chế.
"""

from decimal import Decimal

from django.db import migrations
from django.utils import timezone

AGENCY_RULE = ("Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng cơ quan quy định (Nghị định số "
               "152/2025/NĐ-CP, Điều 6 khoản 2 điểm e)")
DOUBTFUL = ("Chưa xác định được căn cứ: quy tắc mặc định, lấy theo giá trị đang áp dụng của bộ quy "
            "tắc “%(rule_set)s”; cách biểu quyết của Hội đồng cơ quan do " + AGENCY_RULE
            + ". Cơ quan cần nhập quy tắc theo Quy chế của mình.")
PROVINCE_ONLY = (" Mức 90% tổng số thành viên Hội đồng của Nghị định số 91/2017/NĐ-CP, Điều 45 khoản 8 (và Nghị "
                 "định số 152/2025/NĐ-CP, Điều 33 khoản 5) áp dụng cho Hội đồng cấp bộ, cấp tỉnh, không phải "
                 "Hội đồng cơ quan.")
NO_RULE = ("Chưa xác định được căn cứ: danh hiệu, hình thức này không có quy tắc trong bộ quy tắc "
           "hiện hành; áp dụng mức cao nhất đang dùng (bỏ phiếu kín, từ 90% trở lên tổng số thành viên). Cách "
           "biểu quyết của Hội đồng cơ quan do " + AGENCY_RULE + ".")
# Where the provincial-council article is what the old data extended to the agency's council.
PROVINCIAL_TITLES = {"CSTD_TINH", "CSTD_TQ", "BK_TTG", "CO_TINH", "CO_CP", "HCLD3"}
FALLBACK = ("secret", "all_members", Decimal("90"), Decimal("66.67"))


def load(apps, schema_editor):
    Award = apps.get_model("nominations", "Award")
    RuleSet = apps.get_model("nominations", "RuleSet")
    CouncilVoteRule = apps.get_model("nominations", "CouncilVoteRule")
    HistoricalCouncilVoteRule = apps.get_model("nominations", "HistoricalCouncilVoteRule")
    current = RuleSet.objects.order_by("-effective_from").first()
    title_rules = {rule.award_id: rule for rule in current.title_rules.all()} if current else {}
    when = timezone.now()
    for award in Award.objects.order_by("position", "pk"):
        if CouncilVoteRule.objects.filter(agency__isnull=True, award=award).exists():
            continue
        rule = title_rules.get(award.pk)
        if rule is not None:
            method, base, threshold, quorum = (rule.vote_method, rule.vote_base, rule.vote_threshold_pct,
                                               rule.vote_quorum_pct)
            source = DOUBTFUL % {"rule_set": current.name}
        else:
            method, base, threshold, quorum = FALLBACK
            source = NO_RULE
        if award.code in PROVINCIAL_TITLES and rule is not None:
            source += PROVINCE_ONLY
        row = CouncilVoteRule.objects.create(agency=None, award=award, method=method, base=base, comparison="ge",
                                             threshold_pct=threshold, quorum_pct=quorum, recusal="excluded",
                                             source=source)
        if HistoricalCouncilVoteRule.objects.filter(id=row.pk).exists():
            continue  # replayed with the real models (tests' conftest): simple-history wrote the "+" row
        data = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
        HistoricalCouncilVoteRule.objects.create(**data, history_date=when, history_type="+",
                                                 history_change_reason="Quy tắc mặc định (migration 0021)")


def unload(apps, schema_editor):
    for name in ("HistoricalCouncilVoteRule", "CouncilVoteRule"):
        rows = apps.get_model("nominations", name).objects.filter(agency__isnull=True)
        rows._raw_delete(rows.db)


class Migration(migrations.Migration):
    dependencies = [("nominations", "0020_agenda_item_vote_rule_applied")]

    operations = [migrations.RunPython(load, unload)]
