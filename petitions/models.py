"""Petitions (信访) registered by the petition office of the one-stop centre."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PetitionChannel(models.TextChoices):
    VISIT = "visit", _("走访")
    LETTER = "letter", _("来信")
    ONLINE = "online", _("网上信访")
    PHONE = "phone", _("来电")


class PetitionStatus(models.TextChoices):
    REGISTERED = "registered", _("已登记，待决定是否受理")
    NOT_ACCEPTED = "not_accepted", _("不予受理（已告知）")
    ACCEPTED = "accepted", _("已受理，办理中")
    TRANSFERRED = "transferred", _("已交办，办理中")
    REPLIED = "replied", _("已书面答复")
    REVIEW_REQUESTED = "review_requested", _("申请复查中")
    REVIEWED = "reviewed", _("复查已答复")


HANDLING_STATUSES = (PetitionStatus.ACCEPTED, PetitionStatus.TRANSFERRED)


class PetitionQuerySet(models.QuerySet):
    def open(self) -> PetitionQuerySet:
        return self.filter(
            status__in=[
                PetitionStatus.REGISTERED,
                *HANDLING_STATUSES,
                PetitionStatus.REVIEW_REQUESTED,
            ]
        )


class Petition(models.Model):
    """A petition; its clocks and timeline live on its own case (``case``), and the dispute
    it was handed on as (``dispute_case``) links back to it."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="petition")
    office = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("信访部门"),
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    petitioner_name = models.CharField(_("信访人"), max_length=100)
    petitioner_phone = models.CharField(_("联系电话"), max_length=11, blank=True)
    matter = models.TextField(_("信访事项"))
    channel = models.CharField(_("信访形式"), max_length=8, choices=PetitionChannel.choices)
    is_group = models.BooleanField(_("集体访"), default=False)
    group_size = models.PositiveIntegerField(_("人数"), default=1)
    status = models.CharField(
        _("状态"), max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.REGISTERED
    )
    received_at = models.DateTimeField(_("收到时间"), default=timezone.now)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decision_notice = models.TextField(_("告知信访人的内容"), blank=True)
    handed_to = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("交办机构"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dispute_case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("转成的纠纷案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions_from",
    )
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    reply = models.TextField(_("书面答复"), blank=True)
    review_requested_at = models.DateTimeField(_("申请复查时间"), null=True, blank=True)
    review_reason = models.TextField(_("复查理由"), blank=True)
    reviewed_at = models.DateTimeField(_("复查答复时间"), null=True, blank=True)
    review_reply = models.TextField(_("复查意见"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("信访事项")
        verbose_name_plural = _("信访事项")
        constraints = [
            models.CheckConstraint(condition=models.Q(group_size__gte=1), name="petition_group")
        ]
        indexes = [
            models.Index(fields=["office", "status", "-received_at", "-id"]),
            models.Index(fields=["office", "-received_at", "-id"]),
            models.Index(fields=["is_group", "-received_at"]),
        ]

    def __str__(self) -> str:
        return self.case.number if self.case_id else self.petitioner_name
