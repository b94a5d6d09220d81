"""12368 for every portal case: a password for the parties, and the operator's look-up.

A look-up answers only with the right number and password together; a wrong password is
answered exactly like an unknown number, so the answer never tells a caller that a number
exists. Wrong answers are limited per operator and per case (a case locked by guessing
answers like a wrong password until the hour is over)."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.identifiers import clean_court_case_number
from cases.models import Case, CaseIdentifier, CaseStatus
from cases.record import recorded
from cases.services import record_event
from courts.services import enquiry_hash

from .models import EnquiryLog, EnquiryPassword

HOUR = 3600

NEXT_STEPS = {
    CaseStatus.RECEIVED: gettext_lazy("已登记，等待分派给调解组织。"),
    CaseStatus.ROUTED: gettext_lazy("已分派，等待承办机构受理。"),
    CaseStatus.ACCEPTED: gettext_lazy("已受理，调解员将联系当事人安排调解。"),
    CaseStatus.IN_MEDIATION: gettext_lazy("正在调解，请等候调解员通知下一次调解时间。"),
    CaseStatus.AGREEMENT: gettext_lazy("已达成调解协议，可按协议履行或申请司法确认。"),
    CaseStatus.FAILED: gettext_lazy("调解不成，可以向法院起诉或通过其他途径解决。"),
}
FINISHED_STEP = gettext_lazy("案件已办结，无需再办。")


class EnquiryLocked(Exception):
    """This operator gave too many wrong answers in the last hour."""


@dataclass(frozen=True)
class Answer:
    case: Case
    status: str
    next_step: str
    handler: str
    assignee: str


def new_password() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def issue_password(case: Case, *, actor=None, new_case: bool = False) -> str:
    """A new password for the case (the old one stops working); returned once, kept hashed.
    ``new_case``: the case was filed in this transaction, so there is no old one to replace
    (one INSERT instead of a locked look-up on a push's hot path)."""
    password = new_password()
    fields = {
        "password_hash": enquiry_hash(password),
        "issued_by": actor if getattr(actor, "is_authenticated", False) else None,
    }
    with transaction.atomic():
        if new_case:
            EnquiryPassword.objects.create(case=case, **fields)
        else:
            EnquiryPassword.objects.update_or_create(case=case, defaults=fields)
        record_event(
            case,
            kind="enquiry_password_issued",
            actor=actor,
            text=recorded("已向当事人发放12368查询密码。"),
        )
    return password


def _operator_key(user) -> str:
    return f"enquiries:operator:{user.pk}"


def _case_key(case_id: int) -> str:
    return f"enquiries:case:{case_id}"


def _over(key: str, limit: int) -> bool:
    return cache.get(key, 0) >= limit


def _count_failure(key: str) -> None:
    cache.add(key, 0, HOUR)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, HOUR)


def operator_locked(user) -> bool:
    return _over(_operator_key(user), settings.ENQUIRY_MAX_FAILURES_PER_HOUR)


def find_case(number: str) -> Case | None:
    """The portal's own number, or a court number linked to the case (民诉前调, 民初, ...);
    the case comes with its passwords in the same query."""
    number = (number or "").strip()
    if not number:
        return None
    cases = Case.objects.select_related(
        "organisation", "assignee", "enquiry_password", "pre_litigation"
    )
    case = cases.filter(number=number).first()
    if case is not None:
        return case
    try:
        number = str(clean_court_case_number(number))
    except ValidationError:
        return None
    link = CaseIdentifier.objects.filter(value=number).values_list("case_id", flat=True)
    return cases.filter(pk__in=link[:1]).first()


def _password_hash(case: Case) -> str:
    """The case's own password, else (a pre-litigation case) the one on the court's notice."""
    own = getattr(case, "enquiry_password", None)
    if own is not None:
        return own.password_hash
    plc = getattr(case, "pre_litigation", None)
    return plc.enquiry_password_hash if plc is not None else ""


def lookup(*, operator, number: str, password: str) -> Answer | None:
    """The case for this number and password, or None (unknown number and wrong password
    alike). Raises EnquiryLocked when the operator may not try again this hour."""
    if operator_locked(operator):
        raise EnquiryLocked
    case = find_case(number)
    answered = False
    if case is not None and not _over(
        _case_key(case.pk), settings.ENQUIRY_MAX_FAILURES_PER_CASE_PER_HOUR
    ):
        stored = _password_hash(case)
        answered = bool(stored) and hmac.compare_digest(
            stored, enquiry_hash((password or "").strip())
        )
    if not answered:
        _count_failure(_operator_key(operator))
        if case is not None:
            _count_failure(_case_key(case.pk))
    _log(operator, case if answered else None, number, answered)
    return answer_for(case) if answered else None


# Higher apps whose cases have their own next steps (a petition) register a function here
# from their AppConfig.ready(): (case) -> str, or "" to leave it to the next one.
NEXT_STEP_PROVIDERS: list = []


def _log(operator, case: Case | None, number: str, answered: bool) -> None:
    """One row per enquiry. Its commit does not wait for the disk (synchronous_commit off
    for this transaction only): a crash may lose the last fraction of a second of the log,
    never a case's data, and the operator is not kept waiting on every look-up."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        EnquiryLog.objects.create(
            operator=operator, case=case, number_given=(number or "")[:80], answered=answered
        )


def next_step(case: Case) -> str:
    from courts.models import PreLitigationCase

    for provider in NEXT_STEP_PROVIDERS:
        step = provider(case)
        if step:
            return step
    if not case.is_open:
        return str(FINISHED_STEP)
    try:
        plc = case.pre_litigation
    except PreLitigationCase.DoesNotExist:
        plc = None
    if plc is not None and plc.first_instance_number:
        return _("法院已立案（%(number)s），等候法院通知开庭。") % {
            "number": plc.first_instance_number
        }
    return str(NEXT_STEPS.get(case.status, FINISHED_STEP))


def answer_for(case: Case) -> Answer:
    assignee = case.assignee.get_full_name() if case.assignee_id else ""
    return Answer(
        case=case,
        status=case.get_status_display(),
        next_step=next_step(case),
        handler=case.organisation.name,
        assignee=assignee or "",
    )
