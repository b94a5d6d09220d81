from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
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


class Channel(models.TextChoices):
    ONLINE = "online", _("网上申请")
    WINDOW = "window", _("窗口受理")
    HOTLINE = "hotline", _("热线来电")
    COURT_PUSH = "court_push", _("法院委派")
    VILLAGE_REFERRAL = "village_referral", _("村（居）转来")
    PETITION_TRANSFER = "petition_transfer", _("信访转来")
    POLICE_REFERRAL = "police_referral", _("公安交警转来")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("已登记")
    ROUTED = "routed", _("已分派")
    ACCEPTED = "accepted", _("已受理")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    IN_MEDIATION = "in_mediation", _("调解中")
    AGREEMENT = "agreement", _("达成协议")
    FAILED = "failed", _("调解不成")
    WITHDRAWN = "withdrawn", _("已撤回")
    TERMINATED = "terminated", _("已终止")
    CLOSED = "closed", _("已结案")


# A case in one of these states is finished: it no longer counts as open.
FINISHED_STATUSES = frozenset(
    {CaseStatus.NOT_ACCEPTED, CaseStatus.WITHDRAWN, CaseStatus.TERMINATED, CaseStatus.CLOSED}
)


class Urgency(models.TextChoices):
    NORMAL = "normal", _("一般")
    URGENT = "urgent", _("紧急")


class CaseQuerySet(models.QuerySet):
    def open(self) -> CaseQuerySet:
        return self.exclude(status__in=FINISHED_STATUSES)

    def in_region(self, code: str) -> CaseQuerySet:
        """A county (6 digits), town (9) or village (12) subtree; the city code means all."""
        if len(code) == 12:
            return self.filter(village_id=code)
        if len(code) == 9:
            return self.filter(town_code=code)
        if len(code) == 6 and code != "440800":
            return self.filter(county_code=code)
        return self


class Case(models.Model):
    """A dispute: the one object every part of the portal meets."""

    number = models.CharField(_("案件编号"), max_length=60, unique=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("承办机构"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    # The organisation that issued the number; the handling organisation may change later.
    numbered_by = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    number_year = models.PositiveSmallIntegerField()
    number_sequence = models.PositiveIntegerField()
    tracking_code = models.CharField(_("查询码"), max_length=16)
    channel = models.CharField(_("来源渠道"), max_length=20, choices=Channel.choices)
    category = models.ForeignKey(
        DisputeCategory, verbose_name=_("纠纷类别"), on_delete=models.PROTECT, related_name="cases"
    )
    village = models.ForeignKey(
        "villages.Region",
        verbose_name=_("发生地（村/社区）"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    town_code = models.CharField(max_length=9, db_index=True)
    county_code = models.CharField(max_length=6, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_cases",
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    status_changed_at = models.DateTimeField(_("状态变更时间"), default=timezone.now)
    claim_amount = models.DecimalField(
        _("标的金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("纠纷经过"))
    request = models.TextField(_("申请人请求"), blank=True)
    consent_to_mediation = models.BooleanField(_("同意调解"), default=False)
    needs_elderly = models.BooleanField(_("老年人"), default=False)
    needs_dialect = models.BooleanField(_("需方言（雷州话/粤语）"), default=False)
    needs_disability = models.BooleanField(_("残障人士"), default=False)
    urgency = models.CharField(
        _("紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    filed_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # A client's Idempotency-Key (or a web form's one-time token): a retried submission finds
    # the case it already created instead of filing a second one.
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    # Set at filing when an open case between the same parties exists (cases.duplicates).
    possible_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("疑似重复案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="possible_duplicates",
    )
    # Space-separated search tokens (number, words and CJK bigrams of names and description),
    # written by the filing service; see cases.search.
    search_terms = models.TextField(blank=True, default="")
    # The earliest due time of the case's running clocks (open and not paused), NULL when none.
    # deadlines.services writes it in the same transaction as every change of a clock, so that
    # "overdue" is a test of this column instead of an EXISTS over the deadlines of each case.
    next_due_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        constraints = [
            models.UniqueConstraint(
                fields=["numbered_by", "number_year", "number_sequence"],
                name="case_number_unique_per_org_year",
            ),
            models.CheckConstraint(
                condition=models.Q(claim_amount__isnull=True) | models.Q(claim_amount__gte=0),
                name="case_claim_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "-filed_at", "-id"]),
            models.Index(fields=["-filed_at", "-id"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["organisation", "-filed_at", "-id"]),
            models.Index(fields=["status", "-filed_at", "-id"]),
            models.Index(fields=["category", "-filed_at", "-id"]),
            models.Index(fields=["channel", "-filed_at", "-id"]),
            models.Index(fields=["county_code", "-filed_at", "-id"]),
            models.Index(fields=["town_code", "-filed_at", "-id"]),
            models.Index(fields=["assignee", "-filed_at", "-id"]),
            # Status and category together, in list order: the city-wide status+category list
            # walks it; a supervisor's (an IN-list of organisations, which no index can walk
            # in order) reads exactly its rows through the second one and sorts those few,
            # instead of intersecting three large bitmaps.
            models.Index(fields=["status", "category", "-filed_at", "-id"]),
            models.Index(fields=["organisation", "status", "category", "-filed_at", "-id"]),
            # Cases with a running clock, in list order: the overdue list walks these only.
            models.Index(
                fields=["-filed_at", "-id"],
                name="case_running_clock_filed",
                condition=models.Q(next_due_at__isnull=False),
            ),
            models.Index(
                fields=["next_due_at"],
                name="case_next_due",
                condition=models.Q(next_due_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status not in FINISHED_STATUSES

    def get_status_display(self) -> str:  # type: ignore[no-redef]
        """The status's label. Django's own builds a dict of every choice per call, hashing
        (so translating) each lazy label: in a list of fifty cases that is a thousand
        look-ups for fifty labels."""
        try:
            return str(CaseStatus(self.status).label)
        except ValueError:
            return self.status


class CaseNumberCounter(models.Model):
    """The last sequence issued per organisation and year, where the numbers come from a row
    locked by the filing (SQLite; PostgreSQL uses a sequence per pair: cases.case_numbers)."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="case_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.year}: {self.last}"


class PartySide(models.TextChoices):
    APPLICANT = "applicant", _("申请人")
    RESPONDENT = "respondent", _("被申请人")
    AGENT = "agent", _("代理人")


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("单位")


class Sex(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")


class Party(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="parties")
    side = models.CharField(_("身份"), max_length=12, choices=PartySide.choices)
    kind = models.CharField(_("类型"), max_length=14, choices=PartyKind.choices)
    name = models.CharField(_("姓名/名称"), max_length=100)
    # Resident ID: Fernet ciphertext plus a keyed hash for exact lookups (accounts.pii).
    id_number_encrypted = models.TextField(blank=True)
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True)
    id_number_masked = models.CharField(_("身份证号"), max_length=18, blank=True)
    phone = models.CharField(_("手机号码"), max_length=11, blank=True, db_index=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    credit_code_warning = models.BooleanField(default=False)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    # Basic facts the mediation agreement states (人民调解法 §29; the Ministry's template):
    # sex and birth date come from the resident ID when there is one.
    sex = models.CharField(_("性别"), max_length=6, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    ethnicity = models.CharField(_("民族"), max_length=20, blank=True)
    occupation = models.CharField(_("职业或工作单位"), max_length=100, blank=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    agent_for = models.ForeignKey(
        "self",
        verbose_name=_("代理谁"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agents",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        indexes = [models.Index(fields=["case", "side"])]

    def __str__(self) -> str:
        return f"{self.get_side_display()} {self.name}"


class IdentifierKind(models.TextChoices):
    COURT_PRE_LITIGATION = "court_pre_litigation", _("诉前调解案号（民诉前调）")
    COURT_FIRST_INSTANCE = "court_first_instance", _("立案案号（民初）")
    COURT_SPECIAL = "court_special", _("司法确认案号（民特）")
    COURT_PRESERVATION = "court_preservation", _("财产保全案号（财保）")
    OTHER = "other", _("其他编号")


class CaseIdentifier(models.Model):
    """Another body's number for the same dispute, kept linked to it (domain.md §1)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="identifiers")
    kind = models.CharField(_("编号类型"), max_length=30, choices=IdentifierKind.choices)
    value = models.CharField(_("编号"), max_length=80)
    issued_by = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("关联编号")
        verbose_name_plural = _("关联编号")
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="case_identifier_unique")
        ]

    def __str__(self) -> str:
        return self.value


class CaseEvent(models.Model):
    """The case's timeline. Append-only: database triggers refuse UPDATE and DELETE."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    text = models.CharField(max_length=500)
    is_public = models.BooleanField(default=False)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("案件动态")
        verbose_name_plural = _("案件动态")
        indexes = [models.Index(fields=["case", "at", "id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.text}"

    @property
    def shown_text(self) -> str:
        """The entry in the reader's language (the stored ``text`` is the Chinese record)."""
        from .record import shown_text

        return shown_text(self.text, self.payload)


class Evidence(models.Model):
    """A file a party or staff member gave for a case. Stored under a random name outside any
    public URL; served only through a permission-checked view."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="evidence")
    original_name = models.CharField(_("文件名"), max_length=200)
    stored_name = models.CharField(max_length=64, unique=True)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("证据材料")
        verbose_name_plural = _("证据材料")

    def __str__(self) -> str:
        return self.original_name
