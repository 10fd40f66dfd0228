from django.core.management.base import BaseCommand

from mpp.notify.tasks import deliver_due_messages


class Command(BaseCommand):
    help = "Queue the outbox sweep for the background worker (cron: every minute), or run it now."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run here instead of queueing it.")

    def handle(self, *args, now=False, **options):
        if now:
            sent = deliver_due_messages.call()
            self.stdout.write(f"{sent} messages sent.")
        else:
            result = deliver_due_messages.enqueue()
            self.stdout.write(f"Queued: {result.id}")
