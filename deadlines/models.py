from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DeadlineUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", _("自然日")
    WORKING_DAYS = "working_days", _("工作日")
    HOURS = "hours", _("小时")
    MONTHS = "months", _("月")


DAY_UNITS = frozenset({DeadlineUnit.CALENDAR_DAYS, DeadlineUnit.WORKING_DAYS, DeadlineUnit.MONTHS})


def validate_reminder_days(value: str) -> None:
    try:
        days = [int(part) for part in value.split(",") if part.strip()]
    except ValueError as exc:
        raise ValidationError(_("请填写用逗号分隔的天数，例如 3,1,0。")) from exc
    if any(day < 0 for day in days):
        raise ValidationError(_("提前提醒的天数不能为负数。"))


class DeadlineRule(models.Model):
    """A statutory or local clock (domain.md §2), editable by an administrator."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    unit = models.CharField(_("单位"), max_length=20, choices=DeadlineUnit.choices)
    amount = models.PositiveIntegerField(_("期限"))
    max_extension = models.PositiveIntegerField(
        _("最多延长"), default=0, help_text=_("与期限同一单位；0 表示不得延长。")
    )
    basis = models.CharField(_("依据"), max_length=200, blank=True)
    roll_over_holiday = models.BooleanField(
        _("届满日遇节假日顺延"),
        default=True,
        help_text=_("期间届满的最后一日是法定休假日的，以休假日后的第一个工作日为届满日。"),
    )
    reminder_days = models.CharField(
        _("提前提醒（天）"),
        max_length=40,
        default="3,1,0",
        validators=[validate_reminder_days],
        help_text=_("届满前几天提醒，用逗号分隔；0 表示届满当天。逾期后每天提醒。"),
    )
    escalate_after_working_days = models.PositiveSmallIntegerField(
        _("逾期几个工作日后告知负责人"), default=2
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("期限规则")
        verbose_name_plural = _("期限规则")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=1), name="deadline_rule_amount_positive")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.amount is not None and self.amount < 1:
            raise ValidationError({"amount": _("期限必须至少为 1。")})

    @property
    def reminder_day_list(self) -> list[int]:
        return sorted({int(p) for p in self.reminder_days.split(",") if p.strip()}, reverse=True)


class DeadlineQuerySet(models.QuerySet):
    def open(self) -> DeadlineQuerySet:
        return self.filter(met_at__isnull=True)

    def overdue(self, now: dt.datetime | None = None) -> DeadlineQuerySet:
        return self.open().filter(paused_at__isnull=True, due_at__lt=now or timezone.now())

    def due_for_reminder(self, now: dt.datetime) -> DeadlineQuerySet:
        return self.filter(next_reminder_at__lte=now)

    def after(self, position: tuple[dt.datetime, int] | None) -> DeadlineQuerySet:
        """Keyset paging over (due_at, id): ``position`` is the (due_at, id) of the last row
        shown, parsed from the "<due_at iso>_<id>" cursor by PagingForm (None: the start)."""
        if position is None:
            return self
        moment, pk = position
        return self.filter(Q(due_at__gt=moment) | Q(due_at=moment, pk__gt=pk))

    def for_case(self, case) -> DeadlineQuerySet:
        return self.filter(case=case).select_related("rule").order_by("met_at", "due_at", "id")


class Deadline(models.Model):
    """A running clock on a case; created by the service that starts it, never by hand."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="deadlines")
    kind = models.CharField(_("类型"), max_length=40)
    rule = models.ForeignKey(DeadlineRule, on_delete=models.PROTECT, related_name="deadlines")
    # A later area's object the clock is about (an application, a session, ...), if any.
    subject_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, null=True, blank=True
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    # Whose clock it is when not the case's handling organisation's (a court team's trial
    # clock on a case a mediation body handled): its staff are reminded, its supervisor told.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("负责机构"),
    )
    starts_at = models.DateTimeField(_("起算"))
    due_at = models.DateTimeField(_("届满"))
    # Day-counted clocks end at the end of a day; hour-counted ones at an instant.
    due_is_date = models.BooleanField(_("按日届满"), default=True)
    original_due_at = models.DateTimeField(_("原届满时间"), null=True, blank=True)
    calendar_provisional = models.BooleanField(
        _("节假日安排未公布"),
        default=False,
        help_text=_("届满日超出已公布的节假日安排，暂按周末推算。"),
    )
    paused_at = models.DateTimeField(_("暂停于"), null=True, blank=True)
    met_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    missed_at = models.DateTimeField(_("逾期于"), null=True, blank=True)
    # The reminder sweep's bookmark: stages up to ``reminded_through`` are handled, the next
    # one falls at ``next_reminder_at`` (NULL when met or paused, so the sweep skips it).
    next_reminder_at = models.DateTimeField(null=True, blank=True)
    reminded_through = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("期限")
        verbose_name_plural = _("期限")
        indexes = [
            models.Index(fields=["met_at", "due_at"]),
            models.Index(fields=["case", "kind"]),
            models.Index(
                fields=["next_reminder_at"],
                name="deadline_next_reminder",
                condition=Q(next_reminder_at__isnull=False),
            ),
            models.Index(
                fields=["case", "due_at"], name="deadline_open_by_case", condition=Q(met_at=None)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.due_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.met_at is None

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        return self.is_open and not self.is_paused and self.due_at < (now or timezone.now())

    @property
    def due_date(self) -> dt.date:
        return timezone.localtime(self.due_at).date()

    def days_left(self, today: dt.date | None = None) -> int:
        return (self.due_date - (today or timezone.localdate())).days


class DeadlinePause(models.Model):
    """One interval during which the clock stood still (e.g. waiting for materials)."""

    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT, related_name="pauses")
    paused_at = models.DateTimeField(_("暂停时间"))
    resumed_at = models.DateTimeField(_("恢复时间"), null=True, blank=True)
    reason = models.CharField(_("暂停原因"), max_length=200)
    paused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["paused_at", "id"]
        verbose_name = _("期限暂停")
        verbose_name_plural = _("期限暂停")
        constraints = [
            models.UniqueConstraint(
                fields=["deadline"], condition=Q(resumed_at=None), name="one_open_pause"
            )
        ]

    def __str__(self) -> str:
        return f"{self.deadline_id} {self.reason}"


class DeadlineExtension(models.Model):
    """An approved extension: who approved it, why, from which due date to which."""

    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT, related_name="extensions")
    previous_due_at = models.DateTimeField(_("原届满时间"))
    new_due_at = models.DateTimeField(_("延长至"))
    reason = models.CharField(_("延长理由"), max_length=300)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批准人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("期限延长")
        verbose_name_plural = _("期限延长")
        constraints = [
            models.CheckConstraint(
                condition=Q(new_due_at__gt=models.F("previous_due_at")),
                name="extension_moves_later",
            )
        ]

    def __str__(self) -> str:
        return f"{self.deadline_id} → {self.new_due_at:%Y-%m-%d}"


class Reminder(models.Model):
    """The claim that a reminder stage went to one person: the unique row makes it once."""

    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT, related_name="reminders")
    stage = models.CharField(_("提醒阶段"), max_length=40)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("期限提醒")
        verbose_name_plural = _("期限提醒")
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "stage", "recipient"], name="reminder_once_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.deadline_id} {self.stage} {self.recipient_id}"


class CalendarToken(models.Model):
    """The secret in a staff member's calendar-feed URL; regenerating it revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.user_id)
