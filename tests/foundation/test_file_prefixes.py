"""Every organisation that numbers files has a prefix of its own."""

from __future__ import annotations

from collections import Counter

import pytest
from django.apps import apps

from accounts.models import Organisation
from accounts.reference import fill_office_prefixes
from tests.conftest import org

pytestmark = pytest.mark.django_db


def test_every_non_empty_file_prefix_is_unique_across_all_organisations():
    prefixes = Counter(
        Organisation.objects.exclude(file_prefix="").values_list("file_prefix", flat=True)
    )

    assert [p for p, n in prefixes.items() if n > 1] == []


@pytest.mark.parametrize(
    ("code", "prefix"),
    [
        ("bureau-city", "湛江司调"),
        ("bureau-440804", "坡头司调"),
        ("bureau-440882", "雷州司调"),
        ("legalaid-440804", "坡头法援"),
        ("arbitration-440804", "坡头劳仲"),
        ("petition-440804", "坡头信访"),
        ("petition-city", "湛江信访"),
    ],
)
def test_bureaus_and_other_receiving_offices_have_a_prefix(code, prefix):
    assert org(code).file_prefix == prefix


def test_an_existing_database_gets_the_missing_prefixes_and_keeps_ones_already_set():
    Organisation.objects.filter(code="bureau-440804").update(file_prefix="")
    Organisation.objects.filter(code="petition-440804").update(file_prefix="坡头区信访")

    fill_office_prefixes(apps)

    assert org("bureau-440804").file_prefix == "坡头司调"
    assert org("petition-440804").file_prefix == "坡头区信访"
