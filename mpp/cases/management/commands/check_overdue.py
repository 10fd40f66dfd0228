from django.core.management.base import BaseCommand

from mpp.cases.tasks import check_overdue_applications


class Command(BaseCommand):
    help = "Queue the overdue check for the background worker (cron: every 15 minutes), or run it now."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run here instead of queueing it.")

    def handle(self, *args, now=False, **options):
        if now:
            marked = check_overdue_applications.call()
            self.stdout.write(f"{marked} applications marked overdue.")
        else:
            result = check_overdue_applications.enqueue()
            self.stdout.write(f"Queued: {result.id}")
