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
from accounts.verbs import ActionRefused
from cases.access import cases_for_user
from zhanjiang_portal.params import refuse_page

from . import access, assignment, desks, documents, forms, services
from .models import Agreement, MediationFile, MediationSession
from .verbs import VERBS


def _roster_choices(case) -> list[tuple[int, str]]:
    users = get_user_model().objects.in_bulk(
        [c.user_id for c in assignment.eligible(case, assignment.roster(case.organisation))]
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
        "schedule": forms.SessionForm(case=case),
        "move_session": forms.SessionForm(case=case, prefix="move"),
        "cancel_session": forms.CancelSessionForm(prefix="cancel"),
        "agreement": forms.AgreementForm(),
        "terms": forms.TermFormSet(prefix="terms"),
        "follow_up": forms.FollowUpForm(initial={"visited_on": timezone.localdate()}),
        "refer": forms.ReferForm(),
        "close": forms.NoteForm(),
        "signed_copy": forms.SignedCopyForm(),
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
        # The verbs this person may do to this case now: the declaration decides the buttons.
        "can": dict.fromkeys(VERBS.available(request.user, case), True),
        "now": timezone.now(),
    }
    return render(request, "mediation/case.html", context, status=status)


@login_required
def case_detail(request, pk: int):
    return _render_case(request, access.get_mediation_case(request.user, pk))


# The form of each page action and the service call it makes; who may, from which states and
# the message shown come from ``mediation.verbs``.
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
        on_the_spot_reason=data["on_the_spot_reason"],
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


def _session_of(request, case) -> MediationSession:
    """The session the form names, of this case; anything else is a bad request."""
    raw = request.POST.get("session", "")
    # ASCII digits only, and short enough for the column: "²" or 1e30 is a bad request too.
    if not (raw.isascii() and raw.isdigit() and len(raw) < 19):
        raise ValidationError({"session": _("请选择要记录的调解安排。")})
    session = MediationSession.objects.filter(case=case, pk=int(raw)).first()
    if session is None:
        raise ValidationError({"session": _("请选择要记录的调解安排。")})
    session.case = case
    return session


def _record(request, case, data):
    services.record_session(
        session=_session_of(request, case),
        actor=request.user,
        attendance=data["attendance"].splitlines(),
        minutes=data["minutes"],
    )


def _move(request, case, data):
    services.move_session(
        session=_session_of(request, case),
        actor=request.user,
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        room=data["room"],
        place=data["place"],
    )


def _cancel(request, case, data):
    services.cancel_session(
        session=_session_of(request, case), actor=request.user, reason=data["reason"]
    )


def _reassign(request, case, data):
    mediator = get_object_or_404(get_user_model(), pk=data["mediator"])
    services.reassign(case=case, mediator=mediator, actor=request.user, reason=data["reason"])


def _signed(request, case, data):
    services.upload_signed_copy(case=case, actor=request.user, upload=data["file"])


def _route(request, case, data):
    services.route_manually(
        case=case, organisation=data["organisation"], actor=request.user, reason=data["reason"]
    )


# verb -> (form factory or None, service call taking (request, case, cleaned data)).
ACTIONS: dict[str, tuple] = {
    "route": (lambda d, f, c: forms.RouteForm(d, case=c), _route),
    "auto_route": (None, lambda r, c, d: services.route_case(case=c, actor=r.user)),
    "assign": (None, lambda r, c, d: services.assign_mediator(case=c, actor=r.user)),
    "accept": (None, lambda r, c, d: services.accept(case=c, actor=r.user)),
    "decline": _reason_action(services.decline, "decline"),
    "not_accept": _reason_action(services.not_accept, "not_accept"),
    "start": (None, lambda r, c, d: services.start_mediation(case=c, actor=r.user)),
    "escalate": (
        lambda d, f, c: forms.EscalateForm(d, prefix="escalate", label=REASON_SLOTS["escalate"]),
        lambda r, c, d: services.escalate(case=c, actor=r.user, **d),
    ),
    "reassign": (lambda d, f, c: forms.ReassignForm(d, roster=_roster_choices(c)), _reassign),
    "schedule": (lambda d, f, c: forms.SessionForm(d, case=c), _session),
    "move_session": (lambda d, f, c: forms.SessionForm(d, case=c, prefix="move"), _move),
    "cancel_session": (lambda d, f, c: forms.CancelSessionForm(d, prefix="cancel"), _cancel),
    "record": (lambda d, f, c: forms.SessionRecordForm(d), _record),
    "agreement": (lambda d, f, c: forms.AgreementForm(d), _agreement),
    "fail": _reason_action(services.fail, "fail"),
    "withdraw": (
        lambda d, f, c: forms.OptionalReasonForm(d, prefix="withdraw"),
        lambda r, c, d: services.withdraw(case=c, actor=r.user, reason=d["reason"]),
    ),
    "terminate": _reason_action(services.terminate, "terminate"),
    "close": (
        lambda d, f, c: forms.NoteForm(d),
        lambda r, c, d: services.close(case=c, actor=r.user, note=d["note"]),
    ),
    "follow_up": (
        lambda d, f, c: forms.FollowUpForm(d),
        lambda r, c, d: services.record_follow_up(case=c, actor=r.user, **d),
    ),
    "judicial": (
        None,
        lambda r, c, d: services.request_judicial_confirmation(case=c, actor=r.user),
    ),
    "refer": (
        lambda d, f, c: forms.ReferForm(d),
        lambda r, c, d: services.refer(case=c, actor=r.user, **d),
    ),
    "signed_copy": (lambda d, f, c: forms.SignedCopyForm(d, f), _signed),
}
# The page's action slugs (in its URLs) that differ from the verb's name.
SLUG_VERBS = {
    "auto-route": "auto_route",
    "not-accept": "not_accept",
    "follow-up": "follow_up",
    "signed-copy": "signed_copy",
    "session": "schedule",
    "move-session": "move_session",
    "cancel-session": "cancel_session",
}


class _FormInvalid(Exception):
    def __init__(self, bound: dict):
        self.bound = bound


@login_required
@require_POST
def case_action(request, pk: int, verb: str):
    case = access.get_mediation_case(request.user, pk)
    verb = SLUG_VERBS.get(verb, verb)
    if verb not in ACTIONS:
        raise Http404("no such action")
    make_form, call = ACTIONS[verb]
    try:
        # Who may, and from which state: the same declaration the service and the API read.
        VERBS.check(verb, request.user, case)
    except ActionRefused as exc:
        return _render_case(request, case, status=exc.status, error=exc.message)
    form = make_form(request.POST, request.FILES, case) if make_form else None
    slot = {verb: form} if form is not None else {}
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
    except ActionRefused as exc:
        return _render_case(request, case, slot, exc.status, exc.message)
    messages.success(request, VERBS[verb].done)
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
        # As the API answers: only supervisors (or city-wide readers naming a centre).
        return render(request, "mediation/board.html", {"empty": True}, status=403)
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
