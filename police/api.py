"""The traffic police's API: an agency's system (智慧新交管) pushes an accident referral and
reads what became of it. Authenticated per agency (agencies.AgencyToken)."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import OrganisationKind
from accounts.verbs import FORBIDDEN, ActionRefused
from agencies.authentication import AgencyTokenAuthentication, agency_of_kind
from cases.services import PartyInput
from courts.api import PartyInSerializer
from transfers.models import Transfer, TransferKind
from villages.models import Region

from . import services

IsTrafficPolice = agency_of_kind(OrganisationKind.TRAFFIC_POLICE)


@extend_schema_serializer(component_name="PoliceAccidentParty")
class AccidentPartySerializer(PartyInSerializer):
    pass


@extend_schema_serializer(component_name="PoliceAccidentVehicle")
class VehicleSerializer(serializers.Serializer):
    plate_number = serializers.CharField(max_length=20)
    vehicle_type = serializers.CharField(max_length=40, required=False, default="")
    driver_name = serializers.CharField(max_length=100, required=False, default="")


class PoliceAccidentReferralCreateApi(APIView):
    """Refer a road-accident compensation dispute to the county centre's traffic workroom.
    The same report number with the same document again answers 200 with the same case; with
    a different document 409 naming the fields that differ."""

    authentication_classes = [AgencyTokenAuthentication]
    permission_classes = [IsTrafficPolice]

    @extend_schema_serializer(component_name="PoliceAccidentReferralPush")
    class InputSerializer(serializers.Serializer):
        agency_code = serializers.CharField(max_length=40)
        report_number = serializers.CharField(max_length=60)
        accident_at = serializers.DateTimeField()
        place = serializers.CharField(max_length=200)
        village_code = serializers.CharField(min_length=12, max_length=12)
        vehicles = VehicleSerializer(many=True, allow_empty=False, max_length=20)
        responsibility = serializers.CharField(max_length=2000)
        injuries = serializers.CharField(max_length=2000, required=False, default="")
        losses = serializers.CharField(max_length=2000, required=False, default="")
        loss_amount = serializers.DecimalField(
            max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
        )
        parties = AccidentPartySerializer(many=True, min_length=2, max_length=20)
        parties_consent = serializers.BooleanField(
            help_text="当事人同意到调处中心调解并向交警反馈结果"
        )

        def validate_village_code(self, value: str) -> str:
            if not Region.objects.villages().filter(code=value).exists():
                raise serializers.ValidationError(_("村（社区）区划代码不存在。"))
            return value

        def validate_parties_consent(self, value: bool) -> bool:
            if not value:
                raise serializers.ValidationError(_("须经当事人同意调解后才能移送。"))
            return value

        def validate_report_number(self, value: str) -> str:
            value = value.strip()
            if not value:
                raise serializers.ValidationError(_("请填写事故认定书编号。"))
            return value

    @extend_schema_serializer(component_name="PoliceAccidentReferralResult")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        report_number = serializers.CharField()
        case_number = serializers.CharField()
        status = serializers.CharField()
        workroom = serializers.CharField()
        enquiry_password = serializers.CharField(
            required=False, help_text="12368 查询密码，仅在首次推送时返回"
        )

    @extend_schema(
        request=InputSerializer, responses={200: OutputSerializer, 201: OutputSerializer}
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        agency = request.user.organisation
        if data["agency_code"].strip() != agency.code:
            raise ActionRefused(_("令牌所属交警部门不能代其他部门推送。"), code=FORBIDDEN)
        document = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
        referral, created, password = services.receive_referral(
            data=services.ReferralInput(
                agency=agency,
                report_number=data["report_number"],
                accident_at=data["accident_at"],
                place=data["place"],
                village_code=data["village_code"],
                vehicles=document["vehicles"],
                responsibility=data["responsibility"],
                injuries=data["injuries"],
                losses=data["losses"],
                loss_amount=data.get("loss_amount"),
                parties=[PartyInput(**p) for p in data["parties"]],
                document=document,
            )
        )
        body = _summary(referral)
        if created:
            body["enquiry_password"] = password
        return Response(
            self.OutputSerializer(body).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


def _summary(referral) -> dict:
    return {
        "id": referral.pk,
        "report_number": referral.report_number,
        "case_number": referral.case.number,
        "status": referral.case.status,
        "workroom": referral.case.organisation.name,
    }


class PoliceAccidentReferralDetailApi(APIView):
    """What became of one of the agency's referrals: status, handler and result."""

    authentication_classes = [AgencyTokenAuthentication]
    permission_classes = [IsTrafficPolice]

    @extend_schema_serializer(component_name="PoliceAccidentReferral")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        report_number = serializers.CharField()
        case_number = serializers.CharField()
        status = serializers.CharField()
        status_display = serializers.CharField()
        workroom = serializers.CharField()
        result = serializers.JSONField(allow_null=True)

    @extend_schema(responses=OutputSerializer)
    def get(self, request, report_number: str):
        referral = services.find_referral(request.user.organisation, report_number.strip())
        if referral is None:
            raise Http404
        result = (
            Transfer.objects.filter(case=referral.case, kind=TransferKind.RETURN_POLICE_RESULT)
            .order_by("-created_at", "-id")
            .values_list("payload", flat=True)
            .first()
        )
        body = {
            **_summary(referral),
            "status_display": referral.case.get_status_display(),
            "result": result,
        }
        return Response(self.OutputSerializer(body).data)
