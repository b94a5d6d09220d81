from __future__ import annotations

from django.contrib import admin

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

    list_display = ["to", "channel", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["channel", "status", "kind"]
    search_fields = ["to"]
    raw_id_fields = ["sent_by"]
    readonly_fields = ["attempts", "last_error", "provider_ref", "claimed_at", "sent_at"]
