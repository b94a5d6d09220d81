from __future__ import annotations

from django.contrib import admin

from .models import MediationFile, MediationSession, MediatorProfile, RoutingRule


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = [
        "position",
        "name",
        "target_kind",
        "target",
        "region_code",
        "channel",
        "is_active",
    ]
    list_editable = ["position", "is_active"]
    list_display_links = ["name"]
    filter_horizontal = ["categories"]
    autocomplete_fields = ["target"]
    ordering = ["position", "id"]


@admin.register(MediatorProfile)
class MediatorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "last_assigned_at"]
    search_fields = ["user__username", "user__last_name"]
    readonly_fields = ["last_assigned_at"]


@admin.register(MediationFile)
class MediationFileAdmin(admin.ModelAdmin):
    list_display = ["case", "rule", "outcome", "performance", "escalations"]
    readonly_fields = [f.name for f in MediationFile._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(MediationSession)
class MediationSessionAdmin(admin.ModelAdmin):
    list_display = ["case", "room", "mediator", "starts_at", "status"]
    readonly_fields = ["case", "created_by"]
