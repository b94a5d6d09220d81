"""Town governments (镇人民政府 / 街道办事处), one per town of the division list: the
organisations whose officers review village rules and approve homesteads. Loaded by a data
migration and safe to run again (rows keyed by code)."""

from __future__ import annotations


def town_government_name(town_name: str) -> str:
    return f"{town_name}办事处" if town_name.endswith("街道") else f"{town_name}人民政府"


def load_town_governments(apps) -> int:
    Region = apps.get_model("villages", "Region")
    Organisation = apps.get_model("accounts", "Organisation")
    existing = set(
        Organisation.objects.filter(code__startswith="town-").values_list("code", flat=True)
    )
    rows = [
        Organisation(
            code=f"town-{code}",
            name=town_government_name(name),
            kind="town_government",
            region_id=code,
        )
        for code, name in Region.objects.filter(level="town").values_list("code", "name")
        if f"town-{code}" not in existing
    ]
    Organisation.objects.bulk_create(rows, batch_size=500)
    return len(rows)
