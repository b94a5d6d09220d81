from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class LookupForm(forms.Form):
    number = forms.CharField(
        label=_("案件编号或案号"),
        max_length=80,
        help_text=_("例如 坡头调〔2026〕12号，或（2026）粤0804民诉前调12号"),
    )
    password = forms.CharField(
        label=_("查询密码"), max_length=12, help_text=_("当事人收到的6位数字")
    )
