"""A mediator's upcoming sessions in their calendar feed (deadlines.calendar_feed). The feed
lives in calendar apps outside the portal, so an entry names the case number and the place,
never a party."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from deadlines.calendar_feed import FeedEvent

from .models import MediationSession, SessionStatus

FEED_LIMIT = 200


def session_events(user) -> Iterator[FeedEvent]:
    sessions = (
        MediationSession.objects.filter(
            mediator_id=user.pk, status=SessionStatus.SCHEDULED, ends_at__gte=timezone.now()
        )
        .select_related("case", "room")
        .order_by("starts_at")[:FEED_LIMIT]
    )
    for session in sessions:
        place = session.room.name if session.room else session.place
        yield FeedEvent(
            uid=f"mediation-session-{session.pk}@zhanjiang-portal",
            summary=_("【调解】%(number)s %(place)s")
            % {"number": session.case.number, "place": place},
            start=session.starts_at,
            end=session.ends_at,
            description=_("调解地点：%(place)s") % {"place": place},
            url=f"/mediation/cases/{session.case_id}/",
        )
