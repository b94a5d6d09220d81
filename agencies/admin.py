from __future__ import annotations

from django.contrib import admin

from .models import AgencyToken


@admin.register(AgencyToken)
class AgencyTokenAdmin(admin.ModelAdmin):
    list_display = [
        "organisation",
        "name",
        "key_prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["organisation__kind"]
    readonly_fields = ["key_prefix", "key_hash", "created_at", "last_used_at", "replaced_by"]
    search_fields = ["organisation__name", "organisation__code", "key_prefix"]
