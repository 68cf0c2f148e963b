"""Triggers that refuse UPDATE and DELETE on the audit log (design §5), one RunSQL per vendor."""

from django.db import migrations

from workflow.audit.triggers import SQL, VendorRunSQL


class Migration(migrations.Migration):
    dependencies = [("workflow", "0002_audit_log")]

    operations = [
        VendorRunSQL(vendor, sql=statements["install"], reverse_sql=statements["drop"])
        for vendor, statements in SQL.items()
    ]
