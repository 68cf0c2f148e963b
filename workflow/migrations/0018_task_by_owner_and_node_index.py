"""An index on viewflow's task table: a person's tasks by step, with their process (``owner_id, flow_task,
process_id``).

A flow's lists find the processes a person took part in from their tasks of the flow's steps
(``workflow.selectors.visible_in_flow``), now inside every list query rather than once into Python. Sở Nội vụ
holds 26,240 tasks at ten years of a province, 6,560 of one flow: by the owner index alone PostgreSQL read every
one of them from the table (16,000 pages, 110-150 ms a query under load); with this index it is an index-only scan
of the flow's 6,560 entries (about 1 ms). The table is viewflow's, so the index is plain SQL (the same statement
on PostgreSQL and SQLite); Django's state does not know it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0017_task_open_by_node_index"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX workflow_task_by_owner_node ON viewflow_task (owner_id, flow_task, process_id)",
            reverse_sql="DROP INDEX workflow_task_by_owner_node",
        ),
    ]
