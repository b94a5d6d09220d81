"""English through the language switch: the catalogue is complete and the main pages speak it."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

from cases.models import Case, CaseEvent
from notifications.models import OutboundMessage
from tests.cases.factories import a_case
from tests.cases.test_intake_pages import filing_form
from tests.conftest import org

pytestmark = pytest.mark.django_db
PO = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"
# Any CJK character: what must not be left in an English page's chrome.
HAN = re.compile(r"[\u4e00-\u9fff]")


def po_entries() -> list[dict]:
    """Each entry of the English catalogue: its flags, msgid and msgstr(s), header skipped."""
    entries, current, field = [], None, None
    for raw in [*PO.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if current is not None:
                entries.append(current)
            current, field = None, None
            continue
        if current is None:
            current = {"flags": "", "obsolete": False, "msgid": "", "msgstr": []}
        if line.startswith("#~"):
            current["obsolete"] = True
        elif line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid ", "msgid_plural ")):
            field = "msgid" if line.startswith("msgid ") else "plural"
            if field == "msgid":
                current["msgid"] = line.split(" ", 1)[1][1:-1]
        elif line.startswith("msgstr"):
            field = "msgstr"
            current["msgstr"].append(line.split(" ", 1)[1][1:-1])
        elif line.startswith('"'):
            if field == "msgid":
                current["msgid"] += line[1:-1]
            elif field == "msgstr":
                current["msgstr"][-1] += line[1:-1]
    return [e for e in entries if e["msgid"]]


def in_english(client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302


def english_page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    assert '<html lang="en">' in body
    return body


def headings(body: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", body, re.S)]


def test_every_message_of_the_english_catalogue_is_translated_and_none_is_fuzzy():
    entries = po_entries()
    assert len(entries) > 900
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    obsolete = [e["msgid"] for e in entries if e["obsolete"]]
    assert untranslated == []
    assert fuzzy == []
    assert obsolete == []


def test_placeholders_survive_translation():
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    for entry in po_entries():
        wanted = set(placeholder.findall(entry["msgid"]))
        for msgstr in entry["msgstr"]:
            assert set(placeholder.findall(msgstr)) == wanted, entry["msgid"]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext tools are not installed")
def test_the_catalogue_passes_msgfmt_check():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_the_public_home_in_english(client):
    in_english(client)
    body = english_page(client, "/")
    assert "Have a dispute? Start here" in body
    assert "Apply for mediation online" in body
    assert "Track your case" in body
    assert "网上申请调解" not in body
    assert "有纠纷，来这里" not in body


def test_the_public_filing_form_in_english(client):
    in_english(client)
    body = english_page(client, "/disputes/new/")
    assert "Your details" in body
    assert "Your name" in body
    assert "您的信息" not in body
    assert "您的姓名" not in body
    assert not any(HAN.search(h) for h in headings(body))


def test_a_rejected_filing_explains_itself_in_english_and_keeps_what_was_typed(client):
    in_english(client)
    response = client.post(
        "/disputes/new/", filing_form(applicant_id_number="440802199001011239", consent="")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert Case.objects.count() == 0
    assert "check character is wrong" in body
    assert "You need to agree to mediation" in body
    assert "身份证号码校验位不正确" not in body
    assert "440802199001011239" in body


def test_the_tracking_page_in_english_shows_the_case_and_its_dates(client):
    case = a_case()
    in_english(client)
    body = english_page(client, f"/disputes/track/?number={case.number}&code={case.tracking_code}")
    assert case.number in body
    assert "Track your case" in body
    assert "查询办理进度" not in body
    # Dates follow the English format, not 2026年11月26日.
    assert not re.search(r"\d{4}年\d{1,2}月\d{1,2}日", body)


def test_an_unknown_case_is_reported_in_english(client):
    in_english(client)
    response = client.get("/disputes/track/", {"number": "X", "code": "Y"})
    assert response.status_code == 400
    assert "No case found" in response.content.decode()


def test_the_staff_login_in_english(client):
    in_english(client)
    body = english_page(client, "/accounts/login/")
    assert "Staff login" in body
    assert "工作人员登录" not in body


def test_a_mediators_desk_in_english(client, mediator):
    client.force_login(mediator)
    in_english(client)
    body = english_page(client, "/mediation/desk/")
    assert "Mediation desk" in body
    assert "Today's sessions" in body
    assert "调解工作台" not in body
    assert "今日调解" not in body
    assert not any(HAN.search(h) for h in headings(body))


def test_a_case_list_in_english(client, window_clerk):
    case = a_case()
    client.force_login(window_clerk)
    in_english(client)
    body = english_page(client, "/cases/")
    assert case.number in body
    assert "<h1>Cases</h1>" in body
    assert "Register a new case at the window" in body
    assert "窗口登记新案件" not in body


def test_a_party_is_texted_in_chinese_even_from_an_english_desk_page(client, mediator):
    case = a_case(organisation=org("room-440804-family"))
    Case.objects.filter(pk=case.pk).update(assignee=mediator)
    client.force_login(mediator)
    in_english(client)
    form = client.get(f"/deadlines/case/{case.pk}/sms/")
    assert "SMS a party" in form.content.decode()
    response = client.post(
        f"/deadlines/case/{case.pk}/sms/",
        {
            "party": case.parties.get(name="陈某").pk,
            "purpose": "materials",
            "due_date": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
            "note": "",
            "nonce": form.context["form"]["nonce"].value(),
        },
        follow=True,
    )
    assert "SMS queued" in response.content.decode()
    body = OutboundMessage.objects.get().body
    assert "需要您补充材料" in body
    assert "Please provide" not in body
    assert "已短信通知申请人陈某" in CaseEvent.objects.get(case=case, kind="party_sms").text


def test_switching_back_to_chinese_restores_it(client):
    in_english(client)
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    body = client.get("/").content.decode()
    assert "网上申请调解" in body
    assert "Apply for mediation online" not in body


def switch_to_english(browser_page, url: str) -> None:
    browser_page.goto(url)
    browser_page.get_by_role("button", name="English").click()
    browser_page.wait_for_selector('html[lang="en"]')


@pytest.mark.browser
def test_the_public_pages_in_english_fit_a_360_px_phone(live_server, phone, transactional_db):
    from tests.browser import screenshot

    case = a_case()
    switch_to_english(phone, f"{live_server.url}/")
    pages = {
        "home": "/",
        "filing": "/disputes/new/",
        "tracking": f"/disputes/track/?number={case.number}&code={case.tracking_code}",
        "login": "/accounts/login/",
    }
    for name, path in pages.items():
        phone.goto(f"{live_server.url}{path}")
        assert phone.evaluate("document.documentElement.lang") == "en"
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, name
        screenshot(phone, f"i18n-en-{name}-phone")


@pytest.mark.browser
def test_staff_pages_in_english_fit_a_phone_and_a_desktop(
    live_server, page, phone, transactional_db
):
    from django.core.management import call_command

    from tests.browser import screenshot

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for browser_page, size in [(page, "desktop"), (phone, "phone")]:
        switch_to_english(browser_page, f"{live_server.url}/accounts/login/")
        browser_page.get_by_label("Username").fill("mediator")
        browser_page.get_by_label("Password").fill("zj-demo-2026")
        browser_page.get_by_role("button", name="Log in").click()
        browser_page.wait_for_url(f"{live_server.url}/desk/")
        for name, path in {
            "desk": "/desk/",
            "mediation-desk": "/mediation/desk/",
            "cases": "/cases/",
        }.items():
            browser_page.goto(f"{live_server.url}{path}")
            assert browser_page.evaluate("document.documentElement.lang") == "en"
            screenshot(browser_page, f"i18n-en-{name}-{size}")
            width = browser_page.viewport_size["width"]
            assert browser_page.evaluate("document.documentElement.scrollWidth") <= width, name
