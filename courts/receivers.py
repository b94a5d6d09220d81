"""Reactions to other apps' signals; each runs inside the sender's transaction."""

from __future__ import annotations

from django.dispatch import receiver

from cases.signals import case_transitioned
from transfers.models import TransferKind, TransferStatus
from transfers.signals import transfer_answered

from . import services


@receiver(case_transitioned, dispatch_uid="courts.return_result")
def return_result_to_court(sender, case, to_status, actor, payload, **kwargs) -> None:
    if to_status in services.RESULT_STATUSES:
        services.return_result(case, to_status=to_status, actor=actor, payload=payload)


@receiver(transfer_answered, dispatch_uid="courts.delegation_rejected")
def record_delegation_rejected(sender, transfer, actor, **kwargs) -> None:
    if (
        transfer.kind == TransferKind.DELEGATE_PRE_LITIGATION
        and transfer.status == TransferStatus.REJECTED
    ):
        services.on_delegation_rejected(transfer, actor)
