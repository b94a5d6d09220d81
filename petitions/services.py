"""The petition's verbs: register, decide on acceptance, hand over, extend, reply, review.

Every clock is a deadlines.Deadline on the petition's own case; every change is a conditional
update of the petition's status with its timeline event, in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, OrganisationKind
from accounts.verbs import CONFLICT, INVALID_TARGET, ActionRefused
from cases.models import CaseStatus, Channel, DisputeCategory, PartySide
from cases.record import joined, recorded
from cases.services import CaseInput, PartyInput, file_case, record_event, transition
from courts.services import stable_key
from deadlines.models import Deadline
from deadlines.services import DeadlineRefused, extend_deadline, meet_deadlines, start_deadline
from enquiries.services import issue_password
from mediation.services import route_manually
from transfers.models import TransferKind
from transfers.services import create_transfer

from .models import Petition, PetitionChannel, PetitionStatus
from .verbs import VERBS

# How a petition came in, as the channel of its case.
CASE_CHANNEL = {
    PetitionChannel.VISIT: Channel.WINDOW,
    PetitionChannel.LETTER: Channel.WINDOW,
    PetitionChannel.ONLINE: Channel.ONLINE,
    PetitionChannel.PHONE: Channel.HOTLINE,
}
# Bodies that mediate: a petition handed to one becomes a dispute case there.
MEDIATION_KINDS = (
    OrganisationKind.ONE_STOP_CENTRE,
    OrganisationKind.WORKROOM,
    OrganisationKind.TOWN_MEDIATION_COMMITTEE,
    OrganisationKind.VILLAGE_MEDIATION_COMMITTEE,
)
# Other bodies a petition may be handed to, as a transfer of the petition's own case.
OTHER_KINDS = (
    OrganisationKind.JUSTICE_BUREAU,
    OrganisationKind.LEGAL_AID_CENTRE,
    OrganisationKind.LABOUR_ARBITRATION,
    OrganisationKind.BASIC_COURT,
    OrganisationKind.TRAFFIC_POLICE,
)


@dataclass
class PetitionInput:
    office: Organisation
    petitioner_name: str
    matter: str
    channel: str
    village_code: str
    petitioner_phone: str = ""
    is_group: bool = False
    group_size: int = 1
    category: DisputeCategory | None = None


def register_petition(*, data: PetitionInput, actor) -> tuple[Petition, str]:
    """Register a petition; the 15-day acceptance clock starts. Returns (petition, enquiry
    password for the petitioner)."""
    with transaction.atomic():
        case = file_case(
            data=CaseInput(
                category=data.category or DisputeCategory.objects.get(code="other"),
                village_code=data.village_code,
                description=data.matter,
                parties=[
                    PartyInput(
                        side=PartySide.APPLICANT,
                        name=data.petitioner_name,
                        phone=data.petitioner_phone,
                    )
                ],
            ),
            channel=CASE_CHANNEL[data.channel],
            organisation=data.office,
            actor=actor,
        )
        # The petition office handles it itself: out of the mediation routing's reach.
        case = transition(
            case,
            to=CaseStatus.ROUTED,
            allowed_from=[CaseStatus.RECEIVED],
            actor=actor,
            kind="petition_registered",
            text=recorded(
                "%(office)s登记信访事项（%(channel)s），15日内告知是否受理。",
                office=data.office.name,
                channel=PetitionChannel(data.channel).label,
            ),
            payload={"group": data.is_group},
        )
        petition = Petition.objects.create(
            case=case,
            office=data.office,
            petitioner_name=data.petitioner_name,
            petitioner_phone=data.petitioner_phone,
            matter=data.matter,
            channel=data.channel,
            is_group=data.is_group or data.group_size >= 5,
            group_size=max(data.group_size, 1),
            received_at=case.filed_at,
            registered_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        start_deadline(case=case, kind="petition_accept", starts_at=case.filed_at, actor=actor)
        password = issue_password(case, actor=actor, new_case=True)
    return petition, password


def _move(petition: Petition, *, to: str, **fields) -> None:
    if not Petition.objects.filter(pk=petition.pk, status=petition.status).update(
        status=to, **fields
    ):
        raise ActionRefused(_("该信访事项刚被其他人处理，请刷新页面后再试。"), code=CONFLICT)


def _required(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ActionRefused(message)
    return text


def decide(petition: Petition, *, accepted: bool, notice: str, actor) -> Petition:
    """Accept or not, and what the petitioner was told; acceptance starts the 60-day clock."""
    VERBS.check("decide", actor, petition)
    notice = _required(notice, _("请填写告知信访人的内容。"))
    now = timezone.now()
    to = PetitionStatus.ACCEPTED if accepted else PetitionStatus.NOT_ACCEPTED
    with transaction.atomic():
        _move(petition, to=to, decided_at=now, decision_notice=notice)
        meet_deadlines(case=petition.case, kind="petition_accept", actor=actor)
        transition(
            petition.case,
            to=CaseStatus.ACCEPTED if accepted else CaseStatus.NOT_ACCEPTED,
            allowed_from=[CaseStatus.ROUTED],
            actor=actor,
            kind="petition_decided",
            text=joined(
                recorded("信访事项已受理，60日内办结。")
                if accepted
                else recorded("信访事项不予受理。"),
                recorded("已告知信访人：%(notice)s", notice=notice),
            ),
        )
        if accepted:
            start_deadline(case=petition.case, kind="petition_conclude", actor=actor)
    petition.refresh_from_db()
    return petition


def handover_targets(petition: Petition):
    """Mediation bodies and other offices of the petition office's county (the city's for
    the city office)."""
    targets = Organisation.objects.filter(
        kind__in=[*MEDIATION_KINDS, *OTHER_KINDS], is_active=True
    ).exclude(kind=OrganisationKind.VILLAGE_MEDIATION_COMMITTEE)
    region = petition.office.region_id or ""
    if region and region != "440800":
        targets = targets.filter(region__code__startswith=region)
    return targets.order_by("kind", "code")


def hand_over(
    petition: Petition, *, target: Organisation, note: str, has_consent: bool, actor
) -> Petition:
    """交办: to a mediation body as a new dispute case there (linked both ways), or to
    another body as a transfer of the petition itself."""
    VERBS.check("hand_over", actor, petition)
    if not handover_targets(petition).filter(pk=target.pk).exists():
        raise ActionRefused(_("只能交办给本辖区的调解组织或相关部门。"), code=INVALID_TARGET)
    if not has_consent:
        raise ActionRefused(_("须经信访人同意向接收机构提供其信息。"))
    note = _required(note, _("请填写交办说明。"))
    with transaction.atomic():
        dispute = _dispute_case(petition, target, actor) if target.kind in MEDIATION_KINDS else None
        _move(petition, to=PetitionStatus.TRANSFERRED, handed_to=target, dispute_case=dispute)
        create_transfer(
            case=dispute or petition.case,
            from_organisation=petition.office,
            to_organisation=target,
            kind=TransferKind.ASSIGN_PETITION,
            actor=actor,
            has_consent=True,
            consent_note=_("信访人同意。"),
            note=note,
            payload={"petition_case": petition.case.number},
            idempotency_key=stable_key("petition-handover", petition.pk, target.pk),
        )
        record_event(
            petition.case,
            kind="petition_handed_over",
            actor=actor,
            is_public=True,
            text=recorded(
                "已交办%(org)s%(case)s。",
                org=target.name,
                case=recorded("，纠纷案件编号%(n)s", n=dispute.number) if dispute else "",
            ),
            payload={"to": target.code, "dispute_case": dispute.pk if dispute else None},
        )
    petition.refresh_from_db()
    return petition


def _dispute_case(petition: Petition, target: Organisation, actor):
    case = petition.case
    centre = target if target.kind == OrganisationKind.ONE_STOP_CENTRE else None
    numbering = centre or Organisation.objects.filter(code=f"centre-{case.county_code}").first()
    dispute = file_case(
        data=CaseInput(
            category=case.category,
            village_code=case.village_id,
            description=petition.matter,
            parties=[
                PartyInput(
                    side=PartySide.APPLICANT,
                    name=petition.petitioner_name,
                    phone=petition.petitioner_phone,
                )
            ],
            request=_("信访事项交办调处（信访编号%(n)s）。") % {"n": case.number},
            related_case_ids=(case.pk,),
        ),
        channel=Channel.PETITION_TRANSFER,
        organisation=target,
        numbering_organisation=numbering,
        actor=actor,
    )
    # Routed at once to the body the office chose, so the routing rules do not move it.
    return route_manually(
        case=dispute, organisation=target, actor=None, reason=recorded("信访部门交办。")
    )


def conclusion_clock(petition: Petition) -> Deadline | None:
    return (
        Deadline.objects.filter(case_id=petition.case_id, kind="petition_conclude")
        .select_related("rule")
        .order_by("-id")
        .first()
    )


def extend(petition: Petition, *, days: int, reason: str, approved_by, actor) -> Petition:
    """Extend the 60-day clock (at most 30 days in all) with the head's approval."""
    VERBS.check("extend", actor, petition)
    clock = conclusion_clock(petition)
    if clock is None or clock.met_at is not None:
        raise ActionRefused(_("该信访事项没有正在计算的办理期限。"))
    if days < 1:
        raise ActionRefused(_("延长天数至少为1天。"))
    try:
        extend_deadline(
            clock,
            new_due_date=clock.due_date + dt.timedelta(days=days),
            reason=reason,
            approved_by=approved_by,
            actor=actor,
        )
    except DeadlineRefused as refused:
        raise ActionRefused(str(refused)) from refused
    petition.refresh_from_db()
    return petition


def reply(petition: Petition, *, text: str, actor) -> Petition:
    """The written reply; refused once the clock has run out unless an approved extension
    moved it."""
    VERBS.check("reply", actor, petition)
    text = _required(text, _("请填写书面答复内容。"))
    clock = conclusion_clock(petition)
    now = timezone.now()
    if clock is not None and clock.met_at is None and clock.due_at < now:
        raise ActionRefused(
            _("办理期限已于%(due)s届满且未经批准延长，不能答复；请先报负责人批准延长。")
            % {"due": timezone.localtime(clock.due_at).strftime("%Y-%m-%d")}
        )
    with transaction.atomic():
        _move(petition, to=PetitionStatus.REPLIED, replied_at=now, reply=text)
        meet_deadlines(case=petition.case, kind="petition_conclude", actor=actor)
        transition(
            petition.case,
            to=CaseStatus.CLOSED,
            allowed_from=[CaseStatus.ACCEPTED],
            actor=actor,
            kind="petition_replied",
            text=recorded("已书面答复信访人。不服的，可在30日内申请复查。"),
        )
        start_deadline(case=petition.case, kind="petition_review_request", actor=actor)
    petition.refresh_from_db()
    return petition


def request_review(petition: Petition, *, reason: str, actor) -> Petition:
    """The petitioner asks for a review within the review-request clock."""
    VERBS.check("request_review", actor, petition)
    reason = _required(reason, _("请填写复查理由。"))
    window = (
        Deadline.objects.filter(case_id=petition.case_id, kind="petition_review_request")
        .order_by("-id")
        .first()
    )
    now = timezone.now()
    if window is not None and window.due_at < now:
        raise ActionRefused(_("已超过申请复查的期限，不能再申请复查。"))
    with transaction.atomic():
        _move(
            petition,
            to=PetitionStatus.REVIEW_REQUESTED,
            review_requested_at=now,
            review_reason=reason,
        )
        meet_deadlines(case=petition.case, kind="petition_review_request", actor=actor)
        record_event(
            petition.case,
            kind="petition_review_requested",
            actor=actor,
            is_public=True,
            text=recorded("信访人申请复查，30日内作出复查意见。"),
        )
        start_deadline(case=petition.case, kind="petition_review", actor=actor)
    petition.refresh_from_db()
    return petition


def answer_review(petition: Petition, *, text: str, actor) -> Petition:
    VERBS.check("answer_review", actor, petition)
    text = _required(text, _("请填写复查意见。"))
    with transaction.atomic():
        _move(petition, to=PetitionStatus.REVIEWED, reviewed_at=timezone.now(), review_reply=text)
        meet_deadlines(case=petition.case, kind="petition_review", actor=actor)
        record_event(
            petition.case,
            kind="petition_reviewed",
            actor=actor,
            is_public=True,
            text=recorded("已作出复查意见并书面告知信访人。"),
        )
    petition.refresh_from_db()
    return petition
