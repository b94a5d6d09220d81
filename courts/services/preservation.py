"""Pre-suit property preservation (诉前财产保全): the request, which starts the court's
48-hour ruling clock, and the ruling, which meets it and, when a measure is granted, starts
the 30-day lapse clock."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation
from cases.record import recorded
from cases.services import record_event
from deadlines.services import meet_deadlines, start_deadline

from ..models import PreservationRequest, PreservationStatus
from ..verbs import VERBS
from ._common import CourtActionRefused, normalise_number


def request_preservation(
    *, case, court: Organisation, applicant: str, amount: Decimal, property_description: str, actor
) -> PreservationRequest:
    """A pre-suit preservation request: the 48-hour ruling clock starts now."""
    VERBS.check("request_preservation", actor, PreservationRequest(court=court))
    with transaction.atomic():
        request = PreservationRequest.objects.create(
            case=case,
            court=court,
            applicant=applicant,
            amount=amount,
            property_description=property_description,
        )
        start_deadline(case=case, kind="preservation_ruling", starts_at=request.requested_at)
        record_event(
            case,
            kind="preservation_requested",
            actor=actor,
            text=recorded(
                "%(who)s申请诉前财产保全，金额%(amount)s元，法院应在48小时内裁定。",
                who=applicant,
                amount=amount,
            ),
            payload={"preservation": request.pk},
        )
    return request


def rule_preservation(
    request: PreservationRequest, *, granted: bool, actor, number: str = ""
) -> PreservationRequest:
    """The ruling meets the 48-hour clock; a measure taken starts the 30-day lapse clock."""
    VERBS.check("rule_preservation", actor, request)
    status = PreservationStatus.GRANTED if granted else PreservationStatus.REFUSED
    if granted:
        number = normalise_number(number, court=request.court, type_code="财保")
    with transaction.atomic():
        now = timezone.now()
        if not PreservationRequest.objects.filter(
            pk=request.pk, status=PreservationStatus.REQUESTED
        ).update(status=status, ruled_at=now, preservation_number=number):
            raise CourtActionRefused(_("该保全申请已裁定。"))
        meet_deadlines(case=request.case, kind="preservation_ruling")
        if granted:
            start_deadline(case=request.case, kind="preservation_lapse", starts_at=now)
        record_event(
            request.case,
            kind="preservation_ruled",
            actor=actor,
            text=recorded(
                "法院裁定：%(status)s%(number)s。",
                status=PreservationStatus(status).label,
                number=number,
            ),
            payload={"preservation": request.pk, "granted": granted},
        )
    request.refresh_from_db()
    return request
