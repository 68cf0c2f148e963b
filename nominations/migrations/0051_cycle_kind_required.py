"""Every cycle has its loại hình from now on (0050 filled the existing ones in its own transaction: PostgreSQL
refuses to alter a table with the rows' deferred foreign-key checks still pending)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("nominations", "0050_cycle_kind"),
    ]

    operations = [
        migrations.AlterField(
            model_name="cycle", name="kind",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="cycles",
                to="nominations.commendationkind", verbose_name="loại hình khen thưởng",
                help_text="Thường xuyên (xét hằng năm), đột xuất, theo chuyên đề, cống hiến, niên hạn: mỗi loại hình "
                          "có tiêu chuẩn, hồ sơ, thời hạn và mẫu quyết định riêng."),
        ),
    ]
