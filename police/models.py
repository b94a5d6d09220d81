"""Road-accident compensation disputes referred by the traffic police (智慧新交管)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccidentReferral(models.Model):
    """One accident report (道路交通事故认定书) pushed by an agency, and the case it became.
    ``document`` keeps the push as received (normalised), so a repeat can be compared."""

    agency = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("交警部门"),
        on_delete=models.PROTECT,
        related_name="accident_referrals",
    )
    report_number = models.CharField(_("事故认定书编号"), max_length=60)
    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="accident_referral"
    )
    accident_at = models.DateTimeField(_("事故时间"))
    place = models.CharField(_("事故地点"), max_length=200)
    vehicles = models.JSONField(_("车辆"), default=list)
    responsibility = models.TextField(_("责任认定"))
    injuries = models.TextField(_("伤亡情况"), blank=True)
    losses = models.TextField(_("损失情况"), blank=True)
    loss_amount = models.DecimalField(
        _("损失金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    document = models.JSONField(default=dict)
    received_at = models.DateTimeField(_("接收时间"), default=timezone.now)

    class Meta:
        verbose_name = _("交通事故移送")
        verbose_name_plural = _("交通事故移送")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "report_number"], name="accident_report_per_agency"
            )
        ]

    def __str__(self) -> str:
        return self.report_number
