"""Receiving a traffic-police referral and sending the result back.

A referral becomes a case of the county centre's traffic workroom (category 道路交通事故),
with the accident report kept beside it. The push is idempotent on the report number: the
same document again answers with the case already made; a different document under the same
number is a conflict that names the fields that differ, and changes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation
from accounts.verbs import CONFLICT, ActionRefused
from cases.models import CaseIdentifier, CaseStatus, Channel, DisputeCategory, IdentifierKind
from cases.services import CaseInput, PartyInput, file_case
from courts.services import stable_key
from enquiries.services import issue_password
from transfers.models import Transfer, TransferKind
from transfers.services import create_transfer

from .models import AccidentReferral

# Outcomes of mediation that go back to the police.
RESULT_STATUSES = frozenset(
    {
        CaseStatus.AGREEMENT,
        CaseStatus.FAILED,
        CaseStatus.TERMINATED,
        CaseStatus.WITHDRAWN,
        CaseStatus.NOT_ACCEPTED,
    }
)


class ReferralConflict(ActionRefused):
    """The report number was pushed before with a different document (HTTP 409)."""

    def __init__(self, fields: list[str]):
        super().__init__(
            _("该事故认定书编号已推送过，但内容不同：%(fields)s。") % {"fields": "、".join(fields)},
            code=CONFLICT,
        )
        self.fields = fields

    def as_data(self) -> dict:
        return {**super().as_data(), "fields": self.fields}


@dataclass
class ReferralInput:
    agency: Organisation
    report_number: str
    accident_at: dt.datetime
    place: str
    village_code: str
    vehicles: list[dict]
    responsibility: str
    injuries: str
    losses: str
    loss_amount: Decimal | None
    parties: list[PartyInput]
    document: dict


def find_referral(agency: Organisation, report_number: str) -> AccidentReferral | None:
    return (
        AccidentReferral.objects.select_related("case", "case__organisation")
        .filter(agency=agency, report_number=report_number)
        .first()
    )


def differing_fields(before: dict, after: dict) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def receive_referral(*, data: ReferralInput) -> tuple[AccidentReferral, bool, str]:
    """Returns (referral, created, enquiry password — empty when not created)."""
    existing = find_referral(data.agency, data.report_number)
    if existing is None:
        try:
            with transaction.atomic():
                referral, password = _create(data)
            return referral, True, password
        except IntegrityError:
            # Two pushes of one number raced; the winner's referral is the answer.
            existing = find_referral(data.agency, data.report_number)
            if existing is None:
                raise
    fields = differing_fields(existing.document, data.document)
    if fields:
        raise ReferralConflict(fields)
    return existing, False, ""


def traffic_workroom(village_code: str) -> Organisation:
    return Organisation.objects.get(code=f"room-{village_code[:6]}-traffic")


def _create(data: ReferralInput) -> tuple[AccidentReferral, str]:
    county = data.village_code[:6]
    case = file_case(
        data=CaseInput(
            category=DisputeCategory.objects.get(code="traffic"),
            village_code=data.village_code,
            description=_case_description(data),
            parties=data.parties,
            claim_amount=data.loss_amount,
            request=_("就道路交通事故损害赔偿进行调解。"),
        ),
        channel=Channel.POLICE_REFERRAL,
        organisation=traffic_workroom(county),
        numbering_organisation=Organisation.objects.get(code=f"centre-{county}"),
        idempotency_key=stable_key("police-referral", data.agency.pk, data.report_number),
    )
    CaseIdentifier.objects.create(
        case=case,
        kind=IdentifierKind.OTHER,
        value=f"{data.agency.code}:{data.report_number}",
        issued_by=data.agency,
    )
    referral = AccidentReferral.objects.create(
        agency=data.agency,
        report_number=data.report_number,
        case=case,
        accident_at=data.accident_at,
        place=data.place,
        vehicles=data.vehicles,
        responsibility=data.responsibility,
        injuries=data.injuries,
        losses=data.losses,
        loss_amount=data.loss_amount,
        document=data.document,
    )
    return referral, issue_password(case, new_case=True)


def _case_description(data: ReferralInput) -> str:
    parts = [
        _("%(agency)s移送道路交通事故损害赔偿纠纷（事故认定书%(number)s）。")
        % {"agency": data.agency.name, "number": data.report_number},
        _("事故地点：%(place)s。") % {"place": data.place},
        _("责任认定：%(text)s") % {"text": data.responsibility},
    ]
    if data.injuries:
        parts.append(_("伤亡情况：%(text)s") % {"text": data.injuries})
    if data.losses:
        parts.append(_("损失情况：%(text)s") % {"text": data.losses})
    return "\n".join(parts)


def return_result(case, *, to_status: str, actor, payload: dict) -> Transfer | None:
    """Mediation of a referred accident ended: the outcome goes back to the agency through
    the outbox (its system hears of it by a signed push, retried until it answers)."""
    referral = AccidentReferral.objects.filter(case_id=case.pk).select_related("agency").first()
    if referral is None:
        return None
    return create_transfer(
        case=case,
        from_organisation=case.organisation,
        to_organisation=referral.agency,
        kind=TransferKind.RETURN_POLICE_RESULT,
        actor=actor,
        has_consent=True,
        consent_note=_("当事人在交警部门同意调解并反馈结果。"),
        note=_("交通事故调解结果：%(outcome)s。") % {"outcome": CaseStatus(to_status).label},
        payload={
            "report_number": referral.report_number,
            "case_number": case.number,
            "outcome": to_status,
            "agreement": str(payload.get("agreement", "")),
        },
        idempotency_key=stable_key("police-result", referral.pk, to_status),
    )
