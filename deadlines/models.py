from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeadlineUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", _("自然日")
    WORKING_DAYS = "working_days", _("工作日")
    HOURS = "hours", _("小时")
    MONTHS = "months", _("月")


class DeadlineRule(models.Model):
    """A statutory or local clock (domain.md §2), editable by an administrator."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    unit = models.CharField(_("单位"), max_length=20, choices=DeadlineUnit.choices)
    amount = models.PositiveIntegerField(_("期限"))
    max_extension = models.PositiveIntegerField(_("最多延长"), default=0)
    basis = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("期限规则")
        verbose_name_plural = _("期限规则")

    def __str__(self) -> str:
        return self.name


class DeadlineQuerySet(models.QuerySet):
    def open(self) -> DeadlineQuerySet:
        return self.filter(met_at__isnull=True)


class Deadline(models.Model):
    """A running clock on a case; created by the service that starts it, never by hand."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="deadlines")
    kind = models.CharField(_("类型"), max_length=40)
    rule = models.ForeignKey(DeadlineRule, on_delete=models.PROTECT, related_name="deadlines")
    starts_at = models.DateTimeField(_("起算"))
    due_at = models.DateTimeField(_("届满"))
    met_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("期限")
        verbose_name_plural = _("期限")
        indexes = [models.Index(fields=["met_at", "due_at"]), models.Index(fields=["case", "kind"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.due_at:%Y-%m-%d}"
