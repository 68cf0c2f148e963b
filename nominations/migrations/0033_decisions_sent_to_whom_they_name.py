"""The decisions issued before their Nơi nhận named people: each is sent to the units and people of its
annex ("Như Điều 3"), so they and their unit heads read it (workflow 0012)."""

from django.db import migrations


def name_recipients(apps, schema_editor):
    OutcomeDocument = apps.get_model("nominations", "OutcomeDocument")
    DocumentRecipient = apps.get_model("workflow", "DocumentRecipient")
    for outcome in OutcomeDocument.objects.filter(kind="decision").prefetch_related("lines"):
        taken = DocumentRecipient.objects.filter(document_id=outcome.document_id)
        if taken.filter(kind="internal").exclude(unit=None, person=None).exists():
            continue
        position = (taken.order_by("-position").values_list("position", flat=True).first() or 0)
        seen = set()
        for line in outcome.lines.order_by("position", "pk"):
            key = ("person", line.person_id) if line.person_id else ("unit", line.unit_id)
            if key in seen:
                continue
            seen.add(key)
            position += 1
            DocumentRecipient.objects.create(document_id=outcome.document_id, kind="internal", position=position,
                                             person_id=line.person_id, unit_id=None if line.person_id else line.unit_id)


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0032_annual_report_recipients"),
        ("workflow", "0012_document_recipients_units_and_people"),
    ]

    operations = [migrations.RunPython(name_recipients, migrations.RunPython.noop)]
