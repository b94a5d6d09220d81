from __future__ import annotations

import datetime as dt
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import scope_of, scoped
from accounts.models import Membership, Role
from cases.access import get_case_for_user, may_handle
from notifications.recipients import Directory
from zhanjiang_portal.params import refuse_page

from . import calendar_feed, services
from .forms import ExtendForm, PagingForm, PartyInviteForm, PauseForm
from .invitations import invite_party
from .models import CalendarToken, Deadline, DeadlineRule
from .responsibility import deadlines_for_responsible
from .templatetags.deadline_tags import chip

SUPERVISING_ROLES = {
    Role.CENTRE_SUPERVISOR,
    Role.BUREAU_OFFICER,
    Role.CITY_LEADER,
    Role.ADMINISTRATOR,
}
PAGE = 50
# Each section of "my deadlines" shows the earliest this many; the rest wait their turn.
LIMIT = 30
# What a list row shows; a case row carries long texts that a list never needs.
LIST_FIELDS = [
    "id",
    "due_at",
    "due_is_date",
    "paused_at",
    "met_at",
    "calendar_provisional",
    "case__number",
    "rule__name",
]


def _with_chips(rows, today) -> list[Deadline]:
    """Each row's chip and link, worked out once here rather than per row in the template."""
    rows = list(rows)
    base = reverse("deadlines:detail", args=[0]).removesuffix("0/")
    for row in rows:
        row.chip = chip(row, today)
        row.url = f"{base}{row.pk}/"
        due = timezone.localtime(row.due_at)
        row.due_label = date_format(due, _("Y年n月j日") if row.due_is_date else _("Y年n月j日 H:i"))
    return rows


def get_deadline_for_user(user, pk) -> Deadline:
    """A deadline is visible exactly when its case is (404 otherwise)."""
    try:
        deadline = Deadline.objects.select_related("rule").get(pk=int(pk))
    except (Deadline.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("deadline not found") from exc
    deadline.case = get_case_for_user(user, deadline.case_id)
    return deadline


@login_required
def my_deadlines(request):
    """What the signed-in staff member answers for: overdue, today, this week, later."""
    today = timezone.localdate()
    now = timezone.now()
    end_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time.max))
    week = end_of_today + dt.timedelta(days=7)
    mine = deadlines_for_responsible(request.user).select_related("case", "rule").only(*LIST_FIELDS)
    by_case = request.GET.get("view") == "case"
    context = {
        "limit": LIMIT,
        "by_case": by_case,
        "today": today,
        "token": CalendarToken.objects.filter(user=request.user).first(),
    }
    if by_case:
        context["rows"] = _with_chips(mine.order_by("case__number", "due_at", "id")[:200], today)
        return render(request, "deadlines/mine.html", context)
    running = mine.filter(paused_at=None).order_by("due_at", "id")
    # Three queries: the overdue, the coming (split by day here) and the paused.
    coming = _with_chips(running.filter(due_at__gte=now)[: LIMIT * 3], today)
    context["sections"] = [
        (_("已逾期"), "overdue", _with_chips(running.filter(due_at__lt=now)[:LIMIT], today)),
        (_("今天届满"), "today", [d for d in coming if d.due_at <= end_of_today][:LIMIT]),
        (
            _("本周内届满"),
            "week",
            [d for d in coming if end_of_today < d.due_at <= week][:LIMIT],
        ),
        (_("以后届满"), "later", [d for d in coming if d.due_at > week][:LIMIT]),
        (
            _("已暂停"),
            "paused",
            _with_chips(mine.exclude(paused_at=None).order_by("due_at")[:LIMIT], today),
        ),
    ]
    return render(request, "deadlines/mine.html", context)


@login_required
def overdue_list(request):
    """Overdue deadlines under the supervisor, oldest first, in keyset pages."""
    if not (SUPERVISING_ROLES & scope_of(request.user).role_names() or request.user.is_superuser):
        raise Http404("not a supervisor")
    rows = scoped(request.user, Deadline.objects.overdue(), "case__organisation").select_related(
        "case", "case__organisation", "case__assignee", "rule"
    )
    paging = PagingForm(request.GET)
    if not paging.is_valid():
        return refuse_page(request, paging)
    kind = paging.cleaned_data["kind"]
    if kind:
        rows = rows.filter(kind=kind)
    rows = rows.after(paging.cleaned_data["after"])
    page = list(rows.order_by("due_at", "id")[: PAGE + 1])
    more = len(page) > PAGE
    page = page[:PAGE]
    return render(
        request,
        "deadlines/overdue.html",
        {
            "rows": page,
            "kind": kind,
            "rules": DeadlineRule.objects.all(),
            "next_cursor": f"{page[-1].due_at.isoformat()}_{page[-1].pk}" if more else "",
            "today": timezone.localdate(),
        },
    )


@login_required
def deadline_detail(request, pk):
    deadline = get_deadline_for_user(request.user, pk)
    return _detail(request, deadline)


def _detail(request, deadline, *, pause_form=None, extend_form=None, status=200):
    can_act = may_handle(request.user, deadline.case)
    return render(
        request,
        "deadlines/detail.html",
        {
            "deadline": deadline,
            "case": deadline.case,
            "can_act": can_act and deadline.is_open,
            "pause_form": pause_form or PauseForm(),
            "extend_form": extend_form or ExtendForm(approvers=_approvers(request.user, deadline)),
            "latest_extension": services.latest_extension_date(deadline),
            "pauses": deadline.pauses.select_related("paused_by", "resumed_by"),
            "extensions": deadline.extensions.select_related("approved_by"),
            "today": timezone.localdate(),
        },
        status=status,
    )


def _approvers(user, deadline) -> list:
    from django.contrib.auth import get_user_model

    ids = set(Directory().supervisors_for(deadline.case.organisation_id))
    if services.may_act(user, deadline.case.organisation_id, services.APPROVER_ROLES):
        ids.add(user.pk)
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True))


def _acting(request, pk) -> Deadline:
    deadline = get_deadline_for_user(request.user, pk)
    if not may_handle(request.user, deadline.case):
        raise PermissionDenied("not handling this case")
    return deadline


@login_required
@require_POST
def deadline_pause(request, pk):
    deadline = _acting(request, pk)
    form = PauseForm(request.POST)
    if not form.is_valid():
        return _detail(request, deadline, pause_form=form, status=400)
    try:
        services.pause_deadline(deadline, reason=form.cleaned_data["reason"], actor=request.user)
    except services.DeadlineRefused as refused:
        form.add_error(None, str(refused))
        return _detail(request, deadline, pause_form=form, status=409)
    messages.success(request, _("期限已暂停，暂停期间不再提醒。材料齐全后请点“恢复计算”。"))
    return redirect("deadlines:detail", pk=deadline.pk)


@login_required
@require_POST
def deadline_resume(request, pk):
    deadline = _acting(request, pk)
    try:
        services.resume_deadline(deadline, actor=request.user)
    except services.DeadlineRefused as refused:
        messages.error(request, str(refused))
        return redirect("deadlines:detail", pk=deadline.pk)
    deadline.refresh_from_db()
    messages.success(
        request,
        _("期限已恢复计算，新的届满日为 %(due)s。")
        % {"due": date_format(deadline.due_date, _("Y年n月j日"))},
    )
    return redirect("deadlines:detail", pk=deadline.pk)


@login_required
@require_POST
def deadline_extend(request, pk):
    deadline = _acting(request, pk)
    form = ExtendForm(request.POST, approvers=_approvers(request.user, deadline))
    if not form.is_valid():
        return _detail(request, deadline, extend_form=form, status=400)
    try:
        services.extend_deadline(deadline, actor=request.user, **form.cleaned_data)
    except services.DeadlineRefused as refused:
        form.add_error(None, str(refused))
        return _detail(request, deadline, extend_form=form, status=409)
    messages.success(request, _("期限已延长，延长记录已写入案件动态。"))
    return redirect("deadlines:detail", pk=deadline.pk)


@login_required
def party_invite(request, case_pk):
    """Desk staff text a party what is needed and by when."""
    case = get_case_for_user(request.user, case_pk)
    if not may_handle(request.user, case):
        raise PermissionDenied("not handling this case")
    parties = list(case.parties.exclude(phone="").order_by("side", "id"))
    form = PartyInviteForm(request.POST or None, parties=parties)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["due_date"] < timezone.localdate():
            form.add_error("due_date", _("日期不能早于今天。"))
        else:
            party = next(p for p in parties if p.pk == data["party"])
            _message, created = invite_party(
                case=case,
                party=party,
                purpose=data["purpose"],
                due_date=data["due_date"],
                note=data["note"],
                nonce=data["nonce"],
                actor=request.user,
            )
            if created:
                messages.success(
                    request, _("短信已提交发送，并已记入案件动态。可继续通知其他当事人。")
                )
            else:
                messages.info(request, _("这条短信刚才已经发送过，没有重复发送。"))
            return redirect("deadlines:party_invite", case_pk=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "deadlines/invite.html",
        {"case": case, "form": form, "parties": parties},
        status=status,
    )


@login_required
@require_POST
def calendar_token(request):
    """Issue (or replace, which revokes the old address) the user's calendar-feed token."""
    CalendarToken.objects.update_or_create(
        user=request.user, defaults={"token": secrets.token_urlsafe(32)}
    )
    messages.success(request, _("日历订阅地址已生成；旧地址（如有）已失效。"))
    return redirect("deadlines:mine")


def calendar_ics(request, token: str):
    """The feed a calendar app polls; the token in the address is the only credential."""
    found = (
        CalendarToken.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if found is None or not Membership.objects.active().filter(user=found.user).exists():
        # Unknown, or its owner no longer works anywhere: the feed stops with the membership.
        raise Http404("unknown calendar")
    body = calendar_feed.render_ics(
        calendar_feed.events_for(found.user),
        name=_("湛江调解平台：我的日程"),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="zhanjiang-portal.ics"'
    return response
