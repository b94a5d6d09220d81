"""The transfers panel of the staff case page (cases.panels): where the case has been handed,
and a way to hand it on."""

from __future__ import annotations

from accounts.access import may_act

from .models import Transfer


def case_transfers_context(request, case) -> dict:
    transfers = (
        Transfer.objects.filter(case=case)
        .select_related("from_organisation", "to_organisation", "refusal_reason")
        .order_by("created_at", "id")
    )
    user = getattr(request, "user", None)
    return {
        "case": case,
        "transfers": list(transfers[:50]),
        "may_refer": user is not None and may_act(user, case.organisation_id),
    }
