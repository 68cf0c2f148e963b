"""The papers each title's line must have in its dossier, per rule set (docs/legal-basis.md, §7).

Every line: its báo cáo thành tích (the decree's form, confirmed by the unit head) and the unit's own
bình xét minutes. A title whose criterion is a sáng kiến: the decision (or written confirmation)
recognising it. Citations not read in a text end with "— chưa xác minh được văn bản".
"""

from django.db import migrations

DOUBT = " — chưa xác minh được văn bản"
PRACTICE = "Quy chế thi đua, khen thưởng của tỉnh, của cơ quan" + DOUBT

REPORT = "Báo cáo thành tích"
MINUTES = "Biên bản họp bình xét của đơn vị"

REPORT_ARTICLE = {
    "ND91_2017": "Nghị định 91/2017/NĐ-CP, Phụ lục: Mẫu số 01 (tập thể), Mẫu số 02 (cá nhân)",
    "ND98_2023": "Khoản 7 Điều 84 Luật Thi đua, khen thưởng 2022; Phụ lục Nghị định 98/2023/NĐ-CP" + DOUBT,
    "ND152_2025": "Khoản 9 Điều 33 Nghị định 152/2025/NĐ-CP, mẫu tại Phụ lục",
}

# award code -> (paper, nominee kind, article per rule set code)
SUPPORTING = {
    "CSTDCS": ("Quyết định công nhận sáng kiến (hoặc văn bản xác nhận, biên bản nghiệm thu đề tài)", "person", {
        "ND91_2017": "Điểm b khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP",
        "ND98_2023": "Luật Thi đua, khen thưởng 2022 (Chiến sĩ thi đua cơ sở)" + DOUBT,
        "ND152_2025": "Khoản 6 Điều 33 Nghị định 152/2025/NĐ-CP, văn bản xác nhận theo Mẫu số 13",
    }),
    "CSTD_TINH": ("Quyết định công nhận sáng kiến có phạm vi ảnh hưởng cấp tỉnh", "person", {
        "ND91_2017": "Luật Thi đua, khen thưởng 2003, Điều 22" + DOUBT,
        "ND98_2023": "Luật Thi đua, khen thưởng 2022 (Chiến sĩ thi đua cấp tỉnh)" + DOUBT,
        "ND152_2025": "Khoản 6 Điều 33 Nghị định 152/2025/NĐ-CP, văn bản xác nhận theo Mẫu số 13",
    }),
    "CSTD_TQ": ("Quyết định hoặc xác nhận của người đứng đầu tỉnh về sáng kiến có phạm vi ảnh hưởng toàn quốc",
                "person", {
        "ND91_2017": "Luật Thi đua, khen thưởng 2003, Điều 21" + DOUBT,
        "ND98_2023": "Luật Thi đua, khen thưởng 2022 (Chiến sĩ thi đua toàn quốc)" + DOUBT,
        "ND152_2025": "Điểm d khoản 2 Điều 36 Nghị định 152/2025/NĐ-CP",
    }),
}


def fill(apps, schema_editor):
    TitleRule = apps.get_model("nominations", "TitleRule")
    RequiredPaper = apps.get_model("nominations", "RequiredPaper")
    for rule in TitleRule.objects.select_related("rule_set", "award"):
        code = rule.rule_set.code
        rows = [
            (REPORT, "report", "both", REPORT_ARTICLE.get(code, PRACTICE)),
            (MINUTES, "minutes", "both", PRACTICE),
        ]
        if rule.award.code in SUPPORTING:
            name, nominee_kind, articles = SUPPORTING[rule.award.code]
            rows.append((name, "supporting", nominee_kind, articles.get(code, PRACTICE)))
        for position, (name, kind, nominee_kind, article) in enumerate(rows, start=1):
            RequiredPaper.objects.get_or_create(title_rule=rule, name=name, defaults={
                "kind": kind, "nominee_kind": nominee_kind, "article": article, "position": position})


def empty(apps, schema_editor):
    apps.get_model("nominations", "RequiredPaper").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("nominations", "0029_dossier_papers")]
    operations = [migrations.RunPython(fill, empty)]
