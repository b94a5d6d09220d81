"""Pages of statistics: the leaders' dashboard, the people's-mediation report, the
service-activity register and the public list of upcoming legal-education events."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import scoped
from accounts.verbs import ActionRefused
from cases.access import get_case_for_user

from . import report as reports
from . import services
from .dashboard import overview
from .forms import ActivityFilterForm, ActivityForm, ReportMarkForm
from .models import ServiceActivity
from .scopes import may_use_stats
from .selection import BadPeriod, choose

ACTIVITY_PAGE = 50


def _stats_user(request) -> None:
    if not may_use_stats(request.user):
        raise Http404(_("没有这个统计范围，或您无权查看。"))


@login_required
def dashboard(request):
    _stats_user(request)
    try:
        scope, month = choose(request.user, request.GET.get("scope"), request.GET.get("period"))
        compare = request.GET.get("compare", "").strip()
        data = overview(request.user, scope, month, compare=compare)
    except BadPeriod as exc:
        return render(request, "stats/bad_period.html", {"message": exc.message}, status=400)
    return render(request, "stats/dashboard.html", data)


@login_required
def report_page(request):
    _stats_user(request)
    try:
        scope, month = choose(request.user, request.GET.get("scope"), request.GET.get("period"))
    except BadPeriod as exc:
        return render(request, "stats/bad_period.html", {"message": exc.message}, status=400)
    report = reports.build(scope, month)
    fmt = request.GET.get("format", "")
    if fmt == "xlsx":
        return _download(
            reports.as_xlsx(report),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"mediation-report-{scope.code}-{month}.xlsx",
        )
    if fmt == "csv":
        return _download(
            reports.as_csv(report).encode(),
            "text/csv; charset=utf-8",
            f"mediation-report-{scope.code}-{month}.csv",
        )
    return render(
        request,
        "stats/report.html",
        {"report": report, "scope": scope, "month": month, "labels": reports.column_labels()},
    )


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def activity_list(request):
    """The register, newest first; the dashboard's activity figures link here with the
    filters of what they count (days, kind, an organisation's subtree or a region)."""
    rows = scoped(request.user, ServiceActivity.objects.select_related("organisation", "region"))
    chosen = ActivityFilterForm(request.GET)
    rows = chosen.narrow(rows) if chosen.is_valid() else rows.none()
    before = request.GET.get("before", "")
    if before.isdigit():
        rows = rows.filter(id__lt=int(before))
    page = list(rows.order_by("-id")[: ACTIVITY_PAGE + 1])
    more = len(page) > ACTIVITY_PAGE
    page = page[:ACTIVITY_PAGE]
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        "stats/activities.html",
        {
            "activities": page,
            "next_before": page[-1].pk if more else None,
            "filter_form": chosen,
            "query": query.urlencode(),
        },
        status=200 if chosen.is_valid() else 400,
    )


@login_required
def activity_new(request):
    form = ActivityForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_activity(
                data=form.activity_input(),
                photos=request.FILES.getlist("photos"),
                actor=request.user,
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
            return render(request, "stats/activity_new.html", {"form": form}, status=exc.status)
        except ValidationError as exc:
            form.add_error("photos", exc)
        else:
            messages.success(request, _("服务活动已登记。"))
            return redirect("stats:activities")
    status = 400 if form.errors else 200
    return render(request, "stats/activity_new.html", {"form": form}, status=status)


def upcoming(request):
    """Public: the legal-education events coming up, for villagers."""
    events = ServiceActivity.objects.upcoming_public(timezone.localdate()).select_related(
        "organisation", "region"
    )[:100]
    return render(request, "stats/upcoming.html", {"events": events})


@login_required
@require_POST
def mark_case(request, pk: int):
    case = get_case_for_user(request.user, pk)
    form = ReportMarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请重新选择报表事项。"))
        return redirect("case-detail", pk=case.pk)
    try:
        services.mark_for_report(case=case, actor=request.user, **form.cleaned_data)
    except ActionRefused as exc:
        if exc.status == 403:  # in reach but not permitted (a read-only leader), as the API
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
        return redirect("case-detail", pk=case.pk)
    messages.success(request, _("已记录报表事项。"))
    return redirect("case-detail", pk=case.pk)
