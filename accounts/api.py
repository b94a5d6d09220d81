from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.views import APIView

from .access import scope_of
from .models import Membership


class MeApi(APIView):
    """Who am I: the signed-in user's memberships, for API clients to choose their desk."""

    class OutputSerializer(serializers.Serializer):
        username = serializers.CharField()
        full_name = serializers.CharField()
        city_wide = serializers.BooleanField()
        memberships = serializers.ListField(child=serializers.DictField())

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        memberships = (
            Membership.objects.active().filter(user=request.user).select_related("organisation")
        )
        data = {
            "username": request.user.get_username(),
            "full_name": request.user.get_full_name(),
            "city_wide": scope_of(request.user).city_wide,
            "memberships": [
                {
                    "organisation": m.organisation.code,
                    "organisation_name": m.organisation.name,
                    "role": m.role,
                    "role_name": m.get_role_display(),
                }
                for m in memberships
            ],
        }
        return Response(self.OutputSerializer(data).data)


class TokenObtainApi(ObtainAuthToken):
    """Exchange a staff username and password for an API token (header `Authorization: Token <key>`)."""
