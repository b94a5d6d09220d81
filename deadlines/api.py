from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.access import get_case_for_user
from zhanjiang_portal.params import refuse_api

from .forms import PagingForm
from .models import Deadline
from .responsibility import deadlines_for_responsible

PAGE = 50


class DeadlineOutputSerializer(serializers.Serializer):
    class CaseSerializer(serializers.Serializer):
        class Meta:
            ref_name = "DeadlineCase"

        id = serializers.IntegerField()
        number = serializers.CharField()

    class RuleSerializer(serializers.Serializer):
        class Meta:
            ref_name = "DeadlineRuleRef"

        code = serializers.CharField()
        name = serializers.CharField()

    id = serializers.IntegerField()
    case = CaseSerializer()
    kind = serializers.CharField()
    rule = RuleSerializer()
    starts_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    due_is_date = serializers.BooleanField()
    days_left = serializers.IntegerField()
    paused_at = serializers.DateTimeField(allow_null=True)
    met_at = serializers.DateTimeField(allow_null=True)
    missed_at = serializers.DateTimeField(allow_null=True)
    calendar_provisional = serializers.BooleanField()


class DeadlineMineApi(APIView):
    """The open deadlines the user answers for, soonest first; ``?after=<cursor>`` pages on."""

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "DeadlineMinePage"

        results = DeadlineOutputSerializer(many=True)
        next = serializers.CharField(allow_blank=True)

    @extend_schema(
        parameters=[OpenApiParameter("after", str, description="上一页末行的 <due_at>_<id>")],
        responses=OutputSerializer,
    )
    def get(self, request):
        paging = PagingForm(request.query_params)
        if not paging.is_valid():
            refuse_api(paging)
        rows = deadlines_for_responsible(request.user).select_related("case", "rule")
        rows = list(rows.after(paging.cleaned_data["after"]).order_by("due_at", "id")[: PAGE + 1])
        more = len(rows) > PAGE
        rows = rows[:PAGE]
        cursor = f"{rows[-1].due_at.isoformat()}_{rows[-1].pk}" if more else ""
        return Response(self.OutputSerializer({"results": rows, "next": cursor}).data)


class CaseDeadlineListApi(APIView):
    """Every clock of one case (open and met), for the case page; 404 outside the scope."""

    @extend_schema(responses=DeadlineOutputSerializer(many=True))
    def get(self, request, case_id: int):
        case = get_case_for_user(request.user, case_id)
        rows = Deadline.objects.for_case(case).select_related("case")
        return Response(DeadlineOutputSerializer(rows, many=True).data)
