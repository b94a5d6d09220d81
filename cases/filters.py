"""The staff case list's filters, shared by the page, the API and the CSV export, so that an
export holds exactly what the list shows."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.access import scope_of
from accounts.models import Organisation
from villages.models import Region

from .models import CaseStatus, Channel, DisputeCategory
from .search import search

ORGANISATION_CHOICES_MAX = 200


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="filter_q")
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
    region = django_filters.CharFilter(label=_("地区"), method="filter_region")
    organisation = django_filters.CharFilter(label=_("承办机构"), method="filter_organisation")
    mine = django_filters.BooleanFilter(
        label=_("只看我承办的"), method="filter_mine", widget=forms.CheckboxInput
    )
    assignee = django_filters.NumberFilter(
        label=_("承办人编号"), field_name="assignee_id", widget=forms.NumberInput(attrs={"min": 1})
    )
    channel = django_filters.ChoiceFilter(
        label=_("来源渠道"), choices=Channel.choices, empty_label=_("全部")
    )
    filed_from = django_filters.DateFilter(
        label=_("登记日期从"), method="filter_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    filed_to = django_filters.DateFilter(
        label=_("登记日期至"), method="filter_to", widget=forms.DateInput(attrs={"type": "date"})
    )
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

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
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
