"""The transfers API: the hand-offs a user's organisations sent or received, and the three
answers a receiver gives. Each answer checks the same declaration as the inbox page
(``transfers.verbs``); a refusal answers 403/409 with its code, bad input 400."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services
from .access import get_incoming_transfer_for_user, transfers_for_user
from .models import RefusalReason

LIST_SIZE = 100


class TransferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.IntegerField(source="case_id")
    case_number = serializers.CharField(source="case.number")
    kind = serializers.CharField()
    status = serializers.CharField()
    from_organisation = serializers.CharField(source="from_organisation.code")
    to_organisation = serializers.CharField(source="to_organisation.code")
    created_at = serializers.DateTimeField()
    delivered_at = serializers.DateTimeField(allow_null=True)
    signed_for_at = serializers.DateTimeField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    refusal_reason = serializers.CharField(source="refusal_reason.code", default="")
    refusal_text = serializers.CharField()


class TransferListApi(APIView):
    """The latest hand-offs to or from the caller's organisations, newest first."""

    @extend_schema(responses=TransferSerializer(many=True))
    def get(self, request):
        rows = (
            transfers_for_user(request.user)
            .select_related("case", "from_organisation", "to_organisation", "refusal_reason")
            .order_by("-created_at", "-id")[:LIST_SIZE]
        )
        return Response(TransferSerializer(rows, many=True).data)


class _AnswerApi(APIView):
    InputSerializer: type[serializers.Serializer] | None = None

    def answer(self, request, transfer, data: dict):
        raise NotImplementedError

    def post(self, request, pk: int):
        transfer = get_incoming_transfer_for_user(request.user, pk)
        data: dict = {}
        if self.InputSerializer is not None:
            serializer = self.InputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        try:
            transfer = self.answer(request, transfer, data)
        except ValidationError as exc:
            raise ApiValidationError(exc.message_dict) from exc
        return Response(TransferSerializer(transfer).data)


class TransferSignForApi(_AnswerApi):
    """签收: the receiver has seen the hand-off."""

    @extend_schema(request=None, responses=TransferSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def answer(self, request, transfer, data):
        return services.sign_for(transfer, actor=request.user)


class TransferAcceptApi(_AnswerApi):
    """Accept the hand-off (a court's delegation is accepted by dispatching it instead)."""

    class InputSerializer(serializers.Serializer):
        note = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)

    @extend_schema(request=InputSerializer, responses=TransferSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def answer(self, request, transfer, data):
        return services.accept_transfer(transfer, actor=request.user, note=data["note"])


class TransferRejectApi(_AnswerApi):
    """Send it back with a coded reason (the return-reason reference list) and the text."""

    class InputSerializer(serializers.Serializer):
        reason = serializers.SlugRelatedField(
            slug_field="code", queryset=RefusalReason.objects.filter(is_active=True)
        )
        text = serializers.CharField(max_length=500)

    @extend_schema(request=InputSerializer, responses=TransferSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def answer(self, request, transfer, data):
        return services.reject_transfer(
            transfer, actor=request.user, reason_code=data["reason"].code, text=data["text"]
        )
