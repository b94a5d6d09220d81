from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from cases.models import Case, CaseStatus
from mediation.autoroute import route_if_new, sweep_unrouted
from tests.cases.factories import a_case
from tests.celery_worker import wait_until
from tests.mediation.factories import a_mediator


@pytest.mark.django_db
def test_a_filed_case_is_routed_by_the_rules_once_the_filing_commits(
    django_capture_on_commit_callbacks,
):
    a_mediator("village_m", "pmc-440804104207")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = a_case()
    assert case.status == CaseStatus.RECEIVED
    assert route_if_new(case.pk)
    case.refresh_from_db()
    assert case.status == CaseStatus.ROUTED
    assert (
        case.organisation.code == "pmc-440804104207"
    )  # a neighbours' dispute stays in the village
    assert len(callbacks) >= 1


@pytest.mark.django_db
def test_routing_a_case_twice_routes_it_once():
    case = a_case()
    assert route_if_new(case.pk)
    assert not route_if_new(case.pk)
    assert case.events.filter(to_status=CaseStatus.ROUTED).count() == 1


@pytest.mark.django_db
def test_a_court_pushed_case_waits_for_the_bureau_to_dispatch_it():
    case = a_case(channel="court_push")
    assert not route_if_new(case.pk)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5)):
        assert sweep_unrouted() == 0
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


@pytest.mark.django_db
def test_the_sweep_routes_a_case_whose_task_was_lost_and_leaves_fresh_ones_to_their_task():
    lost = a_case()
    assert sweep_unrouted() == 0  # too fresh: its own task is still on its way
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5)):
        assert sweep_unrouted() == 1
        assert sweep_unrouted() == 0
    lost.refresh_from_db()
    assert lost.status == CaseStatus.ROUTED


@pytest.mark.integration
def test_a_real_worker_routes_a_case_filed_online(celery_worker_process, client):
    a_mediator("village_m", "pmc-440804104207")  # the village committee has someone to act
    response = client.post(
        "/api/v1/public/disputes/",
        {
            "applicant": {
                "name": "陈某",
                "id_number": "440802199001011238",
                "phone": "13812345678",
                "address": "高岭村",
            },
            "respondents": [{"name": "林某", "phone": "13987654321"}],
            "category": "neighbourhood",
            "village": "440804104207",
            "description": "邻居砌墙占用通道，协商未果。",
            "consent": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    number = response.json()["number"]
    assert wait_until(
        lambda: Case.objects.get(number=number).status == CaseStatus.ROUTED, timeout=30
    )
    assert Case.objects.get(number=number).organisation.code == "pmc-440804104207"
