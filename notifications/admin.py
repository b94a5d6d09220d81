from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from zhanjiang_portal.log_masking import mask_personal_data

from .models import Notification, OutboundMessage


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient"]
    search_fields = ["title"]


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    """What was texted and e-mailed, and whether it went: the demo's SMS log."""

    list_display = [
        "masked_to",
        "channel",
        "kind",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["channel", "status", "kind"]
    # Searching by a full number finds its messages without showing anyone else's.
    search_fields = ["=to"]
    raw_id_fields = ["sent_by"]
    # The recipient and the text are personal data: shown masked, never edited here.
    exclude = ["to", "body"]
    readonly_fields = [
        "masked_to",
        "masked_body",
        "attempts",
        "last_error",
        "provider_ref",
        "claimed_at",
        "sent_at",
    ]

    @admin.display(description=_("收件人"))
    def masked_to(self, obj) -> str:
        return mask_personal_data(obj.to)

    @admin.display(description=_("内容"))
    def masked_body(self, obj) -> str:
        return mask_personal_data(obj.body)
