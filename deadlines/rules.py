"""Default clocks of domain.md §2; loaded by a migration, then edited in the admin."""

from __future__ import annotations

# (code, name, unit, amount, max extension, basis)
DEFAULT_RULES = [
    ("pre_litigation", "诉前调解", "calendar_days", 30, 30, "法院诉前调解规定；延长上限为本地做法"),
    (
        "judicial_confirmation_apply",
        "申请司法确认",
        "calendar_days",
        30,
        0,
        "人民调解法、民事诉讼法",
    ),
    ("judicial_confirmation_accept", "法院受理司法确认", "calendar_days", 3, 0, "法释〔2011〕5号"),
    (
        "judicial_confirmation_rule",
        "法院作出司法确认裁定",
        "calendar_days",
        15,
        10,
        "法释〔2011〕5号",
    ),
    (
        "legal_aid_decision",
        "法律援助审查决定",
        "calendar_days",
        7,
        0,
        "法律援助法（按自然日，待核实）",
    ),
    ("legal_aid_assignment", "指派法律援助人员", "calendar_days", 3, 0, "法律援助法（待核实）"),
    ("legal_aid_objection", "法律援助异议审查", "calendar_days", 5, 0, "法律援助法（待核实）"),
    ("labour_mediation", "劳动争议调解", "calendar_days", 15, 0, "劳动争议调解仲裁法"),
    ("labour_arbitration_accept", "劳动仲裁受理", "calendar_days", 5, 0, "劳动争议调解仲裁法"),
    ("labour_arbitration_award", "劳动仲裁裁决", "calendar_days", 45, 15, "劳动争议调解仲裁法"),
    ("petition_accept", "信访受理", "calendar_days", 15, 0, "信访工作条例（待核实）"),
    ("petition_conclude", "信访办结", "calendar_days", 60, 30, "信访工作条例（待核实）"),
    ("preservation_ruling", "财产保全裁定", "hours", 48, 0, "民事诉讼法"),
    ("preservation_lapse", "诉前保全失效", "calendar_days", 30, 0, "民事诉讼法"),
    ("people_mediation", "人民调解（本地目标）", "months", 1, 0, "本地目标（待核实）"),
]


def load_default_rules(apps) -> None:
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    for code, name, unit, amount, extension, basis in DEFAULT_RULES:
        DeadlineRule.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "amount": amount,
                "max_extension": extension,
                "basis": basis,
            },
        )
