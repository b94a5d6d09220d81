from __future__ import annotations

from django.contrib import admin

from .models import Deadline, DeadlineExtension, DeadlinePause, DeadlineRule, Reminder


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    """The clocks of domain.md §2: an administrator changes amounts, units and reminders."""

    list_display = ["name", "code", "amount", "unit", "max_extension", "roll_over_holiday", "basis"]
    list_editable = ["amount", "unit", "max_extension"]


class PauseInline(admin.TabularInline):
    model = DeadlinePause
    extra = 0
    can_delete = False
    readonly_fields = ["paused_at", "resumed_at", "reason", "paused_by", "resumed_by"]


class ExtensionInline(admin.TabularInline):
    model = DeadlineExtension
    extra = 0
    can_delete = False
    readonly_fields = ["previous_due_at", "new_due_at", "reason", "approved_by", "recorded_by"]


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    """Read-only: clocks are started, paused, extended and met by the services only."""

    list_display = ["case", "rule", "due_at", "paused_at", "met_at", "missed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["case"]
    inlines = [PauseInline, ExtensionInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["deadline", "stage", "recipient", "created_at"]
    raw_id_fields = ["deadline", "recipient"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False
