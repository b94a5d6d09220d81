"""Forms of the public filing page and the window intake page. Both end in a CaseInput for
services.file_case; the API's serializers (cases/api.py) apply the same checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import clean_credit_code, clean_mobile, clean_resident_id
from villages.models import Region

from .models import Channel, DisputeCategory, PartyKind, PartySide, Sex, Urgency
from .services import CaseInput, PartyInput

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def check_resident_id(value: str) -> str:
    return clean_resident_id(value) if value else ""


def check_mobile(value: str) -> str:
    return clean_mobile(value) if value else ""


def check_village(code: str) -> str:
    if not Region.objects.villages().filter(code=code).exists():
        raise ValidationError(_("请选择纠纷发生地所在的村（社区）。"), code="village")
    return code


def check_birth_date(value: dt.date | None) -> dt.date | None:
    if value is not None and not dt.date(1900, 1, 1) <= value <= timezone.localdate():
        raise ValidationError(_("出生日期应在1900年至今天之间。"), code="birth_date")
    return value


class PublicFilingForm(forms.Form):
    """Four short steps on one page (static/js/cases-filing.js shows one at a time)."""

    STEPS: tuple[tuple[int, StrOrPromise, list[str]], ...] = (
        (
            1,
            _("您的信息"),
            ["applicant_name", "applicant_id_number", "applicant_phone", "applicant_address"],
        ),
        (
            2,
            _("对方信息"),
            [
                "respondent_name",
                "respondent_id_number",
                "respondent_credit_code",
                "respondent_phone",
                "respondent_address",
            ],
        ),
        (
            3,
            _("纠纷情况"),
            ["category", "county", "town", "village", "description", "request", "claim_amount"],
        ),
        (4, _("确认提交"), ["consent"]),
    )

    applicant_name = forms.CharField(label=_("您的姓名"), max_length=50)
    applicant_id_number = forms.CharField(
        label=_("身份证号码"), max_length=20, help_text=_("18位，例如 440802199001011238")
    )
    applicant_phone = forms.CharField(
        label=_("手机号码"), max_length=20, help_text=_("11位，调解员会打这个电话联系您")
    )
    applicant_address = forms.CharField(label=_("住址"), max_length=200, required=False)
    respondent_name = forms.CharField(
        label=_("对方姓名或单位名称"), max_length=100, help_text=_("知道多少填多少")
    )
    respondent_id_number = forms.CharField(label=_("对方身份证号码"), max_length=20, required=False)
    respondent_credit_code = forms.CharField(
        label=_("对方是单位的，填统一社会信用代码"), max_length=20, required=False
    )
    respondent_phone = forms.CharField(label=_("对方手机号码"), max_length=20, required=False)
    respondent_address = forms.CharField(label=_("对方住址"), max_length=200, required=False)
    category = forms.ModelChoiceField(
        label=_("纠纷类别"),
        queryset=DisputeCategory.objects.active(),
        to_field_name="code",
        empty_label=_("请选择"),
    )
    county = forms.ChoiceField(label=_("区（县、市）"), required=False)
    town = forms.ChoiceField(label=_("镇（街道）"), required=False)
    village = forms.ChoiceField(label=_("村（社区）"))
    description = forms.CharField(
        label=_("纠纷经过"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("什么时候、在哪里、发生了什么事"),
    )
    request = forms.CharField(
        label=_("您希望怎样解决"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    claim_amount = forms.DecimalField(
        label=_("涉及金额（元，可不填）"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
    )
    consent = forms.BooleanField(
        label=_("我同意由人民调解组织调解此纠纷，并同意为办理本案使用我填写的个人信息"),
        error_messages={"required": _("需要您同意调解，才能提交申请。")},
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    # Which rule of accounts.identifiers each field follows, for the page's own check before
    # a step is left (static/js/cases-checks.js); the server checks again on submit.
    CHECKS = {
        "applicant_id_number": "resident-id",
        "applicant_phone": "mobile",
        "respondent_id_number": "resident-id",
        "respondent_phone": "mobile",
        "respondent_credit_code": "credit-code",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._region_choices()
        self._client_checks()

    def _client_checks(self) -> None:
        for name, field in self.fields.items():
            if name in self.CHECKS:
                field.widget.attrs["data-check"] = self.CHECKS[name]
            if field.required:
                field.widget.attrs["data-required-message"] = field.error_messages["required"]

    def _region_choices(self) -> None:
        """Counties always; the towns and villages of what is chosen, so a re-shown form keeps
        the choice (the page's script fills the lists as the user picks)."""
        empty = [("", _("请选择"))]
        counties = Region.objects.children_of(None).values_list("code", "name")
        self.fields["county"].choices = empty + list(counties)
        county = self.data.get("county") or self.initial.get("county")
        town = self.data.get("town") or self.initial.get("town")
        towns = Region.objects.children_of(county).values_list("code", "name") if county else []
        self.fields["town"].choices = empty + list(towns)
        villages = Region.objects.children_of(town).values_list("code", "name") if town else []
        self.fields["village"].choices = empty + list(villages)
        village = self.data.get("village")
        if village and not town:
            # A client that posts the village alone (no script) still names a real village.
            self.fields["village"].choices += list(
                Region.objects.villages().filter(code=village).values_list("code", "name")
            )

    def clean_applicant_id_number(self) -> str:
        return check_resident_id(self.cleaned_data["applicant_id_number"])

    def clean_applicant_phone(self) -> str:
        return check_mobile(self.cleaned_data["applicant_phone"])

    def clean_respondent_id_number(self) -> str:
        return check_resident_id(self.cleaned_data["respondent_id_number"])

    def clean_respondent_phone(self) -> str:
        return check_mobile(self.cleaned_data["respondent_phone"])

    def clean_respondent_credit_code(self) -> str:
        value = self.cleaned_data["respondent_credit_code"]
        return clean_credit_code(value).value if value else ""

    def clean_village(self) -> str:
        return check_village(self.cleaned_data["village"])

    def step_with_first_error(self) -> int:
        for number, _title, names in self.STEPS:
            if any(name in self.errors for name in names):
                return number
        return 1

    def steps(self) -> list[dict]:
        return [
            {"number": n, "title": t, "fields": [self[name] for name in names]}
            for n, t, names in self.STEPS
        ]

    def parties(self) -> list[PartyInput]:
        d = self.cleaned_data
        return [
            PartyInput(
                side=PartySide.APPLICANT,
                name=d["applicant_name"],
                id_number=d["applicant_id_number"],
                phone=d["applicant_phone"],
                address=d["applicant_address"],
            ),
            PartyInput(
                side=PartySide.RESPONDENT,
                name=d["respondent_name"],
                kind=PartyKind.ORGANISATION if d["respondent_credit_code"] else PartyKind.PERSON,
                id_number=d["respondent_id_number"],
                credit_code=d["respondent_credit_code"],
                phone=d["respondent_phone"],
                address=d["respondent_address"],
            ),
        ]

    def case_input(self) -> CaseInput:
        d = self.cleaned_data
        return CaseInput(
            category=d["category"],
            village_code=d["village"],
            description=d["description"],
            request=d["request"],
            claim_amount=d["claim_amount"],
            consent_to_mediation=True,
            parties=self.parties(),
            **self.extra_input(),
        )

    def extra_input(self) -> dict:
        return {}


class WindowIntakeForm(PublicFilingForm):
    """The window clerk's one-page form: the public fields plus channel, needs and urgency."""

    STEPS = (
        (
            1,
            _("来源"),
            ["channel", "urgency", "needs_elderly", "needs_dialect", "needs_disability"],
        ),
        # The public steps, retitled for a clerk who fills them in for someone else, with the
        # parties' basic facts the agreement states (optional: a walk-in may not know them).
        *(
            (number + 1, title, names + facts)
            for (number, _public_title, names), title, facts in zip(
                PublicFilingForm.STEPS[:3],
                [_("申请人"), _("被申请人"), _("纠纷情况")],
                [
                    [f"applicant_{f}" for f in ("sex", "birth_date", "ethnicity", "occupation")],
                    [
                        f"respondent_{f}"
                        for f in (
                            "sex",
                            "birth_date",
                            "ethnicity",
                            "occupation",
                            "legal_representative",
                        )
                    ],
                    [],
                ],
                strict=True,
            )
        ),
        (5, _("代理人（可不填）"), ["agent_name", "agent_phone", "agent_for"]),
        (6, _("确认"), ["consent", "confirm_duplicate"]),
    )

    channel = forms.ChoiceField(
        label=_("来源渠道"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
        initial=Channel.WINDOW,
    )
    urgency = forms.ChoiceField(
        label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL
    )
    needs_elderly = forms.BooleanField(label=_("老年人"), required=False)
    needs_dialect = forms.BooleanField(label=_("需方言（雷州话/粤语）"), required=False)
    needs_disability = forms.BooleanField(label=_("残障人士"), required=False)
    confirm_duplicate = forms.BooleanField(label=_("已核对疑似重复案件，仍然登记"), required=False)
    agent_name = forms.CharField(label=_("代理人姓名"), max_length=50, required=False)
    agent_phone = forms.CharField(label=_("代理人手机号码"), max_length=20, required=False)
    agent_for = forms.ChoiceField(
        label=_("代理哪一方"),
        choices=[(PartySide.APPLICANT, _("申请人")), (PartySide.RESPONDENT, _("被申请人"))],
        required=False,
    )

    applicant_sex = forms.ChoiceField(
        label=_("申请人性别"), choices=[("", _("请选择")), *Sex.choices], required=False
    )
    applicant_birth_date = forms.DateField(
        label=_("申请人出生日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("填了身份证号码的，性别和出生日期按身份证号码自动填写"),
    )
    applicant_ethnicity = forms.CharField(label=_("申请人民族"), max_length=20, required=False)
    applicant_occupation = forms.CharField(
        label=_("申请人职业或工作单位"), max_length=100, required=False
    )
    respondent_sex = forms.ChoiceField(
        label=_("被申请人性别"), choices=[("", _("请选择")), *Sex.choices], required=False
    )
    respondent_birth_date = forms.DateField(
        label=_("被申请人出生日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    respondent_ethnicity = forms.CharField(label=_("被申请人民族"), max_length=20, required=False)
    respondent_occupation = forms.CharField(
        label=_("被申请人职业或工作单位"), max_length=100, required=False
    )
    respondent_legal_representative = forms.CharField(
        label=_("被申请人是单位的，其法定代表人"), max_length=50, required=False
    )

    def clean_agent_phone(self) -> str:
        return check_mobile(self.cleaned_data["agent_phone"])

    def clean_applicant_birth_date(self) -> dt.date | None:
        return check_birth_date(self.cleaned_data["applicant_birth_date"])

    def clean_respondent_birth_date(self) -> dt.date | None:
        return check_birth_date(self.cleaned_data["respondent_birth_date"])

    def _facts(self, prefix: str) -> dict:
        d = self.cleaned_data
        names = ("sex", "birth_date", "ethnicity", "occupation", "legal_representative")
        return {n: d[f"{prefix}_{n}"] for n in names if f"{prefix}_{n}" in d}

    def parties(self) -> list[PartyInput]:
        parties = super().parties()
        for party, prefix in zip(parties, ("applicant", "respondent"), strict=False):
            for name, value in self._facts(prefix).items():
                setattr(party, name, value)
        d = self.cleaned_data
        if d.get("agent_name"):
            represented = 1 if d.get("agent_for") == PartySide.RESPONDENT else 0
            parties.append(
                PartyInput(
                    side=PartySide.AGENT,
                    name=d["agent_name"],
                    phone=d.get("agent_phone", ""),
                    agent_of=represented,
                )
            )
        return parties

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A walk-in may not carry an ID card; the clerk records what the caller can give.
        self.fields["applicant_id_number"].required = False
        self.fields["applicant_id_number"].widget.attrs.pop("data-required-message", None)
        self.fields["applicant_name"].label = _("申请人姓名")
        self.fields["applicant_phone"].help_text = _("11位手机号码")
        self.fields["request"].label = _("申请人请求")
        self.fields["consent"].label = _("当事人同意调解，并同意为办理本案使用其个人信息")
        self.fields["consent"].error_messages["required"] = _("当事人同意调解后才能登记。")

    def extra_input(self) -> dict:
        d = self.cleaned_data
        return {
            "urgency": d["urgency"],
            "needs_elderly": d["needs_elderly"],
            "needs_dialect": d["needs_dialect"],
            "needs_disability": d["needs_disability"],
        }


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("选择文件（照片、PDF 或 Word，每个不超过 20 MB）"))
    description = forms.CharField(label=_("说明（可不填）"), max_length=200, required=False)


class TrackingForm(forms.Form):
    number = forms.CharField(
        label=_("案件编号"), max_length=60, help_text=_("例如 坡头调〔2026〕12号")
    )
    code = forms.CharField(
        label=_("查询码"), max_length=16, help_text=_("提交申请时得到的10位查询码")
    )
