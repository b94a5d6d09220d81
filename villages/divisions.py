"""Loading Zhanjiang's administrative divisions from the committed data file."""

from __future__ import annotations

import csv
from pathlib import Path

DIVISIONS_CSV = Path(__file__).resolve().parent / "data" / "zhanjiang_divisions.csv"
DATASET_VERSION = "NBS-2023"


def read_divisions() -> list[dict[str, str]]:
    with DIVISIONS_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_regions(region_model) -> int:
    """Insert or refresh every division; parents come before children in the file order."""
    rows = read_divisions()
    known = set(region_model.objects.values_list("code", flat=True))
    new = [
        region_model(
            code=row["code"],
            name=row["name"],
            level=row["level"],
            parent_id=None if row["level"] == "city" else row["parent_code"],
            dataset_version=DATASET_VERSION,
        )
        for row in sorted(rows, key=lambda r: len(r["code"]))
        if row["code"] not in known
    ]
    region_model.objects.bulk_create(new, batch_size=500)
    return len(new)


def load_divisions(apps) -> int:
    return load_regions(apps.get_model("villages", "Region"))
