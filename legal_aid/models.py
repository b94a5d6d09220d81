"""Legal aid under the notification-commitment system (domain.md §5): the application and its
commitment, the bad-credit register, the lawyers' roster, the labour-arbitration link and the
online reading of case files.

Every application has its own case (the legal-aid file, numbered by the centre): its clocks
run in deadlines/, its timeline is the case's, and the public tracks it like a dispute. A case
it came from (a failed mediation, a referral) is kept as ``source_case``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MatterType(models.TextChoices):
    """The matters of 法律援助法 art. 31 and art. 32."""

    STATE_COMPENSATION = "state_compensation", _("请求国家赔偿")
    SOCIAL_INSURANCE = "social_insurance", _("请求给予社会保险待遇或者社会救助")
    BEREAVEMENT_PENSION = "bereavement_pension", _("请求发给抚恤金")
    MAINTENANCE = "maintenance", _("请求给付赡养费、抚养费、扶养费")
    UNPAID_WAGES = "unpaid_wages", _("请求确认劳动关系或者支付劳动报酬")
    CIVIL_CAPACITY = "civil_capacity", _("请求认定公民无民事行为能力或者限制民事行为能力")
    WORK_INJURY = "work_injury", _("请求工伤事故人身损害赔偿")
    ACCIDENT_INJURY = "accident_injury", _("请求交通、食品药品、医疗事故人身损害赔偿")
    ENVIRONMENT = "environment", _("请求环境污染、生态破坏损害赔偿")
    HERO_HONOUR = "hero_honour", _("英雄烈士近亲属维护英雄烈士名誉")
    BRAVE_ACT = "brave_act", _("因见义勇为行为主张相关民事权益")
    RETRIAL_COMPENSATION = "retrial_compensation", _("再审改判无罪请求国家赔偿")
    ABUSE_VICTIM = "abuse_victim", _("遭受虐待、遗弃或者家庭暴力的受害人主张相关权益")
    OTHER = "other", _("法律、法规、规章规定的其他情形")


# Art. 32: no hardship condition for these matters.
NO_HARDSHIP_MATTERS = frozenset(
    {
        MatterType.HERO_HONOUR,
        MatterType.BRAVE_ACT,
        MatterType.RETRIAL_COMPENSATION,
        MatterType.ABUSE_VICTIM,
    }
)
# Matters that go on to the labour arbitration committee (domain.md §6).
LABOUR_MATTERS = frozenset({MatterType.UNPAID_WAGES, MatterType.WORK_INJURY})

# The dispute category the legal-aid file is counted under in the portal's case statistics.
CATEGORY_OF_MATTER = {
    MatterType.UNPAID_WAGES: "labour",
    MatterType.WORK_INJURY: "labour",
    MatterType.SOCIAL_INSURANCE: "labour",
    MatterType.MAINTENANCE: "marriage_family",
    MatterType.ABUSE_VICTIM: "marriage_family",
    MatterType.ACCIDENT_INJURY: "damages",
    MatterType.ENVIRONMENT: "environment",
}
# A referred case's category suggests the matter; the officer corrects it when checking.
MATTER_OF_CATEGORY = {
    "labour": MatterType.UNPAID_WAGES,
    "marriage_family": MatterType.MAINTENANCE,
    "traffic": MatterType.ACCIDENT_INJURY,
    "medical": MatterType.ACCIDENT_INJURY,
    "damages": MatterType.ACCIDENT_INJURY,
    "environment": MatterType.ENVIRONMENT,
}


class ExemptReason(models.TextChoices):
    """Groups who skip the hardship check (art. 32 and art. 42)."""

    MINOR = "minor", _("未成年人")
    ELDERLY = "elderly", _("无固定生活来源的老年人")
    DISABLED = "disabled", _("无固定生活来源的残疾人")
    ASSISTANCE = "assistance", _("社会救助、司法救助或者优抚对象")
    MIGRANT_WORKER = "migrant_worker", _("农民工请求支付劳动报酬或者工伤赔偿")
    NO_HARDSHIP_MATTER = "no_hardship_matter", _("法律规定不受经济困难条件限制的事项")


class HardshipBasis(models.TextChoices):
    NONE = "", _("尚未确认")
    COMMITMENT = "commitment", _("个人诚信承诺")
    EXEMPT = "exempt", _("免予核查经济困难状况")
    DOCUMENTS = "documents", _("经济困难证明材料")


class ApplicationChannel(models.TextChoices):
    ONLINE = "online", _("网上申请")
    WINDOW = "window", _("窗口申请")
    FROM_CASE = "from_case", _("由案件一键申请")
    REFERRAL = "referral", _("调解组织转来")


class ApplicationStatus(models.TextChoices):
    REFERRED = "referred", _("转来待审查")
    SUBMITTED = "submitted", _("已申请")
    MATERIALS_REQUESTED = "materials_requested", _("待补充材料")
    UNDER_REVIEW = "under_review", _("审查中")
    GRANTED = "granted", _("决定给予援助")
    ASSIGNED = "assigned", _("已指派律师")
    IN_PROGRESS = "in_progress", _("承办中")
    REFUSED = "refused", _("不予援助")
    WITHDRAWN = "withdrawn", _("视为撤回")
    TERMINATED = "terminated", _("终止援助")
    CLOSED = "closed", _("已结案")


FINISHED_STATUSES = frozenset(
    {
        ApplicationStatus.REFUSED,
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.TERMINATED,
        ApplicationStatus.CLOSED,
    }
)
OPEN_STATUSES = tuple(s for s in ApplicationStatus.values if s not in FINISHED_STATUSES)


class TerminationGround(models.TextChoices):
    """法律援助法 art. 48."""

    DECEIT = "deceit", _("以欺骗或者其他不正当手段获得法律援助（含虚假承诺）")
    FALSE_EVIDENCE = "false_evidence", _("故意隐瞒重要事实或者提供虚假证据")
    UNLAWFUL_USE = "unlawful_use", _("利用法律援助从事违法活动")
    NO_LONGER_ELIGIBLE = "no_longer_eligible", _("经济状况好转，不再符合法律援助条件")
    CASE_ENDED = "case_ended", _("案件终止审理或者已被撤销")
    OWN_LAWYER = "own_lawyer", _("受援人自行委托律师或者其他代理人")
    CLIENT_REQUEST = "client_request", _("受援人有正当理由要求终止法律援助")
    OTHER = "other", _("法律法规规定的其他情形")


class OutcomeResult(models.TextChoices):
    WON = "won", _("胜诉或者裁决支持")
    SETTLED = "settled", _("调解或者和解结案")
    PARTLY = "partly", _("部分支持")
    LOST = "lost", _("未获支持")
    OTHER = "other", _("其他")


class Satisfaction(models.IntegerChoices):
    VERY_SATISFIED = 5, _("非常满意")
    SATISFIED = 4, _("满意")
    NEUTRAL = 3, _("基本满意")
    DISSATISFIED = 2, _("不满意")
    VERY_DISSATISFIED = 1, _("非常不满意")


class ApplicationQuerySet(models.QuerySet):
    def open(self) -> ApplicationQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def of_centres(self, centre_ids) -> ApplicationQuerySet:
        return self.filter(centre_id__in=sorted(centre_ids))


class Application(models.Model):
    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="legal_aid_application"
    )
    source_case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("来源案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_aid_referrals",
    )
    referral_transfer = models.OneToOneField(
        "transfers.Transfer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_aid_application",
    )
    centre = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("法律援助机构"),
        on_delete=models.PROTECT,
        related_name="legal_aid_applications",
    )
    county_code = models.CharField(_("县（区）"), max_length=6)
    channel = models.CharField(_("申请方式"), max_length=12, choices=ApplicationChannel.choices)
    matter_type = models.CharField(_("援助事项"), max_length=30, choices=MatterType.choices)
    applicant_name = models.CharField(_("申请人"), max_length=100)
    applicant_phone = models.CharField(_("手机号码"), max_length=11)
    applicant_id_hash = models.CharField(max_length=64, blank=True)
    opponent = models.CharField(_("对方当事人"), max_length=100)
    amount_claimed = models.DecimalField(
        _("请求金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    facts = models.TextField(_("案情和申请理由"))
    # Who the applicant is and what they ask about, normalised: one open application per matter.
    matter_key = models.CharField(max_length=64)

    status = models.CharField(
        _("状态"), max_length=20, choices=ApplicationStatus.choices, db_index=False
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(_("申请时间"), default=timezone.now)

    hardship_basis = models.CharField(
        _("经济困难审查方式"), max_length=12, choices=HardshipBasis.choices, blank=True
    )
    exempt_reason = models.CharField(
        _("免予核查理由"), max_length=20, choices=ExemptReason.choices, blank=True
    )
    is_urgent = models.BooleanField(_("先行提供法律援助"), default=False)
    urgent_reason = models.CharField(_("紧急情形"), max_length=300, blank=True)

    missing_materials = models.TextField(_("需补充的材料"), blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decision_text = models.TextField(_("决定理由"), blank=True)
    late_reason = models.CharField(_("逾期决定的原因"), max_length=300, blank=True)

    lawyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办律师"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_aid_assignments",
    )
    law_firm = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("律师事务所"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("指派时间"), null=True, blank=True)
    lawyer_accepted_at = models.DateTimeField(_("律师接受时间"), null=True, blank=True)
    # Lawyers who declined this matter: fair assignment passes them over next time.
    declined_lawyer_ids = models.JSONField(default=list, blank=True)

    needs_verification = models.BooleanField(_("抽查核验"), default=False)
    verified_at = models.DateTimeField(_("核验时间"), null=True, blank=True)
    verification_ok = models.BooleanField(_("承诺属实"), null=True, blank=True)
    verification_note = models.CharField(_("核验情况"), max_length=300, blank=True)

    termination_ground = models.CharField(
        _("终止理由"), max_length=20, choices=TerminationGround.choices, blank=True
    )
    termination_text = models.CharField(_("终止说明"), max_length=300, blank=True)

    objection_text = models.TextField(_("异议内容"), blank=True)
    objection_at = models.DateTimeField(_("提出异议时间"), null=True, blank=True)
    objection_answer = models.CharField(_("异议处理结果"), max_length=12, blank=True)
    objection_answer_text = models.CharField(_("异议处理意见"), max_length=300, blank=True)
    objection_answered_at = models.DateTimeField(null=True, blank=True)

    outcome_result = models.CharField(
        _("办理结果"), max_length=10, choices=OutcomeResult.choices, blank=True
    )
    amount_recovered = models.DecimalField(
        _("挽回金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("受援人满意度"), choices=Satisfaction.choices, null=True, blank=True
    )
    closed_at = models.DateTimeField(_("结案时间"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("法律援助申请")
        verbose_name_plural = _("法律援助申请")
        constraints = [
            models.UniqueConstraint(
                fields=["matter_key"],
                condition=Q(status__in=OPEN_STATUSES),
                name="legal_aid_one_open_per_matter",
            ),
            models.CheckConstraint(
                condition=Q(amount_recovered__isnull=True) | Q(amount_recovered__gte=0),
                name="legal_aid_recovered_not_negative",
            ),
        ]
        indexes = [
            # The officer's list, per centre, newest first, and the same with a status filter.
            models.Index(fields=["centre", "-submitted_at", "-id"], name="la_centre_list"),
            models.Index(
                fields=["centre", "status", "-submitted_at", "-id"], name="la_centre_status"
            ),
            models.Index(fields=["lawyer", "status", "-submitted_at"], name="la_lawyer"),
            # The totals read these columns only (an index-only scan over the period).
            models.Index(
                fields=["submitted_at", "matter_type", "county_code"],
                name="la_totals",
                include=["status", "amount_recovered", "satisfaction"],
            ),
            models.Index(fields=["source_case"], name="la_source_case"),
            # The desk's "commitments picked for checking" and "objections waiting" sections.
            models.Index(
                fields=["centre", "submitted_at"],
                name="la_to_verify",
                condition=Q(needs_verification=True, verified_at__isnull=True),
            ),
            models.Index(
                fields=["centre", "submitted_at"],
                name="la_objection_pending",
                condition=Q(objection_at__isnull=False, objection_answered_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} {self.applicant_name}"

    @property
    def number(self) -> str:
        return self.case.number

    @property
    def is_open(self) -> bool:
        return self.status not in FINISHED_STATUSES

    @property
    def is_labour_matter(self) -> bool:
        return self.matter_type in LABOUR_MATTERS


class SignatureMethod(models.TextChoices):
    SMS_CODE = "sms_code", _("手机短信验证码确认")
    HANDWRITTEN = "handwritten", _("窗口手写签名")
    FINGERPRINT = "fingerprint", _("按指印")
    ELECTRONIC = "electronic", _("电子签名")


class CommitmentChannel(models.TextChoices):
    ONLINE = "online", _("网上（手机）")
    WINDOW = "window", _("窗口")
    REFERRAL = "referral", _("调解组织协助")


class Commitment(models.Model):
    """The notification-commitment record: what the applicant was shown and how they signed the
    commitment letter, the hardship statement and the authorisation to verify."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="commitment"
    )
    text_version = models.CharField(_("告知书版本"), max_length=20)
    shown_at = models.DateTimeField(_("告知时间"))
    signed_at = models.DateTimeField(_("签署时间"))
    channel = models.CharField(_("签署渠道"), max_length=10, choices=CommitmentChannel.choices)
    method = models.CharField(_("签署方式"), max_length=12, choices=SignatureMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("告知承诺")
        verbose_name_plural = _("告知承诺")

    def __str__(self) -> str:
        return f"{self.application_id} {self.text_version}"


class BadCreditEntry(models.Model):
    """The register of people with a bad credit record, who may not use commitment."""

    name = models.CharField(_("姓名"), max_length=100)
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True)
    id_number_masked = models.CharField(_("身份证号"), max_length=18, blank=True)
    phone = models.CharField(_("手机号码"), max_length=11, blank=True, db_index=True)
    reason = models.CharField(_("列入原因"), max_length=300)
    listed_at = models.DateTimeField(_("列入时间"), default=timezone.now)
    listed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removed_at = models.DateTimeField(_("移出时间"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-listed_at", "-id"]
        verbose_name = _("失信名单")
        verbose_name_plural = _("失信名单")

    def __str__(self) -> str:
        return self.name


class RosterEntry(models.Model):
    """A lawyer on a centre's roster: a law firm's lawyer or a duty lawyer at the centre, with
    the matters they take, and what fair assignment reads (open load, last assigned)."""

    centre = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("法律援助机构"),
        on_delete=models.PROTECT,
        related_name="legal_aid_roster",
    )
    lawyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("律师"),
        on_delete=models.PROTECT,
        related_name="legal_aid_roster_entries",
    )
    law_firm = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("所在律所"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("值班律师可不填。"),
    )
    is_duty_lawyer = models.BooleanField(_("值班律师"), default=False)
    matter_types = models.JSONField(_("擅长事项"), default=list, blank=True)
    open_cases = models.PositiveIntegerField(_("在办案件"), default=0)
    last_assigned_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(_("在册"), default=True)

    class Meta:
        verbose_name = _("援助律师名册")
        verbose_name_plural = _("援助律师名册")
        constraints = [
            models.UniqueConstraint(fields=["centre", "lawyer"], name="legal_aid_roster_unique")
        ]

    def __str__(self) -> str:
        return f"{self.centre_id} {self.lawyer}"


class ArbitrationStatus(models.TextChoices):
    SENT = "sent", _("已移送仲裁委")
    ACCEPTED = "accepted", _("仲裁委已受理")
    REJECTED = "rejected", _("仲裁委不予受理")
    AWARDED = "awarded", _("已作出裁决")


class ArbitrationLink(models.Model):
    """An unpaid-wages or work-injury matter before the labour arbitration committee."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="arbitration_links"
    )
    transfer = models.OneToOneField(
        "transfers.Transfer", on_delete=models.PROTECT, related_name="legal_aid_arbitration"
    )
    committee = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("劳动人事争议仲裁委员会"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=ArbitrationStatus.choices,
        default=ArbitrationStatus.SENT,
    )
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    awarded_at = models.DateTimeField(_("裁决时间"), null=True, blank=True)
    award_number = models.CharField(_("裁决书文号"), max_length=60, blank=True)
    award_text = models.CharField(_("裁决结果"), max_length=500, blank=True)
    award_amount = models.DecimalField(
        _("裁决金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("劳动仲裁衔接")
        verbose_name_plural = _("劳动仲裁衔接")

    def __str__(self) -> str:
        return f"{self.application_id} → {self.committee_id}"


class FileAccessStatus(models.TextChoices):
    REQUESTED = "requested", _("待审批")
    GRANTED = "granted", _("已准许")
    REFUSED = "refused", _("未准许")
    REVOKED = "revoked", _("已收回")


class FileAccessBasis(models.TextChoices):
    ASSIGNED = "assigned", _("法律援助承办律师")
    AGENT = "agent", _("当事人的委托代理律师")


class FileAccess(models.Model):
    """A lawyer's online reading of a case's file (互联网阅卷): asked for, granted for a period
    by the handling organisation, and over by itself when the period ends."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="file_accesses")
    lawyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="file_accesses"
    )
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    basis = models.CharField(_("阅卷依据"), max_length=10, choices=FileAccessBasis.choices)
    reason = models.CharField(_("申请说明"), max_length=300, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=FileAccessStatus.choices,
        default=FileAccessStatus.REQUESTED,
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    starts_at = models.DateTimeField(_("阅卷开始"), null=True, blank=True)
    ends_at = models.DateTimeField(_("阅卷截止"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("网上阅卷")
        verbose_name_plural = _("网上阅卷")
        indexes = [
            models.Index(fields=["lawyer", "status", "-requested_at"], name="la_access_lawyer"),
            models.Index(fields=["case", "status"], name="la_access_case"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.lawyer_id} {self.status}"

    def is_readable(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == FileAccessStatus.GRANTED
            and self.starts_at is not None
            and self.starts_at <= now < self.ends_at
        )


class FileAccessLog(models.Model):
    """Each view and download, append-only."""

    class Action(models.TextChoices):
        VIEW = "view", _("查看")
        DOWNLOAD = "download", _("下载")

    access = models.ForeignKey(FileAccess, on_delete=models.PROTECT, related_name="log")
    action = models.CharField(max_length=10, choices=Action.choices)
    evidence = models.ForeignKey(
        "cases.Evidence", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("阅卷记录")
        verbose_name_plural = _("阅卷记录")

    def __str__(self) -> str:
        return f"{self.access_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class MonthlyTotal(models.Model):
    """Running totals per month of application, matter type and county, kept in the same
    transaction as every application's creation, status change and outcome, so the leaders'
    figures read a few hundred rows instead of aggregating every application."""

    month = models.DateField()
    matter_type = models.CharField(max_length=30, choices=MatterType.choices)
    county_code = models.CharField(max_length=6)
    applications = models.PositiveIntegerField(default=0)
    aided = models.IntegerField(default=0)
    closed = models.IntegerField(default=0)
    recovered = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    satisfaction_sum = models.PositiveIntegerField(default=0)
    satisfaction_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("法律援助月度汇总")
        verbose_name_plural = _("法律援助月度汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "matter_type", "county_code"], name="legal_aid_month_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.matter_type} {self.county_code}"
