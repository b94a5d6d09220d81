from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings, tmp_path):
    """Rate-limit counters live in the cache; each test starts with none, and evidence goes
    to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()
