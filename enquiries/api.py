"""12368 through the API: the same look-up and password as the pages, same limits and log."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.verbs import FORBIDDEN, ActionRefused
from cases.access import get_case_for_user

from . import services
from .forms import LookupForm
from .verbs import VERBS
from .views import _is_operator


class EnquiryLookupApi(APIView):
    """Number and password in; status, next step and handler out. A wrong password and an
    unknown number both answer 404 with the same body; too many wrong answers 429."""

    @extend_schema(request=None, responses=None)
    def post(self, request):
        if not _is_operator(request.user):
            raise ActionRefused(_("只有12368话务人员可以查询。"), code=FORBIDDEN)
        form = LookupForm(request.data)
        if not form.is_valid():
            return Response(form.errors, status=status.HTTP_400_BAD_REQUEST)
        try:
            answer = services.lookup(operator=request.user, **form.cleaned_data)
        except services.EnquiryLocked:
            return Response(
                {"detail": _("查询失败次数过多，请一小时后再试。")},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        if answer is None:
            return Response(
                {"detail": _("编号或查询密码不正确，请让来电人核对后再报一次。")},
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(
            {
                "case_number": answer.case.number,
                "status": answer.case.status,
                "status_display": answer.status,
                "next_step": answer.next_step,
                "handler": answer.handler,
                "assignee": answer.assignee,
                "next_due_at": answer.case.next_due_at,
            }
        )


class EnquiryPasswordIssueApi(APIView):
    """A new password for the case's parties (the old one stops working)."""

    @extend_schema(request=None, responses=None)
    def post(self, request, case_pk: int):
        case = get_case_for_user(request.user, case_pk)
        VERBS.check("issue_password", request.user, case)
        password = services.issue_password(case, actor=request.user)
        return Response({"enquiry_password": password}, status=status.HTTP_201_CREATED)
