"""The court's 30-day pre-litigation clock and its extension: the clock itself (owned by
deadlines), the days already added, who may approve, and an extension agreed by both
parties within the configured cap."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.record import recorded
from deadlines.models import Deadline
from deadlines.services import DeadlineRefused, apply_extension
from notifications.recipients import Directory

from ..models import OPEN_STATUSES, PreLitigationCase
from ..verbs import VERBS
from ._common import CourtActionRefused


def pre_litigation_clock(plc: PreLitigationCase) -> Deadline | None:
    """The 30-day clock itself: deadlines owns the due date, its pauses and extensions."""
    return (
        Deadline.objects.filter(case_id=plc.case_id, kind="pre_litigation")
        .select_related("rule")
        .order_by("-id")
        .first()
    )


def extended_days(clock: Deadline) -> int:
    """Days the clock was extended beyond its first due date."""
    original = timezone.localtime(clock.original_due_at or clock.due_at).date()
    return max((clock.due_date - original).days, 0)


def extension_approvers(plc: PreLitigationCase) -> list:
    """Who may approve an extension: the supervisors over the organisation handling the case;
    where it has none (a village or town committee without a centre above it), the
    administrators, whom deadlines also accepts as approvers."""
    from django.contrib.auth import get_user_model

    from accounts.models import Membership, Role

    ids = Directory().supervisors_for(plc.case.organisation_id)
    if not ids:
        ids = Membership.objects.active().filter(role=Role.ADMINISTRATOR).values("user_id")
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def extend_pre_litigation(
    plc: PreLitigationCase,
    *,
    days: int,
    both_parties_agree: bool,
    approved_by,
    actor,
    reason: str = "",
) -> PreLitigationCase:
    """Extend the 30-day clock with both parties' agreement, capped by a setting; the clock's
    own rules (approver, later date, the rule's cap) apply on top."""
    VERBS.check("extend", actor, plc)
    if plc.status not in OPEN_STATUSES:
        raise CourtActionRefused(_("案件已结束，不能延长。"))
    if not both_parties_agree:
        raise CourtActionRefused(_("延长调解期限须经双方当事人同意。"))
    clock = pre_litigation_clock(plc)
    if clock is None or clock.met_at is not None:
        raise CourtActionRefused(_("该案件没有正在计算的调解期限。"))
    cap = settings.PRE_LITIGATION_MAX_EXTENSION_DAYS
    already = extended_days(clock)
    if days < 1 or already + days > cap:
        raise CourtActionRefused(
            _("延长天数须为1至%(left)s天（累计不超过%(cap)s天）。")
            % {"left": max(cap - already, 0), "cap": cap}
        )
    agreed = recorded("经双方当事人同意延长%(days)s天。", days=days)
    try:
        with transaction.atomic():
            apply_extension(
                clock,
                new_due_date=clock.due_date + dt.timedelta(days=days),
                reason=agreed + reason.strip(),
                approved_by=approved_by,
                actor=actor,
            )
            clock.refresh_from_db()
            # The court's list sorts open cases by due date; it keeps a copy of the clock's.
            PreLitigationCase.objects.filter(pk=plc.pk).update(due_at=clock.due_at)
    except DeadlineRefused as refused:
        raise CourtActionRefused(str(refused)) from refused
    plc.refresh_from_db()
    return plc
