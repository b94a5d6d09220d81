"""The registers' forms: they parse what was typed and hand it to one service; the rules live
in the services, whose field errors are put back on these forms."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import DisputeCategory

from . import services
from .models import (
    CommitteePosition,
    LedgerOutcome,
    LedgerSource,
    MeetingKind,
    PostingKind,
    Terrain,
)

DATE = forms.DateInput(attrs={"type": "date"})
LINE_ROWS = 10
MEMBER_ROWS = 8


class RuleForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=100, initial=_("村规民约"))
    text = forms.CharField(label=_("全文"), widget=forms.Textarea(attrs={"rows": 14}))
    change_note = forms.CharField(label=_("修订说明"), max_length=300, required=False)


class VoteForm(forms.Form):
    meeting_kind = forms.ChoiceField(label=_("会议类型"), choices=MeetingKind.choices)
    adopted_on = forms.DateField(label=_("通过日期"), widget=DATE)
    members_total = forms.IntegerField(
        label=_("应到人数"),
        min_value=1,
        help_text=_("村民会议：本村年满十八周岁的村民人数；村民代表会议：代表总数"),
    )
    households_total = forms.IntegerField(label=_("全村户数"), min_value=1, required=False)
    households_represented = forms.IntegerField(
        label=_("到会户代表户数"),
        min_value=0,
        required=False,
        help_text=_("村民会议以户代表计算法定人数时填写"),
    )
    present = forms.IntegerField(label=_("实到人数"), min_value=0)
    votes_for = forms.IntegerField(label=_("赞成票"), min_value=0)
    votes_against = forms.IntegerField(label=_("反对票"), min_value=0, initial=0)
    votes_abstain = forms.IntegerField(label=_("弃权票"), min_value=0, initial=0)

    def vote(self) -> services.Vote:
        return services.Vote(**self.cleaned_data)


class FilingForm(forms.Form):
    filed_on = forms.DateField(label=_("备案日期"), widget=DATE)
    receipt = forms.CharField(label=_("备案回执号"), max_length=60)


class ReviewForm(forms.Form):
    approved = forms.TypedChoiceField(
        label=_("审查结论"),
        choices=[("1", _("审查通过")), ("0", _("退回修改"))],
        coerce=lambda v: v == "1",
    )
    review_comment = forms.CharField(
        label=_("审查意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PostingForm(forms.Form):
    kind = forms.ChoiceField(label=_("公开类别"), choices=PostingKind.choices)
    period_start = forms.DateField(label=_("期间起"), widget=DATE)
    period_end = forms.DateField(label=_("期间止"), widget=DATE)
    title = forms.CharField(label=_("标题"), max_length=120)
    body = forms.CharField(
        label=_("公开内容"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    opening_balance = forms.DecimalField(
        label=_("期初余额（元）"), max_digits=14, decimal_places=2, required=False
    )
    closing_balance = forms.DecimalField(
        label=_("期末余额（元）"), max_digits=14, decimal_places=2, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(LINE_ROWS):
            self.fields[f"line{i}_direction"] = forms.ChoiceField(
                label=_("收/支"),
                choices=[("in", _("收入")), ("out", _("支出"))],
                required=False,
            )
            self.fields[f"line{i}_category"] = forms.CharField(
                label=_("科目"), max_length=60, required=False
            )
            self.fields[f"line{i}_amount"] = forms.DecimalField(
                label=_("金额（元）"), max_digits=14, decimal_places=2, required=False
            )

    def line_rows(self):
        return [
            [self[f"line{i}_{part}"] for part in ("direction", "category", "amount")]
            for i in range(LINE_ROWS)
        ]

    def posting_input(self) -> services.PostingInput:
        data = self.cleaned_data
        lines = tuple(
            services.Line(
                is_income=data[f"line{i}_direction"] != "out",
                category=data[f"line{i}_category"],
                amount=data[f"line{i}_amount"],
            )
            for i in range(LINE_ROWS)
            if data.get(f"line{i}_category") and data.get(f"line{i}_amount") is not None
        )
        return services.PostingInput(
            kind=data["kind"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            title=data["title"],
            body=data["body"],
            opening_balance=data["opening_balance"],
            closing_balance=data["closing_balance"],
            lines=lines,
        )

    @classmethod
    def initial_for(cls, posting) -> dict:
        initial = {
            name: getattr(posting, name)
            for name in (
                "kind",
                "period_start",
                "period_end",
                "title",
                "body",
                "opening_balance",
                "closing_balance",
            )
        }
        for i, line in enumerate(posting.lines.all()[:LINE_ROWS]):
            initial[f"line{i}_direction"] = "in" if line.is_income else "out"
            initial[f"line{i}_category"] = line.category
            initial[f"line{i}_amount"] = line.amount
        return initial


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("公开栏照片"))


class CorrectionForm(forms.Form):
    correction_reason = forms.CharField(label=_("更正原因"), max_length=300)


class QuestionForm(forms.Form):
    asker_name = forms.CharField(label=_("您的称呼（可不填）"), max_length=40, required=False)
    text = forms.CharField(
        label=_("您的问题"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复"), widget=forms.Textarea(attrs={"rows": 3}))


class ApplicationForm(forms.Form):
    head_name = forms.CharField(label=_("户主姓名"), max_length=40)
    requested_area = forms.DecimalField(
        label=_("申请面积（㎡）"), max_digits=8, decimal_places=2, min_value=Decimal("0.01")
    )
    terrain = forms.ChoiceField(label=_("地形类别"), choices=Terrain.choices)
    location = forms.CharField(label=_("拟建位置"), max_length=200)
    reason = forms.CharField(label=_("申请理由"), widget=forms.Textarea(attrs={"rows": 3}))
    current_homesteads = forms.CharField(
        label=_("现有宅基地情况"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("如无，请填“无”"),
    )
    has_transferred_house = forms.BooleanField(label=_("曾出卖、出租或赠与住宅"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(MEMBER_ROWS):
            self.fields[f"member{i}_name"] = forms.CharField(
                label=_("姓名"), max_length=40, required=i == 0
            )
            self.fields[f"member{i}_relation"] = forms.CharField(
                label=_("与户主关系"),
                max_length=20,
                required=i == 0,
                initial=_("户主") if i == 0 else "",
            )
            self.fields[f"member{i}_id_number"] = forms.CharField(
                label=_("身份证号"), max_length=20, required=i == 0
            )

    def member_rows(self):
        return [
            [self[f"member{i}_{part}"] for part in ("name", "relation", "id_number")]
            for i in range(MEMBER_ROWS)
        ]

    def application_input(self) -> services.ApplicationInput:
        data = self.cleaned_data
        members = tuple(
            services.Member(
                data[f"member{i}_name"], data[f"member{i}_relation"], data[f"member{i}_id_number"]
            )
            for i in range(MEMBER_ROWS)
            if data.get(f"member{i}_name") or data.get(f"member{i}_id_number")
        )
        return services.ApplicationInput(
            head_name=data["head_name"],
            members=members,
            requested_area=data["requested_area"],
            terrain=data["terrain"],
            location=data["location"],
            reason=data["reason"],
            current_homesteads=data["current_homesteads"],
            has_transferred_house=data["has_transferred_house"],
        )


class VillageReviewForm(forms.Form):
    agree = forms.TypedChoiceField(
        label=_("村审查意见"),
        choices=[("1", _("同意，张榜公示")), ("0", _("不同意"))],
        coerce=lambda v: v == "1",
    )
    village_comment = forms.CharField(
        label=_("意见说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class NoticeForm(forms.Form):
    notice_from = forms.DateField(label=_("公示开始"), widget=DATE)
    notice_until = forms.DateField(label=_("公示截止"), widget=DATE)


class DecisionForm(forms.Form):
    decision_reason = forms.CharField(
        label=_("审批意见/理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ParcelForm(forms.Form):
    number = forms.CharField(label=_("宗地编号"), max_length=40)
    household_head = forms.CharField(label=_("户主"), max_length=40)
    holder_id_number = forms.CharField(label=_("户主身份证号"), max_length=20)
    area = forms.DecimalField(
        label=_("面积（㎡）"), max_digits=8, decimal_places=2, min_value=Decimal("0.01")
    )
    location = forms.CharField(label=_("坐落"), max_length=200)
    certificate_number = forms.CharField(label=_("不动产权证号"), max_length=60, required=False)


class LinkCaseForm(forms.Form):
    case_number = forms.CharField(label=_("纠纷案件编号"), max_length=60)


class LedgerForm(forms.Form):
    found_on = forms.DateField(label=_("发现/受理日期"), widget=DATE)
    source = forms.ChoiceField(label=_("来源"), choices=LedgerSource.choices)
    parties = forms.CharField(label=_("当事人"), max_length=200)
    category = forms.ModelChoiceField(
        label=_("纠纷类型"), queryset=DisputeCategory.objects.filter(is_active=True)
    )
    summary = forms.CharField(label=_("简要情况"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseEntryForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("化解结果"), choices=[c for c in LedgerOutcome.choices if c[0] != "pending"]
    )
    outcome_note = forms.CharField(label=_("结果说明"), max_length=300, required=False)
    closed_on = forms.DateField(label=_("办结日期"), widget=DATE)


class RoundForm(forms.Form):
    month = forms.DateField(label=_("月份（该月任一日）"), widget=DATE)
    done_on = forms.DateField(label=_("排查日期"), widget=DATE)
    found_count = forms.IntegerField(
        label=_("发现纠纷数"), min_value=0, initial=0, help_text=_("没有发现也要报告（零报告）")
    )
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class MemberForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=40)
    position = forms.ChoiceField(label=_("职务"), choices=CommitteePosition.choices)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
