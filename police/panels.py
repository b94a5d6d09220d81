from __future__ import annotations

from .models import AccidentReferral


def case_accident_context(request, case) -> dict:
    if case.channel != "police_referral":
        return {"accident": None}
    return {"accident": AccidentReferral.objects.select_related("agency").filter(case=case).first()}
