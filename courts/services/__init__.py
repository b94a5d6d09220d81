"""The verbs of pre-litigation mediation, from the court's registration to 转立案.

They live in a module per workflow: ``pre_litigation`` (registration, the bureau's dispatch
or refusal, the result returned, filing and the route after agreement), ``extension`` (the
30-day clock and its extension), ``preservation`` (pre-suit property preservation) and
``enquiry`` (the 12368 enquiry line); what they share is in ``_common``. Every name callers
use is re-exported here."""

from ._common import CourtActionRefused, normalise_number, stable_key
from .enquiry import check_enquiry, enquiry_hash, enquiry_locked
from .extension import (
    extend_pre_litigation,
    extended_days,
    extension_approvers,
    pre_litigation_clock,
)
from .pre_litigation import (
    DELEGATION_REJECTED,
    MEDIATION_KINDS,
    PRE_LITIGATION_TYPE,
    RESULT_STATUSES,
    PreLitigationInput,
    PushConflict,
    bureau_for,
    category_for,
    delegation_transfer,
    differing_fields,
    dispatch_pre_litigation,
    find_pre_litigation,
    mediation_targets,
    on_delegation_rejected,
    record_filing,
    record_success_route,
    register_pre_litigation,
    return_result,
    track_for,
)
from .preservation import request_preservation, rule_preservation

__all__ = [
    "DELEGATION_REJECTED",
    "MEDIATION_KINDS",
    "PRE_LITIGATION_TYPE",
    "RESULT_STATUSES",
    "CourtActionRefused",
    "PreLitigationInput",
    "PushConflict",
    "bureau_for",
    "category_for",
    "check_enquiry",
    "delegation_transfer",
    "differing_fields",
    "dispatch_pre_litigation",
    "enquiry_hash",
    "enquiry_locked",
    "extend_pre_litigation",
    "extended_days",
    "extension_approvers",
    "find_pre_litigation",
    "mediation_targets",
    "normalise_number",
    "on_delegation_rejected",
    "pre_litigation_clock",
    "record_filing",
    "record_success_route",
    "register_pre_litigation",
    "request_preservation",
    "return_result",
    "rule_preservation",
    "stable_key",
    "track_for",
]
