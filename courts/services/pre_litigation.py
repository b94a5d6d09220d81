"""The court's pre-litigation mediation (民诉前调) from registration to 转立案: the court's
push registered and delegated to the justice bureau (idempotent on the case number), the
bureau's dispatch to a mediation body or its refusal, the result returned to the court when
mediation ends, and the court's filing (繁简分流) or the route taken after agreement."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import staffed_organisations
from accounts.models import Organisation, OrganisationKind
from cases.models import CaseIdentifier, CaseStatus, DisputeCategory, IdentifierKind
from cases.record import recorded
from cases.services import (
    CaseInput,
    PartyInput,
    file_case,
    input_party_facts,
    party_facts,
    record_event,
    transition,
)
from deadlines.services import meet_deadlines, start_deadline
from mediation.ladder import RECEIVING_ROLES, receiver_for
from notifications.services import notify_organisation
from transfers.models import Transfer, TransferKind, TransferStatus
from transfers.services import accept_by_work, create_transfer

from .. import fast_track
from ..models import OPEN_STATUSES, PreLitigationCase, PreLitigationStatus, SuccessRoute, Track
from ..verbs import VERBS
from ._common import CourtActionRefused, normalise_number, stable_key
from .enquiry import enquiry_hash

PRE_LITIGATION_TYPE = "民诉前调"
# Where a dispute may be dispatched by a justice bureau.
MEDIATION_KINDS = (
    OrganisationKind.ONE_STOP_CENTRE,
    OrganisationKind.WORKROOM,
    OrganisationKind.TOWN_MEDIATION_COMMITTEE,
    OrganisationKind.VILLAGE_MEDIATION_COMMITTEE,
)
# Outcomes of mediation that end the court's 30-day clock and go back to the court.
RESULT_STATUSES = {
    CaseStatus.AGREEMENT: PreLitigationStatus.SUCCESS,
    CaseStatus.FAILED: PreLitigationStatus.FAILED,
    CaseStatus.TERMINATED: PreLitigationStatus.FAILED,
    CaseStatus.WITHDRAWN: PreLitigationStatus.FAILED,
    CaseStatus.NOT_ACCEPTED: PreLitigationStatus.FAILED,
}
DELEGATION_REJECTED = "delegation_rejected"


class PushConflict(Exception):
    """The court pushed a case number already registered, with different content."""

    def __init__(self, fields: list[str]):
        self.fields = fields
        self.message = _(
            "该案号已登记，但本次推送的内容与已登记的不同：%(fields)s。"
            "已登记的内容未被修改；如需更正，请联系司法局。"
        ) % {"fields": "、".join(fields)}
        super().__init__(self.message)


@dataclass
class PreLitigationInput:
    court_case_number: str
    court: Organisation
    cause_of_action: str
    parties: list[PartyInput]
    description: str
    claim_amount: Decimal | None = None
    filed_at: dt.datetime | None = None
    village_code: str = ""
    extra: dict = field(default_factory=dict)


def bureau_for(court: Organisation) -> Organisation:
    """The justice bureau a court delegates to: the city bureau for the intermediate court,
    else the bureau of the county the court sits in (粤0891 sits in 麻章区)."""
    if court.kind == OrganisationKind.INTERMEDIATE_COURT:
        return Organisation.objects.get(code="bureau-city")
    return Organisation.objects.get(code=f"bureau-{court.region_id}")


def category_for(cause_of_action: str) -> DisputeCategory:
    """The first category whose court cause this is, else "other" (one query for both)."""
    candidates = DisputeCategory.objects.filter(Q(court_cause=cause_of_action) | Q(code="other"))
    best = min(candidates, key=lambda c: (c.court_cause != cause_of_action, c.pk), default=None)
    if best is None:
        raise DisputeCategory.DoesNotExist("no category 'other'")
    return best


def find_pre_litigation(court: Organisation, number: str) -> PreLitigationCase | None:
    """The court's case of that number, with its case, court and mediating organisation.
    Its id is looked up first, by the unique index alone: a push of a new number (nearly
    every push) pays for that small query, not for the joined row."""
    found = PreLitigationCase.objects.filter(court=court, court_case_number=number)
    pk = found.values_list("pk", flat=True).first()
    if pk is None:
        return None
    return PreLitigationCase.objects.select_related("case", "court", "mediation_organisation").get(
        pk=pk
    )


def register_pre_litigation(
    *, data: PreLitigationInput, actor=None
) -> tuple[PreLitigationCase, bool, str]:
    """Register a court's 民诉前调 case and delegate it to the justice bureau.

    Idempotent on the court's case number: the same number again returns the existing case
    (created=False). Concurrent pushes of one number race on the unique case identifier;
    the loser's savepoint rolls back and it returns the winner's case. Returns
    (case, created, enquiry password — empty when not created).
    """
    number = normalise_number(
        data.court_case_number, court=data.court, type_code=PRE_LITIGATION_TYPE
    )
    existing = find_pre_litigation(data.court, number)
    if existing:
        return _repeated(existing, data), False, ""
    try:
        with transaction.atomic():
            plc, password = _register(data, number, actor)
    except IntegrityError:
        existing = find_pre_litigation(data.court, number)
        if existing is None:
            raise
        return _repeated(existing, data), False, ""
    return plc, True, password


def _repeated(plc: PreLitigationCase, data: PreLitigationInput) -> PreLitigationCase:
    """An identical repeat is the same case (a retry); a different one is refused, naming
    what differs, so that a court's correction is never dropped silently."""
    if differing := differing_fields(plc, data):
        raise PushConflict(differing)
    return plc


def differing_fields(plc: PreLitigationCase, data: PreLitigationInput) -> list[str]:
    case = plc.case
    compared = {
        "cause_of_action": (plc.cause_of_action, data.cause_of_action),
        "claim_amount": (plc.claim_amount, data.claim_amount),
        "description": (case.description, data.description),
        "village_code": (case.village_id, data.village_code or data.court.region_id),
    }
    if data.filed_at is not None:
        compared["filed_at"] = (plc.registered_at, data.filed_at)
    fields = [name for name, (stored, pushed) in compared.items() if stored != pushed]
    stored_parties = [party_facts(p) for p in case.parties.order_by("id")]
    if stored_parties != [input_party_facts(p) for p in data.parties]:
        fields.append("parties")
    return fields


def _register(data: PreLitigationInput, number: str, actor) -> tuple[PreLitigationCase, str]:
    bureau = bureau_for(data.court)
    case = file_case(
        data=CaseInput(
            category=category_for(data.cause_of_action),
            village_code=data.village_code or data.court.region_id,
            description=data.description,
            parties=data.parties,
            claim_amount=data.claim_amount,
        ),
        channel="court_push",
        organisation=bureau,
        actor=actor,
    )
    CaseIdentifier.objects.create(
        case=case, kind=IdentifierKind.COURT_PRE_LITIGATION, value=number, issued_by=data.court
    )
    deadline = start_deadline(case=case, kind="pre_litigation", starts_at=data.filed_at)
    password = f"{secrets.randbelow(10**6):06d}"
    plc = PreLitigationCase.objects.create(
        case=case,
        court=data.court,
        court_case_number=number,
        cause_of_action=data.cause_of_action,
        claim_amount=data.claim_amount,
        registered_at=data.filed_at or timezone.now(),
        due_at=deadline.due_at,
        enquiry_password_hash=enquiry_hash(password),
    )
    create_transfer(
        case=case,
        from_organisation=data.court,
        to_organisation=bureau,
        kind=TransferKind.DELEGATE_PRE_LITIGATION,
        actor=actor,
        note=_("%(court)s委派诉前调解：%(number)s，案由%(cause)s。")
        % {"court": data.court.name, "number": number, "cause": data.cause_of_action},
        payload={"court_case_number": number, "cause_of_action": data.cause_of_action},
        idempotency_key=stable_key("plc-delegate", data.court.pk, number),
    )
    return plc, password


def mediation_targets(bureau: Organisation):
    """Organisations a bureau may dispatch to: the mediation bodies of its county where
    someone can take the case (a centre's supervisor assigns it to one of its mediators)."""
    targets = Organisation.objects.filter(kind__in=MEDIATION_KINDS, is_active=True)
    if bureau.code != "bureau-city":
        targets = targets.filter(region__code__startswith=bureau.region_id)
    staffed = staffed_organisations(list(targets.values_list("pk", flat=True)), RECEIVING_ROLES)
    return targets.filter(pk__in=sorted(staffed)).order_by("kind", "code")


def dispatch_pre_litigation(
    plc: PreLitigationCase, *, transfer: Transfer, target: Organisation, actor
) -> PreLitigationCase:
    """The bureau accepts the court's delegation and sends the case to a mediation body of
    the page's list (``mediation_targets``); a level nobody works at is passed over."""
    VERBS.check("dispatch", actor, transfer)
    if not mediation_targets(transfer.to_organisation).filter(pk=target.pk).exists():
        raise ValidationError({"target": _("只能分派给本辖区有人办理的调解组织。")})
    placement = receiver_for(plc.case, target)
    target = placement.organisation
    with transaction.atomic():
        accept_by_work(transfer, actor=actor, note=recorded("分派至%(org)s。", org=target.name))
        transition(
            plc.case,
            to=CaseStatus.ROUTED,
            allowed_from=[CaseStatus.RECEIVED],
            actor=actor,
            kind="dispatched",
            text=recorded("司法局已分派至%(org)s调解。", org=target.name) + placement.note,
            organisation=target,
        )
        now = timezone.now()
        PreLitigationCase.objects.filter(pk=plc.pk).update(
            status=PreLitigationStatus.DISPATCHED, mediation_organisation=target, dispatched_at=now
        )
        notify_organisation(
            target,
            kind="pre_litigation_dispatched",
            title=_("司法局分派诉前调解案件：%(number)s") % {"number": plc.court_case_number},
            link_url=reverse("desk"),
        )
    plc.refresh_from_db()
    return plc


def on_delegation_rejected(transfer: Transfer, actor) -> None:
    """The bureau refused the delegation: the court's case records it, the dispute is not
    accepted, and the rejected transfer itself sits in the court's queue with its reason."""
    plc = PreLitigationCase.objects.filter(case_id=transfer.case_id).select_related("case").first()
    if plc is None or plc.status != PreLitigationStatus.DELEGATED:
        return
    PreLitigationCase.objects.filter(pk=plc.pk).update(
        status=PreLitigationStatus.REJECTED, result_at=timezone.now()
    )
    transition(
        plc.case,
        to=CaseStatus.NOT_ACCEPTED,
        allowed_from=[CaseStatus.RECEIVED],
        actor=actor,
        kind=DELEGATION_REJECTED,
        text=recorded("司法局退回法院：%(reason)s", reason=transfer.refusal_reason.name),
    )
    meet_deadlines(case=plc.case, kind="pre_litigation")


def return_result(case, *, to_status: str, actor, payload: dict) -> Transfer | None:
    """Mediation ended: record the outcome and send it back to the court (an outbox row in
    the same transaction as the status change that caused it)."""
    plc = PreLitigationCase.objects.filter(case_id=case.pk, status__in=OPEN_STATUSES).first()
    if plc is None:
        return None
    outcome = RESULT_STATUSES[to_status]
    now = timezone.now()
    agreement = str(payload.get("agreement", ""))
    wants_confirmation = bool(payload.get("judicial_confirmation", False))
    PreLitigationCase.objects.filter(pk=plc.pk).update(
        status=outcome,
        result_at=now,
        agreement=agreement,
        success_route=SuccessRoute.JUDICIAL_CONFIRMATION if wants_confirmation else "",
    )
    meet_deadlines(case=case, kind="pre_litigation")
    return create_transfer(
        case=case,
        from_organisation=case.organisation,
        to_organisation=plc.court,
        kind=TransferKind.RETURN_RESULT,
        actor=actor,
        note=_("诉前调解结果：%(outcome)s。") % {"outcome": PreLitigationStatus(outcome).label},
        payload={
            "court_case_number": plc.court_case_number,
            "outcome": outcome,
            "agreement": agreement,
            "judicial_confirmation": wants_confirmation,
        },
        idempotency_key=stable_key("plc-result", plc.pk),
    )


def track_for(plc: PreLitigationCase) -> str:
    """繁简分流: small claims and the listed simple causes go to the fast-track team."""
    small = plc.claim_amount is not None and plc.claim_amount <= settings.SMALL_CLAIMS_THRESHOLD
    if small or plc.cause_of_action in settings.SIMPLE_TRACK_CAUSES:
        return Track.SIMPLE
    return Track.COMPLEX


def record_filing(plc: PreLitigationCase, *, number: str, actor) -> PreLitigationCase:
    """转立案: failed mediation becomes a 民初 case, sorted onto the simple or complex track."""
    VERBS.check("record_filing", actor, plc)
    if plc.status != PreLitigationStatus.FAILED or plc.first_instance_number:
        raise CourtActionRefused(_("只有调解不成且尚未立案的案件可以转立案。"))
    number = normalise_number(number, court=plc.court, type_code="民初")
    track = track_for(plc)
    with transaction.atomic():
        CaseIdentifier.objects.create(
            case=plc.case,
            kind=IdentifierKind.COURT_FIRST_INSTANCE,
            value=number,
            issued_by=plc.court,
        )
        PreLitigationCase.objects.filter(pk=plc.pk).update(
            first_instance_number=number, track=track, concluded_at=timezone.now()
        )
        record_event(
            plc.case,
            kind="court_filed",
            actor=actor,
            is_public=True,
            text=recorded(
                "法院已转立案，案号%(number)s，%(track)s。", number=number, track=Track(track).label
            ),
            payload={"number": number, "track": track},
        )
        fast_track.on_filing(plc, track=track, actor=actor)
    plc.refresh_from_db()
    return plc


def record_success_route(
    plc: PreLitigationCase, *, route: str, actor, number: str = ""
) -> PreLitigationCase:
    """After agreement: withdrawal, judicial confirmation (with its 民特 number), or a
    mediation document. The effective document ends the court's part."""
    VERBS.check("record_success", actor, plc)
    if plc.status != PreLitigationStatus.SUCCESS or plc.concluded_at:
        raise CourtActionRefused(_("只有调解成功且尚未结案的案件可以登记。"))
    if route not in {r.value for r in SuccessRoute if r.value}:
        raise CourtActionRefused(_("请选择调解成功后的途径。"))
    fields = {"success_route": route, "concluded_at": timezone.now()}
    with transaction.atomic():
        if route == SuccessRoute.JUDICIAL_CONFIRMATION:
            number = normalise_number(number, court=plc.court, type_code="民特")
            CaseIdentifier.objects.create(
                case=plc.case, kind=IdentifierKind.COURT_SPECIAL, value=number, issued_by=plc.court
            )
            fields["special_case_number"] = number
        PreLitigationCase.objects.filter(pk=plc.pk).update(**fields)
        record_event(
            plc.case,
            kind="court_concluded",
            actor=actor,
            is_public=True,
            text=recorded(
                "法院登记：%(route)s%(number)s。",
                route=SuccessRoute(route).label,
                number=f"，{number}" if number else "",
            ),
            payload={"route": route, "number": number},
        )
    plc.refresh_from_db()
    return plc


def delegation_transfer(plc: PreLitigationCase) -> Transfer | None:
    return (
        Transfer.objects.filter(case_id=plc.case_id, kind=TransferKind.DELEGATE_PRE_LITIGATION)
        .exclude(status=TransferStatus.PENDING)
        .first()
    )
