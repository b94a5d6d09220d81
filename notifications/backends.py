"""Where SMS and e-mail go. A backend is a class with ``send(message) -> str`` returning the
provider's reference, raising on failure (the caller retries). Chosen by dotted path in
NOTIFICATIONS_SMS_BACKEND / NOTIFICATIONS_EMAIL_BACKEND, so a real SMS provider plugs in by
setting without touching the senders."""

from __future__ import annotations

import logging
from functools import cache

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from zhanjiang_portal.log_masking import mask_personal_data

log = logging.getLogger("notifications.outbound")


class LogBackend:
    """The default: the message is written to the log; its OutboundMessage row (status
    已发送) is what the demo shows in the admin."""

    def send(self, message) -> str:
        # Masked here as well as by the log filter: a deployment may log elsewhere.
        to, body = mask_personal_data(message.to), mask_personal_data(message.body)
        log.info("%s to %s: %s", message.channel, to, body)
        return f"log-{message.pk}"


class DjangoEmailBackend:
    """E-mail through Django's configured EMAIL_BACKEND (SMTP in production)."""

    def send(self, message) -> str:
        send_mail(message.subject, message.body, None, [message.to], fail_silently=False)
        return f"mail-{message.pk}"


@cache
def _backend(dotted: str):
    return import_string(dotted)()


def backend_for(channel: str):
    if channel == "sms":
        return _backend(settings.NOTIFICATIONS_SMS_BACKEND)
    return _backend(settings.NOTIFICATIONS_EMAIL_BACKEND)
