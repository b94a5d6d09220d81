"""Referral after mediation failed or was terminated: the route the parties take onward
(legal aid, labour arbitration, the petition office, or their own lawsuit at the court
with jurisdiction), recorded on the timeline, and for the first three a hand-off to the
county's receiving organisation with the parties' consent."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.access import staffed_organisations
from accounts.models import CourtJurisdiction, Organisation, Role
from cases.models import Case
from cases.record import recorded
from cases.services import record_event
from transfers.models import TransferKind

from ..models import MediationFile, Outcome, Referral
from ..verbs import ALLOWED_FROM, VERBS
from ._common import MediationRefused, _hand_off

# Which referrals are hand-offs to an organisation of the case's county (its code prefix in
# accounts' reference data), and of which transfer kind. Going to court is the parties' own
# lawsuit: the timeline names the court, nothing is handed off.
REFERRAL_TRANSFERS = {
    Referral.LEGAL_AID: (TransferKind.REFER_LEGAL_AID, "legalaid"),
    Referral.LABOUR_ARBITRATION: (TransferKind.REFER_LABOUR_ARBITRATION, "arbitration"),
    Referral.PETITION: (TransferKind.REFER_PETITION, "petition"),
}


# Who must be there for a referral to be answered.
REFERRAL_ROLES = {
    Referral.LEGAL_AID: {Role.LEGAL_AID_OFFICER},
    Referral.LABOUR_ARBITRATION: {Role.BUREAU_OFFICER, Role.CENTRE_SUPERVISOR, Role.MEDIATOR},
    Referral.PETITION: {Role.BUREAU_OFFICER, Role.CENTRE_SUPERVISOR, Role.MEDIATOR},
}


def referral_receiver(case: Case, referral: str) -> Organisation | None:
    """The county's legal-aid centre, arbitration committee or petition office (the city's
    when the county has none); for a lawsuit, the court with jurisdiction over the village."""
    if referral == Referral.COURT:
        return CourtJurisdiction.court_for(case.village_id)
    _kind, prefix = REFERRAL_TRANSFERS[referral]
    codes = [f"{prefix}-{case.county_code}", f"{prefix}-city"]
    found = {o.code: o for o in Organisation.objects.filter(code__in=codes, is_active=True)}
    # Never to a body nobody works at: the county's if staffed, else the city's.
    staffed = staffed_organisations([o.pk for o in found.values()], REFERRAL_ROLES[referral])
    in_order = [found[code] for code in codes if code in found]
    return next((o for o in in_order if o.pk in staffed), in_order[0] if in_order else None)


def refer(
    *,
    case: Case,
    actor,
    referral: str,
    note: str = "",
    has_consent: bool = False,
    consent_note: str = "",
) -> Case:
    """After a failure, the route the parties take onward: on the timeline, and for legal
    aid, arbitration or the petition office a transfer to the county's organisation, with
    the parties' consent, in the same transaction."""
    VERBS.check("refer", actor, case)
    if referral not in Referral.values:
        raise ValidationError({"referral": _("请选择引导去向。")})
    outcome = MediationFile.objects.filter(case=case).values_list("outcome", flat=True).first()
    if case.status not in ALLOWED_FROM["refer"] or outcome not in (
        Outcome.FAILED,
        Outcome.TERMINATED,
    ):
        raise MediationRefused(_("只有调解不成或终止调解的案件可以引导至其他途径。"))
    receiver = referral_receiver(case, referral)
    if referral in REFERRAL_TRANSFERS and receiver is None:
        raise MediationRefused(
            _("未找到本县（区）的%(route)s接收机构，请联系管理员。")
            % {"route": Referral(referral).label}
        )
    route = Referral(referral).label
    if referral == Referral.COURT and receiver is not None:
        route = recorded("向%(court)s起诉", court=receiver.name)
    with transaction.atomic():
        if referral in REFERRAL_TRANSFERS:
            _hand_off(
                case,
                source=case.organisation,
                receiver=receiver,
                kind=REFERRAL_TRANSFERS[referral][0],
                actor=actor,
                has_consent=has_consent,
                consent_note=consent_note,
                note=note.strip() or str(Referral(referral).label),
                payload={"referral": referral},
            )
        MediationFile.objects.filter(case=case).update(referral=referral)
        record_event(
            case,
            kind="referred",
            actor=actor,
            is_public=True,
            text=recorded("已引导当事人：%(route)s。%(note)s", route=route, note=note.strip()),
            payload={"referral": referral, "to": receiver.code if receiver else None},
        )
        return case
