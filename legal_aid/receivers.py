"""Reactions to transfers' answers; each runs inside the answering transaction, so the
application commits or rolls back with the answer."""

from __future__ import annotations

from django.dispatch import receiver

from accounts.models import OrganisationKind
from transfers.models import TransferKind, TransferStatus
from transfers.signals import transfer_answered

from . import services


@receiver(transfer_answered, dispatch_uid="legal_aid.referral_landed")
def land_referral(sender, transfer, actor, **kwargs) -> None:
    """A mediator's referral accepted by a legal-aid centre becomes an application in the
    officer's queue."""
    if (
        transfer.kind == TransferKind.REFER_LEGAL_AID
        and transfer.status == TransferStatus.ACCEPTED
        and transfer.to_organisation.kind == OrganisationKind.LEGAL_AID_CENTRE
    ):
        services.land_referral(transfer, actor)


@receiver(transfer_answered, dispatch_uid="legal_aid.arbitration_answered")
def follow_arbitration(sender, transfer, actor, **kwargs) -> None:
    if transfer.kind == TransferKind.REFER_LABOUR_ARBITRATION:
        services.on_arbitration_answer(transfer, actor)
