"""Legal aid's reference data: the statutory clocks of legal aid and labour arbitration
(domain.md §5, §6) as DeadlineRule rows an administrator can edit."""

from __future__ import annotations

# (code, name, unit, amount, max extension, basis)
RULES = [
    (
        "legal_aid_materials",
        "法律援助补充材料（逾期视为撤回）",
        "calendar_days",
        15,
        0,
        "法律援助法第四十三条：一次性告知补充材料，未按期补充视为撤回（期限为本地规定）",
    ),
    (
        "legal_aid_decision",
        "法律援助审查决定",
        "calendar_days",
        7,
        0,
        "法律援助法第四十三条：收到申请之日起7日内决定",
    ),
    (
        "legal_aid_assignment",
        "法律援助指派律师",
        "calendar_days",
        3,
        0,
        "法律援助法第四十三条：决定给予援助之日起3日内指派",
    ),
    (
        "legal_aid_urgent",
        "先行提供法律援助（紧急情形）",
        "working_days",
        1,
        0,
        "法律援助法第四十四条：期限届满不足7日或需立即申请保全的，先行提供援助（处理时限为本地规定）",
    ),
    (
        "legal_aid_objection_window",
        "对法律援助决定提出异议",
        "calendar_days",
        15,
        0,
        "法律援助法第四十九条；提出异议的期限为本地规定",
    ),
    (
        "legal_aid_objection_answer",
        "司法局处理法律援助异议",
        "calendar_days",
        5,
        0,
        "法律援助法第四十九条：收到异议之日起5日内审查",
    ),
    (
        "labour_arbitration_acceptance",
        "劳动仲裁受理",
        "calendar_days",
        5,
        0,
        "劳动争议调解仲裁法第二十九条：收到申请之日起5日内决定是否受理",
    ),
    (
        "labour_arbitration_award",
        "劳动仲裁裁决",
        "calendar_days",
        45,
        15,
        "劳动争议调解仲裁法第四十三条：受理之日起45日内结束，经批准可延长不超过15日",
    ),
]


def load_clocks(apps) -> None:
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    for code, name, unit, amount, max_extension, basis in RULES:
        DeadlineRule.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "amount": amount,
                "max_extension": max_extension,
                "basis": basis,
            },
        )
