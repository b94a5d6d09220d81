"""The village-affairs API. Two public reads (a village's rules, its postings) that anyone may
call without logging in, and staff endpoints for homestead applications, parcels, the dispute
ledger and the 小事不出村 rates; each staff fetch starts from the user (404 out of reach) and
each write calls the same service the page calls."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.models import DisputeCategory

from . import rates, services
from .access import get_for_user, reach_of
from .models import (
    ApplicationStatus,
    HomesteadApplication,
    LedgerEntry,
    LedgerOutcome,
    LedgerSource,
    Parcel,
    Posting,
    PostingKind,
    Question,
    RuleVersion,
    Terrain,
)
from .views import _public_village, public_postings


def _django_errors(call):
    """Run a service; a field rule's ValidationError answers 400 keyed by field."""
    try:
        return call()
    except DjangoValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        raise serializers.ValidationError(detail) from exc


# -- public ---------------------------------------------------------------------------------


class RuleOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = RuleVersion
        fields = [
            "number",
            "title",
            "status",
            "change_note",
            "meeting_kind",
            "adopted_on",
            "members_total",
            "households_total",
            "households_represented",
            "present",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "filed_on",
            "filing_receipt",
            "review_comment",
        ]


class VillageRulesApi(APIView):
    """A village's rules: the version in force (with its full text) and every adopted
    version (without text). Public."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    class CurrentSerializer(RuleOutSerializer):
        class Meta(RuleOutSerializer.Meta):
            fields = [*RuleOutSerializer.Meta.fields, "text"]

    class OutputSerializer(serializers.Serializer):
        village = serializers.CharField()
        village_name = serializers.CharField()
        current = serializers.SerializerMethodField()
        history = RuleOutSerializer(many=True)

        def get_current(self, obj) -> dict | None:
            current = obj["current"]
            return VillageRulesApi.CurrentSerializer(current).data if current else None

    @extend_schema(responses=OutputSerializer, auth=[])
    def get(self, request, code: str):
        village = _public_village(code)
        history = list(RuleVersion.objects.adopted().filter(village_id=code).order_by("-number"))
        data = {
            "village": village.code,
            "village_name": village.name,
            "current": history[0] if history else None,
            "history": history,
        }
        return Response(self.OutputSerializer(data).data)


class VillagePostingsApi(APIView):
    """A village's public postings, newest period first, 20 a page; ``next`` is the cursor of
    the following page (pass it as ``before``). Public."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    class LineSerializer(serializers.Serializer):
        is_income = serializers.BooleanField()
        category = serializers.CharField()
        amount = serializers.DecimalField(max_digits=14, decimal_places=2)

    class PostingSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        kind = serializers.ChoiceField(choices=PostingKind.choices)
        title = serializers.CharField()
        body = serializers.CharField()
        period_start = serializers.DateField()
        period_end = serializers.DateField()
        status = serializers.CharField()
        version = serializers.IntegerField()
        correction_reason = serializers.CharField()
        published_at = serializers.DateTimeField()
        opening_balance = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
        closing_balance = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
        lines = serializers.SerializerMethodField()

        def get_lines(self, obj) -> list[dict]:
            return VillagePostingsApi.LineSerializer(obj.lines.all(), many=True).data

    class OutputSerializer(serializers.Serializer):
        results = serializers.ListField(child=serializers.DictField())
        next = serializers.CharField(allow_blank=True)

    @extend_schema(
        auth=[],
        parameters=[
            OpenApiParameter("kind", enum=["finance", "affairs", "party"], required=False),
            OpenApiParameter("before", str, required=False, description="cursor from `next`"),
        ],
        responses=OutputSerializer,
    )
    def get(self, request, code: str):
        _public_village(code)
        kind = request.query_params.get("kind", "")
        if kind and kind not in PostingKind.values:
            raise serializers.ValidationError({"kind": ["finance, affairs or party"]})
        before = request.query_params.get("before", "")
        page, cursor = public_postings(code, kind, before, full=True)
        return Response({"results": self.PostingSerializer(page, many=True).data, "next": cursor})


# -- staff: homesteads ----------------------------------------------------------------------


class MemberSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=40)
    relation = serializers.CharField(max_length=20)
    id_number = serializers.CharField(max_length=20, write_only=True)
    id_number_masked = serializers.CharField(read_only=True)


class ApplicationOutSerializer(serializers.ModelSerializer):
    members = MemberSerializer(many=True, read_only=True)
    village = serializers.CharField(source="village_id")
    allowed = serializers.SerializerMethodField()

    class Meta:
        model = HomesteadApplication
        fields = [
            "id",
            "number",
            "village",
            "head_name",
            "members",
            "current_homesteads",
            "requested_area",
            "terrain",
            "location",
            "reason",
            "status",
            "village_comment",
            "notice_from",
            "notice_until",
            "decision_reason",
            "decided_at",
            "allowed",
        ]

    def get_allowed(self, obj) -> list[str]:
        from .verbs import APPLICATION_VERBS

        return APPLICATION_VERBS.available(self.context["request"].user, obj)


def _applications(user):
    return reach_of(user).filter(
        HomesteadApplication.objects.prefetch_related("members").order_by("-id")
    )


class HomesteadApplicationListApi(APIView):
    """The homestead applications of the caller's villages (or town); POST registers one
    after the one-household-one-homestead check."""

    class InputSerializer(serializers.Serializer):
        village = serializers.CharField(max_length=12)
        head_name = serializers.CharField(max_length=40)
        members = MemberSerializer(many=True, allow_empty=False, max_length=20)
        requested_area = serializers.DecimalField(max_digits=8, decimal_places=2)
        terrain = serializers.ChoiceField(choices=Terrain.choices)
        location = serializers.CharField(max_length=200)
        reason = serializers.CharField(max_length=2000)
        current_homesteads = serializers.CharField(
            max_length=2000, required=False, default="", allow_blank=True
        )
        has_transferred_house = serializers.BooleanField(default=False)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", enum=ApplicationStatus.values, required=False),
            OpenApiParameter("village", str, required=False),
        ],
        responses=ApplicationOutSerializer(many=True),
    )
    def get(self, request):
        rows = _applications(request.user)
        if request.query_params.get("status"):
            rows = rows.filter(status=request.query_params["status"])
        if request.query_params.get("village"):
            rows = rows.filter(village_id=request.query_params["village"])
        return Response(
            ApplicationOutSerializer(rows[:100], many=True, context={"request": request}).data
        )

    @extend_schema(request=InputSerializer, responses={201: ApplicationOutSerializer})
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        code = values.pop("village")
        if not reach_of(request.user).sees(code):
            raise Http404
        members = tuple(
            services.Member(m["name"], m["relation"], m["id_number"]) for m in values.pop("members")
        )
        application = _django_errors(
            lambda: services.submit_application(
                actor=request.user,
                village_code=code,
                data=services.ApplicationInput(members=members, **values),
            )
        )
        application = _applications(request.user).get(pk=application.pk)
        return Response(
            ApplicationOutSerializer(application, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class HomesteadApplicationDetailApi(APIView):
    @extend_schema(responses=ApplicationOutSerializer)
    def get(self, request, pk: int):
        application = get_for_user(request.user, _applications(request.user), pk)
        return Response(ApplicationOutSerializer(application, context={"request": request}).data)


class HomesteadApplicationActionApi(APIView):
    """One step of an application: ``village_review`` (agree, comment), ``notice``
    (notice_from, notice_until), ``approve`` (reason) or ``refuse`` (reason). A step not open
    to the caller answers 403 or 409 with the steps that are."""

    class InputSerializer(serializers.Serializer):
        agree = serializers.BooleanField(required=False, default=True)
        comment = serializers.CharField(required=False, default="", allow_blank=True)
        notice_from = serializers.DateField(required=False)
        notice_until = serializers.DateField(required=False)
        reason = serializers.CharField(required=False, default="", allow_blank=True)

    @extend_schema(
        request=InputSerializer,
        responses=ApplicationOutSerializer,
        operation_id="village_affairs_homestead_application_action",
    )
    def post(self, request, pk: int, action: str):
        application = get_for_user(request.user, _applications(request.user), pk)
        form = self.InputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        v, user = form.validated_data, request.user
        calls = {
            "village_review": lambda: services.village_review(
                actor=user, application=application, agree=v["agree"], comment=v["comment"]
            ),
            "notice": lambda: services.post_notice(
                actor=user,
                application=application,
                notice_from=_required(v, "notice_from"),
                notice_until=_required(v, "notice_until"),
            ),
            "approve": lambda: services.approve_application(
                actor=user, application=application, reason=v["reason"]
            ),
            "refuse": lambda: services.refuse_application(
                actor=user, application=application, reason=v["reason"]
            ),
        }
        if action not in calls:
            raise Http404
        _django_errors(calls[action])
        application = _applications(user).get(pk=pk)
        return Response(ApplicationOutSerializer(application, context={"request": request}).data)


def _required(values: dict, name: str):
    if values.get(name) is None:
        raise serializers.ValidationError({name: ["必填。"]})
    return values[name]


# -- staff: parcels -------------------------------------------------------------------------


class ParcelOutSerializer(serializers.ModelSerializer):
    village = serializers.CharField(source="village_id")
    holders = serializers.SerializerMethodField()
    disputes = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()

    class Meta:
        model = Parcel
        fields = [
            "id",
            "number",
            "village",
            "household_head",
            "area",
            "location",
            "certificate_number",
            "status",
            "holders",
            "disputes",
            "history",
        ]

    def get_holders(self, obj) -> list[dict]:
        return [{"name": h.name, "id_number_masked": h.id_number_masked} for h in obj.holders.all()]

    def get_disputes(self, obj) -> list[dict]:
        return [{"case_id": d.case_id, "case_number": d.case.number} for d in obj.disputes.all()]

    def get_history(self, obj) -> list[dict]:
        return [{"at": e.at, "kind": e.kind, "text": e.text} for e in obj.events.all()]


def _parcels(user):
    return reach_of(user).filter(
        Parcel.objects.prefetch_related("holders", "events", "disputes__case").order_by("number")
    )


class ParcelListApi(APIView):
    """The parcel register of the caller's villages (filter ``village``); POST enters a parcel
    that predates the portal."""

    class InputSerializer(serializers.Serializer):
        village = serializers.CharField(max_length=12)
        number = serializers.CharField(max_length=40)
        household_head = serializers.CharField(max_length=40)
        area = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=0)
        location = serializers.CharField(max_length=200)
        certificate_number = serializers.CharField(
            max_length=60, required=False, default="", allow_blank=True
        )
        holders = MemberSerializer(many=True, allow_empty=False, max_length=20)

    @extend_schema(
        parameters=[OpenApiParameter("village", str, required=False)],
        responses=ParcelOutSerializer(many=True),
    )
    def get(self, request):
        rows = _parcels(request.user)
        if request.query_params.get("village"):
            rows = rows.filter(village_id=request.query_params["village"])
        return Response(ParcelOutSerializer(rows[:200], many=True).data)

    @extend_schema(request=InputSerializer, responses={201: ParcelOutSerializer})
    def post(self, request):
        form = self.InputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        v = dict(form.validated_data)
        if not reach_of(request.user).sees(v["village"]):
            raise Http404
        holders = tuple(
            services.Member(h["name"], h["relation"], h["id_number"]) for h in v.pop("holders")
        )
        parcel = _django_errors(
            lambda: services.register_parcel(
                actor=request.user, village_code=v.pop("village"), holders=holders, **v
            )
        )
        return Response(
            ParcelOutSerializer(_parcels(request.user).get(pk=parcel.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class ParcelDetailApi(APIView):
    @extend_schema(responses=ParcelOutSerializer)
    def get(self, request, pk: int):
        return Response(
            ParcelOutSerializer(get_for_user(request.user, _parcels(request.user), pk)).data
        )


# -- staff: the ledger and the rates --------------------------------------------------------


class LedgerOutSerializer(serializers.ModelSerializer):
    village = serializers.CharField(source="village_id")
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = LedgerEntry
        fields = [
            "id",
            "village",
            "month",
            "found_on",
            "source",
            "parties",
            "category",
            "summary",
            "outcome",
            "outcome_note",
            "closed_on",
            "case",
        ]


class LedgerListApi(APIView):
    """The dispute ledger (排查台账) of the caller's villages, newest first; POST records an
    entry (village mediators)."""

    class InputSerializer(serializers.Serializer):
        village = serializers.CharField(max_length=12)
        found_on = serializers.DateField()
        source = serializers.ChoiceField(choices=LedgerSource.choices)
        parties = serializers.CharField(max_length=200)
        category = serializers.SlugRelatedField(
            slug_field="code", queryset=DisputeCategory.objects.filter(is_active=True)
        )
        summary = serializers.CharField(max_length=5000)

    @extend_schema(
        parameters=[OpenApiParameter("village", str, required=False)],
        responses=LedgerOutSerializer(many=True),
    )
    def get(self, request):
        rows = reach_of(request.user).filter(
            LedgerEntry.objects.select_related("category").order_by("-found_on", "-id")
        )
        if request.query_params.get("village"):
            rows = rows.filter(village_id=request.query_params["village"])
        return Response(LedgerOutSerializer(rows[:200], many=True).data)

    @extend_schema(request=InputSerializer, responses={201: LedgerOutSerializer})
    def post(self, request):
        form = self.InputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        v = dict(form.validated_data)
        if not reach_of(request.user).sees(v["village"]):
            raise Http404
        entry = _django_errors(
            lambda: services.record_ledger_entry(
                actor=request.user, village_code=v.pop("village"), **v
            )
        )
        return Response(LedgerOutSerializer(entry).data, status=status.HTTP_201_CREATED)


class LedgerCloseApi(APIView):
    class InputSerializer(serializers.Serializer):
        outcome = serializers.ChoiceField(
            choices=[c for c in LedgerOutcome.choices if c[0] != LedgerOutcome.PENDING]
        )
        note = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)
        closed_on = serializers.DateField(required=False)

    @extend_schema(request=InputSerializer, responses=LedgerOutSerializer)
    def post(self, request, pk: int):
        entry = get_for_user(request.user, LedgerEntry.objects.select_related("category"), pk)
        form = self.InputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        _django_errors(
            lambda: services.close_ledger_entry(
                actor=request.user, entry=entry, **form.validated_data
            )
        )
        return Response(LedgerOutSerializer(entry).data)


class RoundReportApi(APIView):
    """Report the month's screening round; ``found_count`` 0 is the zero report."""

    class InputSerializer(serializers.Serializer):
        village = serializers.CharField(max_length=12)
        month = serializers.DateField()
        done_on = serializers.DateField()
        found_count = serializers.IntegerField(min_value=0)
        note = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        village = serializers.CharField(source="village_id")
        month = serializers.DateField()
        done_on = serializers.DateField()
        found_count = serializers.IntegerField()

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer})
    def post(self, request):
        form = self.InputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        v = dict(form.validated_data)
        if not reach_of(request.user).sees(v["village"]):
            raise Http404
        report = _django_errors(
            lambda: services.record_round(actor=request.user, village_code=v.pop("village"), **v)
        )
        return Response(self.OutputSerializer(report).data, status=status.HTTP_201_CREATED)


class SmallMattersRatesApi(APIView):
    """小事不出村 per county, town or village and month: of the disputes first handled at
    village level (entered in a village ledger in that month), ``settled`` in the village over
    ``concluded`` (settled + referred + failed); ``rate`` is null when none concluded."""

    class RowSerializer(serializers.Serializer):
        region = serializers.CharField()
        month = serializers.DateField()
        handled = serializers.IntegerField()
        concluded = serializers.IntegerField()
        settled = serializers.IntegerField()
        rate = serializers.FloatField(allow_null=True)

    @extend_schema(
        parameters=[
            OpenApiParameter("level", enum=["county", "town", "village"], required=False),
            OpenApiParameter("from", str, required=False, description="YYYY-MM"),
            OpenApiParameter("to", str, required=False, description="YYYY-MM"),
            OpenApiParameter("within", str, required=False, description="county or town code"),
        ],
        responses=RowSerializer(many=True),
    )
    def get(self, request):
        params = request.query_params
        level = params.get("level", "county")
        within = params.get("within", "")
        if level not in rates.LEVEL_FIELDS:
            raise serializers.ValidationError({"level": ["county, town or village"]})
        if within and (not within.isdigit() or len(within) not in (6, 9, 12)):
            raise serializers.ValidationError({"within": ["a county, town or village code"]})
        try:
            month_to = (
                dt.date.fromisoformat(params.get("to", "") + "-01") if params.get("to") else None
            )
            month_from = (
                dt.date.fromisoformat(params.get("from", "") + "-01")
                if params.get("from")
                else None
            )
        except ValueError as exc:
            raise serializers.ValidationError({"from": ["YYYY-MM"]}) from exc
        month_to = month_to or timezone.localdate().replace(day=1)
        month_from = month_from or month_to.replace(month=1)
        rows = list(
            rates.small_matters_rates(
                level=level, month_from=month_from, month_to=month_to, within=within
            )
        )
        for row in rows:
            row["rate"] = rates.rate(row)
        return Response(self.RowSerializer(rows, many=True).data)


# -- staff: rules and postings --------------------------------------------------------------


class StaffRuleSerializer(RuleOutSerializer):
    id = serializers.IntegerField()
    village = serializers.CharField(source="village_id")

    class Meta(RuleOutSerializer.Meta):
        fields = ["id", "village", *RuleOutSerializer.Meta.fields, "text"]


class RuleDraftApi(APIView):
    """Draft the first version of a village's rules (later versions: ``revise``)."""

    class InputSerializer(serializers.Serializer):
        village = serializers.CharField(max_length=12)
        title = serializers.CharField(max_length=100)
        text = serializers.CharField(max_length=100000)
        change_note = serializers.CharField(
            max_length=300, required=False, default="", allow_blank=True
        )

    @extend_schema(request=InputSerializer, responses={201: StaffRuleSerializer})
    def post(self, request):
        form = self.InputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        v = dict(form.validated_data)
        if not reach_of(request.user).sees(v["village"]):
            raise Http404
        rule = _django_errors(
            lambda: services.draft_rule(actor=request.user, village_code=v.pop("village"), **v)
        )
        return Response(StaffRuleSerializer(rule).data, status=status.HTTP_201_CREATED)


class RuleActionApi(APIView):
    """A step of a rules version: ``edit`` (title, text, change_note; drafts only), ``adopt``
    (the meeting and its vote, checked against the quorum rules), ``file`` (filed_on,
    receipt), ``review`` (approved, comment; the town) or ``revise`` (a new draft)."""

    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=100, required=False)
        text = serializers.CharField(max_length=100000, required=False)
        change_note = serializers.CharField(
            max_length=300, required=False, default="", allow_blank=True
        )
        meeting_kind = serializers.ChoiceField(
            choices=["villagers", "representatives"], required=False
        )
        adopted_on = serializers.DateField(required=False)
        members_total = serializers.IntegerField(min_value=1, required=False)
        households_total = serializers.IntegerField(min_value=1, required=False, allow_null=True)
        households_represented = serializers.IntegerField(
            min_value=0, required=False, allow_null=True
        )
        present = serializers.IntegerField(min_value=0, required=False)
        votes_for = serializers.IntegerField(min_value=0, required=False)
        votes_against = serializers.IntegerField(min_value=0, required=False, default=0)
        votes_abstain = serializers.IntegerField(min_value=0, required=False, default=0)
        filed_on = serializers.DateField(required=False)
        receipt = serializers.CharField(max_length=60, required=False)
        approved = serializers.BooleanField(required=False)
        comment = serializers.CharField(required=False, default="", allow_blank=True)

    @extend_schema(
        request=InputSerializer,
        responses=StaffRuleSerializer,
        operation_id="village_affairs_rule_action",
    )
    def post(self, request, pk: int, action: str):
        rule = get_for_user(request.user, RuleVersion.objects.all(), pk)
        form = self.InputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        v, user = form.validated_data, request.user

        def vote() -> services.Vote:
            names = ("meeting_kind", "adopted_on", "members_total", "present", "votes_for")
            return services.Vote(
                **{n: _required(v, n) for n in names},
                votes_against=v["votes_against"],
                votes_abstain=v["votes_abstain"],
                households_total=v.get("households_total"),
                households_represented=v.get("households_represented"),
            )

        calls = {
            "edit": lambda: services.edit_rule(
                actor=user,
                rule=rule,
                title=_required(v, "title"),
                text=_required(v, "text"),
                change_note=v["change_note"],
            ),
            "adopt": lambda: services.adopt_rule(actor=user, rule=rule, vote=vote()),
            "file": lambda: services.file_rule(
                actor=user,
                rule=rule,
                filed_on=_required(v, "filed_on"),
                receipt=_required(v, "receipt"),
            ),
            "review": lambda: services.review_rule(
                actor=user, rule=rule, approved=_required(v, "approved"), comment=v["comment"]
            ),
            "revise": lambda: services.revise_rule(actor=user, rule=rule),
        }
        if action not in calls:
            raise Http404
        result = _django_errors(calls[action])
        rule = result if isinstance(result, RuleVersion) else RuleVersion.objects.get(pk=pk)
        return Response(StaffRuleSerializer(rule).data)


class StaffPostingSerializer(VillagePostingsApi.PostingSerializer):
    village = serializers.CharField(source="village_id")
    corrects = serializers.IntegerField(source="corrects_id", allow_null=True)


class LineInSerializer(serializers.Serializer):
    is_income = serializers.BooleanField()
    category = serializers.CharField(max_length=60)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)


class PostingInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PostingKind.choices)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    title = serializers.CharField(max_length=120)
    body = serializers.CharField(max_length=20000, required=False, default="", allow_blank=True)
    opening_balance = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    closing_balance = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    lines = LineInSerializer(many=True, required=False, default=list, max_length=100)

    def posting_input(self) -> services.PostingInput:
        v = dict(self.validated_data)
        lines = tuple(services.Line(**line) for line in v.pop("lines"))
        return services.PostingInput(lines=lines, **v)


def _staff_postings(user):
    return reach_of(user).filter(Posting.objects.prefetch_related("lines"))


class PostingDraftApi(APIView):
    """Draft a posting; a finance posting must balance (opening + income − expense =
    closing)."""

    class InputSerializer(PostingInSerializer):
        village = serializers.CharField(max_length=12)

    @extend_schema(request=InputSerializer, responses={201: StaffPostingSerializer})
    def post(self, request):
        form = self.InputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        code = form.validated_data.pop("village")
        if not reach_of(request.user).sees(code):
            raise Http404
        posting = _django_errors(
            lambda: services.draft_posting(
                actor=request.user, village_code=code, data=form.posting_input()
            )
        )
        posting = _staff_postings(request.user).get(pk=posting.pk)
        return Response(StaffPostingSerializer(posting).data, status=status.HTTP_201_CREATED)


class PostingDetailApi(APIView):
    @extend_schema(responses=StaffPostingSerializer)
    def get(self, request, pk: int):
        posting = get_for_user(request.user, _staff_postings(request.user), pk)
        return Response(StaffPostingSerializer(posting).data)


class PostingActionApi(APIView):
    """A step of a posting: ``edit`` (the posting's fields; drafts only), ``publish``, or
    ``correct`` (reason; a new draft version of a published posting)."""

    @extend_schema(
        request=PostingInSerializer,
        responses=StaffPostingSerializer,
        operation_id="village_affairs_posting_action",
    )
    def post(self, request, pk: int, action: str):
        posting = get_for_user(request.user, _staff_postings(request.user), pk)
        user = request.user
        if action == "edit":
            form = PostingInSerializer(data=request.data)
            form.is_valid(raise_exception=True)
            _django_errors(
                lambda: services.edit_posting(
                    actor=user, posting=posting, data=form.posting_input()
                )
            )
        elif action == "publish":
            _django_errors(lambda: services.publish_posting(actor=user, posting=posting))
        elif action == "correct":
            reason = str(request.data.get("reason", "")) if hasattr(request.data, "get") else ""
            posting = _django_errors(
                lambda: services.correct_posting(actor=user, posting=posting, reason=reason)
            )
        else:
            raise Http404
        posting = _staff_postings(user).get(pk=posting.pk)
        return Response(StaffPostingSerializer(posting).data)


class QuestionAnswerApi(APIView):
    """Answer a villager's question on a posting; the answer is public."""

    class InputSerializer(serializers.Serializer):
        answer = serializers.CharField(max_length=5000)

    @extend_schema(request=InputSerializer, responses={204: None})
    def post(self, request, pk: int):
        question = get_for_user(
            request.user, Question.objects.select_related("posting"), pk, prefix="posting__"
        )
        form = self.InputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        _django_errors(
            lambda: services.answer_question(
                actor=request.user, question=question, answer=form.validated_data["answer"]
            )
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
