"""The verbs of a case. Each runs in one transaction and writes its timeline event there."""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import pii
from accounts.identifiers import (
    clean_credit_code,
    clean_mobile,
    clean_resident_id,
    mask_resident_id,
    resident_id_facts,
)
from accounts.models import Organisation
from accounts.verbs import CONFLICT, TransitionRefused

from .case_numbers import issue_case_number
from .models import (
    Case,
    CaseEvent,
    CaseStatus,
    Channel,
    DisputeCategory,
    Party,
    PartyKind,
    PartySide,
    Urgency,
)
from .record import record_payload, recorded
from .search import search_terms_for
from .signals import case_filed, case_transitioned

TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
TRACKING_LENGTH = 10


class ConcurrentChange(TransitionRefused):
    """Someone else changed the case between reading and writing it."""

    def __init__(self, message: str, allowed: Iterable[str] = ()):
        super().__init__(message, allowed, code=CONFLICT)


@dataclass
class PartyInput:
    side: str
    name: str
    kind: str = PartyKind.PERSON
    id_number: str = ""
    phone: str = ""
    credit_code: str = ""
    address: str = ""
    # For an agent (side "agent"): the index, in CaseInput.parties, of the party represented.
    agent_of: int | None = None
    # Basic facts for the agreement (all optional); sex and birth date follow the ID number.
    sex: str = ""
    birth_date: dt.date | None = None
    ethnicity: str = ""
    occupation: str = ""
    legal_representative: str = ""


@dataclass
class CaseInput:
    category: DisputeCategory
    village_code: str
    description: str
    parties: list[PartyInput]
    request: str = ""
    claim_amount: Decimal | None = None
    consent_to_mediation: bool = True
    urgency: str = Urgency.NORMAL
    needs_elderly: bool = False
    needs_dialect: bool = False
    needs_disability: bool = False
    extra: dict = field(default_factory=dict)
    # Cases this one is filed from (a petition's own case): never flagged as its duplicate.
    related_case_ids: tuple[int, ...] = ()


def new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def intake_organisation_for(village_code: str) -> Organisation:
    """Cases filed online or by phone are received by the county's one-stop centre."""
    return Organisation.objects.get(code=f"centre-{village_code[:6]}")


def max_parties_per_side() -> int:
    return getattr(settings, "CASES_MAX_PARTIES_PER_SIDE", 20)


def party_count_problem(parties: Iterable[PartyInput]) -> str:
    """A message naming the side that has more parties than the portal takes, or ""; a case
    of 20,000 respondents made a staff page of 4 MB."""
    limit = max_parties_per_side()
    counts = Counter(party.side for party in parties)
    over = [str(PartySide(side).label) for side, n in sorted(counts.items()) if n > limit]
    if not over:
        return ""
    return _("每一方当事人最多 %(n)s 位，%(sides)s人数超出。") % {
        "n": limit,
        "sides": "、".join(over),
    }


def file_case(
    *,
    data: CaseInput,
    channel: str = Channel.ONLINE,
    organisation: Organisation | None = None,
    actor=None,
    idempotency_key: str | None = None,
    numbering_organisation: Organisation | None = None,
) -> Case:
    """Register a dispute: number, tracking code, parties, and the first timeline event.

    ``idempotency_key``: a retry with the same key returns the case already filed.
    ``numbering_organisation``: who issues the number when it is not the handling
    organisation (a centre numbers the cases its window registers).
    """
    if problem := party_count_problem(data.parties):
        raise ValidationError({"parties": problem}, code="too_many_parties")
    if idempotency_key:
        existing = Case.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    organisation = organisation or intake_organisation_for(data.village_code)
    numbering = numbering_organisation or organisation
    try:
        return _file_case(data, channel, organisation, numbering, actor, idempotency_key)
    except IntegrityError:
        # Two identical submissions raced: the other one won, and its case is the answer.
        if idempotency_key:
            existing = Case.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing
        raise


def _file_case(data, channel, organisation, numbering, actor, idempotency_key) -> Case:
    now = timezone.now()
    with transaction.atomic():
        sequence, number = issue_case_number(numbering, timezone.localtime(now).year)
        duplicate_of = (
            find_possible_duplicates(data.parties).exclude(pk__in=data.related_case_ids).first()
        )
        case = Case.objects.create(
            number=number,
            organisation=organisation,
            numbered_by=numbering,
            idempotency_key=idempotency_key or None,
            possible_duplicate_of=duplicate_of,
            search_terms=search_terms_for(number, [p.name for p in data.parties], data.description),
            number_year=timezone.localtime(now).year,
            number_sequence=sequence,
            tracking_code=new_tracking_code(),
            channel=channel,
            category=data.category,
            village_id=data.village_code,
            town_code=data.village_code[:9],
            county_code=data.village_code[:6],
            claim_amount=data.claim_amount,
            description=data.description,
            request=data.request,
            consent_to_mediation=data.consent_to_mediation,
            urgency=data.urgency,
            needs_elderly=data.needs_elderly,
            needs_dialect=data.needs_dialect,
            needs_disability=data.needs_disability,
            filed_at=now,
            status_changed_at=now,
            filed_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        rows = Party.objects.bulk_create([_party_row(case, p) for p in data.parties])
        _link_agents(rows, data.parties)
        record_event(
            case,
            kind="filed",
            actor=actor,
            to_status=CaseStatus.RECEIVED,
            text=recorded(
                "已登记，编号 %(number)s，由%(org)s受理。", number=number, org=organisation.name
            ),
            is_public=True,
            payload={"channel": channel},
        )
        if duplicate_of is not None:
            _record_duplicate(case, duplicate_of, actor)
        case_filed.send(sender=Case, case=case, actor=actor)
    return case


def _party_keys(parties: Iterable[PartyInput], side: str) -> Q:
    """Who a side is, by resident-ID hash or mobile number; an empty Q matches nobody."""
    hashes, phones = set(), set()
    for party in parties:
        if party.side != side:
            continue
        if party.id_number:
            with contextlib.suppress(ValidationError):
                hashes.add(pii.lookup_hash(clean_resident_id(party.id_number)))
        if party.phone:
            with contextlib.suppress(ValidationError):
                phones.add(clean_mobile(party.phone))
    if not (hashes or phones):
        return Q(pk__in=[])
    return Q(id_number_hash__in=sorted(hashes)) | Q(phone__in=sorted(phones))


def find_possible_duplicates(parties: Iterable[PartyInput]) -> QuerySet[Case]:
    """Open cases in which one of these applicants and one of these respondents already face
    each other (on either side), newest first."""
    parties = list(parties)
    applicants = _party_keys(parties, PartySide.APPLICANT)
    respondents = _party_keys(parties, PartySide.RESPONDENT)
    if applicants == Q(pk__in=[]) or respondents == Q(pk__in=[]):
        return Case.objects.none()
    return (
        Case.objects.open()
        .filter(Exists(Party.objects.filter(applicants, case=OuterRef("pk"))))
        .filter(Exists(Party.objects.filter(respondents, case=OuterRef("pk"))))
        .order_by("-filed_at", "-id")
    )


def _record_duplicate(case: Case, earlier: Case, actor) -> None:
    """Both timelines say so; a number is named only to the same county's cases, since each
    timeline is read by the staff of its own county."""
    same_county = case.county_code == earlier.county_code
    for this, other in ((case, earlier), (earlier, case)):
        if same_county:
            text = recorded(
                "疑似重复：与 %(other)s 的当事人相同，且该案尚未办结。", other=other.number
            )
        else:
            text = recorded("疑似重复：其他机构另有一件尚未办结的案件，双方当事人相同。")
        record_event(
            this, kind="possible_duplicate", actor=actor, text=text, payload={"case_id": other.pk}
        )


def reveal_id_number(case: Case, party: Party, *, actor) -> str:
    """The full resident ID for staff handling the case; each reveal goes on the timeline."""
    value = pii.decrypt(party.id_number_encrypted)
    record_event(
        case,
        kind="id_revealed",
        actor=actor,
        text=recorded("查看了%(name)s的完整身份证号。", name=party.name),
        payload={"party_id": party.pk},
    )
    return value


def _link_agents(rows: list[Party], parties: list[PartyInput]) -> None:
    for row, data in zip(rows, parties, strict=True):
        if data.agent_of is not None and 0 <= data.agent_of < len(rows):
            Party.objects.filter(pk=row.pk).update(agent_for=rows[data.agent_of])


def _party_row(case: Case, data: PartyInput) -> Party:
    id_number = clean_resident_id(data.id_number) if data.id_number else ""
    credit = clean_credit_code(data.credit_code) if data.credit_code else None
    sex, born = resident_id_facts(id_number)
    return Party(
        case=case,
        side=data.side,
        kind=PartyKind.ORGANISATION if credit else data.kind,
        name=data.name.strip(),
        id_number_encrypted=pii.encrypt(id_number),
        id_number_hash=pii.lookup_hash(id_number),
        id_number_masked=mask_resident_id(id_number) if id_number else "",
        phone=clean_mobile(data.phone) if data.phone else "",
        credit_code=credit.value if credit else "",
        credit_code_warning=bool(credit and not credit.checksum_ok),
        address=data.address.strip(),
        sex=sex or data.sex,
        birth_date=born or data.birth_date,
        ethnicity=data.ethnicity.strip(),
        occupation=data.occupation.strip(),
        legal_representative=data.legal_representative.strip(),
    )


PARTY_FACTS = ("side", "kind", "name", "id_number_hash", "phone", "credit_code", "address")


def party_facts(party: Party) -> tuple:
    """What identifies a stored party, for comparing a repeated submission with the first."""
    return tuple(getattr(party, name) for name in PARTY_FACTS)


def input_party_facts(data: PartyInput) -> tuple:
    return party_facts(_party_row(None, data))


def record_event(
    case: Case,
    *,
    kind: str,
    text: str,
    actor=None,
    is_public: bool = False,
    from_status: str = "",
    to_status: str = "",
    payload: dict | None = None,
) -> CaseEvent:
    """Append one entry to the case's timeline (never updated, never deleted). ``text`` is
    stored in Chinese whoever acts: pass ``cases.record.recorded(...)`` (see there)."""
    event = _event(
        case,
        kind=kind,
        text=text,
        actor=actor,
        is_public=is_public,
        from_status=from_status,
        to_status=to_status,
        payload=payload,
    )
    event.save(force_insert=True)
    return event


def record_events(entries: Iterable[tuple[Case, dict[str, Any]]]) -> list[CaseEvent]:
    """Append many entries, to one case or several, in one insert: each is a case and the
    keyword arguments ``record_event`` takes (a batch of deliveries writes its timeline
    entries at once)."""
    return CaseEvent.objects.bulk_create([_event(case, **entry) for case, entry in entries])


def _event(
    case: Case,
    *,
    kind: str,
    text: str,
    actor=None,
    is_public: bool = False,
    from_status: str = "",
    to_status: str = "",
    payload: dict | None = None,
) -> CaseEvent:
    text, payload = record_payload(text, payload)
    return CaseEvent(
        case=case,
        kind=kind,
        text=text[:500],
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        is_public=is_public,
        from_status=from_status,
        to_status=to_status,
        payload=payload,
    )


def transition(
    case: Case,
    *,
    to: str,
    allowed_from: Iterable[str],
    actor,
    kind: str,
    text: str,
    is_public: bool = True,
    payload: dict | None = None,
    **fields,
) -> Case:
    """Move a case from one status to another, guarded against illegal and concurrent moves.

    The update is conditional on the status read, so of two people acting at once exactly
    one succeeds; the other gets ``ConcurrentChange``.
    """
    allowed = list(allowed_from)
    if case.status not in allowed:
        raise TransitionRefused(
            _("案件当前状态为“%(status)s”，此操作只能在以下状态进行：%(allowed)s。")
            % {
                "status": CaseStatus(case.status).label,
                "allowed": "、".join(str(CaseStatus(s).label) for s in allowed),
            },
            allowed,
        )
    now = timezone.now()
    with transaction.atomic():
        updated = Case.objects.filter(pk=case.pk, status=case.status).update(
            status=to, status_changed_at=now, updated_at=now, **fields
        )
        if updated != 1:
            raise ConcurrentChange(_("该案件刚被其他人修改，请刷新页面后再试。"))
        record_event(
            case,
            kind=kind,
            actor=actor,
            text=text,
            is_public=is_public,
            from_status=case.status,
            to_status=to,
            payload=payload,
        )
        from_status = case.status
        case.refresh_from_db()
        case_transitioned.send(
            sender=Case,
            case=case,
            from_status=from_status,
            to_status=to,
            kind=kind,
            actor=actor,
            payload=payload or {},
        )
    return case
