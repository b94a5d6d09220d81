from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_counters(settings, tmp_path):
    """Rate limits and lock-out counts live in the cache and the database; each test starts
    with none, and evidence goes to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def pytest_terminal_summary(terminalreporter):
    """The fuzzing run's seed, printed however quiet the run (repeat it with FUZZ_SEED)."""
    from . import test_fuzz

    if test_fuzz.RAN:
        terminalreporter.write_line(f"schemathesis seed: {test_fuzz.SEED} (FUZZ_SEED repeats it)")
