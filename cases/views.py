"""Pages: public filing, confirmation and tracking; the window's intake form; the staff case
list, export and case page. Every staff fetch starts from the user (cases.access)."""

from __future__ import annotations

import csv
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import scope_of
from accounts.identifiers import mask_mobile
from accounts.models import Membership, Role
from zhanjiang_portal import files
from zhanjiang_portal.spreadsheets import safe_row

from . import panels, public_panels, ratelimit
from .access import cases_for_user, get_case_for_user, may_handle
from .api_support import idempotency_key
from .evidence import add_evidence, download_name, open_evidence
from .filters import CaseFilter, region_options
from .forms import EvidenceForm, PublicFilingForm, TrackingForm, WindowIntakeForm
from .listing import (
    LIST_VALUES,
    attach_party_names,
    count_label,
    decode_cursor,
    keyset_page,
    labels,
)
from .models import Case, Channel, Evidence, Party, PartySide
from .public_lookup import public_case
from .public_timeline import public_timeline
from .services import file_case, find_possible_duplicates, reveal_id_number

FILED_SESSION_KEY = "cases_filed"
TRACKED_SESSION_KEY = "cases_tracked"


def form_key(token: str, form) -> str | None:
    """A form's one-time token bound to what was typed (see api_support.idempotency_key)."""
    typed = {name: value for name, value in form.data.items() if name != "csrfmiddlewaretoken"}
    return idempotency_key(token, typed, prefix="form")


def too_many(request):
    return render(request, "cases/too_many.html", {"text": ratelimit.message()}, status=429)


def dispute_new(request):
    """Public filing: four short steps, one form; a rejected step keeps everything typed."""
    if request.method == "POST":
        if ratelimit.filing_refused(request):
            return too_many(request)
        form = PublicFilingForm(request.POST)
        if form.is_valid():
            applicant = form.cleaned_data["applicant_phone"]
            if ratelimit.applicant_refused(request, applicant):
                return too_many(request)
            token = form.cleaned_data["form_token"]
            case = file_case(data=form.case_input(), idempotency_key=form_key(token, form))
            ratelimit.count_filing(request, applicant)
            request.session.setdefault(FILED_SESSION_KEY, [])
            request.session[FILED_SESSION_KEY] = [*request.session[FILED_SESSION_KEY], case.pk][
                -10:
            ]
            return redirect("dispute-filed", pk=case.pk)
        ratelimit.count_invalid(request)
        step = form.step_with_first_error()
    else:
        form = PublicFilingForm(initial={"form_token": secrets.token_urlsafe(24)})
        step = 1
    status = 400 if form.is_bound else 200
    return render(request, "cases/dispute_new.html", {"form": form, "step": step}, status=status)


def dispute_filed(request, pk: int):
    """The confirmation: only the browser that filed the case sees its tracking code."""
    if pk not in request.session.get(FILED_SESSION_KEY, []):
        raise Http404
    case = get_object_or_404(Case.objects.select_related("organisation", "category"), pk=pk)
    return render(request, "cases/dispute_filed.html", {"case": case})


def dispute_track(request):
    """Case number + tracking code → status and public timeline, and more evidence."""
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = TrackingForm(data)
    case = None
    if data is not None and form.is_valid():
        if ratelimit.is_limited(request, "lookup"):
            return too_many(request)
        case = public_case(form.cleaned_data["number"].strip(), form.cleaned_data["code"].strip())
        if case is None:
            form.add_error(None, _("未找到该案件，请核对案件编号和查询码。"))
    evidence_form = EvidenceForm()
    if case is not None and request.method == "POST" and "file" in request.FILES:
        evidence_form = EvidenceForm(request.POST, request.FILES)
        if ratelimit.is_limited(request, "evidence"):
            return too_many(request)
        if evidence_form.is_valid():
            try:
                add_evidence(
                    case,
                    evidence_form.cleaned_data["file"],
                    description=evidence_form.cleaned_data["description"],
                )
                messages.success(request, _("材料已上传，调解员会看到。"))
                evidence_form = EvidenceForm()
            except ValidationError as exc:
                evidence_form.add_error("file", exc)
    context = {"form": form, "case": case, "evidence_form": evidence_form}
    if case is not None:
        context["events"] = public_timeline(case)
        context["evidence"] = case.evidence.all()
        context["public_panels"] = public_panels.render_list(case)
    status = 400 if (data is not None and case is None) else 200
    return render(request, "cases/dispute_track.html", context, status=status)


def _window_membership(user) -> Membership | None:
    return (
        Membership.objects.active()
        .filter(user=user, role=Role.WINDOW_CLERK)
        .select_related("organisation__parent")
        .first()
    )


@login_required
def case_new(request):
    """The window clerk files for a walk-in or a caller; a possible duplicate is shown first."""
    membership = _window_membership(request.user)
    if membership is None:
        raise Http404
    window = membership.organisation
    numbering = window if window.file_prefix or window.parent is None else window.parent
    duplicates: list[Case] = []
    elsewhere = False
    if request.method == "POST":
        form = WindowIntakeForm(request.POST)
        if form.is_valid():
            duplicates, elsewhere = duplicates_for(request.user, form.parties())
            if (duplicates or elsewhere) and not form.cleaned_data["confirm_duplicate"]:
                form.add_error(
                    "confirm_duplicate",
                    _("发现疑似重复案件，请核对后勾选“仍然登记”再保存。"),
                )
            else:
                token = form.cleaned_data["form_token"]
                case = file_case(
                    data=form.case_input(),
                    channel=form.cleaned_data["channel"],
                    organisation=window,
                    numbering_organisation=numbering,
                    actor=request.user,
                    idempotency_key=form_key(token, form),
                )
                messages.success(
                    request,
                    _("已登记，案件编号 %(number)s，查询码 %(code)s。请告知当事人。")
                    % {"number": case.number, "code": case.tracking_code},
                )
                return redirect("case-detail", pk=case.pk)
    else:
        form = WindowIntakeForm(
            initial={"form_token": secrets.token_urlsafe(24), "channel": Channel.WINDOW}
        )
    return render(
        request,
        "cases/case_new.html",
        {
            "form": form,
            "duplicates": duplicates,
            "duplicate_elsewhere": elsewhere,
            "organisation": window,
        },
    )


def duplicates_for(user, parties) -> tuple[list[Case], bool]:
    """Possible duplicates the filer may see (numbers shown), and whether there is one
    beyond their reach (said, never numbered): a clerk learns nothing of another county's
    cases but that the parties already have an open dispute somewhere."""
    found = find_possible_duplicates(parties)
    reachable = list(found.filter(pk__in=cases_for_user(user).values("pk"))[:5])
    elsewhere = found.exclude(pk__in=[c.pk for c in reachable]).exclude(
        pk__in=cases_for_user(user).values("pk")
    )
    return reachable, elsewhere.exists()


def _filtered(request):
    base = cases_for_user(request.user)
    return CaseFilter(request.GET, queryset=base, request=request)


@login_required
def case_list(request):
    if not scope_of(request.user).visible and not scope_of(request.user).city_wide:
        raise Http404
    filterset = _filtered(request)
    filterset.offer_choices()
    after = request.GET.get("after", "")
    if after and decode_cursor(after) is None:
        return render(
            request,
            "bad_request.html",
            {"message": _("翻页位置无效，请从第一页重新查看。")},
            status=400,
        )
    valid = filterset.is_valid()
    queryset = filterset.qs if valid else cases_for_user(request.user).none()
    oldest_first = request.GET.get("sort") == "filed_at"
    rows = queryset.values(*LIST_VALUES)
    page = keyset_page(rows, after if valid else "", oldest_first=oldest_first)
    _prepare_rows(page.rows)
    params = request.GET.copy()
    params.pop("after", None)
    next_params = params.copy()
    if page.next_cursor:
        next_params["after"] = page.next_cursor
    return render(
        request,
        "cases/case_list.html",
        {
            "filter": filterset,
            "page": page,
            "count": _count(queryset, page, searching=bool(request.GET.get("q"))),
            "query": params.urlencode(),
            "next_query": next_params.urlencode() if page.next_cursor else "",
            "oldest_first": oldest_first,
            "may_file": _window_membership(request.user) is not None,
            "region_options": region_options(request.GET.get("region", "")),
        },
        # A filter that does not parse (a date of 9999, say) shows its error beside the field.
        status=200 if valid else 400,
    )


def _count(queryset, page, *, searching: bool) -> str:
    """One page needs no count. A search is not counted past its first page: counting a
    common word's thousand matches walks tens of thousands of rows."""
    if page.next_cursor is None and not page.after:
        return str(len(page.rows))
    if searching:
        return f"{len(page.rows)}+"
    return count_label(queryset)


def _prepare_rows(rows: list[dict]) -> None:
    """What each row shows, computed here once from plain values: model instances and a
    template tag per cell per row (reverse, date, get_FOO_display) cost more than the query
    that fetched the page."""
    attach_party_names(rows)
    status_names = labels()["status"]
    detail = reverse("case-detail", args=[0]).removesuffix("0/")
    for row in rows:
        row["status_name"] = status_names.get(row["status"], row["status"])
        row["url"] = f"{detail}{row['id']}/"
        at = timezone.localtime(row["filed_at"])
        row["filed_label"] = date_format(at, _("Y年n月j日 H:i"))
        row["party_names"] = "、".join(party["name"] for party in row["parties"])


class _Echo:
    def write(self, value: str) -> str:
        return value


EXPORT_LIMIT = 50_000


@login_required
def case_export(request):
    """The filtered list as CSV, UTF-8 with a BOM so that Excel shows the Chinese."""
    filterset = _filtered(request)
    if not filterset.is_valid():
        problems = "；".join(str(e) for errors in filterset.errors.values() for e in errors)
        return HttpResponse(
            _("筛选条件有误：%(problems)s") % {"problems": problems},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    queryset = (
        filterset.qs.select_related("category", "village", "organisation")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.only("case_id", "side", "name"))
        )
        .order_by("-filed_at", "-id")[:EXPORT_LIMIT]
    )
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff"
        yield writer.writerow(
            [
                _("案件编号"),
                _("状态"),
                _("纠纷类别"),
                _("来源渠道"),
                _("发生地"),
                _("承办机构"),
                _("申请人"),
                _("被申请人"),
                _("标的金额（元）"),
                _("登记时间"),
            ]
        )
        for case in queryset.iterator(chunk_size=500):
            yield writer.writerow(safe_row(_export_row(case)))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="cases-{stamp}.csv"'
    return response


def _export_row(case: Case) -> list:
    names: dict[str, list[str]] = {PartySide.APPLICANT: [], PartySide.RESPONDENT: []}
    for party in case.parties.all():
        names.get(party.side, []).append(party.name)
    return [
        case.number,
        case.get_status_display(),
        case.category.name,
        case.get_channel_display(),
        case.village.name,
        case.organisation.name,
        "、".join(names[PartySide.APPLICANT]),
        "、".join(names[PartySide.RESPONDENT]),
        case.claim_amount if case.claim_amount is not None else "",
        timezone.localtime(case.filed_at).strftime("%Y-%m-%d %H:%M"),
    ]


@login_required
def case_detail(request, pk: int, revealed: dict | None = None):
    case = get_case_for_user(request.user, pk)
    handler = may_handle(request.user, case)
    parties = list(case.parties.all())
    names: dict[int | None, str] = {party.pk: party.name for party in parties}
    for party in parties:
        party.represents = names.get(party.agent_for_id, "")
        party.shown_phone = (
            party.phone if handler else mask_mobile(party.phone) if party.phone else ""
        )
        party.shown_id = (revealed or {}).get(party.pk, party.id_number_masked)
    context = {
        "case": case,
        "parties": parties,
        "handler": handler,
        "identifiers": case.identifiers.all(),
        "evidence": case.evidence.all(),
        "events": case.events.select_related("actor").order_by("at", "id"),
        # Linked duplicates the reader may open; one out of reach is only mentioned.
        "duplicate_of": _reachable(request.user, case.possible_duplicate_of),
        "duplicate_elsewhere": case.possible_duplicate_of_id is not None
        and _reachable(request.user, case.possible_duplicate_of) is None,
        "duplicates": case.possible_duplicates.filter(
            pk__in=cases_for_user(request.user).values("pk")
        )[:10],
        "evidence_form": EvidenceForm(),
        "header_panels": panels.render_list(request, case, panels.HEADER),
        "main_panels": panels.render_list(request, case, panels.MAIN),
    }
    return render(request, "cases/case_detail.html", context)


def _reachable(user, other: Case | None) -> Case | None:
    if other is None or not cases_for_user(user).filter(pk=other.pk).exists():
        return None
    return other


@login_required
@require_POST
def party_reveal(request, pk: int, party_pk: int):
    case = get_case_for_user(request.user, pk)
    party = get_object_or_404(case.parties, pk=party_pk)
    if not party.id_number_encrypted:
        raise Http404
    if not may_handle(request.user, case):
        # In reach but not handling it (a read-only leader): refused, not hidden.
        raise PermissionDenied
    value = reveal_id_number(case, party, actor=request.user)
    messages.info(request, _("已显示完整身份证号，此次查看已记入案件动态。"))
    response = case_detail(request, pk, revealed={party.pk: value})
    # The full ID number must not stay in a browser's or a proxy's cache.
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def case_evidence_add(request, pk: int):
    case = get_case_for_user(request.user, pk)
    if not may_handle(request.user, case):
        raise PermissionDenied
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_evidence(
                case,
                form.cleaned_data["file"],
                actor=request.user,
                description=form.cleaned_data["description"],
            )
            messages.success(request, _("材料已上传。"))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("请选择要上传的文件。"))
    return redirect(reverse("case-detail", args=[case.pk]) + "#evidence")


@login_required
def case_evidence_file(request, pk: int, evidence_pk: int):
    case = get_case_for_user(request.user, pk)
    evidence = get_object_or_404(Evidence, pk=evidence_pk, case=case)
    try:
        handle = open_evidence(evidence)
    except FileNotFoundError as exc:
        raise Http404 from exc
    except files.StorageUnavailable as exc:
        return HttpResponse(" ".join(exc.messages), status=503, content_type="text/plain")
    return FileResponse(
        handle,
        content_type=evidence.content_type,
        as_attachment=True,
        filename=download_name(evidence),
    )
