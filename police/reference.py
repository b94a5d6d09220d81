"""The traffic-police agencies (交警大队) that refer road-accident disputes: one per county
under the city's detachment. Loaded by a data migration; only missing rows are added."""

from __future__ import annotations

from accounts.reference import COUNTIES

CITY_AGENCY = ("police-city", "湛江市公安局交通警察支队")


def agency_name(short: str) -> str:
    if short.endswith("区"):
        return f"湛江市公安局{short[:-1]}分局交通警察大队"
    return f"{short}公安局交通警察大队"


def load_traffic_police(apps) -> int:
    Organisation = apps.get_model("accounts", "Organisation")
    city, _created = Organisation.objects.get_or_create(
        code=CITY_AGENCY[0],
        defaults={"name": CITY_AGENCY[1], "kind": "traffic_police", "region_id": "440800"},
    )
    created = 0
    for county, short, _court, _code in COUNTIES:
        _row, made = Organisation.objects.get_or_create(
            code=f"police-{county}",
            defaults={
                "name": agency_name(short),
                "kind": "traffic_police",
                "parent": city,
                "region_id": county,
            },
        )
        created += made
    return created
