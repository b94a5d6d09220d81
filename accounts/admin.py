from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, CaseTypeCode, CourtJurisdiction, Membership, Organisation


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


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff API tokens: the key itself is never stored, so only its prefix and hash show."""

    list_display = ["user", "key_prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["user__username", "key_prefix"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "key_prefix",
        "key_hash",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("吊销所选令牌"))
    def revoke(self, request, queryset):
        count = queryset.revoke()
        self.message_user(request, _("已吊销 %(n)s 个令牌。") % {"n": count})
