from __future__ import annotations

from decimal import Decimal

from legal_aid import services
from legal_aid.models import (
    Application,
    CommitmentChannel,
    ExemptReason,
    MatterType,
    SignatureMethod,
)
from tests.cases.factories import GAOLING

PUBLIC = "/api/v1/public/legal-aid/"


def public_body(**overrides) -> dict:
    body = {
        "applicant_name": "陈某",
        "applicant_phone": "13812345678",
        "village": GAOLING,
        "matter_type": MatterType.MAINTENANCE,
        "opponent": "陈某某",
        "facts": "儿子两年不给赡养费。",
        "commitment_signed": True,
        "commitment_method": SignatureMethod.SMS_CODE,
    }
    body.update(overrides)
    return body


def an_application(
    *, phone: str = "13812345678", matter: str = MatterType.UNPAID_WAGES, **extra
) -> Application:
    """A migrant worker's wage claim (exempt from the hardship check) unless told otherwise."""
    exempt = extra.pop(
        "exempt_reason",
        ExemptReason.MIGRANT_WORKER
        if matter in (MatterType.UNPAID_WAGES, MatterType.WORK_INJURY)
        else "",
    )
    commitment = None
    if not exempt:
        commitment = services.CommitmentInput(
            method=SignatureMethod.SMS_CODE, channel=CommitmentChannel.ONLINE
        )
    return services.apply(
        data=services.ApplicationInput(
            applicant_name=extra.pop("name", "陈某"),
            applicant_phone=phone,
            village_code=GAOLING,
            matter_type=matter,
            opponent=extra.pop("opponent", "湛江某建筑劳务公司"),
            facts="在工地干了8个月，老板欠工资。",
            amount_claimed=Decimal("46000"),
            exempt_reason=exempt,
            **extra,
        ),
        commitment=commitment,
    )


def under_review(officer, **kwargs) -> Application:
    return services.accept_complete(an_application(**kwargs), actor=officer)


def granted(officer, **kwargs) -> Application:
    return services.grant(under_review(officer, **kwargs), actor=officer)


def in_progress(officer, lawyer, **kwargs) -> Application:
    application = services.assign(granted(officer, **kwargs), actor=officer, lawyer_id=lawyer.pk)
    return services.lawyer_accept(application, actor=lawyer)
