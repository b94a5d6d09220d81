"""The figures of the areas on main: intake (cases), mediation, the courts' pre-litigation
mediation, transfers between organisations, and this app's service activities.

Each provider reads its raw rows of one month once (a range on an indexed date column) and
counts them per organisation and town; the rollup task adds those up into every scope.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlencode

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Organisation, OrganisationKind
from cases.models import FINISHED_STATUSES, Case, CaseStatus, Channel, DisputeCategory
from courts.models import PreLitigationCase, PreLitigationStatus
from mediation.models import AGREEMENT_OUTCOMES, Agreement, MediationFile
from transfers.models import Transfer, TransferKind

from .figures import Fact, Provider, Tree, bump, register
from .models import ActivityKind, ReportMark, ServiceActivity
from .presenting import REFERENCE, Cell, Figure, Section, Table, View, change, rate

OPEN_STATUSES = [s.value for s in CaseStatus if s not in FINISHED_STATUSES]
VILLAGE_KINDS = {
    OrganisationKind.VILLAGE_MEDIATION_COMMITTEE,
    OrganisationKind.VILLAGE_COMMITTEE,
}

# How a case started, as the people's-mediation report counts it (domain.md §8).
STARTED = {
    "application": gettext_lazy("当事人申请"),
    "initiative": gettext_lazy("主动调解"),
    "delegated": gettext_lazy("委派调解"),
    "referred": gettext_lazy("移送（转来）调解"),
}
STARTED_BY_CHANNEL = {
    Channel.ONLINE: "application",
    Channel.WINDOW: "application",
    Channel.HOTLINE: "application",
    Channel.COURT_PUSH: "delegated",
    Channel.VILLAGE_REFERRAL: "referred",
    Channel.PETITION_TRANSFER: "referred",
    Channel.POLICE_REFERRAL: "referred",
}


class Counter:
    """Trees of counts per (organisation, town), turned into facts at the end."""

    def __init__(self) -> None:
        self.trees: dict[tuple[int | None, str], Tree] = defaultdict(dict)

    def at(self, organisation_id: int | None, town_code: str) -> Tree:
        return self.trees[(organisation_id, town_code or "")]

    def facts(self) -> list[Fact]:
        return [Fact(org, town, tree) for (org, town), tree in self.trees.items()]


def local_days(start: dt.datetime, end: dt.datetime) -> int:
    return max((timezone.localdate(end) - timezone.localdate(start)).days, 0)


def median_of(histogram: dict) -> float | None:
    """The median of a {value: count} histogram (values as strings, as JSON keeps them)."""
    items = sorted((float(k), n) for k, n in histogram.items() if n)
    total = sum(n for _, n in items)
    if not total:
        return None

    def nth(index: int) -> float:
        seen = 0
        for value, n in items:
            seen += n
            if index < seen:
                return value
        return items[-1][0]

    middle = total // 2
    return nth(middle) if total % 2 else (nth(middle - 1) + nth(middle)) / 2


def _breakdown(view: View, area: str, key: str, title: str, label_of: dict, link_key: str):
    tree = view.month_tree(area).get(key, {})
    rows = [
        (str(label_of.get(code, code)), [Cell(n, view.case_link(view.month, **{link_key: code}))])
        for code, n in sorted(tree.items(), key=lambda kv: -kv[1])
    ]
    return Table(key, title, [_("件数")], rows, chart="bar")


# ---------------------------------------------------------------- cases (intake)


def cases_month(start: dt.datetime, end: dt.datetime) -> Iterable[Fact]:
    village_orgs = set(
        Organisation.objects.filter(kind__in=VILLAGE_KINDS).values_list("pk", flat=True)
    )
    village_level = set(
        DisputeCategory.objects.filter(is_village_level=True).values_list("code", flat=True)
    )
    counter = Counter()
    rows = Case.objects.filter(filed_at__gte=start, filed_at__lt=end).values_list(
        "organisation_id", "town_code", "category__code", "channel"
    )
    for org, town, category, channel in rows.iterator(chunk_size=5000):
        tree = counter.at(org, town)
        bump(tree, "received", 1)
        bump(tree, "by_category", category, 1)
        bump(tree, "by_channel", channel, 1)
        bump(tree, "started", STARTED_BY_CHANNEL.get(channel, "application"), 1)
        if category in village_level:
            bump(tree, "village_level", 1)
            if org in village_orgs:
                bump(tree, "stayed_in_village", 1)
    return counter.facts()


def cases_now(moment: dt.datetime) -> Iterable[Fact]:
    counter = Counter()
    rows = Case.objects.filter(status__in=OPEN_STATUSES).values_list("organisation_id", "town_code")
    for org, town in rows.iterator(chunk_size=5000):
        bump(counter.at(org, town), "open", 1)
    overdue = Case.objects.filter(next_due_at__lt=moment).values_list(
        "organisation_id", "town_code"
    )
    for org, town in overdue.iterator(chunk_size=5000):
        bump(counter.at(org, town), "overdue", 1)
    return counter.facts()


def cases_present(view: View) -> list[Section]:
    month, area = view.month, "cases"
    now = view.now_tree(area)
    tree = view.month_tree(area)
    section = Section(area, _("收案"))
    section.figures = [
        view.figure("received", _("本月收案"), area, link=view.case_link(month)),
        Figure("open", _("在办（当前）"), now.get("open", 0), view.case_link(status=OPEN_STATUSES)),
        Figure(
            "overdue", _("已超期（当前）"), now.get("overdue", 0), view.case_link(overdue="true")
        ),
        Figure(
            "stayed_in_village_rate",
            _("村级类别案件由村受理率"),
            rate(tree.get("stayed_in_village", 0), tree.get("village_level", 0)),
            view.case_link(month, village_level="true"),
            unit="%",
        ),
    ]
    categories = REFERENCE.of("category")
    section.tables = [
        _breakdown(view, area, "by_category", _("按纠纷类别"), categories, "category"),
        _breakdown(view, area, "by_channel", _("按来源渠道"), dict(Channel.choices), "channel"),
        _children_table(view, area, "received", _("按地区或机构（本月收案）")),
    ]
    return [section]


def _children_table(view: View, area: str, key: str, title: str) -> Table:
    rows = [
        (name, [Cell(counts.get(key, 0), view.case_link(view.month, child=code))])
        for code, name, counts in view.children(area)
    ]
    return Table(f"children_{area}", title, [_("件数")], rows, chart="bar")


# ---------------------------------------------------------------- mediation


def mediation_month(start: dt.datetime, end: dt.datetime) -> Iterable[Fact]:
    counter = Counter()
    rows = MediationFile.objects.filter(outcome_at__gte=start, outcome_at__lt=end).values_list(
        "case__organisation_id",
        "case__town_code",
        "case__category__code",
        "outcome",
        "case__filed_at",
        "outcome_at",
    )
    for org, town, category, outcome, filed_at, outcome_at in rows.iterator(chunk_size=5000):
        tree = counter.at(org, town)
        success = outcome in AGREEMENT_OUTCOMES
        bump(tree, "concluded", 1)
        bump(tree, "success", int(success))
        bump(tree, "by_outcome", outcome, 1)
        bump(tree, "close_days", str(local_days(filed_at, outcome_at)), 1)
        bump(tree, "report", category, "concluded", 1)
        bump(tree, "report", category, "success", int(success))
    agreements = (
        Agreement.objects.filter(reached_at__gte=start, reached_at__lt=end)
        .values("case__organisation_id", "case__town_code", "case__category__code")
        .annotate(total=Sum("terms__amount"))
        .values_list("case__organisation_id", "case__town_code", "case__category__code", "total")
    )
    for org, town, category, total in agreements:
        fen = round((total or 0) * 100)
        bump(counter.at(org, town), "amount_fen", fen)
        bump(counter.at(org, town), "report", category, "amount_fen", fen)
    marks = ReportMark.objects.filter(marked_at__gte=start, marked_at__lt=end).values_list(
        "case__organisation_id",
        "case__town_code",
        "case__category__code",
        "prevented_criminal",
        "prevented_group_petition",
    )
    for org, town, category, criminal, petition in marks:
        tree = counter.at(org, town)
        for key, value in (("prevented_criminal", criminal), ("prevented_petition", petition)):
            bump(tree, key, int(value))
            bump(tree, "report", category, key, int(value))
    return counter.facts()


def mediation_present(view: View) -> list[Section]:
    month, area = view.month, "mediation"
    tree = view.month_tree(area)
    before = view.year_before_tree(area)
    section = Section(area, _("调解结案"))
    concluded = view.case_link(concluded_from=month.first_day, concluded_to=month.last_day)
    succeeded = view.case_link(
        concluded_from=month.first_day, concluded_to=month.last_day, outcome="success"
    )
    success_rate = rate(tree.get("success", 0), tree.get("concluded", 0))
    rate_before = rate(before.get("success", 0), before.get("concluded", 0))
    section.figures = [
        view.figure("concluded", _("本月结案"), area, link=concluded),
        view.figure("success", _("调解成功"), area, link=succeeded),
        Figure(
            "success_rate",
            _("调解成功率"),
            success_rate,
            concluded,
            unit="%",
            previous=rate_before,
        ),
        Figure(
            "median_days",
            _("结案中位用时（天）"),
            median_of(tree.get("close_days", {})),
            concluded,
            previous=median_of(before.get("close_days", {})),
        ),
        Figure(
            "amount",
            _("协议金额（元）"),
            tree.get("amount_fen", 0) / 100,
            view.case_link(agreed_from=month.first_day, agreed_to=month.last_day),
            unit="¥",
        ),
    ]
    trend_rows = []
    received = dict(view.trend("cases", "received"))
    for m, concluded in view.trend(area, "concluded"):
        span = {"concluded_from": m.first_day, "concluded_to": m.last_day}
        trend_rows.append(
            (
                str(m),
                [
                    Cell(received.get(m, 0), view.case_link(m)),
                    Cell(concluded, view.case_link(**span)),
                ],
            )
        )
    section.tables = [
        Table("trend", _("近12个月收案与结案"), [_("收案"), _("结案")], trend_rows, chart="line"),
        _year_on_year(view),
        _children_table(view, area, "concluded", _("按地区或机构（本月结案）")),
    ]
    return [section]


def _year_on_year(view: View) -> Table:
    rows = []
    month, before_month = view.month, view.month.year_before()

    def span(m, prefix: str) -> str:
        first = m.year_to_date()[0].first_day
        return view.case_link(**{f"{prefix}_from": first, f"{prefix}_to": m.last_day})

    for key, area, label, prefix in (
        ("received", "cases", _("收案"), "filed"),
        ("concluded", "mediation", _("结案"), "concluded"),
    ):
        now = view.ytd_tree(area).get(key, 0)
        before = view.ytd_tree(area, before_month).get(key, 0)
        ratio = change(now, before)
        cells = [
            Cell(now, span(month, prefix)),
            Cell(before, span(before_month, prefix)),
            Cell("—" if ratio is None else ratio),
        ]
        rows.append((str(label), cells))
    columns = [_("本年累计"), _("上年同期"), _("同比（%）")]
    return Table("year_on_year", _("本年累计与上年同期"), columns, rows)


# ---------------------------------------------------------------- courts


def courts_month(start: dt.datetime, end: dt.datetime) -> Iterable[Fact]:
    """Pre-litigation cases by the month the court registered (delegated) them: of those,
    how many reached agreement, were confirmed (民特) or went to trial (转立案) so far."""
    counter = Counter()
    rows = PreLitigationCase.objects.filter(
        case__filed_at__gte=start, case__filed_at__lt=end
    ).values_list(
        "court_id", "case__town_code", "status", "special_case_number", "first_instance_number"
    )
    for court, town, status, special, first_instance in rows.iterator(chunk_size=5000):
        tree = counter.at(court, town)
        bump(tree, "delegated", 1)
        bump(tree, "agreed", int(status == PreLitigationStatus.SUCCESS))
        bump(tree, "failed", int(status == PreLitigationStatus.FAILED))
        bump(tree, "confirmed", int(bool(special)))
        bump(tree, "filed", int(bool(first_instance)))
    return counter.facts()


def courts_present(view: View) -> list[Section]:
    area = "courts"
    tree = view.month_tree(area)
    if not tree and not view.year_before_tree(area):
        return []
    link = _court_link(view)
    section = Section(area, _("诉前调解（按委派月份）"))
    section.figures = [
        view.figure("delegated", _("委派"), area, link=link("delegated")),
        view.figure("agreed", _("达成协议"), area, link=link("agreed")),
        Figure(
            "agreed_rate",
            _("成功率"),
            rate(tree.get("agreed", 0), tree.get("delegated", 0)),
            link("delegated"),
            unit="%",
        ),
        view.figure("confirmed", _("司法确认"), area, link=link("confirmed")),
        view.figure("filed", _("转立案"), area, link=link("filed")),
    ]
    return [section]


def _court_link(view: View):
    def link(stage: str) -> str:
        extra = {"pre_litigation": stage}
        if view.scope.is_court:
            return view.case_link(view.month, organisation="", court=view.scope.code, **extra)
        return view.case_link(view.month, **extra)

    return link


# ---------------------------------------------------------------- transfers


def transfers_month(start: dt.datetime, end: dt.datetime) -> Iterable[Fact]:
    """Hand-offs sent in the month (by receiver) and those answered in it, with how many
    hours the receiver took from delivery to answer."""
    counter = Counter()
    sent = Transfer.objects.filter(created_at__gte=start, created_at__lt=end).values_list(
        "to_organisation_id", "case__town_code", "kind"
    )
    for org, town, kind in sent.iterator(chunk_size=5000):
        bump(counter.at(org, town), "sent", 1)
        bump(counter.at(org, town), "by_kind", kind, 1)
    answered = Transfer.objects.filter(answered_at__gte=start, answered_at__lt=end).values_list(
        "to_organisation_id",
        "case__town_code",
        "status",
        "created_at",
        "delivered_at",
        "answered_at",
    )
    for org, town, status, created_at, delivered_at, answered_at in answered.iterator(
        chunk_size=5000
    ):
        tree = counter.at(org, town)
        hours = math.ceil(
            max((answered_at - (delivered_at or created_at)).total_seconds(), 0) / 3600
        )
        bump(tree, "answered", 1)
        bump(tree, "refused", int(status == "rejected"))
        bump(tree, "answer_hours", str(hours), 1)
    return counter.facts()


def transfers_present(view: View) -> list[Section]:
    area = "transfers"
    tree = view.month_tree(area)
    link = _transfer_link(view)
    section = Section(area, _("移送与反馈"))
    section.figures = [
        view.figure("sent", _("本月移送"), area, link=link("sent")),
        view.figure("answered", _("本月答复"), area, link=link("answered")),
        view.figure("refused", _("退回"), area, link=link("refused")),
        Figure(
            "median_hours",
            _("答复中位用时（小时）"),
            median_of(tree.get("answer_hours", {})),
            link("answered"),
        ),
    ]
    kinds = dict(TransferKind.choices)
    rows = [
        (str(kinds.get(k, k)), [Cell(n, link("sent", transfer_kind=k))])
        for k, n in sorted(tree.get("by_kind", {}).items(), key=lambda kv: -kv[1])
    ]
    section.tables = [Table("transfers_by_kind", _("按移送类型"), [_("件数")], rows)]
    return [section]


def _transfer_link(view: View):
    """The case list of the cases whose transfers a figure counts: transfers are counted for
    the receiving organisation (and its ancestors) and the case's town, by the day they were
    sent (sent) or answered (answered, refused)."""

    def link(stage: str, **extra) -> str:
        span = {"transfer_from": view.month.first_day, "transfer_to": view.month.last_day}
        if view.scope.organisation is not None:
            extra |= {"organisation": "", "transfer_org": view.scope.code}
        return view.case_link(transfer=stage, **span, **extra)

    return link


# ---------------------------------------------------------------- service activities


def activities_month(start: dt.datetime, end: dt.datetime) -> Iterable[Fact]:
    counter = Counter()
    first, last = timezone.localdate(start), timezone.localdate(end)
    rows = ServiceActivity.objects.filter(held_on__gte=first, held_on__lt=last).values_list(
        "organisation_id", "region_id", "kind", "people_reached"
    )
    for org, region, kind, people in rows.iterator(chunk_size=5000):
        tree = counter.at(org, region[:9])
        bump(tree, "activities", 1)
        bump(tree, "people", people)
        bump(tree, "by_kind", kind, 1)
    return counter.facts()


def activities_present(view: View) -> list[Section]:
    area = "activities"
    tree = view.month_tree(area)
    month = view.month
    section = Section(area, _("服务活动"))
    section.figures = [
        view.figure("activities", _("本月活动"), area, link=activity_link(view, month)),
        view.figure("people", _("服务人数"), area, link=activity_link(view, month)),
        Figure(
            "ytd",
            _("本年累计活动"),
            view.ytd_tree(area).get("activities", 0),
            activity_link(view, month, held_from=month.year_to_date()[0].first_day),
        ),
    ]
    kinds = dict(ActivityKind.choices)
    rows = [
        (str(kinds.get(k, k)), [Cell(n, activity_link(view, month, kind=k))])
        for k, n in sorted(tree.get("by_kind", {}).items(), key=lambda kv: -kv[1])
    ]
    places = [
        (name, [Cell(c.get("activities", 0), activity_link(view, month, child=code))])
        for code, name, c in view.children(area)
    ]
    section.tables = [
        Table("activities_by_kind", _("按活动类型"), [_("场次")], rows, chart="bar"),
        Table("activities_by_place", _("按地区或机构"), [_("场次")], places),
    ]
    return [section]


def activity_link(view: View, month, *, child: str = "", **filters) -> str:
    """The activity register showing exactly the activities a figure counts."""
    params = {"held_from": month.first_day.isoformat(), "held_to": month.last_day.isoformat()}
    code = child or view.scope.code
    if code.isdigit():
        params["region"] = code
    else:
        params["organisation"] = code
    params |= {k: str(v) for k, v in filters.items()}
    return reverse("stats:activities") + "?" + urlencode(params)


def register_all() -> None:
    register(Provider("cases", gettext_lazy("收案"), cases_month, cases_present, cases_now, 10))
    register(
        Provider("mediation", gettext_lazy("调解"), mediation_month, mediation_present, order=20)
    )
    register(Provider("courts", gettext_lazy("诉前调解"), courts_month, courts_present, order=30))
    register(
        Provider("transfers", gettext_lazy("移送"), transfers_month, transfers_present, order=40)
    )
    register(
        Provider(
            "activities", gettext_lazy("服务活动"), activities_month, activities_present, order=50
        )
    )
