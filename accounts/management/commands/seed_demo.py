from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create demo staff (one login per role) and demo cases. Safe to run again."

    def handle(self, *args, **options):
        logins: list[tuple[str, str, str]] = []
        with transaction.atomic():
            # Each app may ship a ``demo`` module with a ``seed()``; apps are visited in
            # INSTALLED_APPS order, so lower apps (accounts) seed before higher ones (cases).
            for config in apps.get_app_configs():
                if find_spec(f"{config.name}.demo") is None:
                    continue
                result = import_module(f"{config.name}.demo").seed()
                logins += result or []
        self.stdout.write(self.style.SUCCESS("演示数据已就绪 / Demo data ready."))
        self.stdout.write("演示账号 / Demo logins (username / password / role):")
        for username, password, role in logins:
            self.stdout.write(f"  {username:<11} {password:<14} {role}")
