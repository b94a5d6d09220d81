"""The court integration API: a court's own case system pushes 民诉前调 cases and reads
their results. Authenticated per court (CourtToken); a court sees only its own cases."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
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
from cases.public_timeline import public_timeline
from cases.services import PartyInput, max_parties_per_side
from villages.models import Region

from . import services
from .authentication import CourtTokenAuthentication, IsCourtSystem
from .models import PreLitigationCase

# A court's clock may run a little ahead of ours; "not in the future" allows this much.
CLOCK_SKEW = dt.timedelta(minutes=5)


def _django_check(clean, value: str) -> str:
    """The value as the portal stores it (NFKC, upper-case X, no separators), not as typed."""
    try:
        cleaned = clean(value)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages) from exc
    return getattr(cleaned, "value", cleaned)


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
    bureau. The same court_case_number again with the same content answers 200 with the same
    id; with different content, 409 naming the fields that differ (the court corrects them with
    the bureau, nothing is overwritten silently)."""

    authentication_classes = [CourtTokenAuthentication]
    permission_classes = [IsCourtSystem]

    @extend_schema_serializer(component_name="CourtPreLitigationPush")
    class InputSerializer(serializers.Serializer):
        court_case_number = serializers.CharField(max_length=60)
        court_code = serializers.CharField(max_length=10)
        cause_of_action = serializers.CharField(max_length=60)
        parties = PartyInSerializer(many=True, allow_empty=False)
        claim_amount = serializers.DecimalField(
            max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
        )
        description = serializers.CharField(max_length=5000)
        filed_at = serializers.DateTimeField(required=False, allow_null=True)
        village_code = serializers.CharField(
            max_length=12, required=False, default="", allow_blank=True
        )

        def validate_village_code(self, value: str) -> str:
            if value and not Region.objects.villages().filter(code=value).exists():
                raise serializers.ValidationError(
                    _("village_code 应为村（社区）的12位区划代码，或留空。")
                )
            return value

        def to_internal_value(self, data):
            """Parties counted per side before each is checked: 20,000 respondents are
            refused at once instead of validated one by one."""
            given = data.get("parties") if isinstance(data, dict) else None
            if isinstance(given, list):
                sides = Counter(p.get("side") if isinstance(p, dict) else None for p in given)
                limit = max_parties_per_side()
                if any(n > limit for n in sides.values()):
                    raise serializers.ValidationError(
                        {"parties": [_("每一方当事人最多 %(n)s 位。") % {"n": limit}]}
                    )
            return super().to_internal_value(data)

        def validate(self, data: dict) -> dict:
            filed_at = data.get("filed_at")
            if filed_at is None:
                return data
            if filed_at > timezone.now() + CLOCK_SKEW:
                raise serializers.ValidationError({"filed_at": [_("登记时间不能晚于现在。")]})
            try:
                year = clean_court_case_number(data["court_case_number"]).year
            except DjangoValidationError:
                return data  # the number's own error is reported by the service
            if timezone.localtime(filed_at).year != year:
                raise serializers.ValidationError(
                    {"filed_at": [_("登记时间应在案号年度（%(year)s年）内。") % {"year": year}]}
                )
            return data

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
        except services.PushConflict as conflict:
            return Response(
                {"detail": conflict.message, "fields": conflict.fields},
                status=status.HTTP_409_CONFLICT,
            )
        except DjangoValidationError as exc:
            if hasattr(exc, "error_dict"):
                raise serializers.ValidationError(exc.message_dict) from exc
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
            # The texts written for the court, never staff's own notes or ID reveals.
            "events": public_timeline(plc.case),
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
