"""axe-core on the public intake pages: no serious or critical violations.

axe-core is an npm package, not a Python one. CI installs it with
``npm install --prefix /tmp/axe axe-core@4`` and sets ``AXE_CORE_JS`` to
/tmp/axe/node_modules/axe-core/axe.min.js; without the file the test is skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cases.factories import a_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(os.environ.get("AXE_CORE_JS", "/tmp/intake-dev/node_modules/axe-core/axe.min.js"))


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed (see module docstring)")
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
        if violations := serious_violations(phone):
            found[path] = violations
    assert found == {}
