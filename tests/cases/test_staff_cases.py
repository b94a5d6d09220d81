"""Staff find cases: the scoped list (API, page, CSV), search, the case page, reveals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Organisation
from cases.evidence import add_evidence
from cases.models import Case, CaseStatus
from cases.services import PartyInput, transition
from deadlines.services import meet_deadlines, start_deadline
from tests.cases.factories import a_case
from tests.cases.test_public_api import JPEG

pytestmark = pytest.mark.django_db

LEIZHOU_VILLAGE = "440882001001"


def leizhou_case():
    from villages.models import Region

    village = Region.objects.villages().filter(code__startswith="440882").first()
    return a_case(village_code=village.code, description="雷州的土地承包纠纷")


def api_numbers(client, **params) -> list[str]:
    response = client.get("/api/v1/cases/", params)
    assert response.status_code == 200
    return [row["number"] for row in response.json()["results"]]


def test_staff_see_only_cases_in_their_scope_by_list_detail_and_search(client, supervisor):
    mine, theirs = a_case(), leizhou_case()
    client.force_login(supervisor)
    assert api_numbers(client) == [mine.number]
    assert api_numbers(client, q=theirs.number) == []
    assert client.get(f"/api/v1/cases/{theirs.pk}/").status_code == 404
    assert client.get(f"/cases/{theirs.pk}/").status_code == 404
    assert client.get(f"/api/v1/cases/{mine.pk}/").status_code == 200


def test_another_organisations_case_is_404_for_its_files_and_export_too(
    client, other_town_mediator
):
    case = a_case()
    evidence = add_evidence(case, SimpleUploadedFile("a.jpg", JPEG))
    client.force_login(other_town_mediator)
    assert client.get(f"/cases/{case.pk}/evidence/{evidence.pk}/").status_code == 404
    export = b"".join(client.get("/cases/export.csv").streaming_content).decode("utf-8-sig")
    assert case.number not in export
    assert client.post(f"/cases/{case.pk}/parties/1/reveal/").status_code == 404


@pytest.mark.usefixtures("file_storage")
def test_the_case_file_is_served_to_staff_in_scope(client, supervisor):
    case = a_case()
    evidence = add_evidence(case, SimpleUploadedFile("围墙.jpg", JPEG))
    client.force_login(supervisor)
    response = client.get(f"/cases/{case.pk}/evidence/{evidence.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == JPEG
    assert response["Content-Type"] == "image/jpeg"


def test_a_non_staff_visitor_gets_no_case_list(client):
    assert client.get("/api/v1/cases/").status_code in (401, 403)
    assert client.get("/cases/").status_code == 302


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "routed"}, ["routed"]),
        ({"category": "labour"}, ["labour"]),
        ({"channel": "hotline"}, ["hotline"]),
        ({"region": "440804104"}, ["received", "routed", "labour", "hotline"]),
        ({"region": "440804104207"}, ["received", "routed", "labour", "hotline"]),
        ({"region": "440804999"}, []),
        ({"organisation": "window-440804"}, ["hotline"]),
        ({"overdue": "true"}, ["routed"]),
        ({"q": "工资"}, ["labour"]),
    ],
)
def test_the_list_filters(client, supervisor, params, expected):
    cases = {
        "received": a_case(),
        "routed": a_case(),
        "labour": a_case(
            category=__import__("cases.models").models.DisputeCategory.objects.get(code="labour"),
            description="拖欠工资三个月",
        ),
        "hotline": a_case(
            channel="hotline",
            organisation=Organisation.objects.get(code="window-440804"),
        ),
    }
    transition(
        cases["routed"],
        to=CaseStatus.ROUTED,
        allowed_from=[CaseStatus.RECEIVED],
        actor=None,
        kind="routed",
        text="已分派",
    )
    long_ago = timezone.now() - dt.timedelta(days=30)
    start_deadline(case=cases["routed"], kind="legal_aid_decision", starts_at=long_ago)
    start_deadline(case=cases["received"], kind="legal_aid_decision", starts_at=long_ago)
    meet_deadlines(case=cases["received"], kind="legal_aid_decision")
    client.force_login(supervisor)
    found = set(api_numbers(client, **params))
    assert found == {cases[name].number for name in expected}


def test_the_list_filters_by_filing_date(client, supervisor):
    old, new = a_case(), a_case()
    Case.objects.filter(pk=old.pk).update(filed_at=timezone.now() - dt.timedelta(days=40))
    client.force_login(supervisor)
    today = timezone.localdate()
    assert api_numbers(client, filed_from=today.isoformat()) == [new.number]
    to = (today - dt.timedelta(days=30)).isoformat()
    assert api_numbers(client, filed_to=to) == [old.number]
    assert client.get("/api/v1/cases/", {"filed_from": "昨天"}).status_code == 400


def test_search_finds_a_two_character_name_a_number_and_a_description_word(client, supervisor):
    chen = a_case()
    other = a_case(
        description="合同款项未付",
        parties=[
            PartyInput(side="applicant", name="黄晓明", phone="13700000001"),
            PartyInput(side="respondent", name="湛江某公司"),
        ],
    )
    client.force_login(supervisor)
    assert api_numbers(client, q="陈某") == [chen.number]
    assert api_numbers(client, q="晓明") == [other.number]
    assert api_numbers(client, q="黄晓明") == [other.number]
    assert api_numbers(client, q=other.number) == [other.number]
    assert api_numbers(client, q="宅基地") == [chen.number]
    assert api_numbers(client, q="陈晓") == []


def test_search_finds_two_character_words_like_dispute(client, supervisor):
    hit = a_case(description="因土地边界发生纠纷")
    a_case(description="欠款未还")
    client.force_login(supervisor)
    assert api_numbers(client, q="纠纷") == [hit.number]


def test_the_api_list_pages_by_cursor_newest_first(client, supervisor):
    cases = [a_case() for _ in range(55)]
    client.force_login(supervisor)
    first = client.get("/api/v1/cases/").json()
    assert len(first["results"]) == 50
    assert "count" not in first
    second = client.get(first["next"]).json()
    numbers = [r["number"] for r in first["results"] + second["results"]]
    assert numbers == [c.number for c in reversed(cases)]
    oldest = client.get("/api/v1/cases/", {"ordering": "filed_at"}).json()["results"][0]
    assert oldest["number"] == cases[0].number


def test_the_list_page_pages_by_keyset_and_caps_its_count(client, supervisor):
    cases = [a_case() for _ in range(52)]
    client.force_login(supervisor)
    page = client.get("/cases/")
    body = page.content.decode()
    assert "共 52 件" in body
    assert cases[-1].number in body
    assert cases[1].number not in body
    assert "共 50+ 件" in client.get("/cases/", {"q": "陈某"}).content.decode()
    after = page.context["next_query"]
    body2 = client.get(f"/cases/?{after}").content.decode()
    assert cases[1].number in body2
    assert cases[0].number in body2
    assert cases[-1].number not in body2


@pytest.mark.parametrize("size", [3, 12])
def test_list_queries_do_not_grow_with_page_size(
    client, supervisor, django_assert_max_num_queries, size
):
    for _ in range(size):
        a_case()
    client.force_login(supervisor)
    client.get("/cases/")  # session and scope warm-up outside the count
    with django_assert_max_num_queries(9):
        assert client.get("/api/v1/cases/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/cases/", {"q": "陈某", "status": "received"}).status_code == 200


@pytest.mark.parametrize("size", [1, 8])
def test_the_case_page_queries_do_not_grow_with_its_timeline(
    client, supervisor, django_assert_max_num_queries, size
):
    from cases.services import record_event

    case = a_case()
    for n in range(size):
        record_event(case, kind="note", text=f"记录{n}", actor=supervisor)
    client.force_login(supervisor)
    # 19: the statistics panel reads the case's report marks (one row), the 12368 panel
    # whether a password was issued (one row), and a centre supervisor's reach looks up the
    # county's town committees once per request; 21: the legal-aid panel reads the
    # applications of the case and the lawyers' requests to read its file.
    with django_assert_max_num_queries(21):
        assert client.get(f"/cases/{case.pk}/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"/api/v1/cases/{case.pk}/").status_code == 200


def test_csv_export_is_utf8_with_bom_and_holds_the_filtered_list(client, supervisor):
    labour = a_case(
        category=__import__("cases.models").models.DisputeCategory.objects.get(code="labour")
    )
    other = a_case()
    client.force_login(supervisor)
    response = client.get("/cases/export.csv", {"category": "labour"})
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "案件编号" in text
    assert labour.number in text
    assert "陈某" in text
    assert other.number not in text


def test_ids_and_phones_are_masked_for_staff_who_do_not_handle_the_case(client, city_leader):
    case = a_case()
    client.force_login(city_leader)
    body = client.get(f"/cases/{case.pk}/").content.decode()
    assert "440802********1238" in body
    assert "440802199001011238" not in body
    assert "138****5678" in body
    assert "13812345678" not in body
    assert "显示完整身份证号" not in body
    party = case.parties.get(side="applicant")
    # The leader sees the case but does not handle it: the reveal is refused (403).
    assert client.post(f"/cases/{case.pk}/parties/{party.pk}/reveal/").status_code == 403
    api = client.get(f"/api/v1/cases/{case.pk}/").json()
    assert api["parties"][0]["phone"] == "138****5678"
    assert "440802199001011238" not in str(api)


def test_a_handler_reveals_a_full_id_number_and_the_timeline_records_it(client, supervisor):
    case = a_case()
    party = case.parties.get(side="applicant")
    client.force_login(supervisor)
    body = client.get(f"/cases/{case.pk}/").content.decode()
    assert "13812345678" in body
    assert "440802199001011238" not in body
    revealed = client.post(f"/cases/{case.pk}/parties/{party.pk}/reveal/")
    assert "440802199001011238" in revealed.content.decode()
    event = case.events.get(kind="id_revealed")
    assert (event.actor, event.is_public, event.payload["party_id"]) == (
        supervisor,
        False,
        party.pk,
    )
    public = client.get(f"/api/v1/public/disputes/{case.number}/", {"code": case.tracking_code})
    assert "id_revealed" not in public.content.decode()


def test_the_case_page_shows_parties_evidence_identifiers_and_timeline(client, supervisor):
    from cases.models import CaseIdentifier

    case = a_case()
    add_evidence(case, SimpleUploadedFile("现场照片.jpg", JPEG))
    CaseIdentifier.objects.create(
        case=case, kind="court_pre_litigation", value="（2026）粤0804民诉前调12号"
    )
    client.force_login(supervisor)
    body = client.get(f"/cases/{case.pk}/").content.decode()
    for text in [
        "陈某",
        "林某",
        "现场照片.jpg",
        "（2026）粤0804民诉前调12号",
        "已登记，编号",
        "补充了证据材料",
    ]:
        assert text in body


def test_the_party_lookup_finds_parties_in_scope_as_the_clerk_types(client, window_clerk):
    a_case(organisation=Organisation.objects.get(code="window-440804"))
    leizhou_case()
    client.force_login(window_clerk)
    found = client.get("/api/v1/cases/parties/", {"q": "陈某"}).json()
    assert len(found) == 1
    assert found[0]["phone"] == "138****5678"
    by_phone = client.get("/api/v1/cases/parties/", {"q": "13812345678"}).json()
    assert [p["name"] for p in by_phone] == ["陈某"]
    by_id = client.get("/api/v1/cases/parties/", {"q": "440802199001011238"}).json()
    assert [p["name"] for p in by_id] == ["陈某"]


@pytest.mark.postgres
def test_common_words_are_found_along_the_newest_first_index_too(client, supervisor, monkeypatch):
    from django.db import connection

    from cases import search

    if connection.vendor != "postgresql":
        pytest.skip("the dense-word plan is PostgreSQL's")
    hits = [a_case(description=f"第{n}起土地纠纷") for n in range(3)]
    a_case(description="欠款未还")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_case")
    monkeypatch.setattr(search, "DENSE_MATCHES", 0)
    monkeypatch.setitem(search._stats, "at", -search.STATS_SECONDS)
    assert search.expected_matches("纠纷") > 0
    client.force_login(supervisor)
    assert api_numbers(client, q="土地纠纷") == [c.number for c in reversed(hits)]
    assert api_numbers(client, q=hits[0].number) == [hits[0].number]


def test_a_mediator_lists_only_the_cases_assigned_to_them(client, supervisor):
    from cases.models import Case

    mine, other = a_case(), a_case()
    Case.objects.filter(pk=mine.pk).update(assignee=supervisor)
    client.force_login(supervisor)
    assert api_numbers(client, mine="true") == [mine.number]
    body = client.get("/cases/", {"mine": "on"}).content.decode()
    assert mine.number in body
    assert other.number not in body


def test_odd_list_parameters_get_a_4xx_or_are_ignored_never_a_500(client, supervisor):
    a_case()
    client.force_login(supervisor)
    assert client.get("/api/v1/cases/", {"cursor": "garbage"}).status_code == 400
    assert client.get("/api/v1/cases/", {"assignee": "张三"}).status_code == 400
    assert client.get("/api/v1/cases/", {"status": "nonsense"}).status_code == 400
    assert client.get("/api/v1/cases/", {"region": "abc"}).json()["results"] == []
    assert client.get("/cases/", {"after": "not-a-cursor"}).status_code == 400
    assert client.get("/cases/", {"filed_from": "昨天"}).status_code == 400
    assert client.get("/cases/99999999999999999999/").status_code == 404
    assert client.get("/api/v1/cases/99999999999999999999/").status_code == 404


def test_the_list_page_offers_places_and_the_users_organisations_to_choose(client, supervisor):
    case = a_case()
    client.force_login(supervisor)
    body = client.get("/cases/", {"region": "440804104"}).content.decode()
    assert "坡头区全部" in body
    assert 'value="440804104" selected' in body
    assert "坡头区中心婚姻家庭纠纷调解工作室" in body
    assert case.number in body


def test_the_case_page_shows_the_cases_running_clocks(client, supervisor):
    from deadlines.services import start_deadline

    case = a_case()
    start_deadline(case=case, kind="people_mediation")
    client.force_login(supervisor)
    body = client.get(f"/cases/{case.pk}/").content.decode()
    assert "人民调解（本地目标）" in body
    assert "短信通知当事人" in body
