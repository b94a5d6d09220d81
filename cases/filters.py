"""The staff case list's filters, shared by the page, the API and the CSV export, so that an
export holds exactly what the list shows."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.access import scope_of
from accounts.models import Organisation
from villages.models import Region
from zhanjiang_portal.params import BoundedDateField, IdField

from .models import CaseQuerySet, CaseStatus, Channel, DisputeCategory
from .search import search

ORGANISATION_CHOICES_MAX = 200


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class BoundedDateFilter(django_filters.DateFilter):
    """Dates between 1990 and tomorrow: 9999-12-31 is refused (400), not overflowed (500)."""

    field_class = BoundedDateField


class IdFilter(django_filters.NumberFilter):
    """A whole positive id that fits the column: 1e100 or 1.5 is refused, not sent to SQL."""

    field_class = IdField


def _day(label, method: str) -> django_filters.DateFilter:
    return BoundedDateFilter(
        label=label, method=method, widget=forms.DateInput(attrs={"type": "date"})
    )


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="filter_q", max_length=100)
    # No DISTINCT: a status is a column of the case, so no row can repeat.
    status = django_filters.MultipleChoiceFilter(
        label=_("状态"), choices=CaseStatus.choices, distinct=False
    )
    category = django_filters.ModelChoiceFilter(
        label=_("纠纷类别"),
        queryset=DisputeCategory.objects.all(),
        to_field_name="code",
        empty_label=_("全部"),
    )
    region = django_filters.CharFilter(label=_("地区"), method="filter_region", max_length=12)
    organisation = django_filters.CharFilter(
        label=_("承办机构"), method="filter_organisation", max_length=40
    )
    mine = django_filters.BooleanFilter(
        label=_("只看我承办的"), method="filter_mine", widget=forms.CheckboxInput
    )
    assignee = IdFilter(
        label=_("承办人编号"), field_name="assignee_id", widget=forms.NumberInput(attrs={"min": 1})
    )
    channel = django_filters.ChoiceFilter(
        label=_("来源渠道"), choices=Channel.choices, empty_label=_("全部")
    )
    filed_from = _day(_("登记日期从"), "filter_from")
    filed_to = _day(_("登记日期至"), "filter_to")
    # The statistics' figures link here; these read the mediation record and the court's
    # pre-litigation case by their relation names (no import of the higher apps).
    concluded_from = _day(_("结案日期从"), "filter_concluded_from")
    concluded_to = _day(_("结案日期至"), "filter_concluded_to")
    outcome = django_filters.ChoiceFilter(
        label=_("调解结果"),
        choices=[
            ("success", _("调解成功")),
            ("failed", _("调解不成")),
            ("withdrawn", _("撤回申请")),
            ("terminated", _("终止调解")),
            ("not_accepted", _("不予受理")),
        ],
        empty_label=_("全部"),
        method="filter_outcome",
    )
    pre_litigation = django_filters.ChoiceFilter(
        label=_("诉前调解"),
        choices=[
            ("delegated", _("法院委派")),
            ("agreed", _("达成协议")),
            ("failed", _("调解不成")),
            ("confirmed", _("已司法确认")),
            ("filed", _("已转立案")),
        ],
        empty_label=_("全部"),
        method="filter_pre_litigation",
    )
    court = django_filters.CharFilter(label=_("委派法院"), method="filter_court")
    agreed_from = _day(_("协议达成日期从"), "filter_agreed_from")
    agreed_to = _day(_("协议达成日期至"), "filter_agreed_to")
    village_level = django_filters.BooleanFilter(
        label=_("村级可调处的类别"),
        field_name="category__is_village_level",
        widget=forms.Select(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))]),
    )
    # Transfers the statistics count (sent in, answered in, refused in a span of days, to an
    # organisation's subtree): one EXISTS over the case's transfers, so a case is listed once.
    transfer = django_filters.ChoiceFilter(
        label=_("移送"),
        choices=[
            ("sent", _("收到移送")),
            ("answered", _("已答复移送")),
            ("refused", _("退回的移送")),
        ],
        empty_label=_("全部"),
        method="filter_transfer",
    )
    transfer_from = _day(_("移送日期从"), "keep")
    transfer_to = _day(_("移送日期至"), "keep")
    transfer_org = django_filters.CharFilter(label=_("接收机构"), method="keep")
    transfer_kind = django_filters.CharFilter(label=_("移送类型"), method="keep")
    overdue = django_filters.BooleanFilter(
        label=_("期限"),
        method="filter_overdue",
        widget=forms.Select(
            choices=[("", _("全部")), ("true", _("已超期")), ("false", _("未超期"))]
        ),
    )

    def offer_choices(self) -> None:
        """For the page (the API takes codes): organisation as a list when the user's scope
        is small enough to choose from (a city-wide user types the code instead). The region
        list is rendered by region_options()."""
        scope = scope_of(getattr(self.request, "user", None))
        if not scope.city_wide and 0 < len(scope.visible) <= ORGANISATION_CHOICES_MAX:
            organisations = Organisation.objects.filter(pk__in=scope.visible).order_by("code")
            self.form.fields["organisation"].widget = forms.Select(
                choices=[("", _("全部")), *organisations.values_list("code", "name")]
            )

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, value)

    def filter_mine(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        user = getattr(self.request, "user", None)
        return queryset.filter(assignee_id=user.pk) if value and user is not None else queryset

    def filter_region(self, queryset: CaseQuerySet, name: str, value: str) -> QuerySet:
        code = "".join(ch for ch in value if ch.isdigit())
        return queryset.in_region(code) if len(code) in (6, 9, 12) else queryset.none()

    def filter_organisation(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        root = Organisation.objects.filter(code=value).values_list("pk", flat=True).first()
        if root is None:
            return queryset.none()
        return queryset.filter(organisation_id__in=sorted(Organisation.objects.subtree_ids([root])))

    def filter_from(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(filed_at__gte=_day_start(value))

    def filter_to(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(filed_at__lt=_day_start(value + dt.timedelta(days=1)))

    def filter_concluded_from(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(mediation_file__outcome_at__gte=_day_start(value))

    def filter_concluded_to(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        end = _day_start(value + dt.timedelta(days=1))
        return queryset.filter(mediation_file__outcome_at__lt=end)

    def filter_outcome(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        outcomes = ["agreement_written", "agreement_oral"] if value == "success" else [value]
        return queryset.filter(mediation_file__outcome__in=outcomes)

    def filter_pre_litigation(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        stage = {
            "delegated": Q(pre_litigation__isnull=False),
            "agreed": Q(pre_litigation__status="success"),
            "failed": Q(pre_litigation__status="failed"),
            "confirmed": Q(pre_litigation__isnull=False)
            & ~Q(pre_litigation__special_case_number=""),
            "filed": Q(pre_litigation__isnull=False) & ~Q(pre_litigation__first_instance_number=""),
        }[value]
        return queryset.filter(stage)

    def filter_court(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(pre_litigation__court__code=value)

    def filter_agreed_from(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(agreement__reached_at__gte=_day_start(value))

    def filter_agreed_to(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(agreement__reached_at__lt=_day_start(value + dt.timedelta(days=1)))

    def keep(self, queryset: QuerySet, name: str, value) -> QuerySet:
        """Read by filter_transfer: these narrow the transfers, not the cases directly."""
        return queryset

    def filter_transfer(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        data = self.form.cleaned_data
        moment = "created_at" if value == "sent" else "answered_at"
        transfers = queryset.model._meta.get_field("transfers").related_model.objects.filter(
            case_id=OuterRef("pk")
        )
        if value == "answered":
            transfers = transfers.filter(answered_at__isnull=False)
        if value == "refused":
            transfers = transfers.filter(answered_at__isnull=False, status="rejected")
        if data.get("transfer_from"):
            transfers = transfers.filter(**{f"{moment}__gte": _day_start(data["transfer_from"])})
        if data.get("transfer_to"):
            end = _day_start(data["transfer_to"] + dt.timedelta(days=1))
            transfers = transfers.filter(**{f"{moment}__lt": end})
        if data.get("transfer_kind"):
            transfers = transfers.filter(kind=data["transfer_kind"])
        if data.get("transfer_org"):
            root = Organisation.objects.filter(code=data["transfer_org"]).values_list(
                "pk", flat=True
            )
            ids = sorted(Organisation.objects.subtree_ids(list(root)))
            transfers = transfers.filter(to_organisation_id__in=ids)
        return queryset.filter(Exists(transfers))

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        """Overdue: a running (open, not paused) clock is past due. The case's next_due_at is
        the earliest due time of its running clocks, kept by deadlines.services."""
        if value is None:
            return queryset
        now = timezone.now()
        if value:
            return queryset.filter(next_due_at__lt=now)
        return queryset.filter(Q(next_due_at__isnull=True) | Q(next_due_at__gte=now))


def region_options(selected: str) -> str:
    """The <option>s of the region list: counties and their towns, grouped. Built once per
    language as one string (divisions change once a year; a restart picks them up), because
    Django renders each widget option through a template, which for 134 options cost more
    than the rest of the page."""
    language = get_language()
    if language not in _REGION_OPTIONS:
        _REGION_OPTIONS[language] = _render_region_options()
    html = _REGION_OPTIONS[language]
    if selected.isdigit():
        html = html.replace(f'value="{selected}">', f'value="{selected}" selected>', 1)
    return mark_safe(html)  # every part was escaped by format_html


_REGION_OPTIONS: dict[str, str] = {}


def _render_region_options() -> str:
    groups = []
    for county_code, county_name, towns in _region_tree():
        options = [(county_code, _("%(name)s全部") % {"name": county_name})]
        options += [(code, f"· {name}") for code, name in towns]
        groups.append(
            format_html(
                '<optgroup label="{}">{}</optgroup>',
                county_name,
                format_html_join("", '<option value="{}">{}</option>', options),
            )
        )
    return format_html('<option value="">{}</option>', _("全市")) + "".join(groups)


def _region_tree() -> list[tuple[str, str, list[tuple[str, str]]]]:
    rows = Region.objects.filter(level__in=[Region.Level.COUNTY, Region.Level.TOWN]).values_list(
        "code", "name", "parent_id"
    )
    counties: dict[str, tuple[str, list]] = {}
    towns: list[tuple[str, str, str]] = []
    for code, name, parent in rows:
        if len(code) == 6:
            counties[code] = (name, [])
        else:
            towns.append((code, name, parent))
    for code, name, parent in towns:
        if parent in counties:
            counties[parent][1].append((code, name))
    return [(code, name, towns) for code, (name, towns) in sorted(counties.items())]
