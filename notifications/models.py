from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def for_user(self, user) -> NotificationQuerySet:
        """A staff member's inbox while they hold an active membership: a member switched
        off reads no more of the cases their messages name (checked in the same query)."""
        from accounts.models import Membership

        on_staff = Membership.objects.active().filter(user=OuterRef("recipient"))
        return self.filter(recipient=user).filter(Exists(on_staff))


class Notification(models.Model):
    """An entry in a staff member's in-app inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("类型"), max_length=40)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    link_url = models.CharField(_("链接"), max_length=300, blank=True)
    # Set by senders that must deliver once (reminders): a second insert is silently dropped.
    dedupe_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("站内通知")
        verbose_name_plural = _("站内通知")
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return self.title


class Channel(models.TextChoices):
    SMS = "sms", _("短信")
    EMAIL = "email", _("电子邮件")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class OutboundMessageQuerySet(models.QuerySet):
    def stuck(self, before) -> OutboundMessageQuerySet:
        """Claimed by a worker that died before it could record the outcome."""
        return self.filter(status=MessageStatus.SENDING, claimed_at__lt=before)


class OutboundMessage(models.Model):
    """An SMS or e-mail to someone outside the inbox. The row is written in the sender's
    transaction; a Celery task hands it to the configured backend and records the outcome."""

    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    to = models.CharField(_("收件人"), max_length=200)
    kind = models.CharField(_("类型"), max_length=40)
    subject = models.CharField(_("标题"), max_length=200, blank=True)
    body = models.TextField(_("内容"))
    link_url = models.CharField(_("链接"), max_length=300, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发送人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.CharField(_("最近错误"), max_length=500, blank=True)
    provider_ref = models.CharField(_("服务商回执"), max_length=100, blank=True)
    dedupe_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboundMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("短信与邮件")
        verbose_name_plural = _("短信与邮件")
        indexes = [models.Index(fields=["status", "claimed_at"])]

    def __str__(self) -> str:
        # Shown in the admin and in logs: the recipient masked (personal data).
        from zhanjiang_portal.log_masking import mask_personal_data

        return f"{self.get_channel_display()} → {mask_personal_data(self.to)}"
