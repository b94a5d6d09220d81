from __future__ import annotations

import pytest

from tests.conftest import make_staff


@pytest.fixture
def admin_user(db):
    return make_staff("stats_admin", "administrator", "plc-city")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
