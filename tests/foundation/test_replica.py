"""Statistics read from the replica when one is configured, through a second database alias
(in the tests, the test database under its own connection)."""

from __future__ import annotations

import pytest
from django.db import connections, router
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from stats.models import ReportMark, Rollup, ServiceActivity, StalePeriod
from tests.cases.factories import a_case
from zhanjiang_portal.replica import statistics_database, statistics_reads


def test_without_a_replica_statistics_read_the_primary(settings):
    settings.STATISTICS_DATABASE = "default"

    assert statistics_database() == "default"
    assert Rollup.objects.all().db == "default"
    assert statistics_reads(Case).db == "default"


def test_with_a_replica_the_rollups_are_read_there_and_writes_go_to_the_primary(settings):
    settings.STATISTICS_DATABASE = "replica"

    assert Rollup.objects.all().db == "replica"
    # What people write and read back at once, and the claims, stay on the primary.
    for model in (ServiceActivity, ReportMark, StalePeriod):
        assert model.objects.all().db == "default"
    assert statistics_reads(Case).db == "replica"
    assert Case.objects.all().db == "default"  # other reads stay on the primary
    assert router.db_for_write(Rollup) == "default"


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_rows_read_for_statistics_come_through_the_replica_connection(settings, no_self_routing):
    settings.STATISTICS_DATABASE = "replica"
    filed = a_case()

    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        numbers = list(statistics_reads(Case).values_list("number", flat=True))

    assert numbers == [filed.number]
    assert len(on_replica.captured_queries) == 1
    assert on_primary.captured_queries == []


def test_the_replica_is_never_migrated():
    assert router.allow_migrate("replica", "cases") is False
    assert router.allow_migrate("default", "cases") is True
