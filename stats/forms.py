from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.access import scope_of
from accounts.models import READ_ONLY_ROLES, Organisation
from villages.models import CITY_CODE, Region

from .models import ActivityKind
from .services import ActivityInput


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field: a plain FileField reads the list the widget gives as no
    file at all ("未提交文件"), so each file is cleaned on its own."""

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return super().clean(data, initial)


class ActivityForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("组织单位"), queryset=Organisation.objects.none(), to_field_name="code"
    )
    kind = forms.ChoiceField(label=_("活动类型"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("活动名称"), max_length=100)
    held_on = forms.DateField(label=_("活动日期"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("活动地点"), max_length=100)
    region = forms.CharField(
        label=_("所在镇（街道）或村（社区）代码"),
        max_length=12,
        help_text=_("9 位镇（街道）代码或 12 位村（社区）代码，例如 440804104207"),
    )
    people_reached = forms.IntegerField(label=_("服务人数"), min_value=0, max_value=1_000_000)
    is_public = forms.BooleanField(label=_("向公众公布（普法活动预告）"), required=False)
    photos = MultipleFileField(
        label=_("活动照片"), required=False, widget=MultipleFileInput(attrs={"accept": "image/*"})
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Any active organisation parses; whether this person may record for it is the verb's
        # question (stats.verbs), so that a refusal reads the same on the page and the API.
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)
        scope = scope_of(user)
        acting = {
            org for role, orgs in scope.roles.items() if role not in READ_ONLY_ROLES for org in orgs
        }
        if not scope.may_act_city_wide and 0 < len(acting) <= 200:
            choices = Organisation.objects.filter(pk__in=acting, is_active=True).order_by("code")
            self.fields["organisation"].widget = forms.Select(
                choices=[("", "---------"), *choices.values_list("code", "name")]
            )
        else:
            self.fields["organisation"].widget = forms.TextInput()
            self.fields["organisation"].help_text = _("机构代号，例如 centre-440804")

    def clean_region(self) -> Region:
        code = self.cleaned_data["region"].strip()
        region = Region.objects.filter(code=code, level__in=["town", "village"]).first()
        if region is None:
            raise forms.ValidationError(_("没有这个镇（街道）或村（社区）代码。"))
        return region

    def activity_input(self) -> ActivityInput:
        data = self.cleaned_data
        return ActivityInput(
            organisation=data["organisation"],
            kind=data["kind"],
            title=data["title"],
            held_on=data["held_on"],
            place=data["place"],
            region=data["region"],
            people_reached=data["people_reached"],
            is_public=data["is_public"],
        )


class ReportMarkForm(forms.Form):
    prevented_criminal = forms.BooleanField(label=_("防止民转刑"), required=False)
    prevented_group_petition = forms.BooleanField(label=_("防止群体性上访"), required=False)


class ActivityFilterForm(forms.Form):
    """The register's filters: what a dashboard's activity figure counts."""

    held_from = forms.DateField(
        label=_("活动日期从"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    held_to = forms.DateField(
        label=_("活动日期至"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(
        label=_("活动类型"), required=False, choices=[("", _("全部")), *ActivityKind.choices]
    )
    region = forms.RegexField(
        label=_("地区代码"), required=False, regex=r"^\d{6}(\d{3}(\d{3})?)?$", max_length=12
    )
    organisation = forms.CharField(label=_("组织单位代号"), required=False, max_length=40)

    def narrow(self, rows):
        data = self.cleaned_data
        if data["held_from"]:
            rows = rows.filter(held_on__gte=data["held_from"])
        if data["held_to"]:
            rows = rows.filter(held_on__lte=data["held_to"])
        if data["kind"]:
            rows = rows.filter(kind=data["kind"])
        if data["region"] and data["region"] != CITY_CODE:
            rows = rows.filter(region__code__startswith=data["region"])
        if data["organisation"]:
            root = Organisation.objects.filter(code=data["organisation"]).values_list(
                "pk", flat=True
            )
            rows = rows.filter(organisation_id__in=sorted(Organisation.objects.subtree_ids(root)))
        return rows
