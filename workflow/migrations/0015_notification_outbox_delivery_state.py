"""The notification outbox keeps its delivery state: a Message-ID per row, attempts, the next try,
the last error, and the final "failed". Rows already written get their own Message-ID before the
column becomes unique (a callable default gives every existing row the same value)."""

from django.db import migrations, models

import workflow.notifications.models


def give_each_row_its_message_id(apps, schema_editor):
    Notification = apps.get_model("workflow", "Notification")
    rows = list(Notification.objects.only("pk"))
    for row in rows:
        row.message_id = workflow.notifications.models.new_message_id()
    Notification.objects.bulk_update(rows, ["message_id"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("workflow", "0014_signing_certificates_and_document_signatures"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="message_id",
            field=models.CharField(default="", editable=False, max_length=250, verbose_name="Message-ID"),
            preserve_default=False,
        ),
        migrations.RunPython(give_each_row_its_message_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="notification",
            name="message_id",
            field=models.CharField(default=workflow.notifications.models.new_message_id, editable=False,
                                   max_length=250, unique=True, verbose_name="Message-ID"),
        ),
        migrations.AddField(
            model_name="notification",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="số lần gửi"),
        ),
        migrations.AddField(
            model_name="notification",
            name="next_attempt_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="gửi lại sau"),
        ),
        migrations.AddField(
            model_name="notification",
            name="last_error",
            field=models.TextField(blank=True, verbose_name="lỗi lần gửi gần nhất"),
        ),
        migrations.AddField(
            model_name="notification",
            name="failed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="thời điểm bỏ gửi"),
        ),
    ]
