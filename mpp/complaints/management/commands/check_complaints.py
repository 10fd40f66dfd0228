from django.core.management.base import BaseCommand

from mpp.complaints.tasks import check_complaint_deadlines


class Command(BaseCommand):
    help = (
        "Queue the complaints' deadline check for the background worker (cron: every 15 minutes), "
        "or run it now: overdue steps are marked and their staff told, complaints followed up "
        "10 working days ago without a reply are closed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run here instead of queueing it.")

    def handle(self, *args, now=False, **options):
        if now:
            result = check_complaint_deadlines.call()
            self.stdout.write(f"{result['overdue']} complaints marked overdue, {result['closed']} closed.")
        else:
            result = check_complaint_deadlines.enqueue()
            self.stdout.write(f"Queued: {result.id}")
