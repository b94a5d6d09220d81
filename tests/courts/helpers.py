"""Shared helpers for court tests: a court system's client and a push payload."""

from __future__ import annotations

from rest_framework.test import APIClient

from courts.authentication import issue_token
from tests.conftest import org

URL = "/api/v1/court/pre-litigation/"


def court_client(court_code: str = "court-0804") -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_token(org(court_code))}")
    return client


def push_payload(number: str = "（2026）粤0804民诉前调12号", **overrides) -> dict:
    payload = {
        "court_case_number": number,
        "court_code": "粤0804",
        "cause_of_action": "民间借贷纠纷",
        "parties": [
            {"side": "applicant", "name": "陈某", "phone": "13812345678"},
            {"side": "respondent", "name": "林某", "id_number": "440802199001011238"},
        ],
        "claim_amount": "30000.00",
        "description": "借款三万元到期未还。",
        "filed_at": "2026-11-20T09:00:00+08:00",
    }
    payload.update(overrides)
    return payload


def detail_url(number: str) -> str:
    from urllib.parse import quote

    return f"{URL}{quote(number)}/"
