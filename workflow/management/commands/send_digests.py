"""``python manage.py send_digests``: the morning digest by hand or from cron."""

from django.core.management.base import BaseCommand

from workflow.notifications.services import digests_send


class Command(BaseCommand):
    help = "Send each person who chose the daily digest one e-mail with their waiting notifications."

    def handle(self, *args, **options):
        self.stdout.write(f"digests sent: {digests_send()}")
