"""The legal-aid REST contract: public application and tracking without an account, the staff
list scoped to the officer's centre and the lawyer's assignments, an application's page, its
verbs (the same forms and services as the pages), and the totals."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.identifiers import clean_mobile, clean_resident_id
from accounts.templatetags.people import person_name
from cases import ratelimit
from cases.api import PublicApi
from cases.api_support import idempotency_key, too_many_requests
from cases.forms import check_village
from cases.public_lookup import not_found, public_case

from . import actions, desks, services
from .access import applications_for_user, counties_for_user, get_application_for_user
from .desks import labelled
from .models import (
    Application,
    ApplicationChannel,
    CommitmentChannel,
    ExemptReason,
    MatterType,
    SignatureMethod,
)
from .totals import totals
from .verbs import VERBS


class PublicLegalAidCreateApi(PublicApi):
    """Apply for legal aid without an account: phone first, the commitment signed on the phone
    (the notice's version is recorded), or an exemption from the hardship check named."""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PublicLegalAidCreateInput"

        applicant_name = serializers.CharField(max_length=100)
        applicant_phone = serializers.CharField(max_length=20)
        applicant_id_number = serializers.CharField(max_length=18, required=False, default="")
        village = serializers.CharField(max_length=12)
        matter_type = serializers.ChoiceField(choices=MatterType.choices)
        opponent = serializers.CharField(max_length=100)
        amount_claimed = serializers.DecimalField(
            max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
        )
        facts = serializers.CharField(max_length=5000)
        exempt_reason = serializers.ChoiceField(
            choices=ExemptReason.choices, required=False, default=""
        )
        is_urgent = serializers.BooleanField(required=False, default=False)
        urgent_reason = serializers.CharField(max_length=300, required=False, default="")
        commitment_signed = serializers.BooleanField(required=False, default=False)
        commitment_text_version = serializers.CharField(
            max_length=20, required=False, default=services.COMMITMENT_TEXT_VERSION
        )
        commitment_method = serializers.ChoiceField(
            choices=SignatureMethod.choices, required=False, default=SignatureMethod.SMS_CODE
        )

        def validate_applicant_phone(self, value: str) -> str:
            return _field(clean_mobile, value)

        def validate_applicant_id_number(self, value: str) -> str:
            return _field(clean_resident_id, value) if value.strip() else ""

        def validate_village(self, value: str) -> str:
            return _field(check_village, value)

        def validate(self, data: dict) -> dict:
            if not data["exempt_reason"] and not data["commitment_signed"]:
                raise serializers.ValidationError(
                    {"commitment_signed": _("请阅读告知内容并签署承诺，或选择免予审查的情形。")}
                )
            return data

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PublicLegalAidCreateOutput"

        number = serializers.CharField(source="case.number")
        tracking_code = serializers.CharField(source="case.tracking_code")
        status = serializers.CharField()

    @extend_schema(
        request=InputSerializer,
        responses={201: OutputSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
    )
    def post(self, request):
        if ratelimit.is_limited(request, "filing"):
            return too_many_requests()
        try:
            payload = request.data
        except ParseError:
            return Response({"detail": _("请求内容不是有效的 JSON。")}, status=400)
        if not isinstance(payload, dict):
            return Response({"detail": _("请求内容应为 JSON 对象。")}, status=400)
        serializer = self.InputSerializer(data=payload)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        key = idempotency_key(request.headers.get("Idempotency-Key", ""), payload, "legal-aid")
        application = services.apply(
            data=services.ApplicationInput(
                applicant_name=d["applicant_name"],
                applicant_phone=d["applicant_phone"],
                applicant_id_number=d["applicant_id_number"],
                village_code=d["village"],
                matter_type=d["matter_type"],
                opponent=d["opponent"],
                facts=d["facts"],
                amount_claimed=d.get("amount_claimed"),
                exempt_reason=d["exempt_reason"],
                is_urgent=d["is_urgent"],
                urgent_reason=d["urgent_reason"],
            ),
            commitment=services.CommitmentInput(
                method=d["commitment_method"],
                channel=CommitmentChannel.ONLINE,
                text_version=d["commitment_text_version"],
            )
            if d["commitment_signed"]
            else None,
            channel=ApplicationChannel.ONLINE,
            idempotency_key=key,
        )
        return Response(self.OutputSerializer(application).data, status=status.HTTP_201_CREATED)


def _field(clean, value):
    from django.core.exceptions import ValidationError

    try:
        return clean(value)
    except ValidationError as exc:
        raise serializers.ValidationError(exc.messages) from exc


class PublicEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    text = serializers.CharField()


class PublicLegalAidDetailApi(PublicApi):
    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PublicLegalAidDetailOutput"

        number = serializers.CharField(source="case.number")
        status = serializers.CharField()
        status_name = serializers.CharField(source="get_status_display")
        matter_type = serializers.CharField()
        matter_type_name = serializers.CharField(source="get_matter_type_display")
        submitted_at = serializers.DateTimeField()
        missing_materials = serializers.CharField()
        decision = serializers.CharField(source="decision_text")
        lawyer = serializers.SerializerMethodField()
        events = PublicEventSerializer(many=True, source="public_events")

        def get_lawyer(self, application) -> str:
            lawyer = application.lawyer
            return person_name(lawyer) if lawyer else ""

    @extend_schema(
        parameters=[OpenApiParameter("code", str, required=True)],
        responses={200: OutputSerializer},
    )
    def get(self, request, number: str):
        if ratelimit.is_limited(request, "lookup"):
            return too_many_requests()
        case = public_case(number, request.query_params.get("code", ""))
        application = (
            Application.objects.filter(case=case).select_related("case", "lawyer").first()
            if case
            else None
        )
        if application is None:
            return not_found()
        application.public_events = list(case.events.filter(is_public=True).order_by("at", "id"))
        return Response(self.OutputSerializer(application).data)


class ApplicationCursorPagination(CursorPagination):
    page_size = 50
    ordering = ("-submitted_at", "-id")


class ApplicationSerializer(serializers.Serializer):
    class Meta:
        ref_name = "LegalAidApplication"

    id = serializers.IntegerField()
    number = serializers.CharField(source="case.number")
    case = serializers.IntegerField(source="case_id")
    source_case = serializers.IntegerField(source="source_case_id", allow_null=True)
    centre = serializers.IntegerField(source="centre_id")
    county_code = serializers.CharField()
    channel = serializers.CharField()
    status = serializers.CharField()
    status_name = serializers.CharField()
    matter_type = serializers.CharField()
    matter_name = serializers.CharField()
    applicant_name = serializers.CharField()
    opponent = serializers.CharField()
    amount_claimed = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    hardship_basis = serializers.CharField()
    exempt_reason = serializers.CharField()
    is_urgent = serializers.BooleanField()
    needs_verification = serializers.BooleanField()
    submitted_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)
    lawyer = serializers.IntegerField(source="lawyer_id", allow_null=True)
    amount_recovered = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    satisfaction = serializers.IntegerField(allow_null=True)


class ApplicationListApi(generics.ListAPIView):
    """Staff: the applications of the officer's centre and the lawyer's assignments, newest
    first, keyset-paged; ?status= and ?matter_type= filter."""

    pagination_class = ApplicationCursorPagination
    serializer_class = ApplicationSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str),
            OpenApiParameter("matter_type", str),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        page = labelled(self.paginate_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_queryset(self):
        qs = applications_for_user(self.request.user).select_related("case")
        params = self.request.query_params
        if params.get("status"):
            qs = qs.filter(status=params["status"])
        if params.get("matter_type"):
            qs = qs.filter(matter_type=params["matter_type"])
        return qs


class ApplicationDetailApi(APIView):
    class OutputSerializer(ApplicationSerializer):
        class Meta:
            ref_name = "LegalAidApplicationDetail"

        allowed = serializers.ListField(child=serializers.CharField())
        missing_materials = serializers.CharField()
        decision_text = serializers.CharField()
        termination_ground = serializers.CharField()
        objection_text = serializers.CharField()
        objection_answer = serializers.CharField()
        outcome_result = serializers.CharField()

    @extend_schema(responses={200: OutputSerializer})
    def get(self, request, pk: int):
        application = labelled([get_application_for_user(request.user, pk)])[0]
        application.allowed = VERBS.available(request.user, application)
        return Response(self.OutputSerializer(application).data)


class ApplicationActionApi(APIView):
    """Do one verb (``allowed`` on the application lists those open to you now). The body is
    the verb's form: e.g. {"missing": "..."} for request_materials, {"lawyer": 7} for assign,
    {"reasons": "..."} for refuse, {"result": "won", "amount_recovered": "1200.00"} for close."""

    @extend_schema(
        request=inline_serializer("LegalAidActionInput", {"any": serializers.JSONField()}),
        responses={200: ApplicationDetailApi.OutputSerializer},
    )
    def post(self, request, pk: int, verb: str):
        application = get_application_for_user(request.user, pk)
        if verb not in actions.ACTIONS:
            return Response({"detail": _("没有这个操作。")}, status=404)
        try:
            payload = request.data
        except ParseError:
            return Response({"detail": _("请求内容不是有效的 JSON。")}, status=400)
        form = actions.form_for(verb, application, payload if isinstance(payload, dict) else {})
        if not form.is_valid():
            return Response({"code": "invalid", "errors": form.errors}, status=400)
        actions.run(verb, application, form.cleaned_data, request.user)
        application.refresh_from_db()
        labelled([application])
        application.allowed = VERBS.available(request.user, application)
        return Response(ApplicationDetailApi.OutputSerializer(application).data)


class TotalsApi(APIView):
    """Totals of the counties in the user's reach, by matter type and county, for the months
    of application (?start=YYYY-MM-DD&end=YYYY-MM-DD, taken as their months, end exclusive;
    default this year)."""

    class RowSerializer(serializers.Serializer):
        class Meta:
            ref_name = "LegalAidTotalsRow"

        matter_type = serializers.CharField()
        county_code = serializers.CharField()
        applications = serializers.IntegerField()
        aided = serializers.IntegerField()
        closed = serializers.IntegerField()
        recovered = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
        satisfaction = serializers.FloatField(allow_null=True)

    @extend_schema(
        parameters=[OpenApiParameter("start", str), OpenApiParameter("end", str)],
        responses={200: RowSerializer(many=True)},
    )
    def get(self, request):
        if not desks.may_see_totals(request.user):
            raise Http404("no totals here")  # as the page answers
        start, end = period_from(request.query_params)
        rows = totals(start, end, counties=counties_for_user(request.user))
        return Response(self.RowSerializer(rows, many=True).data)


def period_from(params) -> tuple[dt.date, dt.date]:
    """Whole months; a malformed date falls back to the current year."""
    today = timezone.localdate()
    start = _date(params.get("start")) or dt.date(today.year, 1, 1)
    end = _date(params.get("end")) or dt.date(today.year + 1, 1, 1)
    return start, end


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
