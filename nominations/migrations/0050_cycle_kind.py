"""A cycle names its loại hình khen thưởng (issue 21): every cycle opened so far was the annual review."""

import django.db.models.deletion
from django.db import migrations, models


def annual_review(apps, schema_editor):
    Cycle = apps.get_model("nominations", "Cycle")
    HistoricalCycle = apps.get_model("nominations", "HistoricalCycle")
    CommendationKind = apps.get_model("nominations", "CommendationKind")
    kind = CommendationKind.objects.filter(code="THUONG_XUYEN").first()
    if kind is None:
        return
    Cycle.objects.filter(kind__isnull=True).update(kind=kind)
    HistoricalCycle.objects.filter(kind__isnull=True).update(kind=kind)


class Migration(migrations.Migration):

    dependencies = [
        ("nominations", "0049_cycle_posting_public"),
    ]

    operations = [
        migrations.AddField(
            model_name="cycle", name="kind",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="cycles",
                                    to="nominations.commendationkind", verbose_name="loại hình khen thưởng",
                                    help_text="Thường xuyên (xét hằng năm), đột xuất, theo chuyên đề, cống hiến, niên hạn: mỗi loại hình có tiêu chuẩn, hồ sơ, thời hạn và mẫu quyết định riêng.",),
        ),
        migrations.AddField(
            model_name="historicalcycle", name="kind",
            field=models.ForeignKey(blank=True, db_constraint=False, null=True,
                                    on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                                    to="nominations.commendationkind", verbose_name="loại hình khen thưởng",
                                    help_text="Thường xuyên (xét hằng năm), đột xuất, theo chuyên đề, cống hiến, niên hạn: mỗi loại hình có tiêu chuẩn, hồ sơ, thời hạn và mẫu quyết định riêng.",),
        ),
        migrations.RunPython(annual_review, migrations.RunPython.noop),
    ]
