"""The court integration API: a court's own case system pushes 民诉前调 cases and reads
their results. Authenticated per court (CourtToken); a court sees only its own cases."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.identifiers import (
    clean_court_case_number,
    clean_credit_code,
    clean_mobile,
    clean_resident_id,
)
from cases.models import PartyKind, PartySide
from cases.services import PartyInput
from villages.models import Region

from . import services
from .authentication import CourtTokenAuthentication, IsCourtSystem
from .models import PreLitigationCase


def _django_check(clean, value: str) -> str:
    try:
        clean(value)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages) from exc
    return value


@extend_schema_serializer(component_name="CourtPreLitigationParty")
class PartyInSerializer(serializers.Serializer):
    side = serializers.ChoiceField(choices=PartySide.choices)
    name = serializers.CharField(max_length=100)
    kind = serializers.ChoiceField(choices=PartyKind.choices, default=PartyKind.PERSON)
    id_number = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)
    credit_code = serializers.CharField(max_length=18, required=False, default="", allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)

    def validate_id_number(self, value: str) -> str:
        return _django_check(clean_resident_id, value) if value else value

    def validate_phone(self, value: str) -> str:
        return _django_check(clean_mobile, value) if value else value

    def validate_credit_code(self, value: str) -> str:
        return _django_check(clean_credit_code, value) if value else value


class CourtPreLitigationCreateApi(APIView):
    """Register a pre-litigation mediation case (民诉前调) and delegate it to the justice
    bureau. The same court_case_number again answers 200 with the same id."""

    authentication_classes = [CourtTokenAuthentication]
    permission_classes = [IsCourtSystem]

    @extend_schema_serializer(component_name="CourtPreLitigationPush")
    class InputSerializer(serializers.Serializer):
        court_case_number = serializers.CharField(max_length=60)
        court_code = serializers.CharField(max_length=10)
        cause_of_action = serializers.CharField(max_length=60)
        # many=True hands max_length to the list serializer, which the stubs do not know.
        parties = PartyInSerializer(many=True, allow_empty=False, max_length=50)  # type: ignore[call-arg]
        claim_amount = serializers.DecimalField(
            max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
        )
        description = serializers.CharField(max_length=5000)
        filed_at = serializers.DateTimeField(required=False, allow_null=True)
        village_code = serializers.CharField(
            max_length=12, required=False, default="", allow_blank=True
        )

        def validate_village_code(self, value: str) -> str:
            if value and not Region.objects.filter(code=value).exists():
                raise serializers.ValidationError(_("区划代码不存在。"))
            return value

    @extend_schema_serializer(component_name="CourtPreLitigationPushResult")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        status = serializers.CharField()
        court_case_number = serializers.CharField()
        enquiry_password = serializers.CharField(
            required=False, help_text="12368 查询密码，仅在首次登记时返回"
        )

    @extend_schema(
        request=InputSerializer, responses={200: OutputSerializer, 201: OutputSerializer}
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        court = request.user.court
        if data["court_code"].strip() != court.court_code:
            raise serializers.ValidationError({"court_code": [_("法院代字与令牌所属法院不一致。")]})
        try:
            plc, created, password = services.register_pre_litigation(
                data=services.PreLitigationInput(
                    court_case_number=data["court_case_number"],
                    court=court,
                    cause_of_action=data["cause_of_action"].strip(),
                    parties=[PartyInput(**p) for p in data["parties"]],
                    description=data["description"],
                    claim_amount=data.get("claim_amount"),
                    filed_at=data.get("filed_at"),
                    village_code=data["village_code"],
                )
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"court_case_number": exc.messages}) from exc
        body = {"id": plc.pk, "status": plc.status, "court_case_number": plc.court_case_number}
        if created:
            body["enquiry_password"] = password
        return Response(
            self.OutputSerializer(body).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class CourtPreLitigationDetailApi(APIView):
    """Status, clock, mediation organisation, result and timeline of one of the court's cases."""

    authentication_classes = [CourtTokenAuthentication]
    permission_classes = [IsCourtSystem]

    @extend_schema_serializer(component_name="CourtPreLitigationCase")
    class OutputSerializer(serializers.Serializer):
        @extend_schema_serializer(component_name="CourtMediationOrganisation")
        class OrganisationSerializer(serializers.Serializer):
            code = serializers.CharField()
            name = serializers.CharField()

        @extend_schema_serializer(component_name="CourtPreLitigationOutcome")
        class ResultSerializer(serializers.Serializer):
            outcome = serializers.CharField(allow_null=True)
            result_at = serializers.DateTimeField(allow_null=True)
            success_route = serializers.CharField()
            special_case_number = serializers.CharField()
            first_instance_number = serializers.CharField()
            track = serializers.CharField()

        @extend_schema_serializer(component_name="CourtPreLitigationEvent")
        class EventSerializer(serializers.Serializer):
            at = serializers.DateTimeField()
            kind = serializers.CharField()
            text = serializers.CharField()

        id = serializers.IntegerField()
        court_case_number = serializers.CharField()
        status = serializers.CharField()
        status_display = serializers.CharField()
        deadline = serializers.DateTimeField()
        days_left = serializers.IntegerField(allow_null=True)
        mediation_organisation = OrganisationSerializer(allow_null=True)
        result = ResultSerializer()
        agreement = serializers.CharField()
        events = EventSerializer(many=True)

    @extend_schema(responses=OutputSerializer)
    def get(self, request, court_case_number: str):
        plc = _court_case(request.user.court, court_case_number)
        finished = plc.result_at is not None
        body = {
            "id": plc.pk,
            "court_case_number": plc.court_case_number,
            "status": plc.status,
            "status_display": plc.get_status_display(),
            "deadline": plc.deadline_at,
            "days_left": plc.days_left,
            "mediation_organisation": plc.mediation_organisation,
            "result": {
                "outcome": plc.status if finished else None,
                "result_at": plc.result_at,
                "success_route": plc.success_route,
                "special_case_number": plc.special_case_number,
                "first_instance_number": plc.first_instance_number,
                "track": plc.track,
            },
            "agreement": plc.agreement,
            "events": plc.case.events.order_by("at", "id"),
        }
        return Response(self.OutputSerializer(body).data)


def _court_case(court, raw_number: str) -> PreLitigationCase:
    """Another court's number is answered as missing (404), like a number never pushed."""
    try:
        number = str(clean_court_case_number(raw_number))
    except DjangoValidationError as exc:
        raise Http404 from exc
    plc = services.find_pre_litigation(court, number)
    if plc is None:
        raise Http404
    return plc
