from __future__ import annotations

from cases.models import DisputeCategory, PartySide
from cases.services import CaseInput, PartyInput, file_case

GAOLING = "440804104207"  # 高岭村委会, 官渡镇, 坡头区


def case_input(**overrides) -> CaseInput:
    values = {
        "category": DisputeCategory.objects.get(code="neighbourhood"),
        "village_code": GAOLING,
        "description": "邻居在宅基地边界砌墙，占用通道约半米，多次协商未果。",
        "request": "拆除占用通道的围墙。",
        "parties": [
            PartyInput(
                side=PartySide.APPLICANT,
                name="陈某",
                id_number="440802199001011238",
                phone="13812345678",
            ),
            PartyInput(side=PartySide.RESPONDENT, name="林某", phone="13987654321"),
        ],
    }
    values.update(overrides)
    return CaseInput(**values)


def a_case(**overrides):
    channel = overrides.pop("channel", "online")
    organisation = overrides.pop("organisation", None)
    actor = overrides.pop("actor", None)
    return file_case(
        data=case_input(**overrides), channel=channel, organisation=organisation, actor=actor
    )
