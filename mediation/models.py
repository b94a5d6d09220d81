"""Routing rules, mediator profiles, each case's mediation file, sessions and agreements.

The case row itself belongs to cases/; what mediation needs to know about a case beyond its
status, organisation and assignee lives here, one-to-one with it (``MediationFile``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TargetKind(models.TextChoices):
    ORGANISATION = "organisation", _("指定机构")
    VILLAGE_COMMITTEE = "village_committee", _("纠纷发生地村（社区）人民调解委员会")
    TOWN_COMMITTEE = "town_committee", _("纠纷发生地镇（街道）人民调解委员会")
    CENTRE_WORKROOM = "centre_workroom", _("县级中心对应类别的调解工作室")
    CENTRE_WINDOW = "centre_window", _("县级中心综合受理窗口")


class RoutingRuleQuerySet(models.QuerySet):
    def active(self) -> RoutingRuleQuerySet:
        return self.filter(is_active=True)


class RoutingRule(models.Model):
    """One line of the routing table. Rules are tried in ``position`` order (then id); the
    first that matches decides, so overlapping rules resolve the same way every time."""

    position = models.PositiveIntegerField(_("顺序"), default=100)
    name = models.CharField(_("规则名称"), max_length=100)
    is_active = models.BooleanField(_("启用"), default=True)
    categories = models.ManyToManyField(
        "cases.DisputeCategory",
        verbose_name=_("纠纷类别"),
        blank=True,
        help_text=_("不选表示任何类别"),
        related_name="+",
    )
    region_code = models.CharField(
        _("区划范围"),
        max_length=12,
        blank=True,
        help_text=_("县（6位）、镇（9位）或村（12位）代码，匹配其下全部；留空表示全市"),
    )
    min_amount = models.DecimalField(
        _("标的金额下限（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_amount = models.DecimalField(
        _("标的金额上限（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("含上限；未填金额的案件视为 0 元"),
    )
    channel = models.CharField(
        _("来源渠道"), max_length=20, blank=True, help_text=_("留空表示任何渠道")
    )
    target_kind = models.CharField(_("分派去向"), max_length=30, choices=TargetKind.choices)
    target = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("指定机构或工作室"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    workroom_key = models.CharField(
        _("工作室类型"),
        max_length=20,
        blank=True,
        help_text=_(
            "去向为县级中心工作室时：labour、traffic、medical、property、petition、family、land；留空按纠纷类别"
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoutingRuleQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("分派规则")
        verbose_name_plural = _("分派规则")
        constraints = [
            models.CheckConstraint(
                condition=~Q(target_kind="organisation") | Q(target__isnull=False),
                name="routing_rule_org_target_given",
            ),
            models.CheckConstraint(
                condition=Q(min_amount__isnull=True)
                | Q(max_amount__isnull=True)
                | Q(min_amount__lte=models.F("max_amount")),
                name="routing_rule_amount_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"

    @property
    def category_codes(self) -> list[str]:
        return [c.code for c in self.categories.all()]


class MediatorProfile(models.Model):
    """What assignment needs to know about a mediator. ID numbers are kept only as
    accounts.pii.lookup_hash values, never in the clear."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mediator_profile"
    )
    specialities = models.JSONField(
        _("擅长类别"), default=list, blank=True, help_text=_("纠纷类别代码列表")
    )
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True)
    relative_hashes = models.JSONField(_("近亲属身份证号（散列）"), default=list, blank=True)
    conflict_hashes = models.JSONField(_("申报利害关系人（散列）"), default=list, blank=True)
    last_assigned_at = models.DateTimeField(_("最近一次分案"), null=True, blank=True)
    # Kept in step by the mediation services and the case_transitioned receiver, so choosing
    # among 400 mediators never counts their cases (mediation.loads.recount corrects drift).
    open_cases = models.PositiveIntegerField(_("在办案件数"), default=0)

    class Meta:
        verbose_name = _("调解员档案")
        verbose_name_plural = _("调解员档案")

    def __str__(self) -> str:
        return str(self.user)


class Outcome(models.TextChoices):
    AGREEMENT_WRITTEN = "agreement_written", _("达成书面协议")
    AGREEMENT_ORAL = "agreement_oral", _("达成口头协议")
    FAILED = "failed", _("调解不成")
    WITHDRAWN = "withdrawn", _("撤回申请")
    TERMINATED = "terminated", _("终止调解")
    NOT_ACCEPTED = "not_accepted", _("不予受理")


AGREEMENT_OUTCOMES = (Outcome.AGREEMENT_WRITTEN, Outcome.AGREEMENT_ORAL)


class Performance(models.TextChoices):
    NOT_YET = "not_yet", _("未履行")
    PARTLY = "partly", _("部分履行")
    PERFORMED = "performed", _("已履行")


class Referral(models.TextChoices):
    COURT = "court", _("向人民法院起诉")
    LABOUR_ARBITRATION = "labour_arbitration", _("申请劳动人事争议仲裁")
    LEGAL_AID = "legal_aid", _("申请法律援助")
    PETITION = "petition", _("向信访部门反映")


class MediationFile(models.Model):
    """A case's mediation record: how it was routed, whom the parties asked for, how it
    ended and what followed. One per case, created when the case is filed.

    It also mirrors the case's organisation, mediator and status (kept by the cases
    signals, see ``mediation.mirror``), indexed for the supervisor's board: which cases
    wait, which are stuck, without scanning a million cases."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="mediation_file"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    status = models.CharField(max_length=20, blank=True)
    status_changed_at = models.DateTimeField(null=True)
    # When the people's-mediation clock started on acceptance runs out; cleared on outcome.
    mediation_due_at = models.DateTimeField(null=True, blank=True)
    rule = models.ForeignKey(
        RoutingRule,
        verbose_name=_("分派依据"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    routing_reason = models.CharField(_("分派说明"), max_length=300, blank=True)
    requested_mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("当事人选择的调解员"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    escalations = models.PositiveSmallIntegerField(_("上交次数"), default=0)
    outcome = models.CharField(_("调解结果"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    performance = models.CharField(
        _("履行情况"), max_length=12, choices=Performance.choices, blank=True
    )
    judicial_confirmation_requested_at = models.DateTimeField(null=True, blank=True)
    referral = models.CharField(_("引导去向"), max_length=20, choices=Referral.choices, blank=True)
    # When the stranded-case sweep last told the supervisors this case waits for someone.
    stranded_reported_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("调解卷宗")
        verbose_name_plural = _("调解卷宗")
        indexes = [
            models.Index(fields=["outcome", "escalations"]),
            # The board's lists read these in time order and stop after a page: partial
            # indexes keep each list's rows together however many cases are finished.
            models.Index(
                fields=["status_changed_at"],
                name="mfile_unassigned_idx",
                condition=Q(assignee__isnull=True, status__in=["received", "routed"]),
            ),
            models.Index(
                fields=["status_changed_at"],
                name="mfile_stuck_idx",
                condition=Q(status__in=["routed", "accepted"]),
            ),
            models.Index(
                fields=["mediation_due_at"],
                name="mfile_due_idx",
                condition=Q(mediation_due_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return str(self.case_id)


class Recusal(models.Model):
    """A mediator who declined or withdrew from a case is never assigned it again."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="recusals")
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("理由"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "mediator"], name="recusal_once_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.mediator_id}"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("已排期")
    HELD = "held", _("已进行")
    CANCELLED = "cancelled", _("已取消")


class MediationSessionQuerySet(models.QuerySet):
    def booked(self) -> MediationSessionQuerySet:
        return self.exclude(status=SessionStatus.CANCELLED)

    def overlapping(self, starts_at, ends_at) -> MediationSessionQuerySet:
        return self.booked().filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class MediationSession(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="sessions")
    room = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("调解室"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        limit_choices_to={"kind": "workroom"},
    )
    place = models.CharField(_("地点"), max_length=100, blank=True)
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mediation_sessions"
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    status = models.CharField(
        max_length=12, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    attendance = models.JSONField(_("到场情况"), default=list, blank=True)
    minutes = models.TextField(_("调解笔录"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MediationSessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("调解会")
        verbose_name_plural = _("调解会")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]
        indexes = [
            models.Index(fields=["room", "starts_at"]),
            models.Index(fields=["mediator", "starts_at"]),
            models.Index(fields=["case", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.starts_at:%Y-%m-%d %H:%M}"


class AgreementKind(models.TextChoices):
    WRITTEN = "written", _("书面协议")
    ORAL = "oral", _("口头协议")


class Agreement(models.Model):
    """What the parties agreed; a written one is printed as the 人民调解协议书."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="agreement")
    kind = models.CharField(_("协议形式"), max_length=10, choices=AgreementKind.choices)
    facts = models.TextField(_("纠纷主要事实、争议事项"))
    text = models.TextField(_("协议内容（补充说明）"), blank=True)
    on_the_spot_reason = models.TextField(
        _("当场调解情况"),
        blank=True,
        help_text=_("未预约调解、当场调解达成协议的，写明时间、地点和经过"),
    )
    reached_at = models.DateTimeField(_("达成时间"), default=timezone.now)
    document = models.CharField(max_length=300, blank=True)
    signed_copy = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("调解协议")
        verbose_name_plural = _("调解协议")

    def __str__(self) -> str:
        return str(self.case_id)


class AgreementTerm(models.Model):
    """Who pays or does what, by when."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="terms")
    obligor = models.CharField(_("义务人"), max_length=100)
    action = models.CharField(_("履行事项"), max_length=300)
    amount = models.DecimalField(
        _("金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    due_date = models.DateField(_("履行期限"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="term_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.obligor}：{self.action}"


class FollowUp(models.Model):
    """A return visit to see whether the agreement is being performed."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="follow_ups")
    visited_on = models.DateField(_("回访日期"))
    performance = models.CharField(_("履行情况"), max_length=12, choices=Performance.choices)
    note = models.TextField(_("回访情况"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["visited_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.visited_on}"
