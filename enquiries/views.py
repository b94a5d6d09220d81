from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import scope_of
from accounts.verbs import ActionRefused
from cases.access import get_case_for_user

from . import services
from .apps import OPERATOR_ROLES
from .forms import LookupForm
from .verbs import VERBS


def _is_operator(user) -> bool:
    scope = scope_of(user)
    return bool(user.is_superuser or OPERATOR_ROLES & scope.role_names())


@login_required
def lookup(request):
    """12368: an operator reads a case to a caller who gives its number and password."""
    if not _is_operator(request.user):
        return render(request, "enquiries/not_operator.html", status=403)
    form = LookupForm(request.POST or None)
    answer = None
    if request.method == "POST" and form.is_valid():
        try:
            answer = services.lookup(
                operator=request.user,
                number=form.cleaned_data["number"],
                password=form.cleaned_data["password"],
            )
        except services.EnquiryLocked:
            messages.error(request, _("查询失败次数过多，请一小时后再试。"))
        else:
            if answer is None:
                messages.error(request, _("编号或查询密码不正确，请让来电人核对后再报一次。"))
    events = answer.case.events.filter(is_public=True).order_by("at", "id") if answer else []
    return render(
        request, "enquiries/lookup.html", {"form": form, "answer": answer, "events": events}
    )


@login_required
@require_POST
def issue_password(request, case_pk: int):
    case = get_case_for_user(request.user, case_pk)
    try:
        VERBS.check("issue_password", request.user, case)
    except ActionRefused as exc:
        if exc.status == 403:  # in reach but not permitted (a read-only leader), as the API
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
        return redirect("case-detail", pk=case.pk)
    password = services.issue_password(case, actor=request.user)
    messages.success(
        request,
        _("已生成12368查询密码：%(pw)s。请告知当事人并提醒妥善保管；原密码已失效。")
        % {"pw": password},
    )
    return redirect("case-detail", pk=case.pk)
