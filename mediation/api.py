"""The mediation API: one class per operation, each parsing its input, calling one service
and answering with the case's mediation state. Illegal moves answer 409 with the Chinese
message saying what is allowed; bad input 400; a case outside the user's reach 404."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.access import scope_of
from accounts.models import Organisation, OrganisationKind, Role
from cases.access import cases_for_user
from zhanjiang_portal.params import refuse_api

from . import access, desks, services
from .forms import CalendarWeekForm
from .models import (
    Agreement,
    AgreementKind,
    MediationFile,
    MediationSession,
    Performance,
    Referral,
    RoutingRule,
)
from .public import public_status
from .verbs import VERBS


class CaseMediationSerializer(serializers.Serializer):
    """The mediation state of one case."""

    class SessionSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        starts_at = serializers.DateTimeField()
        ends_at = serializers.DateTimeField()
        room = serializers.CharField(source="room.name", default="")
        place = serializers.CharField()
        mediator = serializers.IntegerField(source="mediator_id")
        status = serializers.CharField()
        attendance = serializers.ListField(child=serializers.CharField())
        minutes = serializers.CharField()

    class TermSerializer(serializers.Serializer):
        obligor = serializers.CharField()
        action = serializers.CharField()
        amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
        due_date = serializers.DateField(allow_null=True)

    class AgreementSerializer(serializers.Serializer):
        kind = serializers.CharField()
        facts = serializers.CharField()
        text = serializers.CharField()
        terms = serializers.ListField(child=serializers.DictField())
        has_document = serializers.BooleanField()
        has_signed_copy = serializers.BooleanField()

    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.CharField()
    status_name = serializers.CharField()
    organisation = serializers.CharField()
    organisation_name = serializers.CharField()
    assignee = serializers.IntegerField(allow_null=True)
    routing_rule = serializers.IntegerField(allow_null=True)
    routing_reason = serializers.CharField()
    escalations = serializers.IntegerField()
    outcome = serializers.CharField()
    performance = serializers.CharField()
    referral = serializers.CharField()
    sessions = SessionSerializer(many=True)
    agreement = AgreementSerializer(allow_null=True)


def mediation_state(case) -> dict:
    case.refresh_from_db()
    file = MediationFile.objects.filter(case=case).first()
    agreement = Agreement.objects.filter(case=case).prefetch_related("terms").first()
    return {
        "id": case.pk,
        "number": case.number,
        "status": case.status,
        "status_name": case.get_status_display(),
        "organisation": case.organisation.code,
        "organisation_name": case.organisation.name,
        "assignee": case.assignee_id,
        "routing_rule": file.rule_id if file else None,
        "routing_reason": file.routing_reason if file else "",
        "escalations": file.escalations if file else 0,
        "outcome": file.outcome if file else "",
        "performance": file.performance if file else "",
        "referral": file.referral if file else "",
        "sessions": list(MediationSession.objects.filter(case=case).select_related("room")),
        "agreement": {
            "kind": agreement.kind,
            "facts": agreement.facts,
            "text": agreement.text,
            "terms": [
                {
                    "obligor": t.obligor,
                    "action": t.action,
                    "amount": str(t.amount) if t.amount is not None else None,
                    "due_date": t.due_date.isoformat() if t.due_date else None,
                }
                for t in agreement.terms.all()
            ],
            "has_document": bool(agreement.document),
            "has_signed_copy": bool(agreement.signed_copy),
        }
        if agreement
        else None,
    }


class CaseVerbApi(APIView):
    """Base of the verbs: fetch the case through the permission funnel, check the verb's
    declaration (``mediation.verbs``: who may, from which states) exactly as the page does,
    parse the input, run the service. A refusal answers 403 or 409 with its code and the
    moves open to the caller (the project's exception handler); bad input answers 400."""

    verb: str = ""
    InputSerializer: type[serializers.Serializer] | None = None
    success_status = status.HTTP_200_OK

    def perform(self, request, case, data: dict) -> None:
        raise NotImplementedError

    def verb_for(self, request) -> str:
        return self.verb

    def post(self, request, pk: int):
        case = access.get_mediation_case(request.user, pk)
        VERBS.check(self.verb_for(request), request.user, case)
        data: dict = {}
        if self.InputSerializer is not None:
            serializer = self.InputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        try:
            self.perform(request, case, data)
        except ValidationError as exc:
            raise ApiValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
            ) from exc
        return Response(
            CaseMediationSerializer(mediation_state(case)).data, status=self.success_status
        )


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class ConsentInput(serializers.Serializer):
    """The parties' consent to their data going to the receiving organisation; without it a
    hand-off is refused (400 on has_consent) unless the law requires it."""

    has_consent = serializers.BooleanField(required=False, default=False)
    consent_note = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )


class EscalateInput(ConsentInput, ReasonInput):
    pass


class OptionalReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


def _verb(name: str, verb: str, service, input_cls=ReasonInput, doc: str = ""):
    def perform(self, request, case, data):
        service(case=case, actor=request.user, **data)

    # A function of its own per class, so each operation keeps its own schema.
    @extend_schema(request=input_cls, responses={200: CaseMediationSerializer})
    def post(self, request, pk: int):
        return CaseVerbApi.post(self, request, pk)

    return type(
        name,
        (CaseVerbApi,),
        {
            "verb": verb,
            "InputSerializer": input_cls,
            "perform": perform,
            "post": post,
            "__doc__": doc,
        },
    )


CaseDeclineApi = _verb(
    "CaseDeclineApi", "decline", services.decline, doc="调解员不能承办，退回重新分配。"
)
CaseNotAcceptApi = _verb(
    "CaseNotAcceptApi", "not_accept", services.not_accept, doc="不予受理（终局）。"
)
CaseEscalateApi = _verb(
    "CaseEscalateApi",
    "escalate",
    services.escalate,
    EscalateInput,
    "上交上一级（村→镇→县级中心），同时向上一级发出移送；须经当事人同意。",
)
CaseFailApi = _verb("CaseFailApi", "fail", services.fail, doc="调解不成。")
CaseTerminateApi = _verb("CaseTerminateApi", "terminate", services.terminate, doc="终止调解。")
CaseWithdrawApi = _verb(
    "CaseWithdrawApi", "withdraw", services.withdraw, OptionalReasonInput, "撤回申请。"
)


class NoInput(serializers.Serializer):
    pass


CaseAcceptApi = _verb(
    "CaseAcceptApi", "accept", services.accept, None, "受理（两人同时受理时只有一人成功）。"
)
CaseStartApi = _verb("CaseStartApi", "start", services.start_mediation, None, "开始调解。")
CaseJudicialConfirmationApi = _verb(
    "CaseJudicialConfirmationApi",
    "judicial",
    services.request_judicial_confirmation,
    None,
    "申请司法确认。",
)


class CloseInput(serializers.Serializer):
    note = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


CaseCloseApi = _verb(
    "CaseCloseApi", "close", services.close, CloseInput, "结案（须已有调解结果）。"
)


class CaseRouteApi(CaseVerbApi):
    """Route by the rules, or to a named organisation (manual routing at the window)."""

    class InputSerializer(serializers.Serializer):
        organisation = serializers.SlugField(required=False, help_text="机构代号；不填则按规则")
        reason = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)

    def verb_for(self, request) -> str:
        # Without an organisation it is routing by the rules, a verb of its own.
        has_target = isinstance(request.data, dict) and request.data.get("organisation")
        return "route" if has_target else "auto_route"

    def perform(self, request, case, data):
        if not data.get("organisation"):
            services.route_case(case=case, actor=request.user)
            return
        target = Organisation.objects.filter(code=data["organisation"]).first()
        if target is None:
            raise ValidationError({"organisation": _("没有这个机构。")})
        services.route_manually(
            case=case, organisation=target, actor=request.user, reason=data["reason"]
        )

    @extend_schema(request=InputSerializer, responses={200: CaseMediationSerializer})
    def post(self, request, pk: int):
        return super().post(request, pk)


class CaseAssignApi(CaseVerbApi):
    """Assign the fairest eligible mediator of the case's organisation."""

    verb = "assign"

    def perform(self, request, case, data):
        services.assign_mediator(case=case, actor=request.user)

    @extend_schema(request=None, responses={200: CaseMediationSerializer})
    def post(self, request, pk: int):
        return super().post(request, pk)


class MediatorInput(serializers.Serializer):
    mediator = serializers.IntegerField()
    reason = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)


class CaseReassignApi(CaseVerbApi):
    """The supervisor's override, with a reason."""

    InputSerializer = MediatorInput
    verb = "reassign"

    def perform(self, request, case, data):
        mediator = get_user_model().objects.filter(pk=data["mediator"]).first()
        if mediator is None:
            raise ValidationError({"mediator": _("没有这个调解员。")})
        services.reassign(case=case, mediator=mediator, actor=request.user, reason=data["reason"])

    @extend_schema(request=MediatorInput, responses={200: CaseMediationSerializer})
    def post(self, request, pk: int):
        return super().post(request, pk)


class CaseRequestMediatorApi(CaseVerbApi):
    """A party's choice of a named mediator from the organisation's roster."""

    InputSerializer = MediatorInput
    verb = "request_mediator"

    def perform(self, request, case, data):
        mediator = get_user_model().objects.filter(pk=data["mediator"]).first()
        if mediator is None:
            raise ValidationError({"mediator": _("没有这个调解员。")})
        services.request_mediator(case=case, mediator=mediator, actor=request.user)

    @extend_schema(request=MediatorInput, responses={200: CaseMediationSerializer})
    def post(self, request, pk: int):
        return super().post(request, pk)


class CaseSessionCreateApi(CaseVerbApi):
    """Schedule a session; a booked room or a busy mediator is refused (409)."""

    class InputSerializer(serializers.Serializer):
        starts_at = serializers.DateTimeField()
        ends_at = serializers.DateTimeField()
        room = serializers.IntegerField(required=False, allow_null=True, default=None)
        place = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)

    verb = "schedule"
    success_status = status.HTTP_201_CREATED

    def perform(self, request, case, data):
        room = _room(data["room"])
        services.schedule_session(
            case=case,
            actor=request.user,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            room=room,
            place=data["place"],
        )

    @extend_schema(request=InputSerializer, responses={201: CaseMediationSerializer})
    def post(self, request, pk: int):
        return super().post(request, pk)


class SessionVerbApi(CaseVerbApi):
    """A verb on one session of a case the caller reaches; the case's verb rule applies."""

    def post(self, request, pk: int):
        self.session = get_object_or_404(
            MediationSession.objects.filter(case__in=cases_for_user(request.user)), pk=pk
        )
        return super().post(request, self.session.case_id)


class SessionRecordApi(SessionVerbApi):
    """Attendance and minutes (笔录) of a session that took place (not before it starts)."""

    class InputSerializer(serializers.Serializer):
        attendance = serializers.ListField(
            child=serializers.CharField(max_length=100), max_length=50
        )
        minutes = serializers.CharField(max_length=20000)

    verb = "record"

    def perform(self, request, case, data):
        self.session.case = case
        services.record_session(session=self.session, actor=request.user, **data)

    @extend_schema(request=InputSerializer, responses={200: CaseMediationSerializer})
    def post(self, request, pk: int):
        return super().post(request, pk)


class SessionMoveApi(SessionVerbApi):
    """Another time or place for a session not yet held; the parties are texted."""

    class InputSerializer(serializers.Serializer):
        starts_at = serializers.DateTimeField()
        ends_at = serializers.DateTimeField()
        room = serializers.IntegerField(required=False, allow_null=True, default=None)
        place = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)

    verb = "move_session"

    def perform(self, request, case, data):
        self.session.case = case
        services.move_session(
            session=self.session,
            actor=request.user,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            room=_room(data["room"]),
            place=data["place"],
        )

    @extend_schema(request=InputSerializer, responses={200: CaseMediationSerializer})
    def post(self, request, pk: int):
        return super().post(request, pk)


class SessionCancelApi(SessionVerbApi):
    """Call off a session not yet held; the parties are texted."""

    InputSerializer = ReasonInput
    verb = "cancel_session"

    def perform(self, request, case, data):
        self.session.case = case
        services.cancel_session(session=self.session, actor=request.user, reason=data["reason"])

    @extend_schema(request=ReasonInput, responses={200: CaseMediationSerializer})
    def post(self, request, pk: int):
        return super().post(request, pk)


def _room(room_id: int | None) -> Organisation | None:
    """The room asked for; whether the case may use it is the service's check (the case's
    own centre's rooms, as the page lists them)."""
    if room_id is None:
        return None
    room = Organisation.objects.filter(pk=room_id, kind=OrganisationKind.WORKROOM).first()
    if room is None:
        raise ValidationError({"room": _("没有这个调解室。")})
    return room


class CaseAgreementApi(CaseVerbApi):
    """Record the agreement: structured terms plus free text; a written one gets its PDF."""

    class InputSerializer(serializers.Serializer):
        class TermInput(serializers.Serializer):
            obligor = serializers.CharField(max_length=100)
            action = serializers.CharField(max_length=300)
            amount = serializers.DecimalField(
                max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
            )
            due_date = serializers.DateField(required=False, allow_null=True, default=None)

            def validate_amount(self, value):
                if value is not None and value < 0:
                    raise serializers.ValidationError(_("金额不能小于 0。"))
                return value

            def validate_due_date(self, value):
                if value is not None and value < timezone.localdate():
                    raise serializers.ValidationError(_("履行期限不能早于今天。"))
                return value

        kind = serializers.ChoiceField(choices=AgreementKind.choices)
        facts = serializers.CharField(max_length=5000)
        text = serializers.CharField(max_length=5000, required=False, default="", allow_blank=True)
        terms = TermInput(many=True, required=False, default=list)
        judicial_confirmation = serializers.BooleanField(
            required=False, default=False, help_text="当事人是否共同申请司法确认"
        )
        on_the_spot_reason = serializers.CharField(
            max_length=500,
            required=False,
            default="",
            allow_blank=True,
            help_text="没有已进行的调解记录时必填：当场调解的时间、地点和经过",
        )

    verb = "agreement"
    success_status = status.HTTP_201_CREATED

    def perform(self, request, case, data):
        services.record_agreement(
            case=case,
            actor=request.user,
            kind=data["kind"],
            facts=data["facts"],
            text=data["text"],
            terms=[services.TermInput(**t) for t in data["terms"]],
            judicial_confirmation=data["judicial_confirmation"],
            on_the_spot_reason=data["on_the_spot_reason"],
        )

    @extend_schema(request=InputSerializer, responses={201: CaseMediationSerializer})
    def post(self, request, pk: int):
        return super().post(request, pk)


class CaseFollowUpApi(CaseVerbApi):
    """A return visit and how far the agreement has been performed."""

    class InputSerializer(serializers.Serializer):
        performance = serializers.ChoiceField(choices=Performance.choices)
        note = serializers.CharField(max_length=2000)
        visited_on = serializers.DateField(required=False, default=None)

    verb = "follow_up"
    success_status = status.HTTP_201_CREATED

    def perform(self, request, case, data):
        services.record_follow_up(case=case, actor=request.user, **data)

    @extend_schema(request=InputSerializer, responses={201: CaseMediationSerializer})
    def post(self, request, pk: int):
        return super().post(request, pk)


class CaseReferApi(CaseVerbApi):
    """After a failure: refer the parties onward (court, arbitration, legal aid, petition)."""

    class InputSerializer(ConsentInput):
        referral = serializers.ChoiceField(choices=Referral.choices)
        note = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)

    verb = "refer"

    def perform(self, request, case, data):
        services.refer(case=case, actor=request.user, **data)

    @extend_schema(request=InputSerializer, responses={200: CaseMediationSerializer})
    def post(self, request, pk: int):
        return super().post(request, pk)


class CaseSignedCopyApi(CaseVerbApi):
    """The agreement as the parties signed it: a PDF, JPG or PNG scan (multipart)."""

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField()

    verb = "signed_copy"
    parser_classes = [MultiPartParser]

    def perform(self, request, case, data):
        services.upload_signed_copy(case=case, actor=request.user, upload=data["file"])

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={200: CaseMediationSerializer},
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class CaseMediationDetailApi(APIView):
    """The mediation state of a case: routing (which rule, why), mediator, sessions,
    agreement, outcome."""

    @extend_schema(responses=CaseMediationSerializer)
    def get(self, request, pk: int):
        case = access.get_mediation_case(request.user, pk)
        return Response(CaseMediationSerializer(mediation_state(case)).data)


class CaseBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.CharField()
    category = serializers.CharField(source="category.name")
    organisation = serializers.CharField(source="organisation.name")
    status_changed_at = serializers.DateTimeField()
    filed_at = serializers.DateTimeField()


class SessionBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.IntegerField(source="case_id")
    case_number = serializers.CharField(source="case.number")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    room = serializers.CharField(source="room.name", default="")
    place = serializers.CharField()


class MediatorDeskApi(APIView):
    """The signed-in mediator's desk: cases waiting for acceptance, the queue, the cases with
    an outcome still to close (with what is left to do), today's sessions."""

    class FinishingSerializer(serializers.Serializer):
        case = CaseBriefSerializer()
        todo = serializers.ListField(child=serializers.CharField())

    class OutputSerializer(serializers.Serializer):
        waiting = CaseBriefSerializer(many=True)
        queue = CaseBriefSerializer(many=True)
        after = serializers.ListField(
            child=serializers.DictField(), help_text="有结果、待结案的案件及其待办事项"
        )
        today = SessionBriefSerializer(many=True)

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        desk = desks.mediator_desk(request.user)
        desk["after"] = [
            self.FinishingSerializer(
                {"case": row["case"], "todo": [str(t) for t in row["todo"]]}
            ).data
            for row in desk["after"]
        ]
        return Response(self.OutputSerializer(desk).data)


class SupervisorBoardApi(APIView):
    """Unassigned, stuck and overdue cases; open load per mediator and per workroom."""

    class OutputSerializer(serializers.Serializer):
        class LoadSerializer(serializers.Serializer):
            mediator = serializers.IntegerField(source="membership.user_id")
            organisation = serializers.CharField(source="membership.organisation.code")
            open_cases = serializers.IntegerField()

        class RoomSerializer(serializers.Serializer):
            organisation = serializers.CharField(source="organisation.code")
            name = serializers.CharField(source="organisation.name")
            mediators = serializers.IntegerField()
            open_cases = serializers.IntegerField()

        class OverdueSerializer(serializers.Serializer):
            case = serializers.IntegerField(source="case_id")
            case_number = serializers.CharField(source="case.number")
            organisation = serializers.CharField(source="organisation.code")
            due_at = serializers.DateTimeField(source="mediation_due_at")

        unassigned = CaseBriefSerializer(many=True)
        stuck = CaseBriefSerializer(many=True)
        overdue = OverdueSerializer(many=True)
        loads = LoadSerializer(many=True)
        workrooms = RoomSerializer(many=True)

    @extend_schema(
        parameters=[OpenApiParameter("centre", str, description="管理员查看的中心代号")],
        responses=OutputSerializer,
    )
    def get(self, request):
        centre = None
        if code := request.query_params.get("centre"):
            centre = Organisation.objects.filter(code=code, kind="one_stop_centre").first()
        ids = desks.supervised_organisations(request.user, centre)
        if not ids:
            raise PermissionDenied(_("只有中心负责人可以查看看板。"))
        return Response(self.OutputSerializer(desks.supervisor_board(ids)).data)


class RoomSessionListApi(APIView):
    """A room's bookings for seven days from ``from`` (default today)."""

    @extend_schema(
        parameters=[OpenApiParameter("from", dt.date)], responses=SessionBriefSerializer(many=True)
    )
    def get(self, request, pk: int):
        room = access.get_room_for_user(request.user, pk)
        week = CalendarWeekForm(request.query_params)
        if not week.is_valid():
            refuse_api(week)
        first = week.first_day()
        sessions = [s for day in desks.room_calendar(room, first) for s in day["sessions"]]
        return Response(SessionBriefSerializer(sessions, many=True).data)


RULE_READERS = {Role.WINDOW_CLERK, Role.CENTRE_SUPERVISOR, Role.BUREAU_OFFICER, Role.ADMINISTRATOR}


class RoutingRuleListApi(APIView):
    """The routing table in the order it is applied (edit it in the admin)."""

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        position = serializers.IntegerField()
        name = serializers.CharField()
        is_active = serializers.BooleanField()
        categories = serializers.ListField(child=serializers.CharField(), source="category_codes")
        region_code = serializers.CharField()
        min_amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
        max_amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
        channel = serializers.CharField()
        target_kind = serializers.CharField()
        target = serializers.CharField(source="target.code", default=None)
        workroom_key = serializers.CharField()

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request):
        # The table tells where every kind of dispute goes: for those who route or supervise
        # routing, not for any signed-in account (a lawyer, a village clerk).
        scope = scope_of(request.user)
        if not (scope.city_wide or scope.role_names() & RULE_READERS):
            raise PermissionDenied(_("只有分派案件或管理分派规则的人员可以查看分派规则。"))
        rules = RoutingRule.objects.select_related("target").prefetch_related("categories")
        return Response(self.OutputSerializer(rules, many=True).data)


class CasePublicStatusApi(APIView):
    """What the public tracking page shows about mediation (staff view of it)."""

    class OutputSerializer(serializers.Serializer):
        organisation_name = serializers.CharField()
        mediator_name = serializers.CharField()
        next_session_at = serializers.DateTimeField(allow_null=True)
        next_session_place = serializers.CharField()

    @extend_schema(responses=OutputSerializer)
    def get(self, request, pk: int):
        case = access.get_mediation_case(request.user, pk)
        return Response(self.OutputSerializer(public_status(case)).data)


def _name_nested_serializers() -> None:
    """Nested ``InputSerializer``/``OutputSerializer`` classes would all be called "Input" or
    "Output" in the OpenAPI components; name each after its API class."""
    for name, api in list(globals().items()):
        if not (isinstance(api, type) and issubclass(api, APIView)):
            continue
        for attr in ("InputSerializer", "OutputSerializer"):
            nested = api.__dict__.get(attr)
            if nested is not None and "." in nested.__qualname__:
                nested.__name__ = (
                    f"{name.removesuffix('Api')}{attr.removesuffix('Serializer')}Serializer"
                )


_name_nested_serializers()
