from __future__ import annotations

from .models import Notification

# Counting stops here: the header says "99+" rather than count a flooded inbox exactly.
CAP = 100


def unread_count(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": lambda: Notification.objects.for_user(user).unread()[:CAP].count()
    }
