"""The sessions of mediation: scheduling one (room, place and mediator checked for clashes
under lock, the parties texted), moving or cancelling one not yet held, recording the
attendance and minutes of one that was held, and the start of mediation itself."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Organisation
from cases.models import Case, CaseStatus
from cases.record import recorded
from cases.services import record_event
from notifications.services import notify_staff

from .. import access
from ..models import MediationSession, SessionStatus
from ..verbs import VERBS
from ._common import MediationRefused, _move, _name, _text_parties


def start_mediation(*, case: Case, actor) -> Case:
    VERBS.check("start", actor, case)
    return _start(case, actor)


def _start(case: Case, actor) -> Case:
    return _move(
        case,
        "start",
        to=CaseStatus.IN_MEDIATION,
        actor=actor,
        kind="mediation_started",
        text=recorded("调解开始。"),
    )


# Sessions ---------------------------------------------------------------------------------------


def schedule_session(
    *,
    case: Case,
    actor,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    room: Organisation | None = None,
    place: str = "",
    mediator=None,
) -> MediationSession:
    VERBS.check("schedule", actor, case)
    mediator = mediator or case.assignee or actor
    _check_session_place(case, starts_at, ends_at, room, place)
    with transaction.atomic():
        _lock_and_check_clashes(case, starts_at, ends_at, room, mediator)
        session = MediationSession.objects.create(
            case=case,
            room=room,
            place=place.strip(),
            mediator=mediator,
            starts_at=starts_at,
            ends_at=ends_at,
            created_by=actor,
        )
        record_event(
            case,
            kind="session_scheduled",
            actor=actor,
            is_public=True,
            text=recorded(
                "已安排调解：%(when)s，地点：%(where)s。请当事人按时到场。",
                when=session.starts_at,
                where=_where(session),
            ),
            payload={"session": session.pk},
        )
        _text_session(case, session, "session_scheduled", actor, key=f"session:{session.pk}")
        if mediator.pk != getattr(actor, "pk", None):
            notify_staff(
                [mediator],
                kind="mediation_session",
                title=_("新的调解安排 %(number)s") % {"number": case.number},
                link_url=f"/mediation/cases/{case.pk}/",
            )
        return session


def move_session(
    *,
    session: MediationSession,
    actor,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    room: Organisation | None = None,
    place: str = "",
) -> MediationSession:
    """Another time or place for a session not yet held; the parties are texted."""
    case = session.case
    VERBS.check("move_session", actor, case)
    _check_session_place(case, starts_at, ends_at, room, place)
    with transaction.atomic():
        _lock_and_check_clashes(case, starts_at, ends_at, room, session.mediator, session)
        updated = MediationSession.objects.filter(
            pk=session.pk, status=SessionStatus.SCHEDULED
        ).update(starts_at=starts_at, ends_at=ends_at, room=room, place=place.strip())
        if updated != 1:
            raise MediationRefused(_("该次调解已进行或已取消，不能改期。"))
        session.refresh_from_db()
        record_event(
            case,
            kind="session_moved",
            actor=actor,
            is_public=True,
            text=recorded(
                "调解改期：%(when)s，地点：%(where)s。",
                when=session.starts_at,
                where=_where(session),
            ),
            payload={"session": session.pk},
        )
        stamp = f"{session.pk}:{starts_at.timestamp():.0f}"
        _text_session(case, session, "session_moved", actor, key=f"moved:{stamp}")
        return session


def cancel_session(*, session: MediationSession, actor, reason: str) -> MediationSession:
    """Call off a session not yet held; the room and the mediator are free again."""
    case = session.case
    VERBS.check("cancel_session", actor, case)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写取消的原因。")})
    with transaction.atomic():
        updated = MediationSession.objects.filter(
            pk=session.pk, status=SessionStatus.SCHEDULED
        ).update(status=SessionStatus.CANCELLED)
        if updated != 1:
            raise MediationRefused(_("该次调解已进行或已取消。"))
        session.refresh_from_db()
        record_event(
            case,
            kind="session_cancelled",
            actor=actor,
            is_public=True,
            text=recorded("原定%(when)s的调解已取消，另行通知。", when=session.starts_at),
            payload={"session": session.pk, "reason": reason.strip()[:300]},
        )
        _text_session(case, session, "session_cancelled", actor, key=f"cancel:{session.pk}")
        return session


def _where(session: MediationSession) -> str:
    return session.room.name if session.room else session.place


def _text_session(case: Case, session: MediationSession, event: str, actor, *, key: str) -> None:
    local = timezone.localtime(session.starts_at)
    _text_parties(
        case,
        event=event,
        actor=actor,
        key=key,
        when=f"{local.month}月{local.day}日{local:%H:%M}",
        place=_where(session),
    )


def _check_session_place(case: Case, starts_at, ends_at, room, place: str) -> None:
    """The time makes sense, and the room is one of the case's own centre (the page's list);
    any other organisation sent as a room is refused."""
    _check_session_times(starts_at, ends_at)
    if room is None and not place.strip():
        raise ValidationError({"room": _("请选择调解室或填写地点。")})
    if room is not None and not access.session_rooms(case).filter(pk=room.pk).exists():
        raise ValidationError({"room": _("只能预约本案所属中心的调解室。")})


def _lock_and_check_clashes(case, starts_at, ends_at, room, mediator, moving=None) -> None:
    """Lock the room and the mediator so two bookings at once cannot both pass the check."""
    if room is not None:
        Organisation.objects.select_for_update().get(pk=room.pk)
    get_user_model().objects.select_for_update().get(pk=mediator.pk)
    clashes = MediationSession.objects.overlapping(starts_at, ends_at)
    if moving is not None:
        clashes = clashes.exclude(pk=moving.pk)
    if room is not None and clashes.filter(room=room).exists():
        raise MediationRefused(
            _("%(room)s在该时段已被预约，请换一个时间或调解室。") % {"room": room.name}
        )
    if clashes.filter(mediator=mediator).exists():
        raise MediationRefused(
            _("调解员%(name)s在该时段已有其他调解安排。") % {"name": _name(mediator)}
        )


def _check_session_times(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("结束时间必须晚于开始时间。")})
    if starts_at < timezone.now() - dt.timedelta(minutes=5):
        raise ValidationError({"starts_at": _("不能安排在过去的时间。")})
    if ends_at - starts_at > dt.timedelta(hours=12):
        raise ValidationError({"ends_at": _("一次调解不超过 12 小时。")})


def record_session(
    *, session: MediationSession, actor, attendance: list[str], minutes: str
) -> MediationSession:
    """Attendance and the minutes (笔录) of a session that took place: never before it
    started."""
    VERBS.check("record", actor, session.case)
    if session.starts_at > timezone.now():
        raise MediationRefused(
            _("该次调解尚未开始（%(when)s），开始后才能记录笔录和到场情况。")
            % {"when": date_format(timezone.localtime(session.starts_at), _("Y年n月j日 H:i"))}
        )
    if not minutes.strip():
        raise ValidationError({"minutes": _("请填写调解笔录。")})
    with transaction.atomic():
        updated = MediationSession.objects.filter(
            pk=session.pk, status=SessionStatus.SCHEDULED
        ).update(
            status=SessionStatus.HELD,
            attendance=[a.strip() for a in attendance if a.strip()],
            minutes=minutes.strip(),
        )
        if updated != 1:
            raise MediationRefused(_("该次调解已记录或已取消。"))
        case = session.case
        if case.status == CaseStatus.ACCEPTED:
            case = _start(case, actor)
        record_event(
            case,
            kind="session_held",
            actor=actor,
            text=recorded("已记录调解笔录及到场情况。"),
            payload={"session": session.pk},
        )
        session.refresh_from_db()
        return session
