"""Lines and files sent before ``sent_round`` existed: a line is sent in the first round whose snapshot names it;
a file in the first round submitted after it was uploaded. What no round sent stays the unit's work in progress."""

from django.db import migrations


def forwards(apps, schema_editor):
    DossierRound = apps.get_model("nominations", "DossierRound")
    Line = apps.get_model("nominations", "Line")
    Attachment = apps.get_model("nominations", "Attachment")
    for round_ in DossierRound.objects.order_by("dossier", "number"):
        ids = [entry["id"] for entry in round_.lines or [] if isinstance(entry, dict) and "id" in entry]
        Line.objects.filter(pk__in=ids, sent_round__isnull=True).update(sent_round=round_.number)
        Attachment.objects.filter(dossier=round_.dossier_id, uploaded_at__lte=round_.submitted_at,
                                  sent_round__isnull=True).update(sent_round=round_.number)


class Migration(migrations.Migration):
    dependencies = [("nominations", "0014_dossier_sent_round")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
