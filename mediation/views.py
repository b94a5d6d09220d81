"""Pages: the mediation page of a case (with its actions), the mediator's desk, the
supervisor's board and a room's calendar. Views parse, call one service, and render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import Organisation
from cases.access import cases_for_user
from cases.models import CaseStatus
from cases.services import TransitionRefused
from zhanjiang_portal.params import refuse_page

from . import access, assignment, desks, documents, forms, services
from .models import Agreement, MediationFile, MediationSession
from .state import ALLOWED_FROM


def _roster_choices(case) -> list[tuple[int, str]]:
    users = get_user_model().objects.in_bulk(
        [c.user_id for c in assignment.eligible(case, assignment.roster(case.organisation_id))]
    )
    return [(pk, f"{u.last_name}{u.first_name}" or u.username) for pk, u in users.items()]


def _blank_forms(case) -> dict:
    return {
        "route": forms.RouteForm(case=case),
        **{
            slot: forms.ReasonForm(prefix=slot, label=label) for slot, label in REASON_SLOTS.items()
        },
        "escalate": forms.EscalateForm(prefix="escalate", label=REASON_SLOTS["escalate"]),
        "withdraw": forms.OptionalReasonForm(prefix="withdraw"),
        "reassign": forms.ReassignForm(roster=_roster_choices(case)),
        "session": forms.SessionForm(case=case),
        "agreement": forms.AgreementForm(),
        "terms": forms.TermFormSet(prefix="terms"),
        "follow_up": forms.FollowUpForm(initial={"visited_on": timezone.localdate()}),
        "refer": forms.ReferForm(),
        "close": forms.NoteForm(),
        "signed": forms.SignedCopyForm(),
        "record": forms.SessionRecordForm(),
    }


def _render_case(request, case, bound: dict | None = None, status: int = 200, error: str = ""):
    page_forms = _blank_forms(case)
    page_forms.update(bound or {})
    file = MediationFile.objects.filter(case=case).select_related("rule").first()
    context = {
        "case": case,
        "file": file,
        "forms": page_forms,
        "error": error,
        "events": case.events.select_related("actor").order_by("-at", "-id")[:100],
        "sessions": MediationSession.objects.filter(case=case).select_related("room", "mediator"),
        "agreement": Agreement.objects.filter(case=case).prefetch_related("terms").first(),
        "can": _abilities(request.user, case),
        "allowed": {verb: case.status in states for verb, states in ALLOWED_FROM.items()},
    }
    return render(request, "mediation/case.html", context, status=status)


def _abilities(user, case) -> dict:
    return {
        "route": access.may_route(user, case),
        "work": access.may_work(user, case),
        "supervise": access.may_supervise(user, case),
        "accept": case.status == CaseStatus.ROUTED
        and case.assignee_id in (None, user.pk)
        and access.may_work(user, case),
    }


@login_required
def case_detail(request, pk: int):
    return _render_case(request, access.get_mediation_case(request.user, pk))


# Each action: (form factory, permission check, service call taking (request, case, data)).
REASON_SLOTS = {
    "decline": gettext_lazy("不能承办的理由"),
    "not_accept": gettext_lazy("不予受理的理由"),
    "escalate": gettext_lazy("上交理由"),
    "fail": gettext_lazy("调解不成的原因"),
    "terminate": gettext_lazy("终止调解的理由"),
}


def _reason_action(service: Callable, slot: str) -> tuple:
    return (
        lambda data, files, case: forms.ReasonForm(data, prefix=slot, label=REASON_SLOTS[slot]),
        access.may_work,
        lambda request, case, d: service(case=case, actor=request.user, reason=d["reason"]),
    )


def _agreement(request, case, data):
    terms = forms.TermFormSet(request.POST, prefix="terms")
    if not terms.is_valid():
        raise _FormInvalid({"terms": terms})
    services.record_agreement(
        case=case,
        actor=request.user,
        kind=data["kind"],
        facts=data["facts"],
        text=data["text"],
        judicial_confirmation=data["judicial_confirmation"],
        terms=[
            services.TermInput(**t)
            for t in terms.cleaned_data
            if t and (t.get("obligor") or t.get("action"))
        ],
    )


def _session(request, case, data):
    services.schedule_session(
        case=case,
        actor=request.user,
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        room=data["room"],
        place=data["place"],
    )


def _record(request, case, data):
    session_id = request.POST.get("session", "")
    if not (session_id.isascii() and session_id.isdigit() and len(session_id) < 19):
        raise ValidationError(_("请选择要记录的调解安排。"))
    session = get_object_or_404(MediationSession, pk=int(session_id), case=case)
    services.record_session(
        session=session,
        actor=request.user,
        attendance=data["attendance"].splitlines(),
        minutes=data["minutes"],
    )


def _reassign(request, case, data):
    mediator = get_object_or_404(get_user_model(), pk=data["mediator"])
    services.reassign(case=case, mediator=mediator, actor=request.user, reason=data["reason"])


def _signed(request, case, data):
    agreement = get_object_or_404(Agreement, case=case)
    documents.store_signed_copy(agreement=agreement, upload=data["file"], actor=request.user)


def _route(request, case, data):
    services.route_manually(
        case=case, organisation=data["organisation"], actor=request.user, reason=data["reason"]
    )


ACTIONS: dict[str, tuple] = {
    "route": (lambda d, f, c: forms.RouteForm(d, case=c), access.may_route, _route),
    "auto-route": (
        None,
        access.may_route,
        lambda r, c, d: services.route_case(case=c, actor=r.user),
    ),
    "accept": (None, access.may_work, lambda r, c, d: services.accept(case=c, actor=r.user)),
    "decline": _reason_action(services.decline, "decline"),
    "not-accept": (
        lambda d, f, c: forms.ReasonForm(d, prefix="not_accept", label=REASON_SLOTS["not_accept"]),
        lambda u, c: access.may_work(u, c) or access.may_route(u, c),
        lambda r, c, d: services.not_accept(case=c, actor=r.user, reason=d["reason"]),
    ),
    "start": (
        None,
        access.may_work,
        lambda r, c, d: services.start_mediation(case=c, actor=r.user),
    ),
    "escalate": (
        lambda d, f, c: forms.EscalateForm(d, prefix="escalate", label=REASON_SLOTS["escalate"]),
        access.may_work,
        lambda r, c, d: services.escalate(case=c, actor=r.user, **d),
    ),
    "reassign": (
        lambda d, f, c: forms.ReassignForm(d, roster=_roster_choices(c)),
        access.may_supervise,
        _reassign,
    ),
    "session": (lambda d, f, c: forms.SessionForm(d, case=c), access.may_work, _session),
    "record": (lambda d, f, c: forms.SessionRecordForm(d), access.may_work, _record),
    "agreement": (lambda d, f, c: forms.AgreementForm(d), access.may_work, _agreement),
    "fail": _reason_action(services.fail, "fail"),
    "withdraw": (
        lambda d, f, c: forms.OptionalReasonForm(d, prefix="withdraw"),
        access.may_work,
        lambda r, c, d: services.withdraw(case=c, actor=r.user, reason=d["reason"]),
    ),
    "terminate": _reason_action(services.terminate, "terminate"),
    "close": (
        lambda d, f, c: forms.NoteForm(d),
        access.may_work,
        lambda r, c, d: services.close(case=c, actor=r.user, note=d["note"]),
    ),
    "follow-up": (
        lambda d, f, c: forms.FollowUpForm(d),
        access.may_work,
        lambda r, c, d: services.record_follow_up(case=c, actor=r.user, **d),
    ),
    "judicial": (
        None,
        access.may_work,
        lambda r, c, d: services.request_judicial_confirmation(case=c, actor=r.user),
    ),
    "refer": (
        lambda d, f, c: forms.ReferForm(d),
        access.may_work,
        lambda r, c, d: services.refer(case=c, actor=r.user, **d),
    ),
    "signed-copy": (lambda d, f, c: forms.SignedCopyForm(d, f), access.may_work, _signed),
}
# Which form on the page a bound form replaces when it comes back with errors.
FORM_SLOT = {
    "decline": "decline",
    "not-accept": "not_accept",
    "escalate": "escalate",
    "fail": "fail",
    "terminate": "terminate",
    "withdraw": "withdraw",
    "route": "route",
    "reassign": "reassign",
    "session": "session",
    "record": "record",
    "agreement": "agreement",
    "follow-up": "follow_up",
    "refer": "refer",
    "close": "close",
    "signed-copy": "signed",
}
DONE = {
    "route": gettext_lazy("已分派。"),
    "auto-route": gettext_lazy("已按规则分派。"),
    "accept": gettext_lazy("已受理。下一步：安排调解。"),
    "decline": gettext_lazy("已退回，案件将分配给其他调解员。"),
    "not-accept": gettext_lazy("已记录不予受理。"),
    "start": gettext_lazy("调解已开始。"),
    "escalate": gettext_lazy("已上交上一级，已向其发出移送，等待签收。"),
    "reassign": gettext_lazy("已改派。"),
    "session": gettext_lazy("已安排调解，已告知当事人。"),
    "record": gettext_lazy("已记录调解笔录。"),
    "agreement": gettext_lazy("已记录调解协议。下一步：打印协议书，签字后上传。"),
    "fail": gettext_lazy("已记录调解不成。下一步：引导当事人选择其他途径。"),
    "withdraw": gettext_lazy("已记录撤回。"),
    "terminate": gettext_lazy("已终止调解。"),
    "close": gettext_lazy("已结案。"),
    "follow-up": gettext_lazy("已记录回访。"),
    "judicial": gettext_lazy("已记录司法确认申请。"),
    "refer": gettext_lazy("已记录引导去向；转法律援助、仲裁或信访的，已向接收机构发出移送。"),
    "signed-copy": gettext_lazy("已上传签字协议书。"),
}


class _FormInvalid(Exception):
    def __init__(self, bound: dict):
        self.bound = bound


@login_required
@require_POST
def case_action(request, pk: int, verb: str):
    case = access.get_mediation_case(request.user, pk)
    if verb not in ACTIONS:
        raise Http404("no such action")
    make_form, allowed, call = ACTIONS[verb]
    if not allowed(request.user, case):
        messages.error(request, _("您不能对该案件执行此操作。"))
        return _render_case(request, case, status=403, error=_("您不能对该案件执行此操作。"))
    form = make_form(request.POST, request.FILES, case) if make_form else None
    slot = {FORM_SLOT[verb]: form} if verb in FORM_SLOT and form is not None else {}
    try:
        if form is not None and not form.is_valid():
            raise _FormInvalid(slot)
        call(request, case, form.cleaned_data if form is not None else {})
    except _FormInvalid as exc:
        return _render_case(request, case, {**slot, **exc.bound}, 400, _("请按提示修改后再提交。"))
    except ValidationError as exc:
        text = "；".join(str(m) for m in exc.messages)
        if form is not None:
            # Errors on the form's own fields go beside them; anything else above the form.
            fields = set(getattr(exc, "error_dict", {}))
            form.add_error(None, exc if fields and fields <= set(form.fields) else text)
        return _render_case(request, case, slot, 400, text)
    except TransitionRefused as exc:
        return _render_case(request, case, slot, 409, exc.message)
    messages.success(request, DONE[verb])
    if not cases_for_user(request.user).filter(pk=case.pk).exists():
        # Escalated or handed on out of this person's reach: back to their desk, not a 404.
        return redirect("mediation:desk")
    return redirect("mediation:case", pk=case.pk)


@login_required
def agreement_document(request, pk: int, which: str):
    case = access.get_mediation_case(request.user, pk)
    agreement = get_object_or_404(Agreement, case=case)
    path = documents.open_stored(agreement.document if which == "pdf" else agreement.signed_copy)
    if path is None:
        raise Http404("no document")
    response = FileResponse(path.open("rb"), filename=path.name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def desk(request):
    return render(request, "mediation/desk.html", desks.mediator_desk(request.user))


@login_required
def board(request):
    centre = None
    if code := request.GET.get("centre"):
        centre = Organisation.objects.filter(code=code, kind="one_stop_centre").first()
    organisation_ids = desks.supervised_organisations(request.user, centre)
    if not organisation_ids:
        return render(request, "mediation/board.html", {"empty": True}, status=200)
    context = desks.supervisor_board(organisation_ids)
    context["villages"] = desks.village_resolutions(organisation_ids)
    return render(request, "mediation/board.html", context)


@login_required
def room_calendar(request, room_id: int):
    room = access.get_room_for_user(request.user, room_id)
    week = forms.CalendarWeekForm(request.GET)
    if not week.is_valid():
        return refuse_page(request, week)
    first = week.first_day()
    rooms = Organisation.objects.filter(parent_id=room.parent_id, kind="workroom").order_by("code")
    return render(
        request,
        "mediation/calendar.html",
        {
            "room": room,
            "rooms": rooms,
            "calendar": desks.room_calendar(room, first),
            "previous": first - dt.timedelta(days=7),
            "next": first + dt.timedelta(days=7),
        },
    )
