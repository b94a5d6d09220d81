"""The statistics API: the overview and the people's-mediation report of a scope and month,
and the service-activity register. Same rules as the pages (stats.selection, stats.verbs)."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.access import scoped
from accounts.models import Organisation
from villages.models import Region

from . import report as reports
from . import services
from .dashboard import overview, overview_data
from .models import ServiceActivity
from .scopes import may_use_stats
from .selection import BadPeriod, choose

SCOPE = OpenApiParameter(
    "scope", str, description="区划代码（440800 全市、县区 6 位、镇街 9 位）或机构代号"
)
PERIOD = OpenApiParameter("period", str, description="统计月份 YYYY-MM（默认本月）")


def _select(request):
    if not may_use_stats(request.user):
        raise Http404
    try:
        return choose(
            request.user, request.query_params.get("scope"), request.query_params.get("period")
        )
    except BadPeriod as exc:
        raise ValidationError({"period": [exc.message]}) from exc


class StatsOverviewApi(APIView):
    """Figures of a scope for a month: each area's sections (figures with their case-list
    links, tables), the key figures, and a comparison with another scope (``compare``)."""

    @extend_schema(
        parameters=[SCOPE, PERIOD, OpenApiParameter("compare", str, description="对比范围")],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        scope, month = _select(request)
        data = overview(request.user, scope, month, compare=request.query_params.get("compare", ""))
        return Response(overview_data(data))


class PassthroughRenderer(BaseRenderer):
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class XlsxRenderer(PassthroughRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"


class CsvRenderer(PassthroughRenderer):
    media_type = "text/csv"
    format = "csv"


class StatsReportApi(APIView):
    """The people's-mediation statistical report of a scope: the month and the year to
    date, as JSON, CSV (cells safe from formula injection) or xlsx."""

    renderer_classes = [JSONRenderer, XlsxRenderer, CsvRenderer]

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404 as exc:
            raise ValidationError({"format": ["xlsx、csv 或 json"]}) from exc

    @extend_schema(
        parameters=[
            SCOPE,
            PERIOD,
            OpenApiParameter("format", str, enum=["json", "csv", "xlsx"], description="默认 json"),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        scope, month = _select(request)
        report = reports.build(scope, month)
        fmt = request.accepted_renderer.format
        name = f"mediation-report-{scope.code}-{month}"
        if fmt == "xlsx":
            return _attachment(reports.as_xlsx(report), f"{name}.xlsx")
        if fmt == "csv":
            return _attachment(reports.as_csv(report).encode(), f"{name}.csv")
        return Response(report.as_data())


def _attachment(body: bytes, filename: str) -> Response:
    response = Response(body)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ActivitySerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.filter(is_active=True)
    )
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.filter(level__in=["town", "village"])
    )

    class Meta:
        model = ServiceActivity
        fields = [
            "id",
            "organisation",
            "kind",
            "title",
            "held_on",
            "place",
            "region",
            "people_reached",
            "is_public",
        ]
        read_only_fields = ["id"]


class ActivityListCreateApi(APIView):
    """The service-activity register: the activities of the caller's organisations (newest
    first, 50 a page, ``before`` the last id), and recording one."""

    @extend_schema(
        parameters=[OpenApiParameter("before", int)], responses=ActivitySerializer(many=True)
    )
    def get(self, request):
        rows = scoped(request.user, ServiceActivity.objects.all()).order_by("-id")
        before = request.query_params.get("before", "")
        if before.isdigit():
            rows = rows.filter(id__lt=int(before))
        return Response(ActivitySerializer(rows[:50], many=True).data)

    @extend_schema(request=ActivitySerializer, responses={201: ActivitySerializer})
    def post(self, request):
        serializer = ActivitySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        activity = services.record_activity(
            data=services.ActivityInput(**serializer.validated_data), actor=request.user
        )
        return Response(ActivitySerializer(activity).data, status=status.HTTP_201_CREATED)


class UpcomingEventsApi(APIView):
    """Public: legal-education events coming up."""

    authentication_classes = []
    permission_classes = []

    @extend_schema(responses=ActivitySerializer(many=True))
    def get(self, request):
        rows = ServiceActivity.objects.upcoming_public(timezone.localdate())[:100]
        return Response(ActivitySerializer(rows, many=True).data)
