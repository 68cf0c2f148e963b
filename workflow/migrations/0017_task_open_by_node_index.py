"""An index on viewflow's task table: the open tasks of one step (``finished IS NULL``, by ``flow_task``).

A flow's board (viewflow's ``DashboardView``, ``workflow.flow_views.ScopedDashboardView``) lists each step's open
tasks among the processes the person may see. Without it PostgreSQL read every task of those processes (Sở Nội vụ,
ten years of a province: 118,080 tasks, 130 ms a column) to find the few open ones; with it, and the status
index for failed tasks, a column costs a few index pages. The table is viewflow's, so the index is plain SQL
(the same statement on PostgreSQL and SQLite); Django's state does not know it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0016_webhooks"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX workflow_task_open_by_node ON viewflow_task (flow_task) WHERE finished IS NULL",
            reverse_sql="DROP INDEX workflow_task_open_by_node",
        ),
    ]
