"""The petitions API: the same verbs as the pages, validated by the same forms
(petitions.actions); a refusal answers 403/409 with its code, bad input 400 with the field
errors, another office's petition 404."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from . import actions, forms, services
from .access import get_petition_for_user, petitions_for_user
from .models import PetitionStatus
from .verbs import VERBS
from .views import _offices


class PetitionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(source="case.number")
    case_id = serializers.IntegerField()
    office = serializers.CharField(source="office.code")
    petitioner_name = serializers.CharField()
    channel = serializers.CharField()
    matter = serializers.CharField()
    is_group = serializers.BooleanField()
    group_size = serializers.IntegerField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    received_at = serializers.DateTimeField()
    decision_notice = serializers.CharField()
    handed_to = serializers.CharField(source="handed_to.code", default=None)
    dispute_case_id = serializers.IntegerField(allow_null=True)
    dispute_case_number = serializers.CharField(source="dispute_case.number", default=None)
    reply = serializers.CharField()
    review_reply = serializers.CharField()
    next_due_at = serializers.DateTimeField(source="case.next_due_at", allow_null=True)


def _body(request, petition) -> dict:
    return {
        **PetitionSerializer(petition).data,
        "allowed": VERBS.available(request.user, petition),
    }


def _errors(form) -> Response:
    return Response(
        {field: [str(e) for e in errs] for field, errs in form.errors.items()},
        status=status.HTTP_400_BAD_REQUEST,
    )


class PetitionListApi(APIView):
    """The petitions of the user's offices, newest first (``?before=<id>`` pages on)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=PetitionStatus.values),
            OpenApiParameter("before", int),
        ],
        responses=PetitionSerializer(many=True),
    )
    def get(self, request):
        qs = petitions_for_user(request.user).select_related(
            "case", "office", "handed_to", "dispute_case"
        )
        if request.query_params.get("status") in PetitionStatus.values:
            qs = qs.filter(status=request.query_params["status"])
        before = request.query_params.get("before", "")
        if before.isdigit():
            qs = qs.filter(pk__lt=int(before))
        rows = list(qs.order_by("-id")[:50])
        return Response({"results": [_body(request, p) for p in rows]})

    @extend_schema(request=None, responses={201: PetitionSerializer})
    def post(self, request):
        office = _offices(request.user).first()
        if office is None:
            raise Http404
        form = forms.RegisterForm(request.data)
        if not form.is_valid():
            return _errors(form)
        data = form.cleaned_data
        petition, password = services.register_petition(
            data=services.PetitionInput(office=office, **data), actor=request.user
        )
        body = {**_body(request, petition), "enquiry_password": password}
        return Response(body, status=status.HTTP_201_CREATED)


class PetitionDetailApi(APIView):
    @extend_schema(responses=PetitionSerializer)
    def get(self, request, pk: int):
        return Response(_body(request, get_petition_for_user(request.user, pk)))


class PetitionActionApi(APIView):
    """One verb: decide (accepted yes/no, notice), hand_over (target id, note, has_consent),
    extend (days, reason, approved_by id), reply / request_review / answer_review (text)."""

    @extend_schema(operation_id="petitions_act", request=None, responses=PetitionSerializer)
    def post(self, request, pk: int, verb: str):
        petition = get_petition_for_user(request.user, pk)
        if verb not in VERBS:
            raise Http404
        VERBS.check(verb, request.user, petition)
        form = actions.verb_forms(petition, request.data, verb)[verb]
        if not form.is_valid():
            return _errors(form)
        petition = actions.call(verb, petition, form.cleaned_data, request.user)
        return Response(_body(request, petition))
