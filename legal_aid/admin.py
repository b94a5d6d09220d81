from __future__ import annotations

from django.contrib import admin

from .models import Application, ArbitrationLink, BadCreditEntry, FileAccess, RosterEntry


@admin.register(RosterEntry)
class RosterEntryAdmin(admin.ModelAdmin):
    list_display = ["lawyer", "centre", "law_firm", "is_duty_lawyer", "open_cases", "is_active"]
    list_filter = ["is_duty_lawyer", "is_active"]
    raw_id_fields = ["lawyer", "centre", "law_firm"]


@admin.register(BadCreditEntry)
class BadCreditEntryAdmin(admin.ModelAdmin):
    list_display = ["name", "id_number_masked", "phone", "listed_at", "removed_at"]
    exclude = ["id_number_hash"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only: applications change through their verbs, which keep the timeline."""

    list_display = ["case", "applicant_name", "matter_type", "status", "submitted_at"]
    list_filter = ["status", "matter_type"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ArbitrationLink)
class ArbitrationLinkAdmin(ApplicationAdmin):
    list_display = ["application", "committee", "status", "awarded_at"]
    list_filter = ["status"]


@admin.register(FileAccess)
class FileAccessAdmin(ApplicationAdmin):
    list_display = ["case", "lawyer", "basis", "status", "ends_at"]
    list_filter = ["status", "basis"]
