"""A village's own registers: its rules (村规民约) with every version, the public postings of
village, Party and financial affairs (三务公开), homestead applications and the parcel register
(宅基地), its mediation committee and dispute ledger (矛盾纠纷排查台账).

Every record belongs to one village (a ``villages.Region`` of level village) and carries its
town's and county's codes, so that a town's and a county's reads filter on an indexed column.
Adopted rules and published postings are never edited: a change is a new version.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VillageRecord(models.Model):
    """What every register row shares: its village and the codes above it."""

    village = models.ForeignKey(
        "villages.Region", verbose_name=_("村（社区）"), on_delete=models.PROTECT, related_name="+"
    )
    town_code = models.CharField(max_length=9, editable=False)
    county_code = models.CharField(max_length=6, editable=False)

    class Meta:
        abstract = True

    def place_in(self, village_code: str) -> None:
        self.village_id = village_code
        self.town_code = village_code[:9]
        self.county_code = village_code[:6]


# -- village rules --------------------------------------------------------------------------


class MeetingKind(models.TextChoices):
    VILLAGERS = "villagers", _("村民会议")
    REPRESENTATIVES = "representatives", _("村民代表会议")


class RuleStatus(models.TextChoices):
    DRAFT = "draft", _("草案")
    ADOPTED = "adopted", _("已表决通过")
    FILED = "filed", _("已报镇备案")
    APPROVED = "approved", _("镇审查通过")
    RETURNED = "returned", _("镇审查退回修改")


# Versions in force or on their way to the town: the current rules are the newest of these.
ADOPTED_STATES = (RuleStatus.ADOPTED, RuleStatus.FILED, RuleStatus.APPROVED, RuleStatus.RETURNED)


class RuleVersionQuerySet(models.QuerySet):
    def adopted(self) -> RuleVersionQuerySet:
        return self.filter(status__in=ADOPTED_STATES)


class RuleVersion(VillageRecord):
    """One version of the village rules, with the meeting and the vote that adopted it."""

    number = models.PositiveSmallIntegerField(_("版本号"))
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("全文"))
    status = models.CharField(
        _("状态"), max_length=10, choices=RuleStatus.choices, default=RuleStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self", verbose_name=_("修订自"), on_delete=models.PROTECT, null=True, blank=True
    )
    change_note = models.CharField(_("修订说明"), max_length=300, blank=True)
    # The adopting meeting and its vote (art. 22, 26 村民委员会组织法).
    meeting_kind = models.CharField(
        _("会议类型"), max_length=16, choices=MeetingKind.choices, blank=True
    )
    adopted_on = models.DateField(_("通过日期"), null=True, blank=True)
    members_total = models.PositiveIntegerField(
        _("应到人数"),
        null=True,
        blank=True,
        help_text=_("村民会议为年满十八周岁的村民人数；代表会议为代表总数"),
    )
    households_total = models.PositiveIntegerField(_("全村户数"), null=True, blank=True)
    households_represented = models.PositiveIntegerField(_("到会户代表户数"), null=True, blank=True)
    present = models.PositiveIntegerField(_("实到人数"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("赞成票"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("反对票"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("弃权票"), null=True, blank=True)
    # Filing with the town and its review.
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    filing_receipt = models.CharField(_("备案回执号"), max_length=60, blank=True)
    review_comment = models.TextField(_("镇审查意见"), blank=True)
    reviewed_on = models.DateField(_("审查日期"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RuleVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("村规民约版本")
        verbose_name_plural = _("村规民约版本")
        ordering = ["village", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["village", "number"], name="rule_version_unique")
        ]
        indexes = [
            models.Index(fields=["village", "status", "-number"]),
            models.Index(fields=["town_code", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.title}（第{self.number}版）"


# -- public postings ------------------------------------------------------------------------


class PostingKind(models.TextChoices):
    AFFAIRS = "affairs", _("村务公开")
    PARTY = "party", _("党务公开")
    FINANCE = "finance", _("财务公开")


class PostingStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已公开")
    SUPERSEDED = "superseded", _("已更正（旧版）")


# What a villager sees: published postings, and superseded ones kept for the record.
PUBLIC_STATES = [PostingStatus.PUBLISHED, PostingStatus.SUPERSEDED]


class PostingQuerySet(models.QuerySet):
    def public(self) -> PostingQuerySet:
        return self.filter(status__in=PUBLIC_STATES)

    def current(self) -> PostingQuerySet:
        return self.filter(status=PostingStatus.PUBLISHED)


class Posting(VillageRecord):
    """One posting on the village's board for a period; a correction is a new version that
    replaces it (the old one stays readable, marked superseded)."""

    kind = models.CharField(_("公开类别"), max_length=10, choices=PostingKind.choices)
    period_start = models.DateField(_("期间起"))
    period_end = models.DateField(_("期间止"))
    title = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("公开内容"), blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=PostingStatus.choices, default=PostingStatus.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("更正的公开"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    correction_reason = models.CharField(_("更正原因"), max_length=300, blank=True)
    opening_balance = models.DecimalField(
        _("期初余额"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    closing_balance = models.DecimalField(
        _("期末余额"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostingQuerySet.as_manager()

    class Meta:
        verbose_name = _("三务公开")
        verbose_name_plural = _("三务公开")
        indexes = [
            # The public list: a village's public postings (of a kind), newest period first.
            models.Index(
                fields=["village", "-period_end", "-id"],
                condition=models.Q(status__in=PUBLIC_STATES),
                name="posting_public_list",
            ),
            models.Index(
                fields=["village", "kind", "-period_end", "-id"],
                condition=models.Q(status__in=PUBLIC_STATES),
                name="posting_public_kind_list",
            ),
            models.Index(fields=["kind", "status", "period_end"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def income_total(self) -> Decimal:
        return sum((li.amount for li in self.lines.all() if li.is_income), Decimal("0"))

    @property
    def expense_total(self) -> Decimal:
        return sum((li.amount for li in self.lines.all() if not li.is_income), Decimal("0"))


class FinanceLine(models.Model):
    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="lines")
    is_income = models.BooleanField(_("收入"), default=True)
    category = models.CharField(_("科目"), max_length=60)
    amount = models.DecimalField(_("金额"), max_digits=14, decimal_places=2)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["-is_income", "id"]

    def __str__(self) -> str:
        return f"{self.category} {self.amount}"


class PostingPhoto(models.Model):
    """A photo of the posting board, stored through Django's default storage under a random
    name; served only for published postings, through a view."""

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="village_affairs/photos/", max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class Question(models.Model):
    """A villager's question on a posting; shown with its answer once answered."""

    posting = models.ForeignKey(Posting, on_delete=models.PROTECT, related_name="questions")
    asker_name = models.CharField(_("称呼"), max_length=40, blank=True)
    text = models.TextField(_("问题"), max_length=1000)
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("答复"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["asked_at"]
        indexes = [models.Index(fields=["posting", "answered_at"])]

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def status(self) -> str:
        return "answered" if self.answered_at else "open"


class LatePosting(VillageRecord):
    """A village that has not published a posting for a period it had to (flagged to its town
    by the clock); ``resolved_at`` is set when the posting appears."""

    kind = models.CharField(_("公开类别"), max_length=10, choices=PostingKind.choices)
    period_end = models.DateField(_("应公开期间止"))
    flagged_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["village", "kind", "period_end"], name="late_posting_unique"
            )
        ]
        indexes = [models.Index(fields=["town_code", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.village_id} {self.kind} {self.period_end}"


# -- homesteads -----------------------------------------------------------------------------


class Terrain(models.TextChoices):
    PLAIN = "plain", _("平原、城市郊区")
    HILL = "hill", _("丘陵地区")
    MOUNTAIN = "mountain", _("山区")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已申请，待村审查")
    VILLAGE_APPROVED = "village_approved", _("村审查同意")
    NOTICE = "notice", _("公示中")
    APPROVED = "approved", _("镇政府批准")
    REFUSED = "refused", _("不予批准")


OPEN_APPLICATION_STATES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.VILLAGE_APPROVED,
    ApplicationStatus.NOTICE,
)


class HomesteadApplication(VillageRecord):
    number = models.CharField(_("申请编号"), max_length=30, unique=True)
    head_name = models.CharField(_("户主姓名"), max_length=40)
    current_homesteads = models.TextField(_("现有宅基地情况"), blank=True)
    requested_area = models.DecimalField(_("申请面积（㎡）"), max_digits=8, decimal_places=2)
    terrain = models.CharField(_("地形类别"), max_length=10, choices=Terrain.choices)
    location = models.CharField(_("拟建位置"), max_length=200)
    reason = models.TextField(_("申请理由"))
    has_transferred_house = models.BooleanField(
        _("曾出卖、出租或赠与住宅"), default=False, help_text=_("如是，依法不再批准宅基地")
    )
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    village_comment = models.TextField(_("村审查意见"), blank=True)
    notice_from = models.DateField(_("公示开始"), null=True, blank=True)
    notice_until = models.DateField(_("公示截止"), null=True, blank=True)
    decision_reason = models.TextField(_("审批意见/不予批准理由"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("宅基地申请")
        verbose_name_plural = _("宅基地申请")
        indexes = [
            models.Index(fields=["village", "-id"]),
            models.Index(fields=["town_code", "status"]),
        ]

    def __str__(self) -> str:
        return self.number


class HouseholdMember(models.Model):
    """A member of an applying household (the head included), known by the lookup hash of the
    resident ID number; the number itself is kept encrypted."""

    application = models.ForeignKey(
        HomesteadApplication, on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("姓名"), max_length=40)
    relation = models.CharField(_("与户主关系"), max_length=20)
    id_number_encrypted = models.TextField(blank=True)
    id_number_hash = models.CharField(max_length=64, db_index=True)
    id_number_masked = models.CharField(_("身份证号"), max_length=18)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ParcelStatus(models.TextChoices):
    ACTIVE = "active", _("在册")
    RETIRED = "retired", _("已注销")


class Parcel(VillageRecord):
    number = models.CharField(_("宗地编号"), max_length=40, unique=True)
    household_head = models.CharField(_("户主"), max_length=40)
    area = models.DecimalField(_("面积（㎡）"), max_digits=8, decimal_places=2)
    location = models.CharField(_("坐落"), max_length=200)
    certificate_number = models.CharField(_("不动产权证号"), max_length=60, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=ParcelStatus.choices, default=ParcelStatus.ACTIVE
    )
    application = models.ForeignKey(
        HomesteadApplication,
        verbose_name=_("批准申请"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parcels",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("宅基地宗地")
        verbose_name_plural = _("宅基地宗地")
        indexes = [models.Index(fields=["village", "number"])]

    def __str__(self) -> str:
        return self.number


class ParcelHolder(models.Model):
    """A member of the household holding a parcel, by ID hash: what the one-household-one-
    homestead check looks up."""

    parcel = models.ForeignKey(Parcel, on_delete=models.CASCADE, related_name="holders")
    name = models.CharField(_("姓名"), max_length=40)
    id_number_hash = models.CharField(max_length=64, db_index=True)
    id_number_masked = models.CharField(_("身份证号"), max_length=18)

    def __str__(self) -> str:
        return self.name


class ParcelEvent(models.Model):
    """The parcel's history, append-only."""

    parcel = models.ForeignKey(Parcel, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30)
    text = models.CharField(max_length=500)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.text


class ParcelDispute(models.Model):
    """A homestead dispute case and a parcel it concerns."""

    parcel = models.ForeignKey(Parcel, on_delete=models.PROTECT, related_name="disputes")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="parcel_links")
    linked_at = models.DateTimeField(default=timezone.now)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["parcel", "case"], name="parcel_dispute_unique")
        ]

    def __str__(self) -> str:
        return f"{self.parcel_id} ↔ {self.case_id}"


# -- the mediation committee and its ledger -------------------------------------------------


class CommitteePosition(models.TextChoices):
    CHAIR = "chair", _("主任")
    VICE_CHAIR = "vice_chair", _("副主任")
    MEMBER = "member", _("委员")


class CommitteeMember(VillageRecord):
    name = models.CharField(_("姓名"), max_length=40)
    position = models.CharField(_("职务"), max_length=12, choices=CommitteePosition.choices)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("平台账号"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    since = models.DateField(_("任职日期"), default=dt.date.today)
    is_active = models.BooleanField(_("在任"), default=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["village"],
                condition=models.Q(position="chair", is_active=True),
                name="committee_one_chair",
            )
        ]

    def __str__(self) -> str:
        return self.name


class LedgerSource(models.TextChoices):
    ROUND = "round", _("排查发现")
    PARTY = "party", _("当事人反映")
    ROUTED = "routed", _("上级分派")


class LedgerOutcome(models.TextChoices):
    PENDING = "pending", _("正在化解")
    SETTLED = "settled", _("村内调解成功")
    REFERRED = "referred", _("上交镇（街道）或其他部门")
    FAILED = "failed", _("调解不成，告知其他途径")


CLOSED_OUTCOMES = (LedgerOutcome.SETTLED, LedgerOutcome.REFERRED, LedgerOutcome.FAILED)


class LedgerEntry(VillageRecord):
    """A dispute first handled at village level: the row 小事不出村 counts."""

    month = models.DateField(_("月份"), editable=False)  # first day of the month found
    found_on = models.DateField(_("发现/受理日期"))
    source = models.CharField(_("来源"), max_length=10, choices=LedgerSource.choices)
    parties = models.CharField(_("当事人"), max_length=200)
    category = models.ForeignKey(
        "cases.DisputeCategory", verbose_name=_("纠纷类型"), on_delete=models.PROTECT
    )
    summary = models.TextField(_("简要情况"))
    outcome = models.CharField(
        _("化解情况"), max_length=10, choices=LedgerOutcome.choices, default=LedgerOutcome.PENDING
    )
    outcome_note = models.CharField(_("结果说明"), max_length=300, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("关联案件"), on_delete=models.PROTECT, null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("矛盾纠纷排查台账")
        verbose_name_plural = _("矛盾纠纷排查台账")
        indexes = [
            models.Index(fields=["village", "-found_on", "-id"]),
            # The rate tables: a month range grouped by county, town or village.
            models.Index(fields=["month", "county_code", "outcome"]),
            models.Index(fields=["month", "town_code", "outcome"]),
        ]

    def __str__(self) -> str:
        return self.parties

    @property
    def status(self) -> str:
        return self.outcome


class RoundReport(VillageRecord):
    """The monthly screening round, recorded even when it found nothing (零报告)."""

    month = models.DateField(_("月份"))
    done_on = models.DateField(_("排查日期"))
    found_count = models.PositiveIntegerField(_("发现纠纷数"), default=0)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["village", "month"], name="round_report_unique")
        ]

    def __str__(self) -> str:
        return f"{self.village_id} {self.month:%Y-%m}"


class AffairsEvent(VillageRecord):
    """Every change to a village's registers, append-only: who, when, what."""

    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=40)
    record_type = models.CharField(max_length=40)
    record_id = models.PositiveBigIntegerField()
    text = models.CharField(max_length=500)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self) -> str:
        return self.text


class SmallMattersFigure(models.Model):
    """小事不出村 counts per village, town and county and month, kept up to date as ledger
    entries are recorded and closed, so that a city-wide table reads a few hundred rows rather
    than every entry. ``month`` is the month the disputes entered the ledger."""

    level = models.CharField(max_length=8)  # village, town or county
    region_code = models.CharField(max_length=12)
    month = models.DateField()
    handled = models.PositiveIntegerField(default=0)
    concluded = models.PositiveIntegerField(default=0)
    settled = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["level", "region_code", "month"], name="small_matters_figure_unique"
            )
        ]
        indexes = [models.Index(fields=["level", "month", "region_code"])]

    def __str__(self) -> str:
        return f"{self.region_code} {self.month:%Y-%m}"
