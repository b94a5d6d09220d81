from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import clean_mobile
from cases.models import DisputeCategory
from villages.models import Region

from .models import PetitionChannel


class RegisterForm(forms.Form):
    petitioner_name = forms.CharField(label=_("信访人姓名"), max_length=100)
    petitioner_phone = forms.CharField(
        label=_("联系电话"), max_length=20, required=False, help_text=_("11位手机号码")
    )
    channel = forms.ChoiceField(label=_("信访形式"), choices=PetitionChannel.choices)
    matter = forms.CharField(
        label=_("信访事项"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    village_code = forms.CharField(
        label=_("事项发生地（村/社区区划代码）"),
        max_length=12,
        help_text=_("12位区划代码，例如 440804104207（高岭村委会）"),
    )
    category = forms.ModelChoiceField(
        label=_("纠纷类别"), queryset=DisputeCategory.objects.active(), required=False
    )
    is_group = forms.BooleanField(label=_("集体访（5人以上）"), required=False)
    group_size = forms.IntegerField(label=_("人数"), min_value=1, max_value=10000, initial=1)

    def clean_petitioner_phone(self) -> str:
        value = self.cleaned_data["petitioner_phone"].strip()
        return str(clean_mobile(value)) if value else ""

    def clean_village_code(self) -> str:
        value = self.cleaned_data["village_code"].strip()
        if not Region.objects.villages().filter(code=value).exists():
            raise ValidationError(_("区划代码不存在，请填写12位村（社区）代码。"))
        return value


class DecideForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("决定"),
        choices=[("yes", _("受理")), ("no", _("不予受理"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    notice = forms.CharField(
        label=_("告知信访人的内容"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("写明告知的方式和内容，例如：电话告知已受理，60日内书面答复。"),
    )


class HandOverForm(forms.Form):
    target = forms.ModelChoiceField(label=_("交办给"), queryset=None)
    note = forms.CharField(
        label=_("交办说明"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    has_consent = forms.BooleanField(label=_("信访人同意向接收机构提供其信息"), required=False)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=30)
    reason = forms.CharField(label=_("延长理由"), max_length=300)
    approved_by = forms.ModelChoiceField(label=_("批准人（负责人）"), queryset=None)

    def __init__(self, *args, approvers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].queryset = approvers


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


def approvers_for(office):
    from accounts.models import Membership, Role

    ids = Membership.objects.active().filter(
        organisation=office, role__in=[Role.CENTRE_SUPERVISOR, Role.ADMINISTRATOR]
    )
    return get_user_model().objects.filter(pk__in=ids.values("user_id"), is_active=True)
