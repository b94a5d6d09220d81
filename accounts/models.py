from __future__ import annotations

from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    INTERMEDIATE_COURT = "intermediate_court", _("中级人民法院")
    BASIC_COURT = "basic_court", _("基层人民法院")
    JUSTICE_BUREAU = "justice_bureau", _("司法局")
    ONE_STOP_CENTRE = "one_stop_centre", _("矛盾纠纷调处化解中心")
    CENTRE_WINDOW = "centre_window", _("综合受理窗口")
    WORKROOM = "workroom", _("调解工作室")
    TOWN_MEDIATION_COMMITTEE = "town_mediation_committee", _("镇（街道）人民调解委员会")
    VILLAGE_MEDIATION_COMMITTEE = "village_mediation_committee", _("村（社区）人民调解委员会")
    COUNTY_MEDIATION_COMMITTEE = "county_mediation_committee", _("县（市、区）人民调解委员会")
    LEGAL_AID_CENTRE = "legal_aid_centre", _("法律援助机构")
    LAW_FIRM = "law_firm", _("律师事务所")
    LABOUR_ARBITRATION = "labour_arbitration", _("劳动人事争议仲裁委员会")
    PETITION_OFFICE = "petition_office", _("信访部门")
    VILLAGE_COMMITTEE = "village_committee", _("村（居）民委员会")
    POLITICS_LAW_COMMITTEE = "politics_law_committee", _("政法委")
    TRAFFIC_POLICE = "traffic_police", _("公安交通管理部门")
    COURT_TEAM = "court_team", _("法院审判团队")
    TOWN_GOVERNMENT = "town_government", _("镇人民政府（街道办事处）")


COURT_KINDS = (OrganisationKind.INTERMEDIATE_COURT, OrganisationKind.BASIC_COURT)
# People's mediation committees: the only bodies whose seal makes a mediation agreement.
MEDIATION_COMMITTEE_KINDS = (
    OrganisationKind.VILLAGE_MEDIATION_COMMITTEE,
    OrganisationKind.TOWN_MEDIATION_COMMITTEE,
    OrganisationKind.COUNTY_MEDIATION_COMMITTEE,
)


class OrganisationQuerySet(models.QuerySet):
    def courts(self) -> OrganisationQuerySet:
        return self.filter(kind__in=COURT_KINDS)

    def subtree_ids(self, root_ids: list[int] | set[int]) -> set[int]:
        """Ids of the given organisations and everything below them, in one query."""
        roots = [int(pk) for pk in root_ids]
        if not roots:
            return set()
        table = Organisation._meta.db_table
        marks = ", ".join(["%s"] * len(roots))
        sql = (
            f"WITH RECURSIVE sub(id) AS (SELECT id FROM {table} WHERE id IN ({marks}) "
            f"UNION SELECT o.id FROM {table} o JOIN sub ON o.parent_id = sub.id) "
            "SELECT id FROM sub"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, roots)
            return {row[0] for row in cursor.fetchall()}


class Organisation(models.Model):
    """A body that receives, mediates or decides disputes; organisations form a tree and an
    organisation's staff see its whole subtree."""

    code = models.SlugField(_("机构代号"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=40, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机构"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    region = models.ForeignKey(
        "villages.Region",
        verbose_name=_("所在区划"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    court_code = models.CharField(
        _("法院代字"), max_length=10, null=True, blank=True, unique=True, help_text=_("如 粤0804")
    )
    file_prefix = models.CharField(
        _("卷宗编号字头"), max_length=20, blank=True, help_text=_("本机构案件编号的字头，如 坡头调")
    )
    # A centre's workrooms mediate under a people's mediation committee and its seal; the
    # workroom itself is no committee (人民调解法 §29). Set on the centre, or on a workroom
    # that belongs to a committee of its own (e.g. a medical-dispute committee).
    mediation_committee = models.ForeignKey(
        "self",
        verbose_name=_("所属人民调解委员会"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind__in": MEDIATION_COMMITTEE_KINDS},
        help_text=_("本机构调解协议书上加盖印章的人民调解委员会；留空则沿用上级机构的"),
    )
    is_active = models.BooleanField(_("启用"), default=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        indexes = [models.Index(fields=["kind", "region"]), models.Index(fields=["parent"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_court(self) -> bool:
        return self.kind in COURT_KINDS

    def seal_committee(self) -> Organisation | None:
        """The people's mediation committee whose seal this organisation's agreements bear:
        itself when it is one, else the committee it names, else its parent's."""
        node: Organisation | None = self
        seen: set[int] = set()
        while node is not None and node.pk not in seen:
            if node.kind in MEDIATION_COMMITTEE_KINDS:
                return node
            if node.mediation_committee_id:
                return node.mediation_committee
            seen.add(node.pk)
            node = node.parent
        return None


class Role(models.TextChoices):
    WINDOW_CLERK = "window_clerk", _("窗口受理员")
    MEDIATOR = "mediator", _("调解员")
    CENTRE_SUPERVISOR = "centre_supervisor", _("中心负责人")
    COURT_CLERK = "court_clerk", _("法院书记员")
    BUREAU_OFFICER = "bureau_officer", _("司法局工作人员")
    LEGAL_AID_OFFICER = "legal_aid_officer", _("法律援助工作人员")
    LAWYER = "lawyer", _("律师")
    ARBITRATION_CLERK = "arbitration_clerk", _("劳动仲裁工作人员")
    VILLAGE_CLERK = "village_clerk", _("村（居）委会文书")
    TOWN_OFFICER = "town_officer", _("镇（街道）工作人员")
    CITY_LEADER = "city_leader", _("市领导")
    PETITION_OFFICER = "petition_officer", _("信访工作人员")
    POLICE_OFFICER = "police_officer", _("交警工作人员")
    JUDGE = "judge", _("法官")
    ADMINISTRATOR = "administrator", _("系统管理员")


# Roles whose scope is the whole city whatever organisation they sit in.
CITY_WIDE_ROLES = frozenset({Role.CITY_LEADER, Role.ADMINISTRATOR})
# Roles that may look but never change a case.
READ_ONLY_ROLES = frozenset({Role.CITY_LEADER})


class MembershipQuerySet(models.QuerySet):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True, organisation__is_active=True)


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("岗位"), max_length=30, choices=Role.choices)
    is_active = models.BooleanField(_("在岗"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("人员岗位")
        verbose_name_plural = _("人员岗位")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class CourtJurisdiction(models.Model):
    """Which court hears disputes from a county or town. Never derive the court from the
    county code: 硇洲镇 is in 麻章区 but heard by the development-zone court."""

    region = models.OneToOneField(
        "villages.Region",
        verbose_name=_("区划"),
        on_delete=models.PROTECT,
        related_name="court_link",
    )
    court = models.ForeignKey(
        Organisation,
        verbose_name=_("管辖法院"),
        on_delete=models.PROTECT,
        related_name="jurisdictions",
        limit_choices_to={"kind__in": COURT_KINDS},
    )

    class Meta:
        verbose_name = _("法院管辖")
        verbose_name_plural = _("法院管辖")

    def __str__(self) -> str:
        return f"{self.region} → {self.court}"

    @classmethod
    def court_for(cls, region_code: str) -> Organisation | None:
        """The most specific mapping wins: a town entry overrides its county's."""
        prefixes = [region_code[:n] for n in (12, 9, 6) if len(region_code) >= n]
        links = {
            link.region_id: link.court
            for link in cls.objects.filter(region_id__in=prefixes).select_related("court")
        }
        return next((links[p] for p in prefixes if p in links), None)


class CaseTypeCode(models.Model):
    """The allow-list of court case-type codes (类型代字) an administrator can extend."""

    code = models.CharField(_("类型代字"), max_length=10, unique=True)
    name = models.CharField(_("含义"), max_length=60)

    class Meta:
        ordering = ["code"]
        verbose_name = _("案件类型代字")
        verbose_name_plural = _("案件类型代字")

    def __str__(self) -> str:
        return f"{self.code}（{self.name}）"


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None) -> ApiTokenQuerySet:
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)

    def revoke(self) -> int:
        return self.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


class ApiToken(models.Model):
    """A staff member's API key (``Authorization: Token <key>``). Only its SHA-256 is kept: the
    key is shown once, when issued. It expires (API_TOKEN_LIFETIME_HOURS) and is revoked at
    logout and when the user or one of their memberships is switched off."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    key_prefix = models.CharField(_("密钥前缀"), max_length=8)
    key_hash = models.CharField(_("密钥摘要（SHA-256）"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("签发时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("到期时间"))
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.key_prefix}…"
