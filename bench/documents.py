"""Documents benchmark: how long the mediation papers take to lay out, alone and through
their download pages (target: an agreement PDF under 300 ms).

    DATABASE_URL=postgres://.../zj_bench python bench/documents.py [--runs 50] [--smoke]

Works in one transaction that is rolled back at the end, with files written to a temporary
folder, so it leaves the database and MEDIA_ROOT as they were. Prints p50/p95 wall-clock
times, this process's CPU time, SQL query counts and the PDFs' sizes and page counts.
``--smoke`` runs every measurement once (for CI: the script still works).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhanjiang_portal.settings")
# Development secrets, as every bench script runs (the settings refuse to start without them).
os.environ.setdefault("DJANGO_DEBUG", "on")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Membership, Organisation, Role  # noqa: E402
from cases.models import DisputeCategory, PartySide  # noqa: E402
from cases.services import CaseInput, PartyInput, file_case  # noqa: E402
from mediation import papers, services  # noqa: E402
from mediation.models import Agreement, MediationFile, MediatorProfile  # noqa: E402
from zhanjiang_portal import pdf  # noqa: E402

ROOM = "room-440804-family"
VILLAGE = "440804104207"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(name: str, timings: list[float], cpu: list[float], extra: str = "") -> None:
    print(
        f"{name:<46} n={len(timings):>4}  p50={percentile(timings, 50):8.2f} ms  "
        f"p95={percentile(timings, 95):8.2f} ms  cpu p50={percentile(cpu, 50):7.2f} ms  {extra}"
    )


def timed(runs: int, call) -> tuple[list[float], list[float], object]:
    timings, cpu, result = [], [], None
    for _ in range(runs):
        wall, own = time.perf_counter(), time.process_time()
        result = call()
        timings.append((time.perf_counter() - wall) * 1000)
        cpu.append((time.process_time() - own) * 1000)
    return timings, cpu, result


def pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def seed(facts_lines: int):
    """A mediator, and a case in mediation with two parties and their basic facts."""
    user = get_user_model().objects.create_user(username="bench-documents", last_name="陈")
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(code=ROOM), role=Role.MEDIATOR
    )
    MediatorProfile.objects.create(user=user, specialities=["marriage_family"])
    parties = [
        PartyInput(
            side=PartySide.APPLICANT,
            name="陈某",
            id_number="440882198512310042",
            phone="13812345678",
            ethnicity="汉族",
            occupation="个体户",
            address="湛江市坡头区官渡镇高岭村三巷5号",
        ),
        PartyInput(
            side=PartySide.RESPONDENT,
            name="湛江某水产有限公司",
            credit_code="91440800MA4W00000C",
            legal_representative="林大海",
            address="湛江市坡头区南调街道海湾路8号",
        ),
    ]

    def agreement(lines: int) -> Agreement:
        case = file_case(
            data=CaseInput(
                category=DisputeCategory.objects.get(code="marriage_family"),
                village_code=VILLAGE,
                description="抚养费给付争议。",
                claim_amount=Decimal("80000"),
                parties=parties,
            )
        )
        MediationFile.objects.filter(case=case).update(requested_mediator=user)
        case = services.route_case(case=case)
        case = services.start_mediation(case=services.accept(case=case, actor=user), actor=user)
        services.record_agreement(
            case=case,
            actor=user,
            kind="written",
            facts="\n".join(
                f"第{n}段：双方就抚养费的数额和支付方式各执一词。" for n in range(lines)
            ),
            terms=[
                services.TermInput(
                    obligor="湛江某水产有限公司",
                    action=f"向陈某支付第{n}期款项",
                    amount=Decimal("1500"),
                    due_date=timezone.localdate() + dt.timedelta(days=30 * n),
                )
                for n in range(1, 4)
            ],
            on_the_spot_reason="双方到调解室当场调解，达成一致。",
        )
        return Agreement.objects.select_related("case").get(case=case)

    return user, agreement(3), agreement(facts_lines)


def measure_http(client: Client, runs: int, name: str, url: str) -> None:
    counts: list[int] = []

    def get():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200, (url, response.status_code)
        counts.append(len(ctx.captured_queries))
        return body

    timings, cpu, body = timed(runs, get)
    report(name, timings, cpu, f"queries={max(counts)}  {len(body) // 1024} KB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--long-lines", type=int, default=1000, help="facts lines (≈30 pages)")
    parser.add_argument("--smoke", action="store_true", help="every measurement once")
    args = parser.parse_args()
    runs = 1 if args.smoke else args.runs
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", "--noinput", verbosity=0)
    print(f"database: {connection.vendor}; font: {Path(settings.DOCUMENTS_FONT).name}")

    wall, own = time.perf_counter(), time.process_time()
    pdf.font_name()
    print(
        f"{'font loaded (once per process)':<46} {(time.perf_counter() - wall) * 1000:8.2f} ms  "
        f"cpu {(time.process_time() - own) * 1000:7.2f} ms"
    )
    with tempfile.TemporaryDirectory() as media, transaction.atomic():
        settings.MEDIA_ROOT = Path(media)
        user, short, long = seed(args.long_lines)
        for name, agreement in (("agreement PDF (2 parties, 3 terms)", short),):
            timings, cpu, data = timed(runs, lambda a=agreement: papers.agreement_pdf(a))
            report(name, timings, cpu, f"{pages(data)} page(s)  {len(data) // 1024} KB")
        timings, cpu, data = timed(max(1, runs // 10), lambda: papers.agreement_pdf(long))
        report(
            f"agreement PDF ({args.long_lines} lines of facts)",
            timings,
            cpu,
            f"{pages(data)} pages",
        )
        timings, cpu, data = timed(runs, lambda: papers.confirmation_pdf(short))
        report("judicial-confirmation application PDF", timings, cpu, f"{pages(data)} page(s)")
        event = papers.notice_event(short.case, "accepted")
        timings, cpu, data = timed(runs, lambda: papers.notice_pdf(short.case, "accepted", event))
        report("acceptance notice PDF (one page per party)", timings, cpu, f"{pages(data)} pages")

        client = Client()
        client.force_login(user)
        case_id = short.case_id
        measure_http(
            client, runs, "GET stored agreement PDF", f"/mediation/cases/{case_id}/documents/pdf/"
        )
        measure_http(
            client,
            runs,
            "GET confirmation application",
            f"/mediation/cases/{case_id}/papers/confirmation/",
        )
        measure_http(
            client, runs, "GET acceptance notice", f"/mediation/cases/{case_id}/papers/accepted/"
        )
        measure_http(
            client, runs, "GET mediation case page (papers panel)", f"/mediation/cases/{case_id}/"
        )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
