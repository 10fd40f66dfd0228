from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mpp.demo import loader


class Command(BaseCommand):
    help = "Load the Kapuas demo data (sites, agencies, services with standards, demo accounts)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the demo logins.")
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the demo is served (for the printed links).",
        )

    def handle(self, *args, quiet_logins=False, base_url="http://127.0.0.1:8000", **options):
        if settings.PRODUCTION:
            raise CommandError(
                "The demo has accounts with a public password; it is never loaded in production."
            )
        created = loader.load()
        self.stdout.write(f"Kapuas demo: {created} services created.")
        if quiet_logins:
            return
        self.stdout.write("")
        self.stdout.write(f"Demo logins (back office at {base_url.rstrip('/')}/admin/):")
        for account in loader.DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<18} {loader.DEMO_PASSWORD}   {account.description}")
        self.stdout.write("")
        self.stdout.write(
            "No SMS, WhatsApp or e-mail gateway is configured in the demo: booking codes and other"
            " messages wait in the outbox (log in as manajer: /admin/notify/outboxmessage/)."
        )
