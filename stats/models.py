"""Statistics: rollups of every area's figures per scope and month, the service-activity
register, and the report marks a mediator sets on a case.

The dashboards and the report read only ``Rollup`` rows (a few dozen per page), never the
case table; Celery keeps them (``stats.rollups``). Every read of this app goes through these
models, so a database router can send the app label ``stats`` to a replica."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RollupQuerySet(models.QuerySet):
    def for_scopes(self, scopes, periods) -> RollupQuerySet:
        return self.filter(scope__in=list(scopes), period__in=[str(p) for p in periods])

    def first_period(self) -> str | None:
        """The earliest month any figure was counted for: periods before it have no data."""
        return (
            self.exclude(period="now").order_by("period").values_list("period", flat=True).first()
        )


class Rollup(models.Model):
    """The figures of one scope (``org:<id>`` for an organisation's subtree, ``region:<code>``
    for the city, a county or a town) for one month (``YYYY-MM``) or for now (``now``: open and
    overdue). ``figures`` is a tree of counts that adds up key by key (see stats.figures)."""

    scope = models.CharField(max_length=40)
    period = models.CharField(max_length=7)
    figures = models.JSONField(default=dict)
    refreshed_at = models.DateTimeField(default=timezone.now)

    objects = RollupQuerySet.as_manager()

    class Meta:
        verbose_name = _("统计汇总")
        verbose_name_plural = _("统计汇总")
        constraints = [
            models.UniqueConstraint(fields=["scope", "period"], name="stats_rollup_scope_period")
        ]
        indexes = [models.Index(fields=["period"], name="stats_rollup_period")]

    def __str__(self) -> str:
        return f"{self.scope} {self.period}"


class StalePeriod(models.Model):
    """A month (or ``now``) whose rollups a change has made stale; the refresh task claims and
    recomputes it. Many changes in a burst make one row, so one refresh."""

    period = models.CharField(max_length=7, unique=True)
    marked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.period


class ActivityKind(models.TextChoices):
    LEGAL_EDUCATION = "legal_education", _("普法宣传")
    LEGAL_ADVICE = "legal_advice", _("法律咨询")
    DISPUTE_SCREENING = "dispute_screening", _("矛盾纠纷排查")
    HOME_VISIT = "home_visit", _("走访入户")
    PRACTICAL_SERVICE = "practical_service", _("我为群众办实事")
    OTHER = "other", _("其他")


class ServiceActivityQuerySet(models.QuerySet):
    def upcoming_public(self, today) -> ServiceActivityQuerySet:
        return self.filter(
            is_public=True, kind=ActivityKind.LEGAL_EDUCATION, held_on__gte=today
        ).order_by("held_on", "id")


class ServiceActivity(models.Model):
    """A service activity or legal-education event an organisation held (or will hold)."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("组织单位"),
        on_delete=models.PROTECT,
        related_name="service_activities",
    )
    kind = models.CharField(_("活动类型"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("活动名称"), max_length=100)
    held_on = models.DateField(_("活动日期"))
    place = models.CharField(_("活动地点"), max_length=100)
    region = models.ForeignKey(
        "villages.Region",
        verbose_name=_("所在镇（街道）或村（社区）"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    people_reached = models.PositiveIntegerField(_("服务人数"), default=0)
    is_public = models.BooleanField(_("向公众公布"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ServiceActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("服务活动")
        verbose_name_plural = _("服务活动")
        indexes = [
            models.Index(fields=["held_on", "id"], name="stats_activity_held"),
            models.Index(fields=["organisation", "-held_on", "-id"], name="stats_activity_org"),
            models.Index(
                fields=["held_on", "id"],
                name="stats_activity_public",
                condition=models.Q(is_public=True, kind="legal_education"),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ActivityPhoto(models.Model):
    """A photo of an activity (JPEG, PNG or WebP, checked by its content), stored under a
    random name."""

    activity = models.ForeignKey(ServiceActivity, on_delete=models.PROTECT, related_name="photos")
    image = models.FileField(_("照片"), upload_to="activities/%Y/%m/")
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.image.name or ""


class ReportMark(models.Model):
    """What the people's-mediation report counts beyond the case itself: a dispute kept from
    turning into a criminal case (防止民转刑), a group petition prevented (防止群体性上访)."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="report_mark")
    prevented_criminal = models.BooleanField(_("防止民转刑"), default=False)
    prevented_group_petition = models.BooleanField(_("防止群体性上访"), default=False)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("报表标记")
        verbose_name_plural = _("报表标记")

    def __str__(self) -> str:
        return str(self.case_id)
