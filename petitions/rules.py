"""The petition clocks (信访工作条例 2022; domain.md §2, §12), loaded by a data migration
and edited in the admin. Acceptance (15 days) and conclusion (60 days, +30) are in the
deadlines app's defaults; the review clocks are assumed at 30 days."""

from __future__ import annotations

# (code, name, unit, amount, max extension, basis)
PETITION_RULES = [
    ("petition_review_request", "信访复查申请", "calendar_days", 30, 0, "信访工作条例（待核实）"),
    ("petition_review", "信访复查答复", "calendar_days", 30, 0, "信访工作条例（待核实）"),
]


def load_petition_rules(apps) -> None:
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    for code, name, unit, amount, extension, basis in PETITION_RULES:
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
