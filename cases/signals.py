"""What cases/ tells higher apps, without importing them (architecture.md: dependencies point
one way). Receivers run inside the sender's transaction, so what they write (an outbox
row, a deadline) commits or rolls back with the change that caused it."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by services.transition() after the status change and its event are written.
# kwargs: case, from_status, to_status, kind, actor, payload
case_transitioned = Signal()

# Sent by services.file_case() after the case, its parties and first event are written.
# kwargs: case, actor
case_filed = Signal()
