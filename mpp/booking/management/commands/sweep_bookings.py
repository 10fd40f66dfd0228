from django.core.management.base import BaseCommand

from mpp.booking.tasks import sweep_bookings


class Command(BaseCommand):
    help = "Queue the booking sweep (expired holds, no-shows, reminders) for the worker, or run it now."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run here instead of queueing it.")

    def handle(self, *args, now=False, **options):
        if now:
            self.stdout.write(str(sweep_bookings.call()))
        else:
            self.stdout.write(f"Queued: {sweep_bookings.enqueue().id}")
