"""Identifiers normalised before they are checked; parties capped per side; text sizes; the
session-record form refusing a session id that is not one; rate limits that count filings
and malformed floods apart."""

from __future__ import annotations

import json
import logging

import pytest

from accounts.identifiers import clean_credit_code, clean_mobile, clean_resident_id
from cases.models import Case, CaseEvent, Party
from notifications.backends import LogBackend
from notifications.models import OutboundMessage
from tests.cases.test_intake_pages import filing_form
from tests.cases.test_public_api import dispute, post_json

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int]:
    return Case.objects.count(), Party.objects.count(), CaseEvent.objects.count()


def test_full_width_identifiers_are_checked_and_stored_as_ascii():
    assert clean_mobile("１３８ １２３４ ５６７８") == "13812345678"
    assert clean_resident_id("４４０８０２１９９００１０１１２３８") == "440802199001011238"
    assert clean_resident_id("44082419800101001ｘ") == "44082419800101001X"
    assert clean_credit_code("９１４４０８００ＭＡ４Ｗ０００００Ｃ").value == "91440800MA4W00000C"


@pytest.mark.parametrize("phone", ["١٣٨١٢٣٤٥٦٧٨", "𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖x", "²3812345678"])
def test_digits_of_other_scripts_are_refused(phone):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        clean_mobile(phone)


def test_a_full_width_filing_is_stored_as_ascii_and_found_by_lookup(client, supervisor):
    response = post_json(
        client,
        dispute(
            applicant={
                "name": "陈某",
                "id_number": "４４０８０２１９９００１０１１２３８",
                "phone": "１３８１２３４５６７８",
            }
        ),
    )

    assert response.status_code == 201
    party = Party.objects.get(side="applicant")
    assert party.phone == "13812345678"
    assert party.id_number_masked == "440802********1238"
    client.force_login(supervisor)
    found = client.get("/api/v1/cases/parties/", {"q": "１３８１２３４５６７８"}).json()
    assert [p["name"] for p in found] == ["陈某"]


def test_twenty_thousand_respondents_are_refused_at_once(client):
    before = counts()

    flood = post_json(client, dispute(respondents=[{"name": f"林某{i}"} for i in range(20_000)]))
    over = post_json(client, dispute(respondents=[{"name": f"林某{i}"} for i in range(21)]))

    assert flood.status_code == 400
    assert flood.json() == {"detail": "请求内容过大（不能超过 256 KB）。"}
    assert over.status_code == 400
    assert over.json() == {"respondents": ["每一方当事人最多 20 位，被申请人人数超出。"]}
    assert counts() == before


def test_twenty_respondents_are_taken(client):
    response = post_json(client, dispute(respondents=[{"name": f"林某{i}"} for i in range(20)]))

    assert response.status_code == 201
    assert Party.objects.filter(side="respondent").count() == 20


def test_the_party_cap_is_a_setting_the_service_enforces(settings):
    from django.core.exceptions import ValidationError

    from cases.models import PartySide
    from cases.services import PartyInput
    from tests.cases.factories import a_case

    settings.CASES_MAX_PARTIES_PER_SIDE = 1
    parties = [PartyInput(side=PartySide.APPLICANT, name=n) for n in ("甲", "乙")]

    with pytest.raises(ValidationError) as refused:
        a_case(parties=parties)

    assert refused.value.message_dict == {"parties": ["每一方当事人最多 1 位，申请人人数超出。"]}


def test_an_overlong_description_is_refused_and_what_was_typed_kept(client):
    before = counts()
    form = filing_form(description="很" * 5001)

    response = client.post("/disputes/new/", form)

    assert response.status_code == 400
    body = response.content.decode()
    assert "5000" in body
    assert form["applicant_name"] in body
    assert counts() == before


def test_a_session_id_that_is_not_a_number_is_refused_on_the_record_form(client):
    from tests.mediation.factories import a_mediator, in_mediation

    # A case in mediation, where recording a session is a legal move: only the id is wrong.
    mediator = a_mediator("mediator_family", "room-440804-family", specialities=["marriage_family"])
    case = in_mediation(mediator)
    client.force_login(mediator)
    before = CaseEvent.objects.count()

    response = client.post(
        f"/mediation/cases/{case.pk}/record/",
        {"session": "abc", "attendance": "申请人陈某", "minutes": "双方陈述了意见。"},
    )

    assert response.status_code == 400
    assert "请选择要记录的调解安排。" in response.content.decode()
    assert CaseEvent.objects.count() == before


# Rate limits


def test_mistyped_filings_do_not_use_up_the_filing_limit(client, settings):
    settings.CASES_RATE_LIMITS = {**settings.CASES_RATE_LIMITS, "filing": (2, 3600)}
    for _ in range(10):
        assert post_json(client, dispute(applicant={"name": "陈某"})).status_code == 400

    assert post_json(client, dispute()).status_code == 201


def test_villagers_behind_one_address_each_have_their_own_filing_limit(client, settings):
    settings.CASES_RATE_LIMITS = {**settings.CASES_RATE_LIMITS, "filing": (1, 3600)}
    first = dispute()
    neighbour = dispute(applicant={**first["applicant"], "phone": "13900001111"})

    assert post_json(client, first).status_code == 201
    assert post_json(client, neighbour).status_code == 201
    response = post_json(client, dispute(description="又一件事。"))

    assert response.status_code == 429
    assert response.json()["detail"] == "操作太频繁，请稍后再试。如需帮助，请拨打 12348。"


def test_a_filing_limit_lasts_its_window_and_no_longer(client, settings):
    """The counts of a filing open their window once and never make it longer: a counter
    without an expiry would lock an address out for good."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        pytest.skip("the window is the cache's expiry; this checks the Redis cache")
    settings.CASES_RATE_LIMITS = {**settings.CASES_RATE_LIMITS, "filing_address": (100, 120)}
    key = backend.make_and_validate_key("cases:rate:filing_address:127.0.0.1")
    redis = backend._cache.get_client(key)
    redis.delete(key)

    assert post_json(client, dispute()).status_code == 201
    first_ttl = redis.ttl(key)
    assert post_json(client, dispute(description="又一件事。")).status_code == 201

    assert int(redis.get(key)) == 2
    assert 0 < redis.ttl(key) <= first_ttl <= 120


def test_a_flood_of_malformed_filings_is_stopped(client, settings):
    settings.CASES_RATE_LIMITS = {**settings.CASES_RATE_LIMITS, "invalid": (3, 3600)}
    for _ in range(3):
        post_json(client, "{not json")
    before = counts()

    response = post_json(client, dispute())

    assert response.status_code == 429
    assert counts() == before


def test_a_global_ceiling_protects_the_database(client, settings):
    settings.CASES_RATE_LIMITS = {**settings.CASES_RATE_LIMITS, "filing_global": (2, 60)}
    for n in range(2):
        applicant = {**dispute()["applicant"], "phone": f"1390000{n:04d}"}
        client.post(
            "/api/v1/public/disputes/",
            json.dumps(dispute(applicant=applicant)),
            content_type="application/json",
            REMOTE_ADDR=f"198.51.100.{n}",
        )

    response = post_json(client, dispute())

    assert response.status_code == 429


def test_behind_a_proxy_the_configured_header_names_the_client(client, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.CLIENT_IP_PROXY_COUNT = 1
    settings.CASES_RATE_LIMITS = {**settings.CASES_RATE_LIMITS, "invalid": (1, 3600)}
    proxy = {"REMOTE_ADDR": "10.0.0.1"}

    client.post(
        "/api/v1/public/disputes/",
        "{",
        content_type="application/json",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
        **proxy,
    )
    # Another client behind the same proxy is not limited by the first one's flood...
    other = client.post(
        "/api/v1/public/disputes/",
        json.dumps(dispute()),
        content_type="application/json",
        HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.6",
        **proxy,
    )
    # ...and a client cannot escape its count by forging entries on the left.
    again = client.post(
        "/api/v1/public/disputes/",
        json.dumps(dispute(description="另一件事。")),
        content_type="application/json",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5",
        **proxy,
    )

    assert other.status_code == 201
    assert again.status_code == 429


# Logs


def test_the_sms_log_backend_masks_phones_and_given_names(caplog):
    message = OutboundMessage.objects.create(
        channel="sms",
        to="13812345678",
        kind="session_scheduled",
        body="【坡头区中心】陈海燕您好：您的纠纷定于12月3日调解。身份证440802199001011238。",
    )

    with caplog.at_level(logging.INFO, logger="notifications.outbound"):
        LogBackend().send(message)

    text = caplog.text
    assert "138****5678" in text
    assert "13812345678" not in text
    assert "陈**您好" in text
    assert "海燕" not in text
    assert "440802199001011238" not in text


def test_every_log_handler_masks_phone_numbers():
    from django.conf import settings

    handler = settings.LOGGING["handlers"]["console"]
    assert handler["filters"] == ["personal_data"]
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "call %s", ("+8613812345678",), None)
    from zhanjiang_portal.log_masking import PersonalDataFilter

    PersonalDataFilter().filter(record)
    assert record.getMessage() == "call 138****5678"
