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


@pytest.mark.django_db
@pytest.mark.parametrize("lookup", ["any", "any_opaque"])
def test_both_forms_find_the_same_rows_from_a_set(lookup):
    ids = set(Organisation.objects.order_by("pk").values_list("pk", flat=True)[:5])

    found = Organisation.objects.filter(**{f"pk__{lookup}": frozenset(ids)})

    assert set(found.values_list("pk", flat=True)) == ids
    assert not Organisation.objects.filter(**{f"pk__{lookup}": frozenset()}).exists()
    assert Organisation.objects.exclude(**{f"pk__{lookup}": ids}).count() == (
        Organisation.objects.count() - len(ids)
    )


@pytest.mark.django_db
def test_the_opaque_array_is_read_by_a_sub_select_and_a_count_shows_it_again():
    from zhanjiang_portal.lookups import estimated

    if connection.vendor != "postgresql":
        pytest.skip("elsewhere both forms are an ordinary IN")
    ids = frozenset(Organisation.objects.values_list("pk", flat=True)[:300])
    opaque = Organisation.objects.filter(pk__any_opaque=ids, is_active=True)
    with CaptureQueriesContext(connection) as queries:
        assert opaque.count() == estimated(opaque).count()
    hidden, shown = (q["sql"] for q in queries)
    assert "ANY((SELECT '{" in hidden
    assert "ANY('{" in shown
    assert "SELECT '{" not in shown
    # The queryset it came from is left as it was.
    assert "::bigint[])::bigint[]" in str(opaque.query)
