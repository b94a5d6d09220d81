from __future__ import annotations

from django.contrib import admin

from .models import (
    AffairsEvent,
    CommitteeMember,
    HomesteadApplication,
    LedgerEntry,
    Parcel,
    Posting,
    RuleVersion,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Registers change through the services (and their checks); the admin only looks."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RuleVersion)
class RuleVersionAdmin(ReadOnlyAdmin):
    list_display = ["village", "number", "title", "status", "adopted_on"]
    list_filter = ["status"]
    search_fields = ["village__code", "village__name"]


@admin.register(Posting)
class PostingAdmin(ReadOnlyAdmin):
    list_display = ["village", "kind", "title", "period_end", "status", "version"]
    list_filter = ["kind", "status"]
    search_fields = ["village__code", "title"]


@admin.register(HomesteadApplication)
class HomesteadApplicationAdmin(ReadOnlyAdmin):
    list_display = ["number", "village", "head_name", "status"]
    list_filter = ["status"]
    search_fields = ["number", "village__code"]


@admin.register(Parcel)
class ParcelAdmin(ReadOnlyAdmin):
    list_display = ["number", "village", "household_head", "area", "status"]
    search_fields = ["number", "village__code"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["village", "found_on", "source", "category", "outcome"]
    list_filter = ["outcome", "source"]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(ReadOnlyAdmin):
    list_display = ["village", "name", "position", "is_active"]


@admin.register(AffairsEvent)
class AffairsEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "village", "kind", "record_type", "record_id", "text"]
    list_filter = ["kind"]
