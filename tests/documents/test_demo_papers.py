"""The demo shows every paper at once: a written agreement with its PDF, the parties'
application for judicial confirmation, and notices of refusal and termination."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from accounts import demo as staff_demo
from cases.models import Case
from mediation import demo
from mediation.models import Agreement, MediationFile
from tests.documents import reader

pytestmark = [pytest.mark.django_db, reader.needs_poppler]


def test_the_demo_mediator_can_print_every_paper_and_the_seed_runs_twice_unchanged(client):
    staff_demo.seed()
    demo.seed()
    cases = Case.objects.count()
    demo.seed()
    assert Case.objects.count() == cases == 6

    agreement = Agreement.objects.get(kind="written")
    assert agreement.document.endswith(".pdf")
    assert MediationFile.objects.get(case=agreement.case).judicial_confirmation_requested_at
    refused = Case.objects.get(status="not_accepted")
    ended = Case.objects.get(status="terminated")

    # Login throttling (axes) wants a request: log in the demo mediator directly.
    client.force_login(get_user_model().objects.get(username="mediator"))
    page = client.get(f"/mediation/cases/{agreement.case_id}/").content.decode()
    assert f"/mediation/cases/{agreement.case_id}/papers/confirmation/" in page
    for url in (
        f"/mediation/cases/{agreement.case_id}/documents/pdf/",
        f"/mediation/cases/{agreement.case_id}/papers/confirmation/",
        f"/mediation/cases/{refused.pk}/papers/not-accepted/",
        f"/mediation/cases/{ended.pk}/papers/terminated/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        data = b"".join(response.streaming_content) if response.streaming else response.content
        assert all(font.embedded for font in reader.fonts(data))
        assert "陈某" in reader.text(data)
