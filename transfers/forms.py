from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import RefusalReason

if TYPE_CHECKING:
    from accounts.models import Organisation


class RejectForm(forms.Form):
    reason = forms.ModelChoiceField(
        label=_("退回理由"),
        queryset=RefusalReason.objects.filter(is_active=True),
        to_field_name="code",
        empty_label=_("请选择"),
    )
    text = forms.CharField(
        label=_("具体原因"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("写明原因和建议的去向，退回后案件回到移送机构的待办。"),
    )


# Which kind of organisation receives each referral a member of staff can start.
REFERRAL_TARGETS = {
    "refer_legal_aid": "legal_aid_centre",
    "refer_labour_arbitration": "labour_arbitration",
    "refer_petition": "petition_office",
}


def referral_targets(case):
    """Where a case may be handed: the receiving bodies of its own county (and the city's)
    where someone can act on it. Escalation up the mediation ladder is mediation's verb."""
    from accounts.access import staffed_organisations
    from accounts.models import Organisation

    candidates = Organisation.objects.filter(
        Q(region__code__startswith=case.county_code) | Q(code__endswith="-city"),
        kind__in=REFERRAL_TARGETS.values(),
        is_active=True,
    )
    staffed = staffed_organisations(list(candidates.values_list("pk", flat=True)))
    return candidates.filter(pk__in=sorted(staffed)).order_by("kind", "code")


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("移送类型"),
        choices=[
            ("refer_legal_aid", _("转法律援助")),
            ("refer_labour_arbitration", _("转劳动仲裁")),
            ("refer_petition", _("转信访部门")),
        ],
        help_text=_("调解中的案件上交上一级，请在调解页面“上交上一级”办理。"),
    )
    to_organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("接收机构"), queryset=None, empty_label=_("请选择")
    )
    has_consent = forms.BooleanField(
        label=_("当事人已同意向接收机构提供其信息"),
        required=False,
        help_text=_("未经当事人同意不能移送（法律规定必须移送的除外）。"),
    )
    consent_note = forms.CharField(
        label=_("同意方式"), max_length=200, required=False, help_text=_("如：当面签字确认")
    )
    note = forms.CharField(
        label=_("移送说明"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["to_organisation"].queryset = referral_targets(case)

    def clean(self):
        data = super().clean()
        kind, target = data.get("kind"), data.get("to_organisation")
        if kind and target:
            expected = REFERRAL_TARGETS.get(kind)
            if expected and target.kind != expected:
                self.add_error("to_organisation", _("接收机构与移送类型不符。"))
        if not data.get("has_consent"):
            self.add_error("has_consent", _("请先取得当事人同意。"))
        return data
