from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organisation
from agencies.models import AgencyToken
from agencies.tokens import issue_token, rotate_token


class Command(BaseCommand):
    help = (
        "Print a new API key for an agency's own system, e.g. police-440804. With --rotate, "
        "the agency's active keys are revoked and replaced by the new one."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation_code")
        parser.add_argument("--name", default="")
        parser.add_argument("--rotate", action="store_true")

    def handle(self, organisation_code: str, name: str, rotate: bool, **options):
        agency = Organisation.objects.filter(code=organisation_code.strip(), is_active=True).first()
        if agency is None:
            raise CommandError(f"No active organisation with code {organisation_code!r}.")
        active = list(AgencyToken.objects.active().filter(organisation=agency).order_by("pk"))
        if rotate and active:
            _token, key = rotate_token(active[0])
            for older in active[1:]:
                older.revoked_at = _token.created_at
                older.save(update_fields=["revoked_at"])
        else:
            _token, key = issue_token(agency, name)
        self.stdout.write(key)
