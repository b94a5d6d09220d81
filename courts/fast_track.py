"""The court's fast track (速裁): after 转立案, a simple case goes to the court's fast-track
team with its trial clock (small claims 2 months, simple procedure 3 months; deadline rules
an administrator can edit). The team's judges take cases from the queue and conclude them;
the clerk's page shows both tracks; the court's system reads the track through its API.

``courts.services.record_filing`` calls :func:`on_filing` inside its transaction."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import may_act
from accounts.models import Organisation, Role
from accounts.verbs import CONFLICT, ActionRefused, Verb, VerbSet
from cases.record import recorded
from cases.services import record_event
from deadlines.models import Deadline
from deadlines.services import meet_deadlines, start_deadline

from .models import (
    FastTrackCase,
    FastTrackProcedure,
    FastTrackStatus,
    PreLitigationCase,
    Track,
)

# Deadline rule of each procedure's trial clock (domain.md §12; 民事诉讼法).
CLOCK_OF = {
    FastTrackProcedure.SMALL_CLAIMS: "small_claims_trial",
    FastTrackProcedure.SIMPLE: "simple_procedure_trial",
}
TRIAL_RULES = [
    ("small_claims_trial", "小额诉讼审理", "months", 2, 1, "民事诉讼法（小额诉讼程序）"),
    ("simple_procedure_trial", "简易程序审理", "months", 3, 1, "民事诉讼法（简易程序）"),
]


def team_code(court_code: str) -> str:
    return "fasttrack-" + court_code.removeprefix("粤")


def load_fast_track_reference(apps) -> None:
    """Each basic court's fast-track team, and the two trial clocks."""
    Organisation = apps.get_model("accounts", "Organisation")
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    for court in Organisation.objects.filter(kind="basic_court"):
        Organisation.objects.get_or_create(
            code=team_code(court.court_code),
            defaults={
                "name": f"{court.name}速裁团队",
                "kind": "court_team",
                "parent": court,
                "region_id": court.region_id,
            },
        )
    for code, name, unit, amount, extension, basis in TRIAL_RULES:
        DeadlineRule.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "amount": amount,
                "max_extension": extension,
                "basis": basis,
            },
        )


def procedure_for(plc: PreLitigationCase) -> str:
    small = plc.claim_amount is not None and plc.claim_amount <= settings.SMALL_CLAIMS_THRESHOLD
    return FastTrackProcedure.SMALL_CLAIMS if small else FastTrackProcedure.SIMPLE


def on_filing(plc: PreLitigationCase, *, track: str, actor) -> FastTrackCase | None:
    """A simple case just filed goes to the fast-track queue with its trial clock."""
    if track != Track.SIMPLE:
        return None
    team = Organisation.objects.filter(code=team_code(plc.court.court_code)).first()
    if team is None:  # the intermediate court has no fast-track team
        return None
    procedure = procedure_for(plc)
    # The trial clock is the team's: its reminders go to the team, not to the mediators.
    clock = start_deadline(case=plc.case, kind=CLOCK_OF[procedure], actor=actor, organisation=team)
    ftc = FastTrackCase.objects.create(
        pre_litigation=plc, court=plc.court, team=team, procedure=procedure, due_at=clock.due_at
    )
    record_event(
        plc.case,
        kind="fast_track_queued",
        actor=actor,
        is_public=True,
        text=recorded(
            "转%(team)s审理（%(procedure)s）。",
            team=team.name,
            procedure=FastTrackProcedure(procedure).label,
        ),
        payload={"fast_track": ftc.pk, "procedure": procedure},
    )
    return ftc


# Who may --------------------------------------------------------------------------------


def _is_team_judge(user, ftc: FastTrackCase) -> bool:
    return may_act(user, ftc.team_id, {Role.JUDGE})


def _may_conclude(user, ftc: FastTrackCase) -> bool:
    own = ftc.judge_id is not None and ftc.judge_id == user.pk
    return own or may_act(user, ftc.team_id, {Role.COURT_CLERK})


VERBS = VerbSet(
    Verb(
        "take",
        gettext_lazy("承办"),
        may=_is_team_judge,
        allowed_from=(FastTrackStatus.QUEUED,),
        records="fast_track_taken",
        done=gettext_lazy("已承办。下一步：在审限内审结。"),
        state_label=lambda s: FastTrackStatus(s).label,
    ),
    Verb(
        "conclude",
        gettext_lazy("审结"),
        may=_may_conclude,
        allowed_from=(FastTrackStatus.ASSIGNED,),
        records="fast_track_concluded",
        done=gettext_lazy("已登记审结。"),
        state_label=lambda s: FastTrackStatus(s).label,
    ),
)


def _move(ftc: FastTrackCase, *, to: str, **fields) -> None:
    if not FastTrackCase.objects.filter(pk=ftc.pk, status=ftc.status).update(status=to, **fields):
        raise ActionRefused(_("该案件刚被其他人处理，请刷新页面后再试。"), code=CONFLICT)


def take(ftc: FastTrackCase, *, actor) -> FastTrackCase:
    VERBS.check("take", actor, ftc)
    with transaction.atomic():
        _move(ftc, to=FastTrackStatus.ASSIGNED, judge=actor)
        record_event(
            ftc.pre_litigation.case,
            kind="fast_track_taken",
            actor=actor,
            text=recorded(
                "速裁法官%(judge)s承办。", judge=actor.get_full_name() or actor.get_username()
            ),
            payload={"fast_track": ftc.pk},
        )
    ftc.refresh_from_db()
    return ftc


def conclude(ftc: FastTrackCase, *, actor, outcome: str) -> FastTrackCase:
    VERBS.check("conclude", actor, ftc)
    outcome = (outcome or "").strip()
    if not outcome:
        raise ActionRefused(_("请填写审结情况（如判决、调解、撤诉）。"))
    case = ftc.pre_litigation.case
    with transaction.atomic():
        _move(
            ftc,
            to=FastTrackStatus.CONCLUDED,
            concluded_at=timezone.now(),
            outcome=outcome[:200],
        )
        meet_deadlines(case=case, kind=CLOCK_OF[ftc.procedure], actor=actor)
        record_event(
            case,
            kind="fast_track_concluded",
            actor=actor,
            is_public=True,
            text=recorded("速裁审结：%(outcome)s。", outcome=outcome[:200]),
            payload={"fast_track": ftc.pk},
        )
    ftc.refresh_from_db()
    return ftc


# Reads ----------------------------------------------------------------------------------


def queue(court_ids, *, limit: int = 50) -> QuerySet[FastTrackCase]:
    """The open fast-track cases of these courts, by days left."""
    return (
        FastTrackCase.objects.open()
        .for_courts(court_ids)
        .select_related("pre_litigation", "judge", "team")
        .order_by("due_at", "id")[:limit]
    )


def complex_track(court_ids, *, limit: int = 50) -> QuerySet[PreLitigationCase]:
    return (
        PreLitigationCase.objects.filter(court_id__in=court_ids, track=Track.COMPLEX)
        .select_related("case")
        .order_by("-concluded_at", "-id")[:limit]
    )


def trial_clock(ftc: FastTrackCase) -> Deadline | None:
    return (
        Deadline.objects.filter(case_id=ftc.pre_litigation.case_id, kind=CLOCK_OF[ftc.procedure])
        .order_by("-id")
        .first()
    )
