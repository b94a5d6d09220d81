from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RefusalReason


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
