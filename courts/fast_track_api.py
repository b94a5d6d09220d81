"""The court system reads a case's track and trial clock: GET
/api/v1/court/pre-litigation/<number>/track/."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .api import _court_case
from .authentication import CourtTokenAuthentication, IsCourtSystem
from .models import FastTrackCase


class CourtTrackApi(APIView):
    """繁简分流 of one of the court's cases after 转立案, with the fast track's trial clock."""

    authentication_classes = [CourtTokenAuthentication]
    permission_classes = [IsCourtSystem]

    @extend_schema_serializer(component_name="CourtCaseTrack")
    class OutputSerializer(serializers.Serializer):
        court_case_number = serializers.CharField()
        first_instance_number = serializers.CharField()
        track = serializers.CharField(help_text="simple（速裁）、complex，未立案时为空")
        procedure = serializers.CharField(allow_null=True)
        fast_track_status = serializers.CharField(allow_null=True)
        judge = serializers.CharField(allow_null=True)
        trial_deadline = serializers.DateTimeField(allow_null=True)
        days_left = serializers.IntegerField(allow_null=True)
        concluded_at = serializers.DateTimeField(allow_null=True)

    @extend_schema(responses=OutputSerializer)
    def get(self, request, court_case_number: str):
        plc = _court_case(request.user.court, court_case_number)
        ftc = FastTrackCase.objects.select_related("judge").filter(pre_litigation=plc).first()
        body = {
            "court_case_number": plc.court_case_number,
            "first_instance_number": plc.first_instance_number,
            "track": plc.track,
            "procedure": ftc.procedure if ftc else None,
            "fast_track_status": ftc.status if ftc else None,
            "judge": (ftc.judge.get_full_name() or ftc.judge.get_username())
            if ftc and ftc.judge
            else None,
            "trial_deadline": ftc.due_at if ftc else None,
            "days_left": ftc.days_left if ftc else None,
            "concluded_at": ftc.concluded_at if ftc else None,
        }
        return Response(self.OutputSerializer(body).data)


class FastTrackActionApi(APIView):
    """The fast-track team's verbs through the API: take, or conclude with an outcome; the
    same rules as the page (courts.fast_track.VERBS)."""

    @extend_schema(request=None, responses=None)
    def post(self, request, pk: int, verb: str):
        from django.http import Http404

        from . import fast_track
        from .fast_track_views import _get

        if verb not in fast_track.VERBS:
            raise Http404
        ftc = _get(request.user, pk)
        if verb == "take":
            ftc = fast_track.take(ftc, actor=request.user)
        else:
            ftc = fast_track.conclude(
                ftc, actor=request.user, outcome=str(request.data.get("outcome", ""))
            )
        return Response(
            {
                "id": ftc.pk,
                "status": ftc.status,
                "judge": ftc.judge_id,
                "due_at": ftc.due_at,
                "allowed": fast_track.VERBS.available(request.user, ftc),
            }
        )
