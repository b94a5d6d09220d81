"""Coded refusal reasons (domain.md §10), loaded by a data migration and editable in the admin."""

from __future__ import annotations

REFUSAL_REASONS = [
    ("outside_remit", "不属于本机构受理范围"),
    ("wrong_organisation", "应由其他机构办理"),
    ("party_refuses", "当事人拒绝调解"),
    ("before_other_body", "已由法院、公安或其他机关受理"),
    ("duplicate", "重复登记"),
    ("conflict_of_interest", "利益冲突需回避"),
    ("materials_incomplete", "材料不全需补正"),
    ("other", "其他"),
]


def load_refusal_reasons(apps) -> None:
    RefusalReason = apps.get_model("transfers", "RefusalReason")
    for order, (code, name) in enumerate(REFUSAL_REASONS, start=1):
        RefusalReason.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order * 10}
        )
