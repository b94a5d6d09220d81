"""Django's makemessages, also extracting the timeline's ``recorded("…")`` texts
(cases.record: stored in Chinese, shown in the reader's language)."""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=recorded"]
