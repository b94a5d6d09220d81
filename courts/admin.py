from __future__ import annotations

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CourtToken, PreLitigationCase, PreservationRequest


@admin.register(CourtToken)
class CourtTokenAdmin(admin.ModelAdmin):
    """Tokens are issued with `manage.py issue_court_token`; here they are only revoked."""

    list_display = ["court", "name", "key_prefix", "created_at", "revoked_at"]
    list_filter = ["revoked_at"]
    readonly_fields = ["court", "key_prefix", "created_at", "revoked_at"]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("吊销所选令牌"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, _("已吊销 %(n)s 个令牌。") % {"n": count})


@admin.register(PreLitigationCase)
class PreLitigationCaseAdmin(admin.ModelAdmin):
    list_display = ["court_case_number", "court", "cause_of_action", "status", "due_at"]
    list_filter = ["status", "court"]
    search_fields = ["court_case_number"]
    raw_id_fields = ["case", "court", "mediation_organisation"]
    exclude = ["enquiry_password_hash"]


@admin.register(PreservationRequest)
class PreservationRequestAdmin(admin.ModelAdmin):
    list_display = ["applicant", "amount", "court", "status", "requested_at"]
    raw_id_fields = ["case", "court"]
