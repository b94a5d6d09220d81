"""The court side: pre-litigation mediation cases, preservation requests and court tokens."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class PreLitigationStatus(models.TextChoices):
    DELEGATED = "delegated", _("已委派，待司法局接收")
    REJECTED = "rejected", _("司法局退回")
    DISPATCHED = "dispatched", _("调解中")
    SUCCESS = "success", _("调解成功")
    FAILED = "failed", _("调解不成")


OPEN_STATUSES = (PreLitigationStatus.DELEGATED, PreLitigationStatus.DISPATCHED)


class Track(models.TextChoices):
    SIMPLE = "simple", _("简案（速裁团队）")
    COMPLEX = "complex", _("繁案")


class SuccessRoute(models.TextChoices):
    NONE = "", _("未选择")
    WITHDRAW = "withdraw", _("撤回起诉")
    JUDICIAL_CONFIRMATION = "judicial_confirmation", _("申请司法确认")
    MEDIATION_DOCUMENT = "mediation_document", _("出具调解书")


class PreLitigationQuerySet(models.QuerySet):
    def open(self) -> PreLitigationQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now=None) -> PreLitigationQuerySet:
        return self.open().filter(due_at__lt=now or timezone.now())

    def for_courts(self, court_ids) -> PreLitigationQuerySet:
        return self.filter(court_id__in=court_ids)


class PreLitigationCase(models.Model):
    """A court's 民诉前调 case, delegated to the justice bureau; its dispute is a cases.Case."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="pre_litigation"
    )
    court = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("委派法院"),
        on_delete=models.PROTECT,
        related_name="pre_litigation_cases",
    )
    court_case_number = models.CharField(_("诉前调解案号"), max_length=60)
    cause_of_action = models.CharField(_("案由"), max_length=60)
    claim_amount = models.DecimalField(
        _("标的金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=PreLitigationStatus.choices,
        default=PreLitigationStatus.DELEGATED,
    )
    mediation_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("调解组织"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    # A copy of the clock's due date, for sorting the court's open cases by days left; the
    # clock (deadlines.Deadline) is what the record and the API read.
    due_at = models.DateTimeField(_("调解期限"))
    dispatched_at = models.DateTimeField(null=True, blank=True)
    result_at = models.DateTimeField(_("结果反馈时间"), null=True, blank=True)
    agreement = models.TextField(_("调解协议内容"), blank=True)
    success_route = models.CharField(
        _("成功后途径"), max_length=24, choices=SuccessRoute.choices, blank=True
    )
    special_case_number = models.CharField(_("司法确认案号（民特）"), max_length=60, blank=True)
    first_instance_number = models.CharField(_("立案案号（民初）"), max_length=60, blank=True)
    track = models.CharField(_("繁简分流"), max_length=8, choices=Track.choices, blank=True)
    concluded_at = models.DateTimeField(_("生效文书或立案时间"), null=True, blank=True)
    enquiry_password_hash = models.CharField(max_length=64)

    objects = PreLitigationQuerySet.as_manager()

    class Meta:
        verbose_name = _("诉前调解案件")
        verbose_name_plural = _("诉前调解案件")
        constraints = [
            models.UniqueConstraint(
                fields=["court", "court_case_number"], name="pre_litigation_number_per_court"
            )
        ]
        indexes = [
            models.Index(fields=["court", "status", "due_at"], name="plc_court_status_due"),
            # Covering: the yearly success rate and median read only this index.
            models.Index(
                fields=["court", "registered_at"],
                include=["status", "result_at"],
                name="plc_court_registered",
            ),
            # Open cases by days left: an ordered scan that stops after one page.
            models.Index(
                fields=["court", "due_at", "id"],
                name="plc_open_by_due",
                condition=models.Q(status__in=["delegated", "dispatched"]),
            ),
            models.Index(fields=["registered_at"], name="plc_registered"),
            models.Index(fields=["cause_of_action"], name="plc_cause"),
            models.Index(
                fields=["court", "cause_of_action", "due_at"],
                name="plc_open_by_cause",
                condition=models.Q(status__in=["delegated", "dispatched"]),
            ),
            models.Index(fields=["mediation_organisation", "status"], name="plc_mediation_org"),
            models.Index(
                fields=["court", "result_at"],
                name="plc_awaiting_court",
                condition=models.Q(concluded_at__isnull=True, status__in=["success", "failed"]),
            ),
        ]

    def __str__(self) -> str:
        return self.court_case_number

    @cached_property
    def clock(self):
        """The 30-day clock (a deadlines.Deadline): the one source of the due date."""
        from .services import pre_litigation_clock

        return pre_litigation_clock(self)

    @property
    def deadline_at(self):
        return self.clock.due_at if self.clock else self.due_at

    @property
    def extended_days(self) -> int:
        from .services import extended_days

        return extended_days(self.clock) if self.clock else 0

    @property
    def days_left(self) -> int | None:
        if self.status not in OPEN_STATUSES:
            return None
        return (timezone.localdate(self.deadline_at) - timezone.localdate()).days


class PreservationStatus(models.TextChoices):
    REQUESTED = "requested", _("待裁定")
    GRANTED = "granted", _("裁定准许，已采取措施")
    REFUSED = "refused", _("裁定驳回")
    RELEASED = "released", _("已起诉或申请仲裁")
    LAPSED = "lapsed", _("期满未起诉，已解除")


class PreservationRequest(models.Model):
    """Pre-suit property preservation (财产保全): ruling within 48 hours; a measure taken
    lapses after 30 days unless suit or arbitration is filed."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="preservation_requests"
    )
    court = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    applicant = models.CharField(_("申请人"), max_length=100)
    amount = models.DecimalField(_("申请保全金额（元）"), max_digits=14, decimal_places=2)
    property_description = models.CharField(_("保全财产"), max_length=300)
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=PreservationStatus.choices,
        default=PreservationStatus.REQUESTED,
    )
    requested_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    ruled_at = models.DateTimeField(_("裁定时间"), null=True, blank=True)
    preservation_number = models.CharField(_("保全案号（财保）"), max_length=60, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("财产保全申请")
        verbose_name_plural = _("财产保全申请")
        indexes = [models.Index(fields=["court", "status"])]

    def __str__(self) -> str:
        return f"{self.applicant} {self.amount}"


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class CourtTokenQuerySet(models.QuerySet):
    def active(self) -> CourtTokenQuerySet:
        return self.filter(revoked_at__isnull=True, court__is_active=True)


class CourtToken(models.Model):
    """The key of one court's own case system. Only its SHA-256 is stored; the key is shown
    once when issued. Revoking keeps the row for the record."""

    court = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("法院"),
        on_delete=models.PROTECT,
        related_name="court_tokens",
    )
    name = models.CharField(_("用途"), max_length=100, blank=True)
    key_prefix = models.CharField(_("密钥前缀"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("签发时间"), default=timezone.now)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    # Written at most once a minute (accounts.tokens.touch), not on every request.
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)

    objects = CourtTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("法院接口令牌")
        verbose_name_plural = _("法院接口令牌")

    def __str__(self) -> str:
        return f"{self.court} {self.key_prefix}…"


class FastTrackProcedure(models.TextChoices):
    SMALL_CLAIMS = "small_claims", _("小额诉讼程序")
    SIMPLE = "simple", _("简易程序")


class FastTrackStatus(models.TextChoices):
    QUEUED = "queued", _("待分案")
    ASSIGNED = "assigned", _("审理中")
    CONCLUDED = "concluded", _("已审结")


class FastTrackQuerySet(models.QuerySet):
    def open(self) -> FastTrackQuerySet:
        return self.exclude(status=FastTrackStatus.CONCLUDED)

    def for_courts(self, court_ids) -> FastTrackQuerySet:
        return self.filter(court_id__in=court_ids)


class FastTrackCase(models.Model):
    """A simple case after 转立案, in the fast-track (速裁) team's queue with its trial clock
    (see courts.fast_track)."""

    pre_litigation = models.OneToOneField(
        PreLitigationCase, on_delete=models.PROTECT, related_name="fast_track"
    )
    court = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("速裁团队"),
        on_delete=models.PROTECT,
        related_name="fast_track_cases",
    )
    procedure = models.CharField(_("审理程序"), max_length=14, choices=FastTrackProcedure.choices)
    status = models.CharField(
        _("状态"), max_length=10, choices=FastTrackStatus.choices, default=FastTrackStatus.QUEUED
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办法官"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    queued_at = models.DateTimeField(_("进入速裁时间"), default=timezone.now)
    # A copy of the trial clock's due date, for sorting the queue by days left.
    due_at = models.DateTimeField(_("审限届满"))
    concluded_at = models.DateTimeField(_("审结时间"), null=True, blank=True)
    outcome = models.CharField(_("审结情况"), max_length=200, blank=True)

    objects = FastTrackQuerySet.as_manager()

    class Meta:
        verbose_name = _("速裁案件")
        verbose_name_plural = _("速裁案件")
        indexes = [
            models.Index(fields=["court", "status", "due_at", "id"], name="fast_track_queue"),
            models.Index(fields=["team", "status", "due_at"], name="fast_track_team"),
            models.Index(fields=["judge", "status"], name="fast_track_judge"),
        ]

    def __str__(self) -> str:
        return f"{self.pre_litigation.first_instance_number} {self.get_procedure_display()}"

    @property
    def days_left(self) -> int | None:
        if self.status == FastTrackStatus.CONCLUDED:
            return None
        return (timezone.localdate(self.due_at) - timezone.localdate()).days
