"""axe-core on the public intake pages: no serious or critical violations.

axe-core comes from `npm ci` (package.json); without it the test is skipped.
"""

from __future__ import annotations

import pytest

from tests.browser import axe_violations
from tests.cases.factories import a_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_intake_pages_have_no_serious_accessibility_violations(live_server, phone):
    case = a_case()
    pages = [
        "/",
        "/disputes/new/",
        "/disputes/track/",
        f"/disputes/track/?number={case.number}&code={case.tracking_code}",
        f"/disputes/track/?number={case.number}&code=WRONG12345",
    ]
    found = {}
    for path in pages:
        phone.goto(f"{live_server.url}{path}")
        if violations := axe_violations(phone):
            found[path] = violations
    assert found == {}
