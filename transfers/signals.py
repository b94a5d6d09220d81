"""What transfers/ tells higher apps. Sent inside the answering transaction, so a receiver's
writes commit or roll back with the answer."""

from __future__ import annotations

from django.dispatch import Signal

# kwargs: transfer, actor. Sent after a transfer is accepted or rejected.
transfer_answered = Signal()
