"""``python manage.py sweep_stale``: the periodic sweep for stale work, by hand or from cron."""

from django.core.management.base import BaseCommand

from workflow.sweep import registered_sweeps, sweep_stale


class Command(BaseCommand):
    help = ("Fail background jobs still running past WORKFLOW_STALE_JOB_MINUTES and queue again the documents "
            "signed but not issued past WORKFLOW_STALE_DOCUMENT_MINUTES; send the immediate notifications still unsent "
            "past WORKFLOW_NOTIFICATION_STALE_MINUTES; send the webhook deliveries due; run the corrections the "
            "domain registered (workflow.sweep.register_sweep).")

    def handle(self, *args, **options):
        counts = sweep_stale()
        line = ("stale jobs failed: {jobs_failed}; documents queued again: {documents_requeued}; "
                "notifications sent: {notifications_sent}; webhooks delivered: {webhooks_delivered}".format(**counts))
        registered = "".join(f"; {name}: {counts[name]}" for name in registered_sweeps())
        self.stdout.write(line + registered)
