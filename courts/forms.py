from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import clean_mobile

from .models import SuccessRoute

if TYPE_CHECKING:
    from accounts.models import Organisation


class PreLitigationForm(forms.Form):
    court: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("委派法院"), queryset=None, empty_label=None
    )
    court_case_number = forms.CharField(
        label=_("诉前调解案号"), max_length=60, help_text=_("例如（2026）粤0804民诉前调12号")
    )
    cause_of_action = forms.CharField(
        label=_("案由"), max_length=60, help_text=_("例如 民间借贷纠纷")
    )
    claim_amount = forms.DecimalField(
        label=_("标的金额（元）"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    description = forms.CharField(
        label=_("诉讼请求及事实理由"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    applicant_name = forms.CharField(label=_("原告（申请人）姓名或名称"), max_length=100)
    applicant_phone = forms.CharField(label=_("原告手机号码"), max_length=20, required=False)
    respondent_name = forms.CharField(label=_("被告（被申请人）姓名或名称"), max_length=100)
    respondent_phone = forms.CharField(label=_("被告手机号码"), max_length=20, required=False)

    def __init__(self, *args, courts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts

    def _phone(self, name: str) -> str:
        value = self.cleaned_data.get(name, "")
        return clean_mobile(value) if value else ""

    def clean_applicant_phone(self) -> str:
        return self._phone("applicant_phone")

    def clean_respondent_phone(self) -> str:
        return self._phone("respondent_phone")


class DispatchForm(forms.Form):
    target: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("分派给调解组织"), queryset=None, empty_label=_("请选择")
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=365)
    both_parties_agree = forms.BooleanField(label=_("双方当事人均同意延长"), required=True)
    approved_by = forms.ModelChoiceField(
        label=_("批准人"),
        queryset=get_user_model().objects.none(),
        empty_label=_("请选择批准人"),
        error_messages={
            "required": _("延长期限须经负责人批准，请选择批准人。"),
            "invalid_choice": _("批准人不在可选范围内。"),
        },
    )
    reason = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args, approvers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].queryset = get_user_model().objects.filter(
            pk__in=[u.pk for u in approvers]
        )
        self.fields["approved_by"].label_from_instance = lambda u: (
            f"{u.last_name}{u.first_name}" or u.get_username()
        )


class FilingForm(forms.Form):
    number = forms.CharField(
        label=_("立案案号（民初）"), max_length=60, help_text=_("例如（2026）粤0804民初88号")
    )


class SuccessRouteForm(forms.Form):
    route = forms.ChoiceField(
        label=_("调解成功后的途径"), choices=[c for c in SuccessRoute.choices if c[0]]
    )
    number = forms.CharField(
        label=_("司法确认案号（民特）"),
        max_length=60,
        required=False,
        help_text=_("申请司法确认时填写，例如（2026）粤0804民特5号"),
    )

    def clean(self):
        data = super().clean()
        if data.get("route") == SuccessRoute.JUDICIAL_CONFIRMATION and not data.get("number"):
            raise ValidationError({"number": _("申请司法确认须填写民特案号。")})
        return data


class PreservationForm(forms.Form):
    applicant = forms.CharField(label=_("申请人"), max_length=100)
    amount = forms.DecimalField(
        label=_("申请保全金额（元）"), max_digits=14, decimal_places=2, min_value=0
    )
    property_description = forms.CharField(label=_("保全财产"), max_length=300)


class PreservationRulingForm(forms.Form):
    granted = forms.TypedChoiceField(
        label=_("裁定结果"),
        choices=[("1", _("准许保全")), ("0", _("驳回申请"))],
        coerce=lambda v: v == "1",
    )
    number = forms.CharField(
        label=_("保全案号（财保）"), max_length=60, required=False, help_text=_("准许时填写")
    )


class EnquiryForm(forms.Form):
    number = forms.CharField(
        label=_("案号"), max_length=60, help_text=_("例如（2026）粤0804民诉前调12号")
    )
    password = forms.CharField(
        label=_("查询密码"), max_length=12, help_text=_("受理通知书上印的6位数字")
    )


class DashboardFilterForm(forms.Form):
    court: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("法院"), queryset=None, required=False, empty_label=_("全部")
    )
    cause = forms.CharField(label=_("案由"), max_length=60, required=False)
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("调解组织"), queryset=None, required=False, empty_label=_("全部")
    )

    def __init__(self, *args, courts, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts
        self.fields["organisation"].queryset = organisations
