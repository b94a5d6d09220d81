from __future__ import annotations

from django.contrib.auth import authenticate
from django.contrib.auth.forms import UsernameField
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .access import scope_of
from .lockout import lockout_message
from .models import Membership
from .tokens import issue_token, revoke_tokens


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


class TokenObtainApi(APIView):
    """Exchange a staff username and password for an API token (header `Authorization: Token
    <key>`). The key is shown once and expires after API_TOKEN_LIFETIME_HOURS; too many wrong
    passwords for one account or from one address lock further attempts out (429)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=128, trim_whitespace=False)

    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField()
        expires_at = serializers.DateTimeField()

    @extend_schema(request=InputSerializer, responses={200: OutputSerializer})
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        django_request = request._request
        user = authenticate(
            django_request,
            username=UsernameField().to_python(data.validated_data["username"]),
            password=data.validated_data["password"],
        )
        if getattr(django_request, "axes_locked_out", False):
            return Response({"detail": lockout_message()}, status=429)
        if user is None or not user.is_active:
            raise serializers.ValidationError({"non_field_errors": [_("用户名或密码不正确。")]})
        key, token = issue_token(user)
        return Response(self.OutputSerializer({"token": key, "expires_at": token.expires_at}).data)


class TokenRevokeApi(APIView):
    """Log out of the API: the token used (and every other of the user's) stops working."""

    class OutputSerializer(serializers.Serializer):
        revoked = serializers.IntegerField()

    @extend_schema(request=None, responses={200: OutputSerializer})
    def post(self, request):
        return Response(self.OutputSerializer({"revoked": revoke_tokens(request.user)}).data)
