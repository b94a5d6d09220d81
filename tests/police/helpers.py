from __future__ import annotations

from rest_framework.test import APIClient

from agencies.tokens import issue_token
from tests.conftest import org

URL = "/api/v1/police/accident-referrals/"
REPORT = "坡公交认字〔2026〕第00031号"


def police_client(code: str = "police-440804") -> APIClient:
    client = APIClient()
    _token, key = issue_token(org(code))
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def referral_payload(**overrides) -> dict:
    payload = {
        "agency_code": "police-440804",
        "report_number": REPORT,
        "accident_at": "2026-11-20T08:30:00+08:00",
        "place": "坡头区官渡镇高岭村路口",
        "village_code": "440804104207",
        "vehicles": [
            {"plate_number": "粤G12345", "vehicle_type": "小型轿车", "driver_name": "陈某"},
            {"plate_number": "粤G6789X", "vehicle_type": "电动自行车", "driver_name": "林某"},
        ],
        "responsibility": "陈某负事故主要责任，林某负次要责任。",
        "injuries": "林某左腿骨折。",
        "losses": "医疗费、误工费、车辆维修费。",
        "loss_amount": "38600.00",
        "parties": [
            {"side": "applicant", "name": "林某", "phone": "13987654321"},
            {"side": "respondent", "name": "陈某", "phone": "13812345678"},
        ],
        "parties_consent": True,
    }
    payload.update(overrides)
    return payload
