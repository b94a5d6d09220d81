"""Each verb of an application as (its form, the service call): the page and the API both go
through here, so they accept and refuse exactly the same things."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms as django_forms

from accounts.templatetags.people import person_name

from . import forms, roster, services
from .models import Application


@dataclass(frozen=True)
class Action:
    form: type[django_forms.Form]
    run: Callable  # (application, cleaned_data, actor) -> object


def _roster_choices(application: Application) -> list[tuple[int, str]]:
    from django.contrib.auth import get_user_model

    ids = [c.lawyer_id for c in roster.eligible(application, roster.roster(application.centre_id))]
    users = get_user_model().objects.filter(pk__in=ids).order_by("username")
    return [(u.pk, person_name(u)) for u in users]


ACTIONS: dict[str, Action] = {
    "request_materials": Action(
        forms.MaterialsForm,
        lambda a, d, u: services.request_materials(a, missing=d["missing"], actor=u),
    ),
    "accept_complete": Action(
        forms.EmptyForm, lambda a, d, u: services.accept_complete(a, actor=u)
    ),
    "commit": Action(
        forms.CommitForm,
        lambda a, d, u: services.commit(
            a, data=services.CommitmentInput(method=d["method"], channel=d["channel"]), actor=u
        ),
    ),
    "exempt": Action(
        forms.ExemptForm, lambda a, d, u: services.exempt(a, reason=d["reason"], actor=u)
    ),
    "accept_documents": Action(
        forms.NoteForm, lambda a, d, u: services.accept_documents(a, note=d["note"], actor=u)
    ),
    "aid_first": Action(forms.EmptyForm, lambda a, d, u: services.aid_first(a, actor=u)),
    "grant": Action(
        forms.GrantForm,
        lambda a, d, u: services.grant(a, actor=u, text=d["text"], late_reason=d["late_reason"]),
    ),
    "refuse": Action(
        forms.RefuseForm,
        lambda a, d, u: services.refuse(
            a, reasons=d["reasons"], late_reason=d["late_reason"], actor=u
        ),
    ),
    "assign": Action(
        forms.AssignForm, lambda a, d, u: services.assign(a, actor=u, lawyer_id=d["lawyer"])
    ),
    "lawyer_accept": Action(forms.EmptyForm, lambda a, d, u: services.lawyer_accept(a, actor=u)),
    "lawyer_decline": Action(
        forms.ReasonForm, lambda a, d, u: services.lawyer_decline(a, reason=d["reason"], actor=u)
    ),
    "verify": Action(
        forms.VerifyForm,
        lambda a, d, u: services.verify(a, ok=d["ok"] == "yes", note=d["note"], actor=u),
    ),
    "terminate": Action(
        forms.TerminateForm,
        lambda a, d, u: services.terminate(a, ground=d["ground"], text=d["text"], actor=u),
    ),
    "object": Action(
        forms.ObjectionForm, lambda a, d, u: services.object_to(a, text=d["text"], actor=u)
    ),
    "answer_objection": Action(
        forms.AnswerForm,
        lambda a, d, u: services.answer_objection(
            a, uphold=d["uphold"] == "yes", text=d["text"], actor=u
        ),
    ),
    "refer_arbitration": Action(
        forms.NoteForm, lambda a, d, u: services.refer_arbitration(a, actor=u, note=d["note"])
    ),
    "close": Action(
        forms.CloseForm,
        lambda a, d, u: services.close(
            a,
            result=d["result"],
            amount_recovered=d["amount_recovered"],
            satisfaction=d["satisfaction"],
            note=d["note"],
            actor=u,
        ),
    ),
}


def form_for(verb: str, application: Application, data=None, prefix: str | None = None):
    form_class = ACTIONS[verb].form
    if form_class is forms.AssignForm:
        return form_class(data, prefix=prefix, choices=_roster_choices(application))
    return form_class(data, prefix=prefix)


def run(verb: str, application: Application, cleaned: dict, actor):
    return ACTIONS[verb].run(application, cleaned, actor)
