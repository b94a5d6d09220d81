"""Keyset pages over the case list: a page 900,000 rows deep costs what the first one does,
because it starts from the last row seen instead of counting past all before it. Also the
columns of a list row and their parties, fetched as plain values (the staff list page, its
API and the benchmark's floor)."""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import get_language

from zhanjiang_portal.lookups import estimated
from zhanjiang_portal.params import BIGGEST_ID, parse_moment

from .models import CaseStatus, Channel, Party

PAGE_SIZE = 50
COUNT_CAP = 1000


@dataclass
class Page:
    rows: list
    next_cursor: str | None
    after: bool = False  # this page starts after another


def encode_cursor(filed_at: dt.datetime, pk: int) -> str:
    raw = json.dumps([filed_at.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.datetime, int] | None:
    """The position a cursor names, or None for anything this module did not write."""
    try:
        raw = base64.urlsafe_b64decode(cursor.encode("ascii") + b"=" * (-len(cursor) % 4))
        filed_at, pk = json.loads(raw)
    except (ValueError, TypeError):
        return None
    moment = parse_moment(filed_at) if isinstance(filed_at, str) else None
    if moment is None or type(pk) is not int or not 0 < pk <= BIGGEST_ID:
        return None
    return moment, pk


def keyset_page(queryset: QuerySet, cursor: str = "", *, oldest_first: bool = False) -> Page:
    order = ["filed_at", "id"] if oldest_first else ["-filed_at", "-id"]
    queryset = queryset.order_by(*order)
    position = decode_cursor(cursor) if cursor else None
    if position is not None:
        at, pk = position
        if oldest_first:
            queryset = queryset.filter(filed_at__gte=at).filter(
                Q(filed_at__gt=at) | Q(filed_at=at, id__gt=pk)
            )
        else:
            queryset = queryset.filter(filed_at__lte=at).filter(
                Q(filed_at__lt=at) | Q(filed_at=at, id__lt=pk)
            )
    rows = list(queryset[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    next_cursor = None
    if more:
        last = rows[-1]
        # Rows are model instances or values() dicts.
        at, pk = (
            (last["filed_at"], last["id"]) if isinstance(last, dict) else (last.filed_at, last.pk)
        )
        next_cursor = encode_cursor(at, pk)
    return Page(rows, next_cursor, after=position is not None)


def count_label(queryset: QuerySet) -> str:
    """An exact count up to a cap, then "1,000+": never a COUNT(*) over a million rows."""
    n = estimated(queryset.order_by())[: COUNT_CAP + 1].count()
    return f"{COUNT_CAP:,}+" if n > COUNT_CAP else str(n)


_LABELS: dict[str, dict[str, dict[str, str]]] = {}


def labels() -> dict[str, dict[str, str]]:
    """Choice labels in the active language, built once per language: get_FOO_display()
    rebuilds its lookup on every call, which shows on a page of 50 rows."""
    language = get_language()
    if language not in _LABELS:
        _LABELS[language] = {
            "status": {value: str(label) for value, label in CaseStatus.choices},
            "channel": {value: str(label) for value, label in Channel.choices},
        }
    return _LABELS[language]


# The columns of a list row (CaseListApi.OutputSerializer), fetched as plain values.
LIST_VALUES = (
    "id",
    "number",
    "status",
    "channel",
    "category__code",
    "category__name",
    "village_id",
    "village__name",
    "organisation__code",
    "organisation__name",
    "assignee_id",
    "claim_amount",
    "filed_at",
    "possible_duplicate_of_id",
)


def attach_party_names(rows: list[dict]) -> None:
    """Every row's parties, in one query for the page."""
    by_case: dict[int, list[dict]] = {row["id"]: [] for row in rows}
    parties = Party.objects.filter(case_id__in=list(by_case)).order_by("id")
    for case_id, side, name in parties.values_list("case_id", "side", "name"):
        by_case[case_id].append({"side": side, "name": name})
    for row in rows:
        row["parties"] = by_case[row["id"]]
