from __future__ import annotations

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from zhanjiang_portal.params import KeysetCursorField

PURPOSES = {
    "materials": _("需要您补充材料"),
    "attend": _("需要您到场参加调解"),
    "sign": _("需要您签署调解协议"),
    "confirm": _("需要您确认有关事项"),
}


class PauseForm(forms.Form):
    reason = forms.CharField(
        label=_("暂停原因"),
        max_length=200,
        help_text=_("例如：等待申请人补充经济困难证明材料。"),
        error_messages={"required": _("请填写暂停原因。")},
    )


class ExtendForm(forms.Form):
    new_due_date = forms.DateField(
        label=_("延长至"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("请选择新的届满日期。"), "invalid": _("日期格式不对。")},
    )
    reason = forms.CharField(
        label=_("延长理由"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写延长理由。")},
    )
    approved_by = forms.ModelChoiceField(
        label=_("批准人"),
        queryset=get_user_model().objects.none(),
        empty_label=_("请选择批准人"),
        error_messages={
            "required": _("延长期限须经负责人批准，请选择批准人。"),
            "invalid_choice": _("批准人不在可选范围内。"),
        },
    )

    def __init__(self, *args, approvers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].queryset = get_user_model().objects.filter(
            pk__in=[u.pk for u in approvers]
        )
        self.fields["approved_by"].label_from_instance = lambda u: (
            f"{u.last_name}{u.first_name}" or u.get_username()
        )


class PartyInviteForm(forms.Form):
    party = forms.TypedChoiceField(
        label=_("发给哪位当事人"), coerce=int, error_messages={"required": _("请选择当事人。")}
    )
    purpose = forms.ChoiceField(
        label=_("事由"), choices=list(PURPOSES.items()), initial="materials"
    )
    due_date = forms.DateField(
        label=_("请于何日前办理"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("请选择日期。"), "invalid": _("日期格式不对。")},
    )
    note = forms.CharField(
        label=_("补充说明（可不填）"),
        max_length=60,
        required=False,
        help_text=_("会附在短信末尾，最多 60 字，例如：请带身份证原件。"),
    )
    # One per form shown: a double click or a resubmitted page sends one SMS, not two.
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=40)

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [
            (p.pk, f"{p.get_side_display()} {p.name}（{p.phone[:3]}****{p.phone[-4:]}）")
            for p in parties
        ]
        self.fields["nonce"].initial = uuid.uuid4().hex


class PagingForm(forms.Form):
    """The query of a deadline list: the page position "<due_at iso>_<id>" and a clock kind."""

    after = KeysetCursorField(separator="_")
    kind = forms.CharField(required=False, max_length=40)
