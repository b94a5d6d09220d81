"""The push of a hand-off to the receiver's own case system: the document sent, its HMAC
signature, the POST with its backoff, and the timeline entry once the receiver acknowledges.

At-least-once: the receiver de-duplicates on the Idempotency-Key header (the transfer's own
key). ``transfers.tasks`` runs it; ``services.sweep_transfers`` finds the pushes that are due.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import http.client
import json
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cases.record import recorded
from cases.services import record_event

from .models import ExternalEndpoint, ExternalStatus, Transfer, TransferStatus


def transfer_document(transfer: Transfer) -> dict[str, Any]:
    """What the receiver's own system is sent."""
    return {
        "idempotency_key": str(transfer.idempotency_key),
        "kind": transfer.kind,
        "case_number": transfer.case.number,
        "from": transfer.from_organisation.code,
        "to": transfer.to_organisation.code,
        "note": transfer.note,
        "payload": transfer.payload,
        "created_at": transfer.created_at.isoformat(),
    }


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def backoff_seconds(attempt: int) -> float:
    base = settings.TRANSFER_EXTERNAL_RETRY_BASE_SECONDS
    wait: float = min(base * 2 ** max(attempt - 1, 0), settings.TRANSFER_EXTERNAL_RETRY_MAX_SECONDS)
    return wait


def push_external(transfer_id: int) -> float | None:
    """POST the transfer to the receiver's own system; at-least-once, so the receiver
    de-duplicates on the Idempotency-Key header (always the transfer's own key).

    Returns the seconds until the next attempt, or None when nothing is left to do. The
    attempt is claimed by moving next_attempt_at a lease ahead, so two workers never post at
    once, and a worker that dies mid-post leaves it for the sweep once the lease runs out.
    """
    now = timezone.now()
    lease = dt.timedelta(seconds=settings.TRANSFER_EXTERNAL_LEASE_SECONDS)
    claimed = (
        Transfer.objects.filter(
            pk=transfer_id, external_status=ExternalStatus.PENDING, next_attempt_at__lte=now
        )
        .exclude(status=TransferStatus.PENDING)
        .update(next_attempt_at=now + lease, external_attempts=F("external_attempts") + 1)
    )
    if not claimed:
        return None
    transfer = Transfer.objects.select_related("case", "from_organisation", "to_organisation").get(
        pk=transfer_id
    )
    endpoint = ExternalEndpoint.objects.filter(
        organisation_id=transfer.to_organisation_id, is_active=True
    ).first()
    if endpoint is None:
        Transfer.objects.filter(pk=transfer_id).update(
            external_status=ExternalStatus.NONE, next_attempt_at=None
        )
        return None
    error = _post(endpoint, transfer)
    if not error:
        _record_acknowledgement(transfer)
        return None
    wait = backoff_seconds(transfer.external_attempts)
    Transfer.objects.filter(pk=transfer_id, external_status=ExternalStatus.PENDING).update(
        next_attempt_at=timezone.now() + dt.timedelta(seconds=wait), last_error=error[:300]
    )
    return wait


def _post(endpoint: ExternalEndpoint, transfer: Transfer) -> str:
    """An empty string when the receiver acknowledged (2xx), else what went wrong."""
    body = json.dumps(transfer_document(transfer), ensure_ascii=False).encode()
    request = urllib.request.Request(
        endpoint.callback_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": str(transfer.idempotency_key),
            "X-Portal-Signature": sign(endpoint.secret, body),
        },
    )
    try:
        with urllib.request.urlopen(
            request, timeout=settings.TRANSFER_EXTERNAL_TIMEOUT_SECONDS
        ) as response:
            return "" if 200 <= response.status < 300 else f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        # Anything the network or a misconfigured endpoint throws is a failed attempt to
        # retry, never a crashed task.
        return f"{type(exc).__name__}: {exc}"


def _record_acknowledgement(transfer: Transfer) -> None:
    with transaction.atomic():
        now = timezone.now()
        done = Transfer.objects.filter(
            pk=transfer.pk, external_status=ExternalStatus.PENDING
        ).update(
            external_status=ExternalStatus.ACKNOWLEDGED,
            external_acknowledged_at=now,
            next_attempt_at=None,
            last_error="",
        )
        if done:
            record_event(
                transfer.case,
                kind="transfer_acknowledged",
                text=recorded("%(to)s的业务系统已确认收到。", to=transfer.to_organisation.name),
                payload={"transfer": transfer.pk},
            )
