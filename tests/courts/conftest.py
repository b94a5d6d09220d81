from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _empty_cache():
    """Dashboard figures and 12368 failure counts live in the cache; each test starts clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
