from __future__ import annotations

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .authentication import rotate_token
from .models import CourtToken, PreLitigationCase, PreservationRequest


@admin.register(CourtToken)
class CourtTokenAdmin(admin.ModelAdmin):
    """Tokens are issued with `manage.py issue_court_token`; here they are revoked or rotated
    (a new key replaces the old one, shown once). Only the key's prefix and hash are stored."""

    list_display = [
        "court",
        "name",
        "key_prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    list_select_related = ["court"]
    readonly_fields = [
        "court",
        "key_prefix",
        "key_hash",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    actions = ["revoke", "rotate"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("吊销所选令牌"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, _("已吊销 %(n)s 个令牌。") % {"n": count})

    @admin.action(description=_("轮换所选令牌（签发新密钥并吊销旧密钥）"))
    def rotate(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True).select_related("court"):
            key = rotate_token(token)
            self.message_user(
                request,
                _("%(court)s的新密钥（只显示这一次，请立即交给法院系统管理员）：%(key)s")
                % {"court": token.court.name, "key": key},
                level=messages.WARNING,
            )


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
