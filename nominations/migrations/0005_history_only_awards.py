"""Awards kept as history, rarely proposed from an agency (domain §3): Cờ thi đua của Chính phủ
and Huân chương Lao động. They can be recorded and imported as past awards; they have no rule
in any rule set, so the check says so in plain words instead of guessing."""

from django.db import migrations

AWARDS = [
    ("CO_CP", "Cờ thi đua của Chính phủ", "Cờ thi đua Chính phủ", "title", "collective", "nha_nuoc",
     "prime_minister", "Luật Thi đua, khen thưởng số 06/2022/QH15 (Cờ thi đua của Chính phủ)", 11),
    ("HCLD3", "Huân chương Lao động hạng Ba", "Huân chương Lao động hạng Ba", "form", "both", "nha_nuoc",
     "president", "Luật Thi đua, khen thưởng số 06/2022/QH15 (Huân chương Lao động)", 12),
]


def load(apps, schema_editor):
    from django.utils import timezone

    Award = apps.get_model("nominations", "Award")
    HistoricalAward = apps.get_model("nominations", "HistoricalAward")
    for code, name, short, kind, nominee, level, authority, basis, position in AWARDS:
        award = Award.objects.create(code=code, name=name, short_name=short, kind=kind, nominee_kind=nominee,
                                     level=level, authority=authority, legal_basis=basis, position=position,
                                     required_documents="Tờ trình (Mẫu 01)\nBáo cáo thành tích")
        data = {f.attname: getattr(award, f.attname) for f in award._meta.concrete_fields}
        HistoricalAward.objects.create(**data, history_date=timezone.now(), history_type="+",
                                       history_change_reason="Dữ liệu ban đầu (migration 0005)")


def unload(apps, schema_editor):
    codes = [row[0] for row in AWARDS]
    for name in ("HistoricalAward", "Award"):
        rows = apps.get_model("nominations", name).objects.filter(code__in=codes)
        rows._raw_delete(rows.db)


class Migration(migrations.Migration):
    dependencies = [("nominations", "0004_catalogue_and_rule_sets_data")]

    operations = [migrations.RunPython(load, unload)]
