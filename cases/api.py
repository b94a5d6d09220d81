"""The REST contract of mobile and mini-program clients: public filing and tracking without an
account, and the staff case list and case page scoped by cases.access (404 outside scope)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import pii
from accounts.identifiers import (
    clean_credit_code,
    clean_mobile,
    clean_resident_id,
    mask_mobile,
    normalised,
)
from villages.models import Region
from zhanjiang_portal import files
from zhanjiang_portal.params import parse_moment

from . import public_panels, ratelimit
from .access import cases_for_user, get_case_for_user, may_handle
from .api_support import idempotency_key, too_many_requests
from .evidence import add_evidence
from .filters import CaseFilter
from .forms import check_birth_date, check_village
from .listing import LIST_VALUES, attach_party_names
from .listing import labels as _labels
from .models import Case, CaseEvent, DisputeCategory, Party, PartyKind, PartySide, Sex
from .public_lookup import not_found, public_case
from .public_timeline import public_timeline
from .services import (
    CaseInput,
    PartyInput,
    file_case,
    max_parties_per_side,
    party_count_problem,
)


class PartyFactsFields(serializers.Serializer):
    """The optional basic facts of a person (人民调解法 §29); sex and birth date are taken
    from the resident ID number when one is given."""

    sex = serializers.ChoiceField(choices=Sex.choices, required=False, allow_blank=True)
    birth_date = serializers.DateField(required=False, allow_null=True)
    ethnicity = serializers.CharField(max_length=20, required=False, allow_blank=True)
    occupation = serializers.CharField(max_length=100, required=False, allow_blank=True)

    def validate_birth_date(self, value):
        try:
            return check_birth_date(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc


class PublicApi(APIView):
    """No login, no session: a public client needs no CSRF token."""

    authentication_classes: list = []
    permission_classes = [AllowAny]


class PublicDisputeCreateApi(PublicApi):
    class ApplicantSerializer(PartyFactsFields):
        class Meta:
            ref_name = "PublicDisputeCreateApplicant"

        name = serializers.CharField(max_length=50)
        id_number = serializers.CharField(max_length=20)
        phone = serializers.CharField(max_length=20)
        address = serializers.CharField(max_length=200, required=False, allow_blank=True)

        def validate_id_number(self, value: str) -> str:
            return clean_resident_id(value)

        def validate_phone(self, value: str) -> str:
            return clean_mobile(value)

    class RespondentSerializer(PartyFactsFields):
        class Meta:
            ref_name = "PublicDisputeCreateRespondent"

        name = serializers.CharField(max_length=100)
        legal_representative = serializers.CharField(
            max_length=50, required=False, allow_blank=True
        )
        id_number = serializers.CharField(max_length=20, required=False, allow_blank=True)
        credit_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
        phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
        address = serializers.CharField(max_length=200, required=False, allow_blank=True)

        def validate_id_number(self, value: str) -> str:
            return clean_resident_id(value) if value else ""

        def validate_credit_code(self, value: str) -> str:
            return clean_credit_code(value).value if value else ""

        def validate_phone(self, value: str) -> str:
            return clean_mobile(value) if value else ""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PublicDisputeCreateInput"

        applicant = serializers.DictField()  # replaced below by the nested serializer
        respondents = serializers.ListField()
        category = serializers.SlugRelatedField(
            slug_field="code", queryset=DisputeCategory.objects.active()
        )
        village = serializers.CharField(max_length=12)
        description = serializers.CharField(max_length=5000)
        request = serializers.CharField(max_length=2000, required=False, allow_blank=True)
        claim_amount = serializers.DecimalField(
            max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
        )
        consent = serializers.BooleanField()

        def validate_village(self, value: str) -> str:
            return check_village(value)

        def validate_consent(self, value: bool) -> bool:
            if not value:
                raise serializers.ValidationError(_("需要您同意调解，才能提交申请。"))
            return value

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PublicDisputeCreateOutput"

        number = serializers.CharField()
        tracking_code = serializers.CharField()
        status = serializers.CharField()

    @extend_schema(
        request=InputSerializer,
        responses={201: OutputSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
    )
    def post(self, request):
        if ratelimit.filing_refused(request):
            return too_many_requests()
        try:
            payload = request.data
            key = idempotency_key(request.headers.get("Idempotency-Key", ""), payload)
            if key and (done := Case.objects.filter(idempotency_key=key).first()):
                return Response(self.OutputSerializer(done).data, status=status.HTTP_201_CREATED)
            data = self._validated(payload)
            applicant = data.parties[0].phone
            if ratelimit.applicant_refused(request, applicant):
                return too_many_requests()
            case = file_case(data=data, idempotency_key=key)
        except (ParseError, serializers.ValidationError, DjangoValidationError):
            # Refused submissions count toward the malformed-flood limit, not the filings.
            ratelimit.count_invalid(request)
            raise
        ratelimit.count_filing(request, applicant)
        return Response(self.OutputSerializer(case).data, status=status.HTTP_201_CREATED)

    def _validated(self, payload) -> CaseInput:
        if not isinstance(payload, dict):
            raise serializers.ValidationError({"detail": _("请求内容应为 JSON 对象。")})
        serializer = self.InputSerializer(data=payload)
        valid = serializer.is_valid()
        errors = dict(serializer.errors) if not valid else {}
        applicant = self.ApplicantSerializer(data=payload.get("applicant"))
        if not applicant.is_valid():
            errors["applicant"] = applicant.errors
        given = payload.get("respondents")
        if isinstance(given, list) and len(given) > max_parties_per_side():
            # Refused before 20,000 of them are validated one by one.
            errors["respondents"] = [
                party_count_problem([PartyInput(side=PartySide.RESPONDENT, name="")] * len(given))
            ]
            raise serializers.ValidationError(errors)
        respondents = self.RespondentSerializer(data=given, many=True)
        if not respondents.is_valid():
            errors["respondents"] = respondents.errors
        elif not respondents.validated_data:
            errors["respondents"] = [_("请至少填写一位对方当事人。")]
        if errors:
            raise serializers.ValidationError(errors)
        d = serializer.validated_data
        return CaseInput(
            category=d["category"],
            village_code=d["village"],
            description=d["description"],
            request=d.get("request", ""),
            claim_amount=d.get("claim_amount"),
            consent_to_mediation=True,
            parties=[PartyInput(side=PartySide.APPLICANT, **applicant.validated_data)]
            + [_respondent(r) for r in respondents.validated_data],
        )


def _respondent(data: dict) -> PartyInput:
    kind = PartyKind.ORGANISATION if data.get("credit_code") else PartyKind.PERSON
    return PartyInput(side=PartySide.RESPONDENT, kind=kind, **data)


class EventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    text = serializers.CharField()


class PublicDisputeDetailApi(PublicApi):
    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PublicDisputeDetailOutput"

        number = serializers.CharField()
        status = serializers.CharField()
        status_name = serializers.CharField(source="get_status_display")
        category = serializers.CharField(source="category.code")
        category_name = serializers.CharField(source="category.name")
        filed_at = serializers.DateTimeField()
        events = EventSerializer(many=True, source="public_events")

    @extend_schema(
        parameters=[OpenApiParameter("code", str, required=True)],
        responses={200: OutputSerializer},
    )
    def get(self, request, number: str):
        if ratelimit.is_limited(request, "lookup"):
            return too_many_requests()
        case = public_case(number, request.query_params.get("code", ""))
        if case is None:
            return not_found()
        case.public_events = public_timeline(case)
        # Other areas' panels (e.g. "mediation") as extra optional fields, beside the fixed ones.
        extra = public_panels.api_fields(case)
        return Response({**extra, **self.OutputSerializer(case).data})


class PublicEvidenceCreateApi(PublicApi):
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PublicEvidenceCreateInput"

        file = serializers.FileField()
        description = serializers.CharField(max_length=200, required=False, allow_blank=True)

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PublicEvidenceCreateOutput"

        id = serializers.IntegerField()
        name = serializers.CharField(source="original_name")
        content_type = serializers.CharField()
        size = serializers.IntegerField()

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        parameters=[OpenApiParameter("code", str, required=True)],
        responses={201: OutputSerializer},
    )
    def post(self, request, number: str):
        if ratelimit.is_limited(request, "evidence"):
            return too_many_requests()
        case = public_case(number, request.query_params.get("code", ""))
        if case is None:
            return not_found()
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            evidence = add_evidence(
                case,
                serializer.validated_data["file"],
                description=serializer.validated_data.get("description", ""),
            )
        except DjangoValidationError as exc:
            # The storage being down is not the villager's mistake: 503, try again later.
            unavailable = isinstance(exc, files.StorageUnavailable)
            code = (
                status.HTTP_503_SERVICE_UNAVAILABLE if unavailable else status.HTTP_400_BAD_REQUEST
            )
            return Response({"file": exc.messages}, status=code)
        return Response(self.OutputSerializer(evidence).data, status=status.HTTP_201_CREATED)


class PublicCategoryListApi(PublicApi):
    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PublicCategoryListOutput"

        code = serializers.CharField()
        name = serializers.CharField()

    @extend_schema(responses={200: OutputSerializer(many=True)})
    def get(self, request):
        return Response(self.OutputSerializer(DisputeCategory.objects.active(), many=True).data)


class PublicRegionListApi(PublicApi):
    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PublicRegionListOutput"

        code = serializers.CharField()
        name = serializers.CharField()
        level = serializers.CharField()

    @extend_schema(
        parameters=[OpenApiParameter("parent", str, description="上级区划代码；不填为全市")],
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request):
        parent = request.query_params.get("parent") or None
        if parent and not Region.objects.filter(code=parent).exists():
            return Response({"detail": _("没有这个区划代码。")}, status=404)
        regions = (
            Region.objects.children_of(parent).filter(is_active=True).only("code", "name", "level")
        )
        return Response(self.OutputSerializer(regions, many=True).data)


_DATETIME = serializers.DateTimeField()


class CaseCursorPagination(CursorPagination):
    page_size = 50
    ordering = ("-filed_at", "-id")

    def decode_cursor(self, request):
        """DRF's cursor, with its position checked to be a date-time of the portal's span: an
        edited cursor is refused (400) instead of reaching the database as a filter value."""
        invalid = ValidationError(
            {self.cursor_query_param: [_("翻页位置无效，请从第一页重新查看。")]}
        )
        try:
            cursor = super().decode_cursor(request)
        except NotFound as exc:
            raise invalid from exc
        position = cursor.position if cursor is not None else None
        if position is not None and parse_moment(position) is None:
            raise invalid
        return cursor


class PartyBriefSerializer(serializers.Serializer):
    side = serializers.CharField()
    name = serializers.CharField()


class CaseListApi(generics.ListAPIView):
    """Staff: the cases in the user's scope, filtered, searched (?q=) and keyset-paged."""

    pagination_class = CaseCursorPagination
    filterset_class = CaseFilter
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    ordering_fields = ["filed_at"]

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "CaseListOutput"

        id = serializers.IntegerField()
        number = serializers.CharField()
        status = serializers.CharField()
        status_name = serializers.CharField(source="get_status_display")
        channel = serializers.CharField()
        category = serializers.CharField(source="category.code")
        category_name = serializers.CharField(source="category.name")
        village = serializers.CharField(source="village_id")
        village_name = serializers.CharField(source="village.name")
        organisation = serializers.CharField(source="organisation.code")
        organisation_name = serializers.CharField(source="organisation.name")
        assignee = serializers.IntegerField(source="assignee_id", allow_null=True)
        claim_amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
        filed_at = serializers.DateTimeField()
        possible_duplicate_of = serializers.IntegerField(
            source="possible_duplicate_of_id", allow_null=True
        )
        parties = PartyBriefSerializer(many=True)

        def to_representation(self, instance: dict) -> dict:
            """From a values() row, field by field: model instances and DRF's generic
            machinery (and get_FOO_display) cost more per page than the database did."""
            row = instance
            status_names = _labels()["status"]
            amount = row["claim_amount"]
            return {
                "id": row["id"],
                "number": row["number"],
                "status": row["status"],
                "status_name": status_names.get(row["status"], row["status"]),
                "channel": row["channel"],
                "category": row["category__code"],
                "category_name": row["category__name"],
                "village": row["village_id"],
                "village_name": row["village__name"],
                "organisation": row["organisation__code"],
                "organisation_name": row["organisation__name"],
                "assignee": row["assignee_id"],
                "claim_amount": None if amount is None else f"{amount:.2f}",
                "filed_at": _DATETIME.to_representation(row["filed_at"]),
                "possible_duplicate_of": row["possible_duplicate_of_id"],
                "parties": row["parties"],
            }

    serializer_class = OutputSerializer

    def get_queryset(self):
        return cases_for_user(self.request.user).values(*LIST_VALUES)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        attach_party_names(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class CaseDetailApi(APIView):
    class PartySerializer(serializers.Serializer):
        class Meta:
            ref_name = "CaseDetailParty"

        id = serializers.IntegerField()
        side = serializers.CharField()
        kind = serializers.CharField()
        name = serializers.CharField()
        id_number = serializers.CharField(source="id_number_masked")
        phone = serializers.CharField()
        credit_code = serializers.CharField()
        credit_code_warning = serializers.BooleanField()
        address = serializers.CharField()
        sex = serializers.CharField()
        birth_date = serializers.DateField(allow_null=True)
        ethnicity = serializers.CharField()
        occupation = serializers.CharField()
        legal_representative = serializers.CharField()
        agent_for = serializers.IntegerField(source="agent_for_id", allow_null=True)

    class IdentifierSerializer(serializers.Serializer):
        class Meta:
            ref_name = "CaseDetailIdentifier"

        kind = serializers.CharField()
        value = serializers.CharField()

    class EvidenceSerializer(serializers.Serializer):
        class Meta:
            ref_name = "CaseDetailEvidence"

        id = serializers.IntegerField()
        name = serializers.CharField(source="original_name")
        content_type = serializers.CharField()
        size = serializers.IntegerField()
        uploaded_at = serializers.DateTimeField()
        url = serializers.CharField()

    class StaffEventSerializer(EventSerializer):
        class Meta:
            ref_name = "CaseDetailStaffEvent"

        text = serializers.CharField(source="shown_text")
        is_public = serializers.BooleanField()
        from_status = serializers.CharField()
        to_status = serializers.CharField()

    class OutputSerializer(CaseListApi.OutputSerializer):
        to_representation = serializers.Serializer.to_representation

        class Meta:
            ref_name = "CaseDetailOutput"

        description = serializers.CharField()
        request = serializers.CharField()
        consent_to_mediation = serializers.BooleanField()
        needs_elderly = serializers.BooleanField()
        needs_dialect = serializers.BooleanField()
        needs_disability = serializers.BooleanField()
        urgency = serializers.CharField()

    @extend_schema(responses={200: OutputSerializer})
    def get(self, request, pk: int):
        case = get_case_for_user(request.user, pk)
        handler = may_handle(request.user, case)
        parties = list(case.parties.all())
        for party in parties:
            party.phone = (
                party.phone if handler else (mask_mobile(party.phone) if party.phone else "")
            )
        data = dict(self.OutputSerializer(_with_parties(case, parties)).data)
        data["parties"] = self.PartySerializer(parties, many=True).data
        data["identifiers"] = self.IdentifierSerializer(case.identifiers.all(), many=True).data
        evidence = list(case.evidence.all())
        for item in evidence:
            item.url = reverse("case-evidence-file", args=[case.pk, item.pk])
        data["evidence"] = self.EvidenceSerializer(evidence, many=True).data
        events = CaseEvent.objects.filter(case=case).order_by("at", "id")
        data["events"] = self.StaffEventSerializer(events, many=True).data
        return Response(data)


def _with_parties(case: Case, parties: list[Party]) -> Case:
    case._prefetched_objects_cache = {"parties": parties}
    return case


class PartyLookupApi(APIView):
    """Staff: parties already on record in the user's scope, found as the clerk types a name,
    a mobile number or an ID number. Identifiers come back masked."""

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "PartyLookupOutput"

        name = serializers.CharField()
        kind = serializers.CharField()
        phone = serializers.CharField(source="masked_phone")
        id_number = serializers.CharField(source="id_number_masked")
        credit_code = serializers.CharField()
        address = serializers.CharField()
        case_number = serializers.CharField(source="case.number")

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True)],
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request):
        query = normalised(request.query_params.get("q") or "").strip()[:50]
        if len(query) < 2:
            return Response([])
        parties = Party.objects.filter(case__in=cases_for_user(request.user))
        try:
            parties = parties.filter(id_number_hash=pii.lookup_hash(clean_resident_id(query)))
        except DjangoValidationError:
            digits = "".join(ch for ch in query if ch.isdigit())
            if len(digits) == 11:
                parties = parties.filter(phone=digits)
            else:
                parties = parties.filter(name__startswith=query)
        found = list(parties.select_related("case").order_by("-id")[:8])
        for party in found:
            party.masked_phone = mask_mobile(party.phone) if party.phone else ""
        return Response(self.OutputSerializer(found, many=True).data)
