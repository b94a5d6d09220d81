from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

CITY_CODE = "440800"
# Every county, town and village code of Zhanjiang starts with these digits; the city's own
# code (440800) does not share the county-level digits, so its subtree is this prefix.
CITY_PREFIX = "4408"


class RegionQuerySet(models.QuerySet):
    def children_of(self, code: str | None) -> RegionQuerySet:
        return self.filter(parent_id=code or CITY_CODE)

    def villages(self) -> RegionQuerySet:
        return self.filter(level=Region.Level.VILLAGE)


class Region(models.Model):
    """An administrative division (GB/T 2260 and NBS statistical codes).

    Codes nest: a county's six digits start its towns' nine, which start their villages'
    twelve, so a subtree is a code prefix (see ``subtree_prefix``).
    """

    class Level(models.TextChoices):
        CITY = "city", _("市")
        COUNTY = "county", _("区/县")
        TOWN = "town", _("镇/街道")
        VILLAGE = "village", _("村/社区")

    code = models.CharField(_("区划代码"), max_length=12, primary_key=True)
    name = models.CharField(_("名称"), max_length=60)
    level = models.CharField(_("级别"), max_length=8, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    dataset_version = models.CharField(_("数据版本"), max_length=20, default="2023")
    # Statistical codes change between releases; a retired code stays because old records use it.
    is_active = models.BooleanField(_("现行"), default=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        indexes = [models.Index(fields=["parent", "code"])]

    def __str__(self) -> str:
        return self.name

    @property
    def subtree_prefix(self) -> str:
        return CITY_PREFIX if self.level == self.Level.CITY else self.code

    @property
    def county_code(self) -> str:
        return self.code[:6]

    @property
    def town_code(self) -> str | None:
        return self.code[:9] if len(self.code) >= 9 else None
