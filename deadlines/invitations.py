"""Desk staff text a party what is needed from them and by when; the case timeline says so."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.services import record_event
from notifications.messages import render
from notifications.models import OutboundMessage
from notifications.services import send_sms

from .forms import PURPOSES


def invite_party(
    *, case, party, purpose: str, due_date: dt.date, note: str = "", nonce: str, actor
) -> tuple[OutboundMessage, bool]:
    """Queue the SMS and record it; returns (message, created). The form's nonce makes a
    resubmitted form return the message already sent instead of sending another."""
    key = f"invite:{case.pk}:{nonce}"
    existing = OutboundMessage.objects.filter(dedupe_key=key).first()
    if existing:
        return existing, False
    due = date_format(due_date, "Y年n月j日")
    _title, body = render(
        "party_invitation",
        org=case.organisation.name,
        name=party.name,
        case_number=case.number,
        purpose=str(PURPOSES[purpose]),
        due=due,
        note=note.strip(),
    )
    try:
        return _send(case, party, purpose, due_date, due, body, key, actor), True
    except IntegrityError:  # the same form submitted twice at once: the other one sent it
        return OutboundMessage.objects.get(dedupe_key=key), False


def _send(case, party, purpose, due_date, due, body, key, actor) -> OutboundMessage:
    with transaction.atomic():
        message = send_sms(
            to=party.phone, kind="party_invitation", body=body, sent_by=actor, dedupe_key=key
        )
        record_event(
            case,
            kind="party_sms",
            actor=actor,
            text=_("已短信通知%(side)s%(name)s：%(purpose)s，请于%(due)s前办理。")
            % {
                "side": party.get_side_display(),
                "name": party.name,
                "purpose": PURPOSES[purpose],
                "due": due,
            },
            is_public=True,
            payload={"message": message.pk, "party": party.pk, "due_date": due_date.isoformat()},
        )
    return message
