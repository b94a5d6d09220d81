"""Schemathesis over the whole OpenAPI schema, as an anonymous caller, a member of staff and a
court's system: generated valid and invalid requests to every operation, and not one server
error. The seed is printed at the end of the run (FUZZ_SEED=<n> repeats a run; FUZZ_EXAMPLES
sets the examples per operation and mode, default 2, which keeps the run to a few minutes on
two cores)."""

from __future__ import annotations

import os
import random

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, Phase
from schemathesis import GenerationMode

from accounts.tokens import issue_token
from courts.authentication import issue_token as issue_court_token
from tests.cases.factories import a_case
from tests.conftest import make_staff, org

SEED = int(os.environ.get("FUZZ_SEED") or random.SystemRandom().randrange(2**32))
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
RAN: list[int] = []  # the seed, once the run started (printed by conftest at the end)


def personas() -> dict[str, dict[str, str]]:
    staff = make_staff("fuzz_supervisor", "centre_supervisor", "centre-440804")
    key, _token = issue_token(staff)
    return {
        "anonymous": {},
        "staff": {"Authorization": f"Token {key}"},
        "court": {"Authorization": f"Bearer {issue_court_token(org('court-0804'))}"},
    }


def server_errors(schema, headers: dict[str, str]) -> list[str]:
    found: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in MODES:

            @hypothesis.seed(SEED)
            @hypothesis.settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
            def call(case):
                response = case.call(headers=headers)
                if response.status_code >= 500:
                    found.append(f"{response.status_code} {case.as_curl_command(headers=headers)}")

            try:
                call()
            except hypothesis.errors.Unsatisfiable:
                # An operation without inputs has no invalid variant to generate.
                continue
    return found


@pytest.mark.django_db(transaction=True)
def test_no_generated_request_to_any_operation_makes_a_server_error(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.API_DOCS_PUBLIC = True
    # Generated filings come from one address; the limits are not what is tested here.
    settings.CASES_RATE_LIMITS = dict.fromkeys(settings.CASES_RATE_LIMITS, (10**6, 60))
    RAN.append(SEED)
    a_case()
    schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())

    errors = {name: server_errors(schema, headers) for name, headers in personas().items()}

    assert errors == {"anonymous": [], "staff": [], "court": []}, f"seed {SEED}"
