"""Reactions to other apps' signals; each runs inside the sender's transaction."""

from __future__ import annotations

from django.dispatch import receiver

from cases.models import Channel
from cases.signals import case_transitioned

from . import services


@receiver(case_transitioned, dispatch_uid="police.return_result")
def return_result_to_police(sender, case, to_status, actor, payload, **kwargs) -> None:
    if case.channel == Channel.POLICE_REFERRAL and to_status in services.RESULT_STATUSES:
        services.return_result(case, to_status=to_status, actor=actor, payload=payload)
