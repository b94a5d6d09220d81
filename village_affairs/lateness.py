"""The openness clock: finances are published monthly, village and Party affairs at least
quarterly (村民委员会组织法 art. 30). A village keeping its postings on the portal that has not
published for the last period once its grace days have passed is flagged to its town."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, OrganisationKind, Role
from notifications.services import InboxItem, notify_once

from .models import LatePosting, Posting, PostingKind, PostingStatus

QUARTERLY = (PostingKind.AFFAIRS, PostingKind.PARTY)


def last_due_period_end(kind: str, today: dt.date) -> dt.date:
    """The end of the newest period whose posting is due by ``today`` (grace days counted)."""
    grace = dt.timedelta(days=settings.VILLAGE_POSTING_GRACE_DAYS)
    day = today - grace
    month_start = day.replace(day=1)
    if kind in QUARTERLY:
        month_start = month_start.replace(month=(month_start.month - 1) // 3 * 3 + 1)
    return month_start - dt.timedelta(days=1)


def late_villages(kind: str, period_end: dt.date):
    """Villages that publish on the portal but have nothing covering the period."""
    published = Posting.objects.filter(status=PostingStatus.PUBLISHED)
    keeps = published.filter(village_id=OuterRef("village_id"))
    covered = published.filter(
        village_id=OuterRef("village_id"), kind=kind, period_end__gte=period_end
    )
    return (
        published.filter(Exists(keeps))
        .annotate(covered=Exists(covered))
        .filter(covered=False)
        .values_list("village_id", flat=True)
        .distinct()
    )


def flag_late_postings(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    flagged = 0
    for kind in PostingKind.values:
        period_end = last_due_period_end(kind, today)
        villages = sorted(set(late_villages(kind, period_end)))
        rows = []
        for code in villages:
            row = LatePosting(kind=kind, period_end=period_end)
            row.place_in(code)
            rows.append(row)
        LatePosting.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
        flagged += len(rows)
        _tell_towns(kind, period_end, villages)
    return flagged


def _tell_towns(kind: str, period_end: dt.date, villages: list[str]) -> None:
    by_town: dict[str, int] = {}
    for code in villages:
        by_town[code[:9]] = by_town.get(code[:9], 0) + 1
    officers = Membership.objects.active().filter(
        role=Role.TOWN_OFFICER,
        organisation__kind=OrganisationKind.TOWN_GOVERNMENT,
        organisation__region_id__in=list(by_town),
    )
    items = [
        InboxItem(
            recipient_id=user_id,
            kind="village_posting_late",
            title=_("%(n)s 个村未按时%(kind)s")
            % {"n": by_town[town], "kind": PostingKind(kind).label},
            body=_("截至 %(end)s 的%(kind)s尚未公开，请督促。")
            % {
                "end": period_end,
                "kind": PostingKind(kind).label,
            },
            link_url="/village-affairs/town/",
            dedupe_key=f"village-late:{kind}:{period_end}:{town}:{user_id}",
        )
        for user_id, town in officers.values_list("user_id", "organisation__region_id")
    ]
    notify_once(items)
