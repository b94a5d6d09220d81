"""The page and the API that complete a party's basic facts (cases.party_facts). Only staff
handling the case may; a case or party outside the user's reach is 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.response import Response
from rest_framework.views import APIView

from .access import get_case_for_user, may_handle
from .api import PartyFactsFields
from .models import Case, Party
from .party_facts import PartyFactsForm, editable_facts, update_party_facts


def _party(user, pk, party_pk) -> tuple[Case, Party]:
    case = get_case_for_user(user, pk)
    party = case.parties.filter(pk=party_pk).first()
    if party is None:
        raise Http404("party not found")
    return case, party


@login_required
def party_facts(request, pk: int, party_pk: int):
    case, party = _party(request.user, pk, party_pk)
    if not may_handle(request.user, case):
        raise PermissionDenied
    form = PartyFactsForm(request.POST or None, instance=party)
    if request.method == "POST" and form.is_valid():
        changed = update_party_facts(
            case=case, party=party, actor=request.user, data=form.cleaned_data
        )
        messages.success(
            request,
            _("已保存%(name)s的基本情况。") % {"name": party.name} if changed else _("没有改动。"),
        )
        return redirect("case-detail", pk=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "cases/party_facts.html",
        {"case": case, "party": party, "form": form},
        status=status,
    )


class PartyFactsApi(APIView):
    """Staff handling the case: read or complete a party's basic facts (PATCH: only the
    fields sent). Sex and birth date of a party with an ID number follow the ID."""

    class InputSerializer(PartyFactsFields):
        class Meta:
            ref_name = "PartyFactsInput"

        address = serializers.CharField(max_length=200, required=False, allow_blank=True)
        legal_representative = serializers.CharField(
            max_length=50, required=False, allow_blank=True
        )

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PartyFactsOutput"

        id = serializers.IntegerField()
        name = serializers.CharField()
        kind = serializers.CharField()
        sex = serializers.CharField()
        birth_date = serializers.DateField(allow_null=True)
        ethnicity = serializers.CharField()
        occupation = serializers.CharField()
        address = serializers.CharField()
        legal_representative = serializers.CharField()
        editable = serializers.ListField(child=serializers.CharField())

    def _output(self, party: Party) -> Response:
        party.editable = list(editable_facts(party))
        return Response(self.OutputSerializer(party).data)

    @extend_schema(responses={200: OutputSerializer})
    def get(self, request, pk: int, party_pk: int):
        _case, party = _party(request.user, pk, party_pk)
        return self._output(party)

    @extend_schema(request=InputSerializer, responses={200: OutputSerializer})
    def patch(self, request, pk: int, party_pk: int):
        case, party = _party(request.user, pk, party_pk)
        if not may_handle(request.user, case):
            return Response({"detail": _("只有承办本案的工作人员可以修改当事人信息。")}, status=403)
        try:
            payload = request.data
        except ParseError:
            return Response({"detail": _("请求内容不是有效的 JSON。")}, status=400)
        if not isinstance(payload, dict):
            return Response({"detail": _("请求内容应为 JSON 对象。")}, status=400)
        sent = self.InputSerializer(data=payload, partial=True)
        sent.is_valid(raise_exception=True)
        refused = sorted(set(sent.validated_data) - set(editable_facts(party)))
        if refused:
            return Response(
                {
                    name: [_("此当事人的这项信息不能修改（有身份证号码的，以身份证为准）。")]
                    for name in refused
                },
                status=400,
            )
        data = {f: getattr(party, f) for f in editable_facts(party)}
        data.update(sent.validated_data)
        form = PartyFactsForm(data=data, instance=party)
        if not form.is_valid():
            return Response(form.errors, status=400)
        update_party_facts(case=case, party=party, actor=request.user, data=form.cleaned_data)
        party.refresh_from_db()
        return self._output(party)
