"""Demo clocks and inbox entries for the demo staff; safe to run again.

Uses the demo cases of the 坡头区 family workroom if there are any; with none at all it files
two itself, so the deadline pages have something to show."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Organisation
from cases.models import Case, DisputeCategory, PartySide
from cases.services import CaseInput, PartyInput, file_case
from notifications.services import InboxItem, notify_once

from .models import Deadline
from .reminders import sweep
from .services import pause_deadline, start_deadline

# (rule, days ago the clock started, pause reason or "")
DEMO_CLOCKS = [
    ("labour_mediation", 17, ""),  # overdue
    ("pre_litigation", 28, ""),  # due in a couple of days
    ("legal_aid_decision", 2, "等待申请人补充经济困难证明"),
    ("judicial_confirmation_apply", 5, ""),
]


def seed() -> list:
    mediator = get_user_model().objects.filter(username="mediator").first()
    if mediator is None:
        return []
    cases = _demo_cases(mediator)
    if not cases:
        return []
    now = timezone.now()
    for index, (kind, days, pause) in enumerate(DEMO_CLOCKS):
        case = cases[index % len(cases)]
        if Deadline.objects.filter(case=case, kind=kind).exists():
            continue
        deadline = start_deadline(case=case, kind=kind, starts_at=now - dt.timedelta(days=days))
        if pause:
            pause_deadline(deadline, reason=pause, actor=mediator)
    sweep()
    _welcome()
    return []


def _demo_cases(mediator) -> list[Case]:
    room = Organisation.objects.filter(code="room-440804-family").first()
    if room is None:
        return []
    found = list(Case.objects.filter(organisation=room).order_by("id")[:2])
    if not found and not Case.objects.exists():
        found = [_file(room, "陈某", "林某"), _file(room, "黄某", "吴某")]
    Case.objects.filter(pk__in=[c.pk for c in found], assignee=None).update(assignee=mediator)
    return found


def _file(room, applicant: str, respondent: str) -> Case:
    data = CaseInput(
        category=DisputeCategory.objects.get(code="neighbourhood"),
        village_code="440804104207",
        description="邻居在宅基地边界砌墙，占用通道约半米，多次协商未果。（演示）",
        request="拆除占用通道的围墙。",
        parties=[
            PartyInput(side=PartySide.APPLICANT, name=applicant, phone="13800000001"),
            PartyInput(side=PartySide.RESPONDENT, name=respondent, phone="13800000002"),
        ],
    )
    return file_case(data=data, channel="window", organisation=room)


def _welcome() -> None:
    users = get_user_model().objects.filter(
        username__in=["window", "mediator", "supervisor", "clerk", "legalaid", "village"]
    )
    notify_once(
        [
            InboxItem(
                u.pk,
                "welcome",
                "欢迎使用湛江矛盾纠纷调处化解平台",
                "期限提醒、逾期督办和短信发送结果都会在这里通知您。",
                "/deadlines/",
                f"demo:welcome:{u.pk}",
            )
            for u in users
        ]
    )
