"""Evidence while the object storage cannot be reached: a clear error, nothing half-stored
(no file, no row, no timeline entry), and the villager can try again later."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Evidence
from tests.cases.factories import a_case
from tests.cases.test_public_api import JPEG, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("object_storage_unreachable")]

UNAVAILABLE = "文件存储暂时无法访问，文件没有保存"


def test_an_upload_through_the_api_answers_503_and_keeps_nothing(client):
    case = a_case()

    response = upload(client, case, "围墙.jpg", JPEG)

    assert response.status_code == 503
    assert UNAVAILABLE in response.json()["file"][0]
    assert not Evidence.objects.exists()
    assert not case.events.filter(kind="evidence_added").exists()


def test_an_upload_on_the_tracking_page_shows_the_error_beside_the_file(client):
    case = a_case()
    data = {"number": case.number, "code": case.tracking_code}

    response = client.post(
        "/disputes/track/", {**data, "file": SimpleUploadedFile("a.jpg", JPEG)}, follow=True
    )

    assert UNAVAILABLE in response.content.decode()
    assert not Evidence.objects.exists()


def test_staff_adding_evidence_are_told_and_nothing_is_recorded(client, supervisor):
    case = a_case()
    client.force_login(supervisor)

    response = client.post(
        f"/cases/{case.pk}/evidence/", {"file": SimpleUploadedFile("收据.jpg", JPEG)}, follow=True
    )

    assert UNAVAILABLE in response.content.decode()
    assert not case.evidence.exists()
    assert not case.events.filter(kind="evidence_added").exists()
