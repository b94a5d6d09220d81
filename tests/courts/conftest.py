from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _empty_cache():
    """Dashboard figures and 12368 failure counts live in the cache; each test starts clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def town_mediator(db):
    """A mediator of 官渡镇's people's mediation committee: someone there can take a
    dispatched case, so the bureau may dispatch to it."""
    from accounts.models import Role
    from tests.conftest import make_staff

    return make_staff("town_mediator_guandu", Role.MEDIATOR, "pmc-440804104")


@pytest.fixture(autouse=True)
def _staffed_town_committee(request):
    """Court tests dispatch to 官渡镇's committee; it needs someone who can act there."""
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
    } & set(request.fixturenames)
    if uses_db:
        request.getfixturevalue("town_mediator")
