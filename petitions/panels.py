"""Both ends of the link on the case page: the petition a case came from, and the dispute
case a petition became."""

from __future__ import annotations

from django.db.models import Q

from .models import Petition


def case_petition_context(request, case) -> dict:
    petition = (
        Petition.objects.select_related("case", "dispute_case", "office", "handed_to")
        .filter(Q(case=case) | Q(dispute_case=case))
        .first()
    )
    return {
        "petition": petition,
        "is_petition_case": bool(petition and petition.case_id == case.pk),
    }
