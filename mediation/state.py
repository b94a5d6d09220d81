"""Which statuses each mediation verb may start from. ``cases.services.transition`` refuses
anything else with a message naming these states (HTTP 409 in the API)."""

from __future__ import annotations

from cases.models import CaseStatus as S

# Statuses in which a case is still being worked by an organisation.
WORKING = (S.ROUTED, S.ACCEPTED, S.IN_MEDIATION)

ALLOWED_FROM: dict[str, tuple[str, ...]] = {
    "route": (S.RECEIVED,),
    "assign": (S.ROUTED,),
    "accept": (S.ROUTED,),
    "decline": (S.ROUTED,),
    "not_accept": (S.RECEIVED, S.ROUTED, S.ACCEPTED),
    "start": (S.ACCEPTED,),
    "escalate": WORKING,
    "reassign": WORKING,
    "agreement": (S.IN_MEDIATION,),
    "fail": (S.IN_MEDIATION,),
    "withdraw": (S.ROUTED, S.ACCEPTED, S.IN_MEDIATION),
    "terminate": (S.ACCEPTED, S.IN_MEDIATION),
    "close": (S.AGREEMENT, S.FAILED),
    "schedule": (S.ACCEPTED, S.IN_MEDIATION),
    "follow_up": (S.AGREEMENT, S.CLOSED),
    "refer": (S.FAILED, S.CLOSED, S.TERMINATED),
}
