"""Both ends of the link on the case page: the petition a case came from, and the dispute
case a petition became."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Petition, PetitionStatus
from .services import CASE_CHANNEL

CASE_CHANNELS = frozenset(CASE_CHANNEL.values())


def case_petition_context(request, case) -> dict:
    # Only a petition office's case or a dispute handed over from one can be linked: others
    # cost no query.
    if case.channel != "petition_transfer" and case.organisation.kind != "petition_office":
        return {"petition": None, "is_petition_case": False}
    petition = (
        Petition.objects.select_related("case", "dispute_case", "office", "handed_to")
        .filter(Q(case=case) | Q(dispute_case=case))
        .first()
    )
    return {
        "petition": petition,
        "is_petition_case": bool(petition and petition.case_id == case.pk),
    }


NEXT_STEPS = {
    PetitionStatus.REGISTERED: _("信访部门将在15日内决定是否受理并告知信访人。"),
    PetitionStatus.NOT_ACCEPTED: _("不予受理，已告知信访人。"),
    PetitionStatus.ACCEPTED: _("已受理，信访部门将在办理期限内书面答复。"),
    PetitionStatus.TRANSFERRED: _("已交办有关机构办理，信访部门将在办理期限内书面答复。"),
    PetitionStatus.REPLIED: _("已书面答复；不服的，可在30日内申请复查。"),
    PetitionStatus.REVIEW_REQUESTED: _("正在复查，将在30日内作出复查意见。"),
    PetitionStatus.REVIEWED: _("复查意见已作出，信访事项办结。"),
}


def petition_next_step(case) -> str:
    """12368's next step for a petition's own case."""
    if case.channel not in CASE_CHANNELS:
        return ""
    status = Petition.objects.filter(case=case).values_list("status", flat=True).first()
    return str(NEXT_STEPS[status]) if status else ""
