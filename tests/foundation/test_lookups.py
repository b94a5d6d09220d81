"""``__any``: membership in a list of ids sent as one parameter (one array on PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Organisation


@pytest.mark.django_db
def test_any_finds_the_listed_ids_and_nothing_for_an_empty_list():
    ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True)[:3])

    assert sorted(Organisation.objects.filter(pk__any=ids).values_list("pk", flat=True)) == ids
    assert not Organisation.objects.filter(pk__any=[]).exists()
    assert Organisation.objects.exclude(pk__any=ids).count() == Organisation.objects.count() - 3
    parent = Organisation.objects.exclude(parent=None).first().parent_id
    assert Organisation.objects.filter(parent_id__any=[parent]).count() == (
        Organisation.objects.filter(parent_id=parent).count()
    )


@pytest.mark.django_db
def test_a_thousand_ids_are_one_parameter_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("elsewhere __any is an ordinary IN")
    ids = list(Organisation.objects.values_list("pk", flat=True)[:1000])
    with CaptureQueriesContext(connection) as queries:
        assert Organisation.objects.filter(pk__any=ids).count() == len(ids)
    sql = queries[0]["sql"]
    assert "= ANY(" in sql
    assert " IN (" not in sql  # one array parameter, not a placeholder per id
