from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import Case
from tests.cases.factories import a_case
from tests.conftest import org


def local(y: int, m: int, d: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime(  # noqa: DTZ001 made aware here
            y, m, d, hour, minute
        )
    )


@pytest.fixture
def case(db, mediator):
    """A 坡头区 neighbourhood dispute handled by the centre's family workroom and assigned to
    its mediator."""
    made = a_case(organisation=org("room-440804-family"))
    Case.objects.filter(pk=made.pk).update(assignee=mediator)
    made.refresh_from_db()
    return made


@pytest.fixture
def unassigned_case(db):
    return a_case()
