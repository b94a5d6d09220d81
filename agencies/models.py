"""Keys of other bodies' own systems (a traffic-police agency's, later a court's) that push
work into the portal. One model for every kind of agency, so that the court token can be
folded in: only a hash of the key is stored, its last use is recorded, and a key is rotated
by issuing its successor and revoking it in one step; revoked rows stay for the record."""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_key(key: str) -> str:
    # A fast hash is enough: the key is 256 random bits, never a password a person chose.
    return hashlib.sha256(key.encode()).hexdigest()


class AgencyTokenQuerySet(models.QuerySet):
    def active(self) -> AgencyTokenQuerySet:
        return self.filter(revoked_at__isnull=True, organisation__is_active=True)


class AgencyToken(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("机构"),
        on_delete=models.PROTECT,
        related_name="agency_tokens",
    )
    name = models.CharField(_("用途"), max_length=100, blank=True)
    key_prefix = models.CharField(_("密钥前缀"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("签发时间"), default=timezone.now)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("轮换后的令牌"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
    )

    objects = AgencyTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("机构接口令牌")
        verbose_name_plural = _("机构接口令牌")
        indexes = [models.Index(fields=["organisation", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.organisation} {self.key_prefix}…"
