"""``python manage.py send_reminders``: the hourly job by hand or from cron."""

from django.core.management.base import BaseCommand

from workflow.deadlines.reminders import reminders_send
from workflow.delegation.services import delegations_sync


class Command(BaseCommand):
    help = "Start and end delegations, then send due-date reminders, due-day notices and escalations once each."

    def handle(self, *args, **options):
        synced = delegations_sync()
        counts = reminders_send()
        self.stdout.write(
            "delegations: {handed_over} handed over, {given_back} given back; "
            "reminders: {reminder}, due: {due}, escalations: {escalation}".format(**synced, **counts)
        )
