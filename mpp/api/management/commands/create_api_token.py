from django.core.management.base import BaseCommand, CommandError

from mpp.api.services import issue_token
from mpp.tenancy.models import User


class Command(BaseCommand):
    help = "Issue an API token for a staff account and print it once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="Which system will use the token.")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}.")
        _token, plain = issue_token(user=user, name=name)
        self.stdout.write(plain)
