"""What the verbs of every mediation workflow share: the deadline they keep, the refusal
they raise, how a person is named on the timeline, the case's move through the state
machine, the texts to the parties, the end of mediation with an outcome (``_finish``), and
a hand-off to another organisation in the verb's transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from accounts.verbs import ActionRefused
from cases.models import Case, PartySide
from cases.record import recorded
from cases.services import transition
from deadlines.invitations import text_party
from deadlines.services import meet_deadlines
from transfers.services import TransferRefused, create_transfer

from ..models import MediationFile
from ..verbs import ALLOWED_FROM, VERBS

DEADLINE_KIND = "people_mediation"


class MediationRefused(ActionRefused):
    """A move the state machine allows but this case does not, now (HTTP 409)."""


def _name(user) -> str:
    full = f"{user.last_name}{user.first_name}".strip()
    return full or user.get_username()


def _file(case: Case) -> MediationFile:
    file, _created = MediationFile.objects.get_or_create(case=case)
    return file


def _move(case: Case, verb: str, **kwargs) -> Case:
    return transition(case, allowed_from=ALLOWED_FROM[verb], **kwargs)


# What each text to the parties leaves on the public timeline (message ids, recorded in
# Chinese): who was told what, never the number it went to.
SMS_TIMELINE = {
    "session_scheduled": gettext_noop("已短信通知%(side)s%(name)s调解时间和地点。"),
    "session_moved": gettext_noop("已短信通知%(side)s%(name)s调解改期后的时间和地点。"),
    "session_cancelled": gettext_noop("已短信通知%(side)s%(name)s该次调解取消。"),
    "decision_made": gettext_noop("已短信通知%(side)s%(name)s处理结果。"),
}


def _text_parties(case: Case, *, event: str, actor, key: str, **facts) -> int:
    """Text every applicant and respondent who gave a mobile number. Called inside the
    verb's transaction: the messages are rows that commit with it, and the SMS task is
    queued only on commit, so a rolled-back verb texts no one. ``key`` makes a retried verb
    text each party once."""
    parties = case.parties.filter(side__in=[PartySide.APPLICANT, PartySide.RESPONDENT]).exclude(
        phone=""
    )
    sent = 0
    for party in parties.order_by("id"):
        text_party(
            case=case,
            party=party,
            event=event,
            actor=actor,
            timeline_text=recorded(
                SMS_TIMELINE[event], side=PartySide(party.side).label, name=party.name
            ),
            dedupe_key=f"mediation:{key}:{party.pk}"[:120],
            **facts,
        )
        sent += 1
    return sent


# Decisions the parties are texted about; a withdrawal is their own act. Acceptance, refusal
# to accept and termination are texted as notices of their own (mediation.notices).
DECISIONS_TEXTED = frozenset({"agreement", "fail"})


def _finish(case: Case, verb: str, to: str, outcome: str, actor, text: str, **extra) -> Case:
    VERBS.check(verb, actor, case)
    with transaction.atomic():
        case = _move(case, verb, to=to, actor=actor, kind=verb, text=text, **extra)
        MediationFile.objects.update_or_create(
            case=case,
            defaults={"outcome": outcome, "outcome_at": timezone.now(), "mediation_due_at": None},
        )
        meet_deadlines(case=case, kind=DEADLINE_KIND, actor=actor)
        if verb in DECISIONS_TEXTED:
            _text_parties(case, event="decision_made", actor=actor, key=f"decision:{case.pk}")
        return case


def _hand_off(case: Case, *, source, receiver, kind: str, actor, has_consent, **fields) -> None:
    """A transfer in the caller's transaction; transfers decides whether the parties'
    consent is needed, and its refusal is this form's error."""
    try:
        create_transfer(
            case=case,
            from_organisation=source,
            to_organisation=receiver,
            kind=kind,
            actor=actor,
            has_consent=has_consent,
            **fields,
        )
    except TransferRefused as exc:
        raise ValidationError({"has_consent": exc.message}) from exc
