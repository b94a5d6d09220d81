"""12368 for every case: the enquiry password given to the parties, and the log of enquiries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnquiryPassword(models.Model):
    """A case's current enquiry password (a keyed hash of it); issuing a new one replaces it."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="enquiry_password"
    )
    password_hash = models.CharField(max_length=64)
    issued_at = models.DateTimeField(_("发放时间"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("查询密码")
        verbose_name_plural = _("查询密码")

    def __str__(self) -> str:
        return f"{self.case_id}"


class EnquiryLog(models.Model):
    """Every enquiry an operator made, answered or not; the password itself is never kept."""

    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    number_given = models.CharField(_("来电人报出的编号"), max_length=80)
    answered = models.BooleanField(_("已答复"))
    at = models.DateTimeField(_("查询时间"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("12368查询记录")
        verbose_name_plural = _("12368查询记录")
        indexes = [
            models.Index(fields=["operator", "-at"]),
            models.Index(fields=["case", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.number_given}"
