"""Hand-offs between organisations: the outbox row every delivery rides on."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TransferKind(models.TextChoices):
    DELEGATE_PRE_LITIGATION = "delegate_pre_litigation", _("委派诉前调解")
    RETURN_RESULT = "return_result", _("调解结果反馈法院")
    REFER_LEGAL_AID = "refer_legal_aid", _("转法律援助")
    REFER_LABOUR_ARBITRATION = "refer_labour_arbitration", _("转劳动仲裁")
    REFER_PETITION = "refer_petition", _("转信访部门")
    ESCALATE = "escalate", _("提级（上报）处理")
    RETURN_POLICE_RESULT = "return_police_result", _("调解结果反馈交警")
    ASSIGN_PETITION = "assign_petition", _("信访事项交办")


# A court's delegation and the return of its result are steps of the court's own procedure:
# they go ahead without the parties' separate consent to share data. Every other hand-off
# needs it (online mediation rules, domain.md §10).
LAW_REQUIRED_KINDS = frozenset({TransferKind.DELEGATE_PRE_LITIGATION, TransferKind.RETURN_RESULT})


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("待送达")
    DELIVERED = "delivered", _("已送达")
    ACCEPTED = "accepted", _("已接收")
    REJECTED = "rejected", _("已退回（拒收）")
    RETURNED = "returned", _("已交回")
    EXPIRED = "expired", _("已过期")


ANSWERED_STATUSES = frozenset(
    {TransferStatus.ACCEPTED, TransferStatus.REJECTED, TransferStatus.RETURNED}
)


class ExternalStatus(models.TextChoices):
    NONE = "none", _("无外部系统")
    PENDING = "pending", _("待推送")
    ACKNOWLEDGED = "acknowledged", _("对方已确认")


class RefusalReason(models.Model):
    """The coded reasons a receiver may give (domain.md §10); reference data."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("理由"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("退回理由")
        verbose_name_plural = _("退回理由")

    def __str__(self) -> str:
        return self.name


class ExternalEndpoint(models.Model):
    """An organisation's own system that must hear of every transfer addressed to it (a
    court's case system): transfers are POSTed there, signed with the shared secret."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("机构"),
        on_delete=models.PROTECT,
        related_name="external_endpoint",
    )
    callback_url = models.URLField(_("回调地址"), max_length=300)
    secret = models.CharField(_("签名密钥"), max_length=128)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("外部系统接口")
        verbose_name_plural = _("外部系统接口")

    def __str__(self) -> str:
        return f"{self.organisation} → {self.callback_url}"


class TransferQuerySet(models.QuerySet):
    def inbox_of(self, organisation_ids) -> TransferQuerySet:
        return self.filter(to_organisation_id__in=organisation_ids)

    def returned_to(self, organisation_ids) -> TransferQuerySet:
        """Rejected transfers back in the sender's queue."""
        return self.filter(from_organisation_id__in=organisation_ids, status="rejected")

    def awaiting_answer(self) -> TransferQuerySet:
        return self.filter(status=TransferStatus.DELIVERED)


class Transfer(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="transfers")
    from_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("移送机构"),
        on_delete=models.PROTECT,
        related_name="transfers_out",
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("接收机构"),
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    kind = models.CharField(_("类型"), max_length=30, choices=TransferKind.choices)
    status = models.CharField(
        _("状态"), max_length=12, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    idempotency_key = models.CharField(max_length=80, unique=True, default=uuid.uuid4)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    has_consent = models.BooleanField(_("当事人同意共享信息"), default=False)
    consent_note = models.CharField(_("同意情况"), max_length=200, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attempts = models.PositiveIntegerField(default=0)
    delivered_at = models.DateTimeField(null=True, blank=True)
    signed_for_at = models.DateTimeField(null=True, blank=True)
    signed_for_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    refusal_reason = models.ForeignKey(
        RefusalReason, verbose_name=_("退回理由"), on_delete=models.PROTECT, null=True, blank=True
    )
    refusal_text = models.CharField(_("退回说明"), max_length=500, blank=True)
    sign_for_reminded_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    # The receiver's own system (ExternalEndpoint), pushed at least once until it says yes.
    external_status = models.CharField(
        max_length=14, choices=ExternalStatus.choices, default=ExternalStatus.NONE
    )
    external_attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    external_acknowledged_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    objects = TransferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("机构间移送")
        verbose_name_plural = _("机构间移送")
        indexes = [
            models.Index(fields=["status", "created_at"], name="transfer_status_created"),
            models.Index(fields=["to_organisation", "status", "-created_at"]),
            models.Index(fields=["from_organisation", "status", "-created_at"]),
            models.Index(
                fields=["next_attempt_at"],
                name="transfer_external_due",
                condition=models.Q(external_status="pending"),
            ),
            models.Index(fields=["case", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.from_organisation_id}→{self.to_organisation_id}"

    @property
    def is_answered(self) -> bool:
        return self.status in ANSWERED_STATUSES
