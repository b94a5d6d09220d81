"""The verbs of mediation, one function per verb. Each runs in one transaction, changes the
case only through ``cases.services.transition`` (so every outcome reaches the
``case_transitioned`` listeners) and leaves a timeline event.

The verbs live in a module per workflow: ``routing`` (routing, by hand or by the rules, and
escalation), ``acceptance`` (assignment, acceptance, declining and refusal), ``sessions``
(scheduling, moving, cancelling and recording sessions, and the start of mediation),
``outcomes`` (agreement, failure, withdrawal, termination, closing, the return visit,
judicial confirmation and the signed copy) and ``referrals`` (the routes onward after a
failure); what they share is in ``_common``. Every name callers use is re-exported here."""

from ._common import DEADLINE_KIND, DECISIONS_TEXTED, SMS_TIMELINE, MediationRefused
from .acceptance import _assign as _assign
from .acceptance import accept, assign_mediator, decline, not_accept, reassign, request_mediator
from .outcomes import (
    TermInput,
    agreement_summary,
    close,
    fail,
    other_routes_text,
    record_agreement,
    record_follow_up,
    request_judicial_confirmation,
    terminate,
    upload_signed_copy,
    validate_terms,
    withdraw,
)
from .referrals import REFERRAL_ROLES, REFERRAL_TRANSFERS, refer, referral_receiver
from .routing import escalate, route_case, route_manually
from .sessions import (
    cancel_session,
    move_session,
    record_session,
    schedule_session,
    start_mediation,
)

__all__ = [
    "DEADLINE_KIND",
    "DECISIONS_TEXTED",
    "REFERRAL_ROLES",
    "REFERRAL_TRANSFERS",
    "SMS_TIMELINE",
    "MediationRefused",
    "TermInput",
    "accept",
    "agreement_summary",
    "assign_mediator",
    "cancel_session",
    "close",
    "decline",
    "escalate",
    "fail",
    "move_session",
    "not_accept",
    "other_routes_text",
    "reassign",
    "record_agreement",
    "record_follow_up",
    "record_session",
    "refer",
    "referral_receiver",
    "request_judicial_confirmation",
    "request_mediator",
    "route_case",
    "route_manually",
    "schedule_session",
    "start_mediation",
    "terminate",
    "upload_signed_copy",
    "validate_terms",
    "withdraw",
]
