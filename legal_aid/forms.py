"""Forms shared by the pages and the API: each verb's input is validated once, here."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import clean_mobile, clean_resident_id
from cases.forms import PublicFilingForm, check_village

from .models import (
    CommitmentChannel,
    ExemptReason,
    MatterType,
    OutcomeResult,
    Satisfaction,
    SignatureMethod,
    TerminationGround,
)

YES_NO = [("yes", _("是")), ("no", _("否"))]


class EmptyForm(forms.Form):
    pass


class MaterialsForm(forms.Form):
    missing = forms.CharField(
        label=_("需补充的全部材料"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("一次性列明，例如：身份证复印件；劳动合同或工资条；欠薪证据。"),
    )


class CommitForm(forms.Form):
    method = forms.ChoiceField(label=_("签署方式"), choices=SignatureMethod.choices)
    channel = forms.ChoiceField(
        label=_("签署渠道"), choices=CommitmentChannel.choices, initial=CommitmentChannel.WINDOW
    )
    read_notice = forms.BooleanField(
        label=_("已向申请人告知事项、法律依据、虚假承诺的责任和核查方式"), required=True
    )


class ExemptForm(forms.Form):
    reason = forms.ChoiceField(label=_("免予核查理由"), choices=ExemptReason.choices)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class GrantForm(forms.Form):
    text = forms.CharField(label=_("决定说明"), max_length=500, required=False)
    late_reason = forms.CharField(
        label=_("逾期决定的原因"),
        max_length=300,
        required=False,
        help_text=_("超过 7 日决定期限时必填。"),
    )


class RefuseForm(forms.Form):
    reasons = forms.CharField(
        label=_("不予援助的理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    late_reason = forms.CharField(
        label=_("逾期决定的原因"),
        max_length=300,
        required=False,
        help_text=_("超过 7 日决定期限时必填。"),
    )


class AssignForm(forms.Form):
    lawyer = forms.IntegerField(
        label=_("律师"),
        required=False,
        help_text=_("不选则按名册自动公平指派（擅长事项、在办数量、轮候时间）。"),
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.fields["lawyer"].widget = forms.Select(
                choices=[("", _("按名册自动指派")), *choices]
            )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=300)


class VerifyForm(forms.Form):
    ok = forms.ChoiceField(label=_("承诺内容属实"), choices=YES_NO)
    note = forms.CharField(label=_("核验情况"), max_length=300, required=False)


class TerminateForm(forms.Form):
    ground = forms.ChoiceField(label=_("终止理由"), choices=TerminationGround.choices)
    text = forms.CharField(label=_("说明"), max_length=300, required=False)


class ObjectionForm(forms.Form):
    text = forms.CharField(
        label=_("异议内容"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class AnswerForm(forms.Form):
    uphold = forms.ChoiceField(
        label=_("处理结果"), choices=[("yes", _("维持原决定")), ("no", _("责令改正"))]
    )
    text = forms.CharField(label=_("处理意见"), max_length=300)


class CloseForm(forms.Form):
    result = forms.ChoiceField(label=_("办理结果"), choices=OutcomeResult.choices)
    amount_recovered = forms.DecimalField(
        label=_("挽回金额（元）"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    satisfaction = forms.TypedChoiceField(
        label=_("受援人满意度"),
        choices=[("", "—"), *Satisfaction.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class AwardForm(forms.Form):
    number = forms.CharField(label=_("裁决书文号"), max_length=60)
    text = forms.CharField(label=_("裁决结果"), max_length=500)
    amount = forms.DecimalField(
        label=_("裁决金额（元）"), min_value=0, max_digits=14, decimal_places=2, required=False
    )


class FileGrantForm(forms.Form):
    days = forms.IntegerField(label=_("阅卷天数"), min_value=1, initial=7)


class AgentFileRequestForm(forms.Form):
    number = forms.CharField(label=_("案件编号"), max_length=60)
    tracking_code = forms.CharField(label=_("当事人查询码"), max_length=16)
    reason = forms.CharField(
        label=_("代理情况"),
        max_length=300,
        help_text=_("写明代理的当事人和委托情况，承办机构核对授权委托书后准许。"),
    )


class FromCaseForm(forms.Form):
    matter_type = forms.ChoiceField(label=_("援助事项"), choices=MatterType.choices)
    applicant = forms.TypedChoiceField(label=_("申请人"), coerce=int)
    exempt_reason = forms.ChoiceField(
        label=_("免予核查经济困难的理由"),
        choices=[("", _("不适用（签署告知承诺）")), *ExemptReason.choices],
        required=False,
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant"].choices = [(p.pk, p.name) for p in parties]


class BadCreditForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=100)
    id_number = forms.CharField(label=_("身份证号"), max_length=18, required=False)
    phone = forms.CharField(label=_("手机号码"), max_length=11, required=False)
    reason = forms.CharField(label=_("列入原因"), max_length=300)

    def clean_id_number(self) -> str:
        value = self.cleaned_data["id_number"].strip()
        return clean_resident_id(value) if value else ""

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        return clean_mobile(value) if value else ""

    def clean(self):
        data = super().clean()
        if not data.get("id_number") and not data.get("phone"):
            raise forms.ValidationError(_("请至少填写身份证号或手机号码之一。"))
        return data


class PublicApplicationForm(forms.Form):
    """The public application, one page on a phone; the notice sits above the commitment."""

    applicant_name = forms.CharField(label=_("您的姓名"), max_length=100)
    applicant_phone = forms.CharField(
        label=_("手机号码"), max_length=11, help_text=_("例如 13812345678，用于联系和查询。")
    )
    applicant_id_number = forms.CharField(
        label=_("身份证号（可不填）"),
        max_length=18,
        required=False,
        help_text=_("18 位，最后一位可能是 X。"),
    )
    county = forms.ChoiceField(label=_("区（县、市）"), required=False)
    town = forms.ChoiceField(label=_("镇（街道）"), required=False)
    village = forms.ChoiceField(label=_("村（社区）"))
    matter_type = forms.ChoiceField(label=_("需要帮助的事项"), choices=MatterType.choices)
    opponent = forms.CharField(label=_("对方（欠薪单位、老板或其他人）"), max_length=100)
    amount_claimed = forms.DecimalField(
        label=_("请求金额（元，可不填）"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    facts = forms.CharField(
        label=_("发生了什么事"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    exempt_reason = forms.ChoiceField(
        label=_("您是否属于以下免予审查经济困难的情形"),
        choices=[("", _("都不属于（签署诚信承诺）")), *ExemptReason.choices],
        required=False,
    )
    is_urgent = forms.BooleanField(
        label=_("情况紧急：起诉、仲裁期限不足 7 日，或需要马上申请保全"), required=False
    )
    urgent_reason = forms.CharField(label=_("紧急情况说明"), max_length=300, required=False)
    commit = forms.BooleanField(
        label=_("我已阅读上面的告知内容，承诺所填经济困难情况真实，并授权核查"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The same county → town → village lists as the dispute filing page.
        PublicFilingForm._region_choices(self)

    def clean_applicant_phone(self) -> str:
        return clean_mobile(self.cleaned_data["applicant_phone"])

    def clean_applicant_id_number(self) -> str:
        value = self.cleaned_data["applicant_id_number"].strip()
        return clean_resident_id(value) if value else ""

    def clean_village(self) -> str:
        return check_village(self.cleaned_data["village"])

    def clean(self):
        data = super().clean()
        if not data.get("exempt_reason") and not data.get("commit"):
            self.add_error(
                "commit",
                _("请阅读告知内容并勾选承诺；属于免予审查情形的，请在上面选择。"),
            )
        if data.get("is_urgent") and not (data.get("urgent_reason") or "").strip():
            self.add_error("urgent_reason", _("请说明紧急情况，例如仲裁时效哪天届满。"))
        return data
