from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organisation
from courts.authentication import issue_token


class Command(BaseCommand):
    help = "Print a new API token for a court's own case system, e.g. 粤0804."

    def add_arguments(self, parser):
        parser.add_argument("court_code")
        parser.add_argument("--name", default="")

    def handle(self, court_code: str, name: str, **options):
        court = Organisation.objects.courts().filter(court_code=court_code.strip()).first()
        if court is None:
            raise CommandError(f"No court with code {court_code!r}.")
        self.stdout.write(issue_token(court, name))
