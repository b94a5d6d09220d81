from __future__ import annotations

from django.contrib import admin

from .models import DisputeCategory


@admin.register(DisputeCategory)
class DisputeCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "court_cause", "is_village_level", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["code", "name"]
