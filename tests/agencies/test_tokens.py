from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from agencies.models import AgencyToken, hash_key
from agencies.tokens import rotate_token, token_for_key
from tests.conftest import org

pytestmark = pytest.mark.django_db


def issue(code: str, *args) -> str:
    out = io.StringIO()
    call_command("issue_agency_token", code, *args, stdout=out)
    return out.getvalue().strip()


def test_the_command_prints_a_key_of_which_only_a_hash_is_stored():
    key = issue("police-440804", "--name", "智慧新交管")

    token = AgencyToken.objects.get()
    assert token.organisation == org("police-440804")
    assert token.key_hash == hash_key(key)
    assert key not in (token.key_hash, token.key_prefix, token.name)
    assert token.last_used_at is None


def test_using_a_key_records_its_last_use():
    key = issue("police-440804")

    assert token_for_key(key).organisation == org("police-440804")
    assert AgencyToken.objects.get().last_used_at is not None


def test_rotating_revokes_the_old_key_and_links_its_successor():
    old_key = issue("police-440804")
    old = AgencyToken.objects.get()

    successor, new_key = rotate_token(old)

    old.refresh_from_db()
    assert old.revoked_at is not None
    assert old.replaced_by == successor
    assert token_for_key(old_key) is None
    assert token_for_key(new_key) == successor


def test_the_command_rotates_with_the_flag():
    old_key = issue("police-440804")

    new_key = issue("police-440804", "--rotate")

    assert token_for_key(old_key) is None
    assert token_for_key(new_key).organisation == org("police-440804")
    assert AgencyToken.objects.count() == 2


def test_a_key_of_a_deactivated_agency_is_refused():
    key = issue("police-440804")
    org("police-440804").__class__.objects.filter(code="police-440804").update(is_active=False)

    assert token_for_key(key) is None
