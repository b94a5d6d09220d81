from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DisputeCategoryQuerySet(models.QuerySet):
    def active(self) -> DisputeCategoryQuerySet:
        return self.filter(is_active=True)


class DisputeCategory(models.Model):
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    court_cause = models.CharField(_("对应案由"), max_length=60, blank=True)
    is_village_level = models.BooleanField(
        _("先由村调委会调解"),
        default=False,
        help_text=_("小事不出村：此类纠纷先交村（社区）人民调解委员会"),
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = DisputeCategoryQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("纠纷类别")
        verbose_name_plural = _("纠纷类别")

    def __str__(self) -> str:
        return self.name
