"""Texting parties about their case: desk staff's invitations with a due date, and the events
other areas announce (a session scheduled, a decision made). Each text is recorded on the
case timeline as a public entry, so the tracking page shows it too."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.formats import date_format

from cases.models import PartySide
from cases.record import recorded
from cases.services import record_event
from notifications.messages import render
from notifications.models import OutboundMessage
from notifications.services import send_sms

from .forms import PURPOSES
from .verbs import CASE_VERBS


def text_party(
    *,
    case,
    party,
    event: str,
    timeline_text: str,
    actor=None,
    dedupe_key: str | None = None,
    payload: dict | None = None,
    **facts,
) -> OutboundMessage:
    """Queue an SMS from the template of ``event`` (notifications.messages) to a party and
    record it; ``timeline_text`` is a ``cases.record.recorded`` text. For example, from
    mediation when a session is fixed:

        text_party(case=case, party=p, event="session_scheduled", actor=user,
                   timeline_text=recorded("已短信通知调解时间。"), when="12月3日上午9时",
                   place="调解室")
    """
    _title, body = render(
        event, org=case.organisation.name, name=party.name, case_number=case.number, **facts
    )
    with transaction.atomic():
        message = send_sms(
            to=party.phone, kind=event, body=body, sent_by=actor, dedupe_key=dedupe_key
        )
        record_event(
            case,
            kind="party_sms",
            actor=actor,
            text=timeline_text,
            is_public=True,
            payload={"message": message.pk, "party": party.pk, "event": event, **(payload or {})},
        )
    return message


def invite_party(
    *, case, party, purpose: str, due_date: dt.date, note: str = "", nonce: str, actor
) -> tuple[OutboundMessage, bool]:
    """Desk staff tell a party what is needed and by when; returns (message, created). The
    form's nonce makes a resubmitted form return the message already sent."""
    CASE_VERBS.check("invite_party", actor, case)
    key = f"invite:{case.pk}:{nonce}"
    existing = OutboundMessage.objects.filter(dedupe_key=key).first()
    if existing:
        return existing, False
    # The text and its timeline entry are in Chinese whatever language the desk page uses.
    with translation.override(settings.LANGUAGE_CODE):
        return _invite(case, party, purpose, due_date, note, key, actor)


def _invite(
    case, party, purpose: str, due_date: dt.date, note: str, key: str, actor
) -> tuple[OutboundMessage, bool]:
    due = date_format(due_date, "Y年n月j日")
    text = recorded(
        "已短信通知%(side)s%(name)s：%(purpose)s，请于%(due)s前办理。",
        side=PartySide(party.side).label,
        name=party.name,
        purpose=PURPOSES[purpose],
        due=due,
    )
    try:
        message = text_party(
            case=case,
            party=party,
            event="party_invitation",
            timeline_text=text,
            actor=actor,
            dedupe_key=key,
            payload={"due_date": due_date.isoformat()},
            purpose=str(PURPOSES[purpose]),
            due=due,
            note=note.strip(),
        )
    except IntegrityError:  # the same form submitted twice at once: the other one sent it
        return OutboundMessage.objects.get(dedupe_key=key), False
    return message, True
