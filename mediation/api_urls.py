from __future__ import annotations

from django.urls import path

from . import api, document_views

CASE = "mediation/cases/<int:pk>/"

urlpatterns = [
    path(CASE, api.CaseMediationDetailApi.as_view(), name="api-mediation-case"),
    path(f"{CASE}route/", api.CaseRouteApi.as_view(), name="api-mediation-route"),
    path(f"{CASE}assign/", api.CaseAssignApi.as_view(), name="api-mediation-assign"),
    path(f"{CASE}reassign/", api.CaseReassignApi.as_view(), name="api-mediation-reassign"),
    path(
        f"{CASE}request-mediator/",
        api.CaseRequestMediatorApi.as_view(),
        name="api-mediation-request-mediator",
    ),
    path(f"{CASE}accept/", api.CaseAcceptApi.as_view(), name="api-mediation-accept"),
    path(f"{CASE}decline/", api.CaseDeclineApi.as_view(), name="api-mediation-decline"),
    path(f"{CASE}not-accept/", api.CaseNotAcceptApi.as_view(), name="api-mediation-not-accept"),
    path(f"{CASE}start/", api.CaseStartApi.as_view(), name="api-mediation-start"),
    path(f"{CASE}escalate/", api.CaseEscalateApi.as_view(), name="api-mediation-escalate"),
    path(f"{CASE}sessions/", api.CaseSessionCreateApi.as_view(), name="api-mediation-sessions"),
    path(f"{CASE}agreement/", api.CaseAgreementApi.as_view(), name="api-mediation-agreement"),
    path(f"{CASE}fail/", api.CaseFailApi.as_view(), name="api-mediation-fail"),
    path(f"{CASE}withdraw/", api.CaseWithdrawApi.as_view(), name="api-mediation-withdraw"),
    path(f"{CASE}terminate/", api.CaseTerminateApi.as_view(), name="api-mediation-terminate"),
    path(f"{CASE}close/", api.CaseCloseApi.as_view(), name="api-mediation-close"),
    path(f"{CASE}follow-ups/", api.CaseFollowUpApi.as_view(), name="api-mediation-follow-ups"),
    path(
        f"{CASE}judicial-confirmation/",
        api.CaseJudicialConfirmationApi.as_view(),
        name="api-mediation-judicial-confirmation",
    ),
    path(f"{CASE}refer/", api.CaseReferApi.as_view(), name="api-mediation-refer"),
    path(f"{CASE}signed-copy/", api.CaseSignedCopyApi.as_view(), name="api-mediation-signed-copy"),
    path(
        f"{CASE}papers/<slug:which>/",
        document_views.CasePaperApi.as_view(),
        name="api-mediation-paper",
    ),
    path(f"{CASE}public-status/", api.CasePublicStatusApi.as_view(), name="api-mediation-public"),
    path(
        "mediation/sessions/<int:pk>/record/",
        api.SessionRecordApi.as_view(),
        name="api-mediation-session-record",
    ),
    path(
        "mediation/sessions/<int:pk>/move/",
        api.SessionMoveApi.as_view(),
        name="api-mediation-session-move",
    ),
    path(
        "mediation/sessions/<int:pk>/cancel/",
        api.SessionCancelApi.as_view(),
        name="api-mediation-session-cancel",
    ),
    path("mediation/desk/", api.MediatorDeskApi.as_view(), name="api-mediation-desk"),
    path("mediation/board/", api.SupervisorBoardApi.as_view(), name="api-mediation-board"),
    path(
        "mediation/rooms/<int:pk>/sessions/",
        api.RoomSessionListApi.as_view(),
        name="api-mediation-room-sessions",
    ),
    path("mediation/routing-rules/", api.RoutingRuleListApi.as_view(), name="api-mediation-rules"),
]
