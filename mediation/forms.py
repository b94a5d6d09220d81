from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from zhanjiang_portal.params import BoundedDateField

from . import access
from .models import AgreementKind, Performance, Referral


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回说明"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoteForm(forms.Form):
    note = forms.CharField(label=_("结案说明"), max_length=300, required=False)


class RouteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("分派至"),
        queryset=Organisation.objects.none(),
        help_text=_("本中心的工作室，或纠纷发生地的镇、村调委会"),
    )
    reason = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["organisation"].queryset = access.route_targets(case)


class ReassignForm(forms.Form):
    mediator = forms.TypedChoiceField(label=_("改派给"), coerce=int)
    reason = forms.CharField(label=_("改派理由"), max_length=200)

    def __init__(self, *args, roster=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediator"].choices = list(roster)


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("开始时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("结束时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    room = forms.ModelChoiceField(
        label=_("调解室"), queryset=Organisation.objects.none(), required=False
    )
    place = forms.CharField(
        label=_("其他地点"),
        max_length=100,
        required=False,
        help_text=_("不在中心调解室时填写，如村委会会议室"),
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["room"].queryset = access.session_rooms(case)


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label=_("取消原因"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class SessionRecordForm(forms.Form):
    attendance = forms.CharField(
        label=_("到场人员"),
        max_length=500,
        help_text=_("每行一人，如：申请人陈某（本人到场）"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    minutes = forms.CharField(
        label=_("调解笔录"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("协议形式"), choices=AgreementKind.choices)
    facts = forms.CharField(
        label=_("纠纷主要事实、争议事项"), widget=forms.Textarea(attrs={"rows": 4})
    )
    text = forms.CharField(
        label=_("其他约定"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    judicial_confirmation = forms.BooleanField(
        label=_("当事人共同申请司法确认"),
        required=False,
        help_text=_("法院委派的案件，结果和此项一并反馈法院"),
    )
    on_the_spot_reason = forms.CharField(
        label=_("当场调解情况"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("没有记录过调解笔录、当场调解达成协议的，写明时间、地点和经过"),
    )


class TermForm(forms.Form):
    obligor = forms.CharField(label=_("义务人"), max_length=100, required=False)
    action = forms.CharField(
        label=_("履行事项"), max_length=300, required=False, help_text=_("如：支付赔偿款、拆除围墙")
    )
    amount = forms.DecimalField(
        label=_("金额（元）"), max_digits=14, decimal_places=2, required=False
    )
    due_date = forms.DateField(
        label=_("履行期限"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_amount(self):
        amount = self.cleaned_data.get("amount")
        if amount is not None and amount < 0:
            raise forms.ValidationError(_("金额不能小于 0。"))
        return amount


TermFormSet = forms.formset_factory(TermForm, extra=3, max_num=10)


class FollowUpForm(forms.Form):
    performance = forms.ChoiceField(label=_("履行情况"), choices=Performance.choices)
    visited_on = forms.DateField(
        label=_("回访日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("回访情况"), widget=forms.Textarea(attrs={"rows": 3}))


class ConsentFields(forms.Form):
    """The parties' consent to their data going to the receiving organisation; the service
    (through transfers) refuses a hand-off without it, with the message on this field."""

    has_consent = forms.BooleanField(
        label=_("当事人已同意向接收机构提供其信息"),
        required=False,
        help_text=_("未经当事人同意不能移送（法律规定必须移送的除外）。"),
    )
    consent_note = forms.CharField(
        label=_("同意方式"), max_length=200, required=False, help_text=_("如：当面签字确认")
    )


class EscalateForm(ConsentFields, ReasonForm):
    field_order = ["reason", "has_consent", "consent_note"]


class ReferForm(ConsentFields):
    referral = forms.ChoiceField(label=_("引导去向"), choices=Referral.choices)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)

    field_order = ["referral", "note", "has_consent", "consent_note"]


class SignedCopyForm(forms.Form):
    file = forms.FileField(
        label=_("签字盖章的协议书扫描件"), help_text=_("PDF、JPG 或 PNG，不超过 10 MB")
    )


class CalendarWeekForm(forms.Form):
    """A room calendar's ?from=<date>: the first day shown (today when absent)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the field is added by name.
        self.fields["from"] = BoundedDateField(required=False)

    def first_day(self) -> dt.date:
        return self.cleaned_data.get("from") or timezone.localdate()
