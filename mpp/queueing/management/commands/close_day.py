from django.core.management.base import BaseCommand

from mpp.queueing.tasks import close_days


class Command(BaseCommand):
    help = (
        "Queue the day close (cancel tickets still open from earlier days, close old counter "
        "sessions) for the background worker (cron: shortly after midnight), or run it now."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run here instead of queueing it.")

    def handle(self, *args, now=False, **options):
        if not now:
            self.stdout.write(f"Queued: {close_days.enqueue().id}")
            return
        for slug, closed in close_days.call().items():
            self.stdout.write(
                f"{slug}: {closed['cancelled']} requests cancelled, "
                f"{closed['sessions_closed']} counter sessions closed."
            )
