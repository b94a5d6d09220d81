from __future__ import annotations

from django.contrib import admin

from .models import CaseTypeCode, CourtJurisdiction, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "region", "court_code", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code", "court_code"]
    raw_id_fields = ["parent", "region"]
    list_select_related = ["parent", "region"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__username", "organisation__name"]
    raw_id_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(CourtJurisdiction)
class CourtJurisdictionAdmin(admin.ModelAdmin):
    list_display = ["region", "court"]
    raw_id_fields = ["region"]
    list_select_related = ["region", "court"]


@admin.register(CaseTypeCode)
class CaseTypeCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
