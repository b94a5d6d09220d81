"""三务公开: drafts, the finance balance check, publishing, corrections as new versions,
photos checked by content, villagers' questions and public answers, the public list."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from village_affairs import services
from village_affairs.models import Posting, PostingStatus

from .conftest import GAOLING, a_published_posting, finance_input

pytestmark = pytest.mark.django_db


def finance_form(**overrides) -> dict:
    data = {
        "kind": "finance",
        "period_start": "2026-09-01",
        "period_end": "2026-09-30",
        "title": "2026年9月财务收支公开",
        "body": "",
        "opening_balance": "1000.00",
        "closing_balance": "1300.00",
        "line0_direction": "in",
        "line0_category": "集体土地租金",
        "line0_amount": "500.00",
        "line1_direction": "out",
        "line1_category": "村道维护",
        "line1_amount": "200.00",
    }
    data.update(overrides)
    return data


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_finance_posting_that_does_not_balance_is_refused_and_the_form_kept(
    client, village_clerk
):
    client.force_login(village_clerk)
    response = client.post(
        f"/village-affairs/{GAOLING}/postings/", finance_form(closing_balance="1350.00")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "收支不平" in page
    assert "2026年9月财务收支公开" in page  # what was typed is kept
    assert not Posting.objects.exists()


def test_a_balanced_posting_is_drafted_then_published_and_appears_publicly(client, village_clerk):
    client.force_login(village_clerk)
    response = client.post(f"/village-affairs/{GAOLING}/postings/", finance_form())
    posting = Posting.objects.get()
    assert response.url.endswith(f"/postings/{posting.pk}/")
    client.logout()
    assert client.get(f"/villages/{GAOLING}/postings/{posting.pk}/").status_code == 404
    client.force_login(village_clerk)
    response = client.post(
        f"/village-affairs/{GAOLING}/postings/{posting.pk}/publish/", follow=True
    )
    assert "已公开" in response.content.decode()
    client.logout()
    page = client.get(f"/villages/{GAOLING}/postings/{posting.pk}/").content.decode()
    assert "集体土地租金" in page
    assert "¥1,300.00" in page


def test_a_published_posting_is_never_edited(client, village_clerk):
    posting = a_published_posting()
    client.force_login(village_clerk)
    response = client.post(
        f"/village-affairs/{GAOLING}/postings/{posting.pk}/edit/",
        finance_form(title="改过的标题"),
    )
    assert response.status_code == 409
    assert Posting.objects.get(pk=posting.pk).title == "2026年9月财务收支公开"
    with pytest.raises(services.ActionRefused):
        services.edit_posting(actor=village_clerk, posting=posting, data=finance_input())


def test_a_correction_is_a_new_version_with_its_reason(client, village_clerk):
    posting = a_published_posting()
    client.force_login(village_clerk)
    empty = client.post(
        f"/village-affairs/{GAOLING}/postings/{posting.pk}/correct/", {"correction_reason": ""}
    )
    assert empty.status_code == 400
    response = client.post(
        f"/village-affairs/{GAOLING}/postings/{posting.pk}/correct/",
        {"correction_reason": "租金金额录错"},
    )
    correction = Posting.objects.get(corrects=posting)
    assert response.url.endswith(f"/postings/{correction.pk}/")
    assert correction.version == 2
    assert correction.status == PostingStatus.DRAFT
    client.post(
        f"/village-affairs/{GAOLING}/postings/{correction.pk}/edit/",
        finance_form(line0_amount="550.00", closing_balance="1350.00"),
    )
    client.post(f"/village-affairs/{GAOLING}/postings/{correction.pk}/publish/")
    posting.refresh_from_db()
    correction.refresh_from_db()
    assert posting.status == PostingStatus.SUPERSEDED
    assert correction.status == PostingStatus.PUBLISHED
    assert correction.closing_balance == Decimal("1350.00")
    client.logout()
    old_page = client.get(f"/villages/{GAOLING}/postings/{posting.pk}/").content.decode()
    assert "这份公开已被更正" in old_page
    new_page = client.get(f"/villages/{GAOLING}/postings/{correction.pk}/").content.decode()
    assert "租金金额录错" in new_page


def test_the_public_postings_api_filters_by_kind_and_pages_by_cursor(
    client, django_assert_max_num_queries
):
    for month in range(1, 13):
        start = dt.date(2025, month, 1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        a_published_posting(period_start=start, period_end=end, title=f"{month}月")
    services.publish_posting(
        actor=None,
        posting=services.draft_posting(
            actor=None,
            village_code=GAOLING,
            data=services.PostingInput(
                kind="affairs",
                period_start=dt.date(2025, 1, 1),
                period_end=dt.date(2025, 3, 31),
                title="第一季度村务公开",
            ),
        ),
    )
    with django_assert_max_num_queries(4):
        first = client.get(f"/api/v1/villages/{GAOLING}/postings/?kind=finance").json()
    assert [p["title"] for p in first["results"][:2]] == ["12月", "11月"]
    assert first["results"][0]["lines"][0]["category"] == "集体土地租金"
    assert len(first["results"]) == 12
    assert first["next"] == ""
    affairs = client.get(f"/api/v1/villages/{GAOLING}/postings/?kind=affairs").json()
    assert [p["title"] for p in affairs["results"]] == ["第一季度村务公开"]
    assert client.get(f"/api/v1/villages/{GAOLING}/postings/?kind=bogus").status_code == 400
    assert client.get("/api/v1/villages/440804104/postings/").status_code == 404


def test_the_public_page_pages_by_cursor_in_few_queries(client, django_assert_max_num_queries):
    for day in range(1, 26):
        a_published_posting(
            period_start=dt.date(2024, 1, day), period_end=dt.date(2024, 1, day), title=f"第{day}天"
        )
    with django_assert_max_num_queries(4):
        page = client.get(f"/villages/{GAOLING}/")
    cursor = page.context["cursor"]
    assert len(page.context["postings"]) == 20
    assert cursor
    rest = client.get(f"/villages/{GAOLING}/?before={cursor}")
    assert [p.title for p in rest.context["postings"]] == [f"第{d}天" for d in range(5, 0, -1)]
    assert client.get(f"/villages/{GAOLING}/?before=garbage").status_code == 404


def test_a_villager_asks_and_the_answer_is_public(client, village_clerk):
    posting = a_published_posting()
    response = client.post(
        f"/villages/{GAOLING}/postings/{posting.pk}/",
        {"asker_name": "梁伯", "text": "租金是哪块地的？"},
        follow=True,
    )
    assert "问题已提交" in response.content.decode()
    question = posting.questions.get()
    assert "租金是哪块地的" not in response.content.decode().split("问题已提交")[1]
    client.force_login(village_clerk)
    client.post(
        f"/village-affairs/{GAOLING}/postings/{posting.pk}/answer/",
        {"question": question.pk, "answer": "北坡 3 号地，租给养殖场。"},
    )
    client.logout()
    page = client.get(f"/villages/{GAOLING}/postings/{posting.pk}/").content.decode()
    assert "租金是哪块地的" in page
    assert "北坡 3 号地" in page


def test_a_photo_is_checked_by_content_and_served_with_the_public_posting(client, village_clerk):
    posting = services.draft_posting(actor=None, village_code=GAOLING, data=finance_input())
    client.force_login(village_clerk)
    url = f"/village-affairs/{GAOLING}/postings/{posting.pk}/photo/"
    fake = SimpleUploadedFile("board.jpg", b"not a picture at all", content_type="image/jpeg")
    refused = client.post(url, {"photo": fake})
    assert refused.status_code == 400
    assert "不是照片" in refused.content.decode()
    client.post(url, {"photo": SimpleUploadedFile("board.png", png_bytes())})
    photo = posting.photos.get()
    assert photo.content_type == "image/png"
    services.publish_posting(actor=None, posting=posting)
    client.logout()
    served = client.get(f"/villages/{GAOLING}/postings/{posting.pk}/photos/{photo.pk}/")
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == png_bytes()


def test_another_villages_postings_are_not_found(client, other_village_clerk):
    posting = services.draft_posting(actor=None, village_code=GAOLING, data=finance_input())
    client.force_login(other_village_clerk)
    assert client.get(f"/village-affairs/{GAOLING}/postings/{posting.pk}/").status_code == 404
    assert (
        client.post(f"/village-affairs/{GAOLING}/postings/{posting.pk}/publish/").status_code == 404
    )
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.DRAFT
