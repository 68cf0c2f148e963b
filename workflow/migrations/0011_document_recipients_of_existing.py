"""Documents drafted before recipients were data get those of their kind (workflow.documents.kinds at the time):
the Tờ trình, the agency's registration and the annual report to Sở Nội vụ; a Quyết định to the agency's units and
people; every document to the archive. A document of another kind keeps only its archive: internal."""

from django.db import migrations

RECIPIENTS = {
    "quyet_dinh_khen_thuong": ("internal", "archive"),
    "to_trinh_khen_thuong": ("home_affairs", "archive"),
    "dang_ky_thi_dua": ("home_affairs", "internal", "archive"),
    "bao_cao_tong_ket": ("home_affairs", "archive"),
}


def forwards(apps, schema_editor):
    IssuedDocument = apps.get_model("workflow", "IssuedDocument")
    DocumentRecipient = apps.get_model("workflow", "DocumentRecipient")
    for document in IssuedDocument.objects.filter(recipients__isnull=True).only("pk", "template_key"):
        for position, kind in enumerate(RECIPIENTS.get(document.template_key, ("archive",)), start=1):
            DocumentRecipient.objects.create(document=document, kind=kind, position=position)


class Migration(migrations.Migration):
    dependencies = [("workflow", "0010_document_recipients")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
