"""Lawyers reading case files online (互联网阅卷): the request, the handling organisation's grant
for a period, the reading itself with every view and download logged, and the watermark on
downloaded PDFs. Access ends by itself: a grant is readable only until its end time."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import scope_of
from accounts.models import Role
from accounts.templatetags.people import person_name
from accounts.verbs import FORBIDDEN, INVALID_TARGET, REFUSED, ActionRefused
from cases.models import Case, Evidence
from cases.record import recorded
from cases.services import record_event

from .models import (
    Application,
    FileAccess,
    FileAccessBasis,
    FileAccessLog,
    FileAccessStatus,
)
from .verbs import ACCESS_VERBS


def is_lawyer(user) -> bool:
    return Role.LAWYER in scope_of(user).role_names()


def request_for_assignment(*, lawyer, application: Application, case: Case, reason: str = ""):
    """The assigned lawyer asks to read the legal-aid file or the case it came from."""
    if application.lawyer_id != lawyer.pk or case.pk not in (
        application.case_id,
        application.source_case_id,
    ):
        raise ActionRefused(_("只有本案的承办律师可以申请阅读该案卷。"), code=FORBIDDEN)
    return _request(lawyer, case, FileAccessBasis.ASSIGNED, reason, application)


def request_as_agent(*, lawyer, number: str, tracking_code: str, reason: str) -> FileAccess:
    """A party's lawyer names the case by its number and the party's tracking code; the
    handling organisation checks the power of attorney before granting."""
    case = Case.objects.filter(number=(number or "").strip()).first()
    if case is None or not secrets.compare_digest(
        case.tracking_code, (tracking_code or "").strip().upper()
    ):
        raise ActionRefused(_("未找到该案件，请核对案件编号和查询码。"), code=INVALID_TARGET)
    if not reason.strip():
        raise ActionRefused(_("请说明代理的当事人及委托情况。"))
    return _request(lawyer, case, FileAccessBasis.AGENT, reason, None)


def _request(lawyer, case: Case, basis: str, reason: str, application) -> FileAccess:
    if not is_lawyer(lawyer):
        raise ActionRefused(_("只有执业律师可以申请网上阅卷。"), code=FORBIDDEN)
    pending = FileAccess.objects.filter(
        case=case, lawyer=lawyer, status__in=[FileAccessStatus.REQUESTED, FileAccessStatus.GRANTED]
    ).exclude(status=FileAccessStatus.GRANTED, ends_at__lte=timezone.now())
    if pending.exists():
        raise ActionRefused(_("您已申请或正在阅读该案卷。"))
    with transaction.atomic():
        access = FileAccess.objects.create(
            case=case,
            lawyer=lawyer,
            basis=basis,
            reason=reason.strip()[:300],
            application=application,
        )
        record_event(
            case,
            kind="file_access_requested",
            actor=lawyer,
            text=recorded(
                "律师%(name)s申请网上阅卷（%(basis)s）。",
                name=_name(lawyer),
                basis=FileAccessBasis(access.basis).label,
            ),
            payload={"access": access.pk},
        )
    return access


def _name(user) -> str:
    return person_name(user)


def grant(access: FileAccess, *, days: int, actor) -> FileAccess:
    ACCESS_VERBS.check("grant_file", actor, access)
    if not 1 <= days <= settings.LEGAL_AID_FILE_ACCESS_MAX_DAYS:
        raise ActionRefused(
            _("阅卷期限应为 1 至 %(max)s 天。") % {"max": settings.LEGAL_AID_FILE_ACCESS_MAX_DAYS},
            code=REFUSED,
        )
    now = timezone.now()
    return _decide(
        access,
        actor=actor,
        status=FileAccessStatus.GRANTED,
        text=recorded(
            "准许律师%(name)s网上阅卷至%(end)s。",
            name=_name(access.lawyer),
            end=now + dt.timedelta(days=days),
        ),
        starts_at=now,
        ends_at=now + dt.timedelta(days=days),
    )


def refuse(access: FileAccess, *, actor) -> FileAccess:
    ACCESS_VERBS.check("refuse_file", actor, access)
    return _decide(
        access,
        actor=actor,
        status=FileAccessStatus.REFUSED,
        text=recorded("未准许律师%(name)s的阅卷申请。", name=_name(access.lawyer)),
    )


def revoke(access: FileAccess, *, actor) -> FileAccess:
    ACCESS_VERBS.check("revoke_file", actor, access)
    return _decide(
        access,
        actor=actor,
        status=FileAccessStatus.REVOKED,
        text=recorded("收回律师%(name)s的阅卷权限。", name=_name(access.lawyer)),
        ends_at=timezone.now(),
    )


def _decide(access: FileAccess, *, actor, status: str, text: str, **fields) -> FileAccess:
    with transaction.atomic():
        done = FileAccess.objects.filter(pk=access.pk, status=access.status).update(
            status=status, decided_at=timezone.now(), decided_by=actor, **fields
        )
        if not done:
            raise ActionRefused(_("该阅卷申请刚被其他人处理，请刷新页面。"), code="conflict")
        record_event(
            access.case,
            kind=f"file_access_{status}",
            actor=actor,
            text=text,
            payload={"access": access.pk},
        )
    access.refresh_from_db()
    return access


def check_readable(access: FileAccess) -> None:
    if not access.is_readable():
        raise ActionRefused(_("阅卷权限已结束或尚未获准，如需继续阅卷请重新申请。"), code=FORBIDDEN)


def log_view(access: FileAccess) -> None:
    check_readable(access)
    FileAccessLog.objects.create(access=access, action=FileAccessLog.Action.VIEW)


def log_download(access: FileAccess, evidence: Evidence) -> None:
    check_readable(access)
    FileAccessLog.objects.create(
        access=access, action=FileAccessLog.Action.DOWNLOAD, evidence=evidence
    )


def evidence_of(access: FileAccess, evidence_id) -> Evidence:
    from django.http import Http404

    try:
        return access.case.evidence.get(pk=evidence_id)
    except (Evidence.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("evidence not found") from exc
