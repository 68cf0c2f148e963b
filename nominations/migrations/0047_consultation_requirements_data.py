"""The bodies whose opinion a line must have before it goes higher, per rule set (docs/legal-basis.md, §15).

Only what a text read confirms is seeded: NĐ 152/2025/NĐ-CP, Điều 34 khoản 3 — a proposal of the "Bằng khen
của Thủ tướng Chính phủ" (among the forms of its điểm b) for a body of the province or for the head (cấp
trưởng) of one needs the opinion of the central ministry managing its sector. Nothing is seeded for the
older rule sets (their texts were not read: doubtful), nor for the agency as a collective (not a nominee here).
"""

from django.db import migrations

ROWS = {
    ("ND152_2025", "BK_TTG"): [(
        "Bộ, ngành trung ương có chức năng quản lý ngành, lĩnh vực của cơ quan",
        "Kết quả lãnh đạo, chỉ đạo cơ quan, đơn vị thực hiện nhiệm vụ chính trị được giao trong thời gian "
        "tính thành tích đề nghị khen thưởng",
        "person", "agency_head",
        "Điểm a, điểm b khoản 3 Điều 34 Nghị định 152/2025/NĐ-CP",
    )],
}


def fill(apps, schema_editor):
    TitleRule = apps.get_model("nominations", "TitleRule")
    RequiredConsultation = apps.get_model("nominations", "RequiredConsultation")
    for (rule_set, award), rows in ROWS.items():
        for rule in TitleRule.objects.filter(rule_set__code=rule_set, award__code=award):
            for position, (body, subject, nominee_kind, scope, article) in enumerate(rows, start=1):
                RequiredConsultation.objects.get_or_create(title_rule=rule, body=body, defaults={
                    "subject": subject, "nominee_kind": nominee_kind, "scope": scope, "article": article,
                    "position": position})


def empty(apps, schema_editor):
    apps.get_model("nominations", "RequiredConsultation").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("nominations", "0046_consultations")]
    operations = [migrations.RunPython(fill, empty)]
