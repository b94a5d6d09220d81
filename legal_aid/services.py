"""The verbs of a legal-aid application. Each checks its declaration (verbs.py), changes the
application with a conditional UPDATE on the status it read, writes the timeline entry on the
application's own case, and starts or meets its clocks, in one transaction."""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import pii
from accounts.identifiers import clean_resident_id
from accounts.models import Organisation, OrganisationKind
from accounts.templatetags.people import person_name
from accounts.verbs import CONFLICT, INVALID_TARGET, REFUSED, ActionRefused
from cases.models import Case, CaseStatus, Channel, DisputeCategory, Party, PartySide
from cases.record import RecordText, recorded
from cases.services import CaseInput, PartyInput, file_case, record_event, transition
from deadlines.models import Deadline
from deadlines.services import meet_deadlines, start_deadline
from transfers.models import TransferKind, TransferStatus
from transfers.services import TransferRefused, create_transfer

from . import roster
from .models import (
    CATEGORY_OF_MATTER,
    LABOUR_MATTERS,
    MATTER_OF_CATEGORY,
    NO_HARDSHIP_MATTERS,
    Application,
    ApplicationChannel,
    ApplicationStatus,
    ArbitrationLink,
    ArbitrationStatus,
    BadCreditEntry,
    Commitment,
    CommitmentChannel,
    ExemptReason,
    HardshipBasis,
    MatterType,
    SignatureMethod,
    TerminationGround,
)
from .totals import tally
from .verbs import LINK_VERBS, VERBS

S = ApplicationStatus

# Clocks (DeadlineRule codes, loaded by this app's data migration).
MATERIALS = "legal_aid_materials"
DECISION = "legal_aid_decision"
ASSIGNMENT = "legal_aid_assignment"
URGENT = "legal_aid_urgent"
OBJECTION_WINDOW = "legal_aid_objection_window"
OBJECTION_ANSWER = "legal_aid_objection_answer"
ARBITRATION_ACCEPTANCE = "labour_arbitration_acceptance"
ARBITRATION_AWARD = "labour_arbitration_award"

# The notice the applicant is shown before committing; a new wording gets a new version, and
# each commitment records the version it was signed under.
COMMITMENT_TEXT_VERSION = "2026-01"


@dataclass
class ApplicationInput:
    applicant_name: str
    applicant_phone: str
    village_code: str
    matter_type: str
    opponent: str
    facts: str
    applicant_id_number: str = ""
    amount_claimed: Decimal | None = None
    exempt_reason: str = ""
    is_urgent: bool = False
    urgent_reason: str = ""


@dataclass
class CommitmentInput:
    method: str
    channel: str
    text_version: str = COMMITMENT_TEXT_VERSION
    shown_at: object = None


def _refused(message: str, *, code: str = REFUSED, application: Application | None = None):
    allowed = VERBS.available(None, application) if application is not None else ()
    return ActionRefused(message, allowed, code=code)


def _refused_on_record(text: RecordText) -> ActionRefused:
    """A refusal of opening an application that a referral notes on its source case's
    timeline instead (land_referral): the message in the reader's language, the timeline
    entry (``record``) in Chinese."""
    refusal = _refused(_(text.msgid) % text.params if text.params else _(text.msgid))
    refusal.record = text  # type: ignore[attr-defined]
    return refusal


def _normalise(text: str) -> str:
    return re.sub(r"[\s（）()·,，.。]", "", text or "").lower()


def matter_key(*, id_hash: str, phone: str, matter_type: str, opponent: str) -> str:
    """The same person asking about the same matter against the same opponent."""
    who = id_hash or f"phone:{phone}"
    raw = f"{who}|{matter_type}|{_normalise(opponent)}"
    return hashlib.sha256(raw.encode()).hexdigest()


def on_bad_credit_list(*, id_hash: str = "", phone: str = "") -> bool:
    listed = BadCreditEntry.objects.filter(removed_at__isnull=True)
    if id_hash and listed.filter(id_number_hash=id_hash).exists():
        return True
    return bool(phone) and listed.filter(phone=phone).exists()


def centre_for(county_code: str) -> Organisation:
    """The county's legal-aid centre, the city's where the county has none."""
    codes = [f"legalaid-{county_code}", "legalaid-city"]
    found = {o.code: o for o in Organisation.objects.filter(code__in=codes, is_active=True)}
    return found.get(codes[0]) or found[codes[1]]


def open_application_for(key: str) -> Application | None:
    return Application.objects.open().filter(matter_key=key).select_related("case").first()


def _check_exemption(reason: str, matter_type: str) -> None:
    if not reason:
        return
    if reason not in ExemptReason.values:
        raise _refused(_("请选择免予核查经济困难的理由。"))
    if reason == ExemptReason.MIGRANT_WORKER and matter_type not in LABOUR_MATTERS:
        raise _refused(_("农民工免予核查只适用于请求支付劳动报酬或者工伤赔偿的事项。"))
    if reason == ExemptReason.NO_HARDSHIP_MATTER and matter_type not in NO_HARDSHIP_MATTERS:
        raise _refused(_("该援助事项不属于法律规定不受经济困难条件限制的情形。"))


# --- Applying ----------------------------------------------------------------------------


def apply(
    *,
    data: ApplicationInput,
    commitment: CommitmentInput | None = None,
    channel: str = ApplicationChannel.ONLINE,
    actor=None,
    idempotency_key: str | None = None,
) -> Application:
    """A standalone application (online, without an account, or at the window). Its case is
    filed at the county's legal-aid centre, which numbers it."""
    if idempotency_key:
        done = Application.objects.filter(case__idempotency_key=idempotency_key).first()
        if done is not None:
            return done
    if data.applicant_id_number:
        data.applicant_id_number = clean_resident_id(data.applicant_id_number)
    id_hash = pii.lookup_hash(data.applicant_id_number) if data.applicant_id_number else ""
    parties = [
        PartyInput(
            side=PartySide.APPLICANT,
            name=data.applicant_name,
            phone=data.applicant_phone,
            id_number=data.applicant_id_number,
        ),
        PartyInput(side=PartySide.RESPONDENT, name=data.opponent),
    ]
    with transaction.atomic():
        case = file_case(
            data=_case_input(data, parties),
            channel=Channel.WINDOW if channel == ApplicationChannel.WINDOW else Channel.ONLINE,
            organisation=centre_for(data.village_code[:6]),
            actor=actor,
            idempotency_key=idempotency_key,
        )
        application = _open(case=case, data=data, id_hash=id_hash, channel=channel, actor=actor)
        if commitment is not None:
            _commit(application, commitment, actor=actor)
    return application


def _case_input(data: ApplicationInput, parties: list[PartyInput]) -> CaseInput:
    code = CATEGORY_OF_MATTER.get(data.matter_type, "other")
    return CaseInput(
        category=DisputeCategory.objects.get(code=code),
        village_code=data.village_code,
        description=data.facts,
        request=str(MatterType(data.matter_type).label),
        claim_amount=data.amount_claimed,
        consent_to_mediation=False,
        parties=parties,
    )


def _open(
    *,
    case: Case,
    data: ApplicationInput,
    id_hash: str,
    channel: str,
    actor,
    status: str = S.SUBMITTED,
    source_case: Case | None = None,
    referral_transfer=None,
) -> Application:
    """The application row beside its freshly filed case: the case is taken in by the centre
    at once (so no mediation routing ever picks it up), and one open application per matter
    is held by a database constraint."""
    _check_exemption(data.exempt_reason, data.matter_type)
    key = matter_key(
        id_hash=id_hash,
        phone=data.applicant_phone,
        matter_type=data.matter_type,
        opponent=data.opponent,
    )
    existing = open_application_for(key)
    if existing is not None:
        raise _refused_on_record(
            recorded(
                "该事项已有正在办理的法律援助申请（%(number)s），请勿重复申请。",
                number=existing.case.number,
            )
        )
    transition(
        case,
        to=CaseStatus.ACCEPTED,
        allowed_from=[CaseStatus.RECEIVED],
        actor=actor,
        kind="legal_aid_applied",
        text=recorded(
            "法律援助机构已收到申请：%(matter)s。", matter=MatterType(data.matter_type).label
        ),
    )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                case=case,
                source_case=source_case,
                referral_transfer=referral_transfer,
                centre=case.organisation,
                county_code=case.county_code,
                channel=channel,
                matter_type=data.matter_type,
                applicant_name=data.applicant_name,
                applicant_phone=data.applicant_phone,
                applicant_id_hash=id_hash,
                opponent=data.opponent[:100],
                amount_claimed=data.amount_claimed,
                facts=data.facts,
                matter_key=key,
                status=status,
                exempt_reason=data.exempt_reason,
                hardship_basis=HardshipBasis.EXEMPT if data.exempt_reason else "",
                is_urgent=data.is_urgent,
                urgent_reason=data.urgent_reason[:300],
            )
    except IntegrityError as exc:
        raise _refused_on_record(
            recorded("该事项已有正在办理的法律援助申请，请勿重复申请。")
        ) from exc
    tally(application, from_status=None, to_status=status)
    if data.exempt_reason:
        _record_exemption(application, actor)
    if data.is_urgent:
        start_deadline(case=case, kind=URGENT, actor=actor, subject=application)
    return application


def apply_from_case(
    *,
    source: Case,
    matter_type: str,
    actor,
    applicant: Party | None = None,
    channel: str = ApplicationChannel.FROM_CASE,
    centre: Organisation | None = None,
    facts: str = "",
    exempt_reason: str = "",
    referral_transfer=None,
) -> Application:
    """One step from a case (a failed mediation, a labour dispute, a referral): the applicant
    and opponents are the case's parties, copied with their encrypted ID numbers."""
    parties = list(source.parties.order_by("id"))
    applicant = applicant or next((p for p in parties if p.side == PartySide.APPLICANT), None)
    if applicant is None:
        raise _refused_on_record(recorded("该案件没有申请人，不能据此申请法律援助。"))
    opponents = [p for p in parties if p.side == PartySide.RESPONDENT]
    chosen = [applicant, *opponents]
    data = ApplicationInput(
        applicant_name=applicant.name,
        applicant_phone=applicant.phone,
        village_code=source.village_id,
        matter_type=matter_type,
        opponent="、".join(p.name for p in opponents)[:100] or _("（待补充）"),
        facts=facts or source.description,
        amount_claimed=source.claim_amount,
        exempt_reason=exempt_reason,
    )
    inputs = [
        PartyInput(
            side=p.side,
            name=p.name,
            kind=p.kind,
            phone=p.phone,
            credit_code=p.credit_code,
            address=p.address,
        )
        for p in chosen
    ]
    referred = channel == ApplicationChannel.REFERRAL
    with transaction.atomic():
        case = file_case(
            data=_case_input(data, inputs),
            channel=Channel.WINDOW,
            organisation=centre or centre_for(source.county_code),
            actor=actor,
        )
        _copy_identity(case, chosen)
        application = _open(
            case=case,
            data=data,
            id_hash=applicant.id_number_hash,
            channel=channel,
            actor=actor,
            status=S.REFERRED if referred else S.SUBMITTED,
            source_case=source,
            referral_transfer=referral_transfer,
        )
        record_event(
            source,
            kind="legal_aid_applied",
            actor=actor,
            text=recorded("已申请法律援助，法律援助案号 %(number)s。", number=case.number),
            payload={"application": application.pk},
        )
    return application


def _copy_identity(case: Case, sources: list[Party]) -> None:
    """The new file's parties carry the source's ID columns as they are (still encrypted)."""
    for new, old in zip(case.parties.order_by("id"), sources, strict=True):
        Party.objects.filter(pk=new.pk).update(
            id_number_encrypted=old.id_number_encrypted,
            id_number_hash=old.id_number_hash,
            id_number_masked=old.id_number_masked,
        )


def land_referral(transfer, actor) -> Application | None:
    """A mediator's referral to legal aid was accepted: it lands in the centre's queue as an
    application "referred", with the case's parties, so it never vanishes. A matter that
    already has an open application is noted on that file instead of refusing the answer."""
    if Application.objects.filter(referral_transfer=transfer).exists():
        return None
    source = transfer.case
    matter = MATTER_OF_CATEGORY.get(source.category.code, MatterType.OTHER)
    try:
        with transaction.atomic():
            return apply_from_case(
                source=source,
                matter_type=matter,
                actor=actor,
                channel=ApplicationChannel.REFERRAL,
                centre=transfer.to_organisation,
                facts=f"{transfer.note}\n{source.description}".strip(),
                referral_transfer=transfer,
            )
    except ActionRefused as exc:
        record_event(
            source,
            kind="legal_aid_referral_noted",
            actor=actor,
            text=getattr(exc, "record", None) or exc.message,
            payload={"transfer": transfer.pk},
        )
        return None


# --- Moving an application -------------------------------------------------------------


def _move(
    application: Application,
    *,
    to: str,
    actor,
    kind: str,
    text: str,
    is_public: bool = True,
    payload: dict | None = None,
    **fields,
) -> Application:
    """The conditional UPDATE and the timeline entry; the caller holds the transaction."""
    now = timezone.now()
    try:
        done = Application.objects.filter(pk=application.pk, status=application.status).update(
            status=to, status_changed_at=now, updated_at=now, **fields
        )
    except IntegrityError as exc:
        raise _refused(_("该事项已有正在办理的法律援助申请，不能重新开启。")) from exc
    if done != 1:
        raise _refused(_("该申请刚被其他人修改，请刷新页面后再试。"), code=CONFLICT)
    tally(
        application,
        from_status=application.status,
        to_status=to,
        amount_recovered=fields.get("amount_recovered"),
        satisfaction=fields.get("satisfaction"),
    )
    record_event(
        application.case,
        kind=kind,
        actor=actor,
        text=text,
        is_public=is_public,
        payload={"application": application.pk, "from": application.status, "to": to}
        | (payload or {}),
    )
    application.refresh_from_db()
    return application


def _finish_case(application: Application, to: str, actor, kind: str, text: str) -> None:
    case = application.case
    case.refresh_from_db()
    if case.status != to:
        transition(
            case,
            to=to,
            allowed_from=[case.status],
            actor=actor,
            kind=kind,
            text=text,
            is_public=False,
        )


def request_materials(application: Application, *, missing: str, actor) -> Application:
    VERBS.check("request_materials", actor, application)
    missing = (missing or "").strip()
    if not missing:
        raise _refused(_("请一次性列明需要补充的全部材料。"), application=application)
    with transaction.atomic():
        application = _move(
            application,
            to=S.MATERIALS_REQUESTED,
            actor=actor,
            kind="legal_aid_materials_requested",
            text=recorded("请补充以下材料（逾期不补充视为撤回申请）：%(missing)s", missing=missing),
            missing_materials=missing[:2000],
        )
        start_deadline(case=application.case, kind=MATERIALS, actor=actor, subject=application)
    return application


def accept_complete(application: Application, *, actor) -> Application:
    """Materials complete: the 7-day decision clock starts."""
    VERBS.check("accept_complete", actor, application)
    if not application.hardship_basis:
        raise _refused(
            _("经济困难状况尚未确认：请先记录告知承诺、免予核查理由或证明材料。"),
            application=application,
        )
    with transaction.atomic():
        application = _move(
            application,
            to=S.UNDER_REVIEW,
            actor=actor,
            kind="legal_aid_complete",
            text=recorded("申请材料齐全，进入审查。"),
        )
        meet_deadlines(case=application.case, kind=MATERIALS, actor=actor)
        start_deadline(case=application.case, kind=DECISION, actor=actor, subject=application)
    return application


def commit(application: Application, *, data: CommitmentInput, actor) -> Commitment:
    VERBS.check("commit", actor, application)
    with transaction.atomic():
        return _commit(application, data, actor=actor)


def _commit(application: Application, data: CommitmentInput, *, actor) -> Commitment:
    """The applicant was shown the notice and signed the commitment letter, the hardship
    statement and the authorisation to verify; a random share is flagged for checking."""
    if on_bad_credit_list(id_hash=application.applicant_id_hash, phone=application.applicant_phone):
        raise _refused(
            _("申请人在失信名单中，不能适用告知承诺制，请提交经济困难证明材料。"),
            application=application,
        )
    if Commitment.objects.filter(application=application).exists():
        raise _refused(_("该申请已签署过告知承诺。"), application=application)
    now = timezone.now()
    commitment = Commitment.objects.create(
        application=application,
        text_version=data.text_version or COMMITMENT_TEXT_VERSION,
        shown_at=data.shown_at or now,
        signed_at=now,
        channel=data.channel,
        method=data.method,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    flagged = random.random() < settings.LEGAL_AID_VERIFICATION_SHARE
    Application.objects.filter(pk=application.pk).update(
        hardship_basis=HardshipBasis.COMMITMENT, needs_verification=flagged
    )
    record_event(
        application.case,
        kind="legal_aid_committed",
        actor=actor,
        text=recorded(
            "申请人阅读告知书（版本 %(version)s）后签署承诺书、经济困难状况说明和授权核查书"
            "（%(channel)s，%(method)s）。",
            version=commitment.text_version,
            channel=CommitmentChannel(commitment.channel).label,
            method=SignatureMethod(commitment.method).label,
        ),
        is_public=True,
        payload={"commitment": commitment.pk, "flagged": flagged},
    )
    application.refresh_from_db()
    return commitment


def exempt(application: Application, *, reason: str, actor) -> Application:
    VERBS.check("exempt", actor, application)
    _check_exemption(reason, application.matter_type)
    if not reason:
        raise _refused(_("请选择免予核查经济困难的理由。"), application=application)
    with transaction.atomic():
        Application.objects.filter(pk=application.pk).update(
            exempt_reason=reason, hardship_basis=HardshipBasis.EXEMPT
        )
        application.refresh_from_db()
        _record_exemption(application, actor)
    return application


def _record_exemption(application: Application, actor) -> None:
    record_event(
        application.case,
        kind="legal_aid_exempt",
        actor=actor,
        text=recorded(
            "免予核查经济困难状况：%(reason)s。",
            reason=ExemptReason(application.exempt_reason).label,
        ),
        payload={"reason": application.exempt_reason},
    )


def accept_documents(application: Application, *, note: str, actor) -> Application:
    VERBS.check("accept_documents", actor, application)
    with transaction.atomic():
        Application.objects.filter(pk=application.pk).update(hardship_basis=HardshipBasis.DOCUMENTS)
        record_event(
            application.case,
            kind="legal_aid_documents",
            actor=actor,
            text=recorded("已核对经济困难证明材料。%(note)s", note=note.strip()),
        )
    application.refresh_from_db()
    return application


def _check_decision_clock(application: Application, late_reason: str) -> None:
    """A decision after its 7 days needs the reason it is late on the record."""
    overdue = Deadline.objects.overdue().filter(case=application.case, kind=DECISION).exists()
    if overdue and not late_reason.strip():
        raise _refused(
            _("已超过 7 日的决定期限：请填写逾期作出决定的原因后再决定。"),
            application=application,
        )


def grant(application: Application, *, actor, text: str = "", late_reason: str = "") -> Application:
    VERBS.check("grant", actor, application)
    if not application.hardship_basis:
        raise _refused(_("经济困难状况尚未确认，不能决定给予援助。"), application=application)
    _check_decision_clock(application, late_reason)
    with transaction.atomic():
        application = _move(
            application,
            to=S.GRANTED,
            actor=actor,
            kind="legal_aid_granted",
            text=recorded("决定给予法律援助。%(text)s", text=text.strip()),
            decided_at=timezone.now(),
            decision_text=text.strip(),
            late_reason=late_reason.strip()[:300],
        )
        meet_deadlines(case=application.case, kind=DECISION, actor=actor)
        meet_deadlines(case=application.case, kind=URGENT, actor=actor)
        start_deadline(case=application.case, kind=ASSIGNMENT, actor=actor, subject=application)
    return application


def refuse(application: Application, *, reasons: str, actor, late_reason: str = "") -> Application:
    """In writing, with reasons; the applicant may object to the justice bureau."""
    VERBS.check("refuse", actor, application)
    if not reasons.strip():
        raise _refused(_("不予法律援助须书面说明理由。"), application=application)
    _check_decision_clock(application, late_reason)
    with transaction.atomic():
        application = _refuse(application, reasons=reasons, actor=actor, late_reason=late_reason)
    return application


def _refuse(application: Application, *, reasons: str, actor, late_reason: str = ""):
    application = _move(
        application,
        to=S.REFUSED,
        actor=actor,
        kind="legal_aid_refused",
        text=recorded("决定不予法律援助，理由：%(reasons)s", reasons=reasons.strip()),
        decided_at=timezone.now(),
        decision_text=reasons.strip(),
        late_reason=late_reason.strip()[:300],
    )
    for kind in (MATERIALS, DECISION, URGENT):
        meet_deadlines(case=application.case, kind=kind, actor=actor)
    start_deadline(case=application.case, kind=OBJECTION_WINDOW, actor=actor, subject=application)
    _finish_case(
        application,
        CaseStatus.NOT_ACCEPTED,
        actor,
        "legal_aid_case_refused",
        recorded("不予法律援助。"),
    )
    return application


def aid_first(application: Application, *, actor) -> Application:
    """Art. 44: a limitation period ends within 7 days or preservation is urgent; aid starts
    now and the materials follow."""
    if not application.is_urgent:
        raise _refused(
            _("只有期限即将届满（不足 7 日）或需要立即申请保全的紧急情形才能先行提供援助。"),
            application=application,
        )
    VERBS.check("aid_first", actor, application)
    with transaction.atomic():
        application = _move(
            application,
            to=S.GRANTED,
            actor=actor,
            kind="legal_aid_aid_first",
            text=recorded(
                "情况紧急，先行提供法律援助：%(reason)s", reason=application.urgent_reason
            ),
            decided_at=timezone.now(),
            decision_text=_("先行提供法律援助，材料随后补交。"),
        )
        for kind in (URGENT, MATERIALS, DECISION):
            meet_deadlines(case=application.case, kind=kind, actor=actor)
        start_deadline(case=application.case, kind=ASSIGNMENT, actor=actor, subject=application)
    return application


def assign(application: Application, *, actor, lawyer_id: int | None = None) -> Application:
    """To the named lawyer when on the centre's roster, else the fairest one on it."""
    VERBS.check("assign", actor, application)
    if lawyer_id is not None:
        chosen = roster.find(application, lawyer_id)
        if chosen is None:
            raise _refused(
                _("该律师不在本机构的法律援助律师名册中（或已拒绝本案），不能指派。"),
                code=INVALID_TARGET,
                application=application,
            )
    else:
        chosen = roster.choose(
            application, roster.eligible(application, roster.roster(application.centre_id))
        )
        if chosen is None:
            raise _refused(_("名册中暂无可指派的律师。"), application=application)
    from django.contrib.auth import get_user_model

    lawyer = get_user_model().objects.get(pk=chosen.lawyer_id)
    now = timezone.now()
    with transaction.atomic():
        application = _move(
            application,
            to=S.ASSIGNED,
            actor=actor,
            kind="legal_aid_assigned",
            text=recorded("指派律师%(name)s承办。", name=person_name(lawyer)),
            lawyer=lawyer,
            law_firm_id=chosen.law_firm_id or application.centre_id,
            assigned_at=now,
            lawyer_accepted_at=None,
        )
        from .models import RosterEntry

        RosterEntry.objects.filter(pk=chosen.entry_id).update(
            open_cases=F("open_cases") + 1, last_assigned_at=now
        )
        meet_deadlines(case=application.case, kind=ASSIGNMENT, actor=actor)
        _notify_lawyer(application, lawyer)
    return application


def _notify_lawyer(application: Application, lawyer) -> None:
    from django.urls import reverse

    from notifications.services import notify_staff

    notify_staff(
        [lawyer],
        kind="legal_aid_assigned",
        title=_("法律援助指派：%(number)s") % {"number": application.case.number},
        link_url=reverse("legal_aid:application", args=[application.pk]),
    )


def lawyer_accept(application: Application, *, actor) -> Application:
    VERBS.check("lawyer_accept", actor, application)
    with transaction.atomic():
        return _move(
            application,
            to=S.IN_PROGRESS,
            actor=actor,
            kind="legal_aid_lawyer_accepted",
            text=recorded("承办律师已接受指派。"),
            lawyer_accepted_at=timezone.now(),
        )


def lawyer_decline(application: Application, *, reason: str, actor) -> Application:
    VERBS.check("lawyer_decline", actor, application)
    if not reason.strip():
        raise _refused(_("请写明拒绝指派的理由。"), application=application)
    declined = [*application.declined_lawyer_ids, application.lawyer_id]
    with transaction.atomic():
        _release_lawyer(application)
        application = _move(
            application,
            to=S.GRANTED,
            actor=actor,
            kind="legal_aid_lawyer_declined",
            text=recorded("律师拒绝指派，理由：%(reason)s", reason=reason.strip()),
            is_public=False,
            lawyer=None,
            law_firm=None,
            assigned_at=None,
            declined_lawyer_ids=declined,
        )
        start_deadline(case=application.case, kind=ASSIGNMENT, actor=actor, subject=application)
    return application


def _release_lawyer(application: Application) -> None:
    from .models import RosterEntry

    if application.lawyer_id:
        RosterEntry.objects.filter(
            centre_id=application.centre_id, lawyer_id=application.lawyer_id, open_cases__gt=0
        ).update(open_cases=F("open_cases") - 1)


def verify(application: Application, *, ok: bool, note: str, actor) -> Application:
    """The random check of a commitment. A false one refuses aid, or ends it if granted."""
    if not application.needs_verification or application.verified_at:
        raise _refused(_("该申请没有待核验的告知承诺。"), application=application)
    VERBS.check("verify", actor, application)
    if not ok and not note.strip():
        raise _refused(_("请写明核验发现的不实情况。"), application=application)
    with transaction.atomic():
        Application.objects.filter(pk=application.pk).update(
            verified_at=timezone.now(), verification_ok=ok, verification_note=note.strip()[:300]
        )
        record_event(
            application.case,
            kind="legal_aid_verified",
            actor=actor,
            text=recorded(
                "告知承诺核验：%(result)s。%(note)s",
                result=gettext_lazy("属实") if ok else gettext_lazy("承诺不实"),
                note=note.strip(),
            ),
        )
        application.refresh_from_db()
        if ok:
            return application
        reason = recorded("虚假承诺：%(note)s", note=note.strip())
        if application.status in (S.GRANTED, S.ASSIGNED, S.IN_PROGRESS):
            return _terminate(
                application, ground=TerminationGround.DECEIT, text=reason, actor=actor
            )
        return _refuse(application, reasons=reason, actor=actor)


def terminate(application: Application, *, ground: str, text: str, actor) -> Application:
    VERBS.check("terminate", actor, application)
    if ground not in TerminationGround.values:
        raise _refused(_("请选择终止法律援助的理由。"), application=application)
    with transaction.atomic():
        return _terminate(application, ground=ground, text=text, actor=actor)


def _terminate(application: Application, *, ground: str, text: str, actor) -> Application:
    _release_lawyer(application)
    application = _move(
        application,
        to=S.TERMINATED,
        actor=actor,
        kind="legal_aid_terminated",
        text=recorded(
            "终止法律援助：%(ground)s。%(text)s",
            ground=TerminationGround(ground).label,
            text=text.strip(),
        ),
        termination_ground=ground,
        termination_text=text.strip()[:300],
    )
    meet_deadlines(case=application.case, kind=ASSIGNMENT, actor=actor)
    start_deadline(case=application.case, kind=OBJECTION_WINDOW, actor=actor, subject=application)
    _finish_case(
        application,
        CaseStatus.TERMINATED,
        actor,
        "legal_aid_case_terminated",
        recorded("终止法律援助。"),
    )
    return application


def object_to(application: Application, *, text: str, actor) -> Application:
    """The applicant's objection to a refusal or termination, within its time, goes to the
    justice bureau, which answers within 5 days."""
    if application.objection_at and not application.objection_answer:
        raise _refused(_("已登记异议，正等待司法局处理。"), application=application)
    VERBS.check("object", actor, application)
    if not text.strip():
        raise _refused(_("请写明异议的内容和理由。"), application=application)
    window = Deadline.objects.open().filter(case=application.case, kind=OBJECTION_WINDOW).first()
    if window is None or window.is_overdue():
        raise _refused(
            _("已超过提出异议的期限（收到决定之日起 15 日内），不能再登记异议。"),
            application=application,
        )
    with transaction.atomic():
        Application.objects.filter(pk=application.pk).update(
            objection_text=text.strip(),
            objection_at=timezone.now(),
            objection_answer="",
            objection_answered_at=None,
        )
        record_event(
            application.case,
            kind="legal_aid_objection",
            actor=actor,
            text=recorded("申请人提出异议，已转司法局处理：%(text)s", text=text.strip()),
            is_public=True,
        )
        meet_deadlines(case=application.case, kind=OBJECTION_WINDOW, actor=actor)
        start_deadline(
            case=application.case, kind=OBJECTION_ANSWER, actor=actor, subject=application
        )
    application.refresh_from_db()
    return application


def answer_objection(application: Application, *, uphold: bool, text: str, actor) -> Application:
    """The bureau upholds the decision or orders it corrected: a refusal goes back to review,
    a termination back to assignment."""
    if not application.objection_at or application.objection_answered_at:
        raise _refused(_("没有待处理的异议。"), application=application)
    VERBS.check("answer_objection", actor, application)
    if not text.strip():
        raise _refused(_("请写明处理意见。"), application=application)
    now = timezone.now()
    answer = "upheld" if uphold else "corrected"
    with transaction.atomic():
        Application.objects.filter(pk=application.pk).update(
            objection_answer=answer,
            objection_answer_text=text.strip()[:300],
            objection_answered_at=now,
        )
        meet_deadlines(case=application.case, kind=OBJECTION_ANSWER, actor=actor)
        record_event(
            application.case,
            kind="legal_aid_objection_answered",
            actor=actor,
            text=(
                recorded("司法局维持原决定：%(text)s", text=text.strip())
                if uphold
                else recorded("司法局责令改正：%(text)s", text=text.strip())
            ),
            is_public=True,
        )
        application.refresh_from_db()
        if not uphold:
            application = _reopen(application, actor)
    return application


def _reopen(application: Application, actor) -> Application:
    refused = application.status == S.REFUSED
    to, clock = (S.UNDER_REVIEW, DECISION) if refused else (S.GRANTED, ASSIGNMENT)
    application = _move(
        application,
        to=to,
        actor=actor,
        kind="legal_aid_reopened",
        text=recorded("按司法局的决定重新办理。"),
        lawyer=None,
        termination_ground="",
    )
    case = application.case
    case.refresh_from_db()
    transition(
        case,
        to=CaseStatus.ACCEPTED,
        allowed_from=[case.status],
        actor=actor,
        kind="legal_aid_case_reopened",
        text=recorded("法律援助重新办理。"),
        is_public=False,
    )
    start_deadline(case=case, kind=clock, actor=actor, subject=application)
    return application


def close(
    application: Application,
    *,
    result: str,
    amount_recovered: Decimal | None,
    satisfaction: int | None,
    actor,
    note: str = "",
) -> Application:
    VERBS.check("close", actor, application)
    if amount_recovered is not None and amount_recovered < 0:
        raise _refused(_("挽回金额不能为负数。"), application=application)
    with transaction.atomic():
        _release_lawyer(application)
        application = _move(
            application,
            to=S.CLOSED,
            actor=actor,
            kind="legal_aid_closed",
            text=recorded(
                "法律援助结案：%(result)s，挽回金额 ¥%(amount)s。%(note)s",
                result=result,
                amount=f"{amount_recovered or 0:,.2f}",
                note=note.strip(),
            ),
            outcome_result=result,
            amount_recovered=amount_recovered,
            satisfaction=satisfaction,
            closed_at=timezone.now(),
        )
        _finish_case(
            application, CaseStatus.CLOSED, actor, "legal_aid_case_closed", recorded("结案。")
        )
    return application


def withdraw_silent(application_id: int) -> bool:
    """No answer to the notice of missing materials within its time: withdrawn. Run by the
    sweep; the conditional update makes a second run a no-op."""
    application = (
        Application.objects.select_related("case")
        .filter(pk=application_id, status=S.MATERIALS_REQUESTED)
        .first()
    )
    if application is None:
        return False
    with transaction.atomic():
        application = _move(
            application,
            to=S.WITHDRAWN,
            actor=None,
            kind="legal_aid_withdrawn",
            text=recorded("逾期未补充材料，视为撤回申请。"),
        )
        meet_deadlines(case=application.case, kind=MATERIALS)
        _finish_case(
            application,
            CaseStatus.WITHDRAWN,
            None,
            "legal_aid_case_withdrawn",
            recorded("视为撤回。"),
        )
    return True


def sweep_silent(limit: int = 200) -> int:
    ids = list(
        Deadline.objects.overdue()
        .filter(kind=MATERIALS, case__legal_aid_application__status=S.MATERIALS_REQUESTED)
        .values_list("case__legal_aid_application__id", flat=True)[:limit]
    )
    done = 0
    for pk in ids:
        try:
            done += withdraw_silent(pk)
        except ActionRefused:  # changed meanwhile
            continue
    return done


# --- Labour arbitration ------------------------------------------------------------------


def committee_for(county_code: str) -> Organisation:
    codes = [f"arbitration-{county_code}", "arbitration-city"]
    found = {
        o.code: o
        for o in Organisation.objects.filter(
            code__in=codes, is_active=True, kind=OrganisationKind.LABOUR_ARBITRATION
        )
    }
    return found.get(codes[0]) or found[codes[1]]


def refer_arbitration(application: Application, *, actor, note: str = "") -> ArbitrationLink:
    """Unpaid wages or work injury go to the county's labour arbitration committee as a
    transfer; the legal-aid file follows it (acceptance in 5 days, award in 45)."""
    if not application.is_labour_matter:
        raise _refused(_("只有劳动报酬、工伤赔偿事项可以移送劳动仲裁。"), application=application)
    VERBS.check("refer_arbitration", actor, application)
    pending = ArbitrationLink.objects.filter(
        application=application, status__in=[ArbitrationStatus.SENT, ArbitrationStatus.ACCEPTED]
    )
    if pending.exists():
        raise _refused(_("该事项已在劳动仲裁程序中。"), application=application)
    committee = committee_for(application.county_code)
    with transaction.atomic():
        try:
            transfer = create_transfer(
                case=application.case,
                from_organisation=application.centre,
                to_organisation=committee,
                kind=TransferKind.REFER_LABOUR_ARBITRATION,
                actor=actor,
                has_consent=True,
                consent_note=_("申请人申请法律援助时签署授权"),
                note=note.strip() or str(MatterType(application.matter_type).label),
                payload={"legal_aid_application": application.pk},
            )
        except TransferRefused as exc:
            raise _refused(exc.message, application=application) from exc
        link = ArbitrationLink.objects.create(
            application=application, transfer=transfer, committee=committee
        )
        start_deadline(
            case=application.case, kind=ARBITRATION_ACCEPTANCE, actor=actor, subject=link
        )
    return link


def on_arbitration_answer(transfer, actor) -> None:
    """The committee accepted (the 45-day award clock starts) or refused the matter."""
    link = ArbitrationLink.objects.filter(transfer=transfer).select_related("application").first()
    if link is None:
        return
    accepted = transfer.status == TransferStatus.ACCEPTED
    ArbitrationLink.objects.filter(pk=link.pk).update(
        status=ArbitrationStatus.ACCEPTED if accepted else ArbitrationStatus.REJECTED,
        accepted_at=timezone.now() if accepted else None,
    )
    case = link.application.case
    meet_deadlines(case=case, kind=ARBITRATION_ACCEPTANCE, actor=actor)
    if accepted:
        start_deadline(case=case, kind=ARBITRATION_AWARD, actor=actor, subject=link)


def record_award(
    link: ArbitrationLink, *, number: str, text: str, amount: Decimal | None, actor
) -> ArbitrationLink:
    LINK_VERBS.check("record_award", actor, link)
    if not text.strip():
        raise ActionRefused(_("请填写裁决结果。"))
    with transaction.atomic():
        done = ArbitrationLink.objects.filter(pk=link.pk, status=ArbitrationStatus.ACCEPTED).update(
            status=ArbitrationStatus.AWARDED,
            awarded_at=timezone.now(),
            award_number=number.strip()[:60],
            award_text=text.strip()[:500],
            award_amount=amount,
        )
        if not done:
            raise ActionRefused(_("该仲裁已被其他人更新，请刷新页面。"), code=CONFLICT)
        case = link.application.case
        meet_deadlines(case=case, kind=ARBITRATION_AWARD, actor=actor)
        record_event(
            case,
            kind="legal_aid_award",
            actor=actor,
            text=recorded(
                "%(committee)s作出仲裁裁决 %(number)s：%(text)s",
                committee=link.committee.name,
                number=number.strip(),
                text=text.strip(),
            ),
            is_public=True,
            payload={"link": link.pk, "amount": str(amount) if amount is not None else None},
        )
    link.refresh_from_db()
    return link
