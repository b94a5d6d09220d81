"""A staff member's calendar feed (.ics): their deadlines, and whatever other areas register
(mediation sessions, hearings). An area registers a function ``source(user) -> iterable of
FeedEvent`` from its AppConfig.ready() with ``register_source``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone

from .models import Deadline
from .responsibility import deadlines_for_responsible


@dataclass(frozen=True)
class FeedEvent:
    uid: str  # stable and globally unique, e.g. "deadline-12@zhanjiang-portal"
    summary: str
    start: dt.datetime | dt.date  # a date makes an all-day event
    end: dt.datetime | dt.date | None = None
    description: str = ""
    url: str = ""


Source = Callable[[object], Iterable[FeedEvent]]
_SOURCES: list[Source] = []


def register_source(source: Source) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def events_for(user) -> list[FeedEvent]:
    return [event for source in _SOURCES for event in source(user)]


def deadline_events(user) -> Iterable[FeedEvent]:
    rows = (
        deadlines_for_responsible(user)
        .filter(paused_at=None)
        .select_related("case", "rule")
        .order_by("due_at")[:500]
    )
    for deadline in rows:
        yield _deadline_event(deadline)


def _deadline_event(deadline: Deadline) -> FeedEvent:
    summary = f"【期限】{deadline.case.number} {deadline.rule.name}届满"
    start = deadline.due_date if deadline.due_is_date else deadline.due_at
    return FeedEvent(
        uid=f"deadline-{deadline.pk}@zhanjiang-portal",
        summary=summary,
        start=start,
        end=start + dt.timedelta(days=1) if deadline.due_is_date else None,
        description=f"{deadline.rule.name}（{deadline.rule.basis}）",
        url=f"/deadlines/{deadline.pk}/",
    )


register_source(deadline_events)


def render_ics(events: Iterable[FeedEvent], *, name: str, base_url: str) -> str:
    stamp = timezone.now().astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Zhanjiang dispute mediation portal//ZH",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            _when("DTSTART", event.start),
            *([_when("DTEND", event.end)] if event.end else []),
            f"SUMMARY:{_escape(event.summary)}",
            *([f"DESCRIPTION:{_escape(event.description)}"] if event.description else []),
            *([f"URL:{base_url}{event.url}"] if event.url else []),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _when(prop: str, value: dt.datetime | dt.date) -> str:
    if isinstance(value, dt.datetime):
        return f"{prop}:{value.astimezone(dt.UTC).strftime('%Y%m%dT%H%M%SZ')}"
    return f"{prop};VALUE=DATE:{value.strftime('%Y%m%d')}"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545: lines longer than 75 octets continue on lines starting with a space; never
    split inside a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)
