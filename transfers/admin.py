from __future__ import annotations

from django.contrib import admin

from .models import ExternalEndpoint, RefusalReason, Transfer


@admin.register(RefusalReason)
class RefusalReasonAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]


@admin.register(ExternalEndpoint)
class ExternalEndpointAdmin(admin.ModelAdmin):
    list_display = ["organisation", "callback_url", "is_active"]
    raw_id_fields = ["organisation"]


@admin.register(Transfer)
class TransferAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "case",
        "kind",
        "from_organisation",
        "to_organisation",
        "status",
        "created_at",
    ]
    list_filter = ["status", "kind", "external_status"]
    raw_id_fields = ["case", "from_organisation", "to_organisation"]
    readonly_fields = [f.name for f in Transfer._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
