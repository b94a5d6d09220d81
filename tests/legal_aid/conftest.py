"""Personas of legal aid in 坡头区: the centre's officer, a law firm's lawyer on its roster, a
lawyer who is not on it, the justice bureau, the labour arbitration committee's clerk, and the
officer of another county's centre."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from accounts.models import Role
from legal_aid.models import MatterType, RosterEntry
from tests.conftest import make_staff, org


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LEGAL_AID_VERIFICATION_SHARE = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def officer(db):
    return make_staff("legalaid_potou", Role.LEGAL_AID_OFFICER, "legalaid-440804")


@pytest.fixture
def other_officer(db):
    """The officer of 雷州市's centre, who must not see 坡头区's applications."""
    return make_staff("legalaid_leizhou", Role.LEGAL_AID_OFFICER, "legalaid-440882")


@pytest.fixture
def law_firm(db):
    from accounts.models import Organisation, OrganisationKind

    firm, _ = Organisation.objects.get_or_create(
        code="lawfirm-test",
        defaults={
            "name": "测试律师事务所",
            "kind": OrganisationKind.LAW_FIRM,
            "region_id": "440804",
        },
    )
    return firm


@pytest.fixture
def lawyer(law_firm):
    user = make_staff("lawyer_zhang", Role.LAWYER, "lawfirm-test", last_name="张", first_name="明")
    RosterEntry.objects.create(
        centre=org("legalaid-440804"),
        lawyer=user,
        law_firm=law_firm,
        matter_types=[MatterType.UNPAID_WAGES, MatterType.WORK_INJURY],
    )
    return user


@pytest.fixture
def off_roster_lawyer(law_firm):
    return make_staff("lawyer_wang", Role.LAWYER, "lawfirm-test")


@pytest.fixture
def arbitration_clerk(db):
    return make_staff("arbitration_potou", Role.ARBITRATION_CLERK, "arbitration-440804")
