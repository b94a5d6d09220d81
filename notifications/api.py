from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from zhanjiang_portal.params import BIGGEST_ID, refuse_api

from . import services
from .models import Notification
from .views import InboxPagingForm

PAGE = 30


class NotificationListApi(APIView):
    """The user's inbox, newest first; ``?unread=1``, ``?before=<id>`` pages on."""

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "NotificationPage"

        class ItemSerializer(serializers.Serializer):
            class Meta:
                ref_name = "NotificationItem"

            id = serializers.IntegerField()
            kind = serializers.CharField()
            title = serializers.CharField()
            body = serializers.CharField()
            link_url = serializers.CharField()
            created_at = serializers.DateTimeField()
            read_at = serializers.DateTimeField(allow_null=True)

        results = ItemSerializer(many=True)
        unread = serializers.IntegerField(help_text="capped at 100")
        next_before = serializers.IntegerField(allow_null=True)

    @extend_schema(
        parameters=[
            OpenApiParameter("before", int, description="上一页最后一条消息的编号"),
            OpenApiParameter("unread", str, enum=["1", "true"]),
        ],
        responses=OutputSerializer,
    )
    def get(self, request):
        paging = InboxPagingForm(request.query_params)
        if not paging.is_valid():
            refuse_api(paging)
        rows = Notification.objects.for_user(request.user)
        if request.query_params.get("unread") in {"1", "true"}:
            rows = rows.unread()
        if before := paging.cleaned_data["before"]:
            rows = rows.filter(pk__lt=before)
        page = list(rows.order_by("-id")[: PAGE + 1])
        unread = Notification.objects.for_user(request.user).unread()[:100].count()
        data = {
            "results": page[:PAGE],
            "unread": unread,
            "next_before": page[PAGE - 1].pk if len(page) > PAGE else None,
        }
        return Response(self.OutputSerializer(data).data)


class NotificationReadApi(APIView):
    """Mark some (``{"ids": [...]}``) or all (``{}``) of the user's messages read."""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "NotificationReadInput"

        ids = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=BIGGEST_ID),
            required=False,
            max_length=500,
        )

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "NotificationReadResult"

        marked = serializers.IntegerField()

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        marked = services.mark_read(request.user, data.validated_data.get("ids"))
        return Response(self.OutputSerializer({"marked": marked}).data)
