"""The petition verbs' inputs and calls, shared by the pages and the API so that both accept
and refuse exactly the same things."""

from __future__ import annotations

from . import forms, services


def verb_forms(petition, data=None, verb=None):
    """The form of each verb; bound only for the one being submitted."""
    bind = lambda name: data if name == verb else None  # noqa: E731
    return {
        "decide": forms.DecideForm(bind("decide")),
        "hand_over": forms.HandOverForm(
            bind("hand_over"), targets=services.handover_targets(petition)
        ),
        "extend": forms.ExtendForm(bind("extend"), approvers=forms.approvers_for(petition.office)),
        "reply": forms.TextForm(bind("reply")),
        "request_review": forms.TextForm(bind("request_review")),
        "answer_review": forms.TextForm(bind("answer_review")),
    }


def call(verb: str, petition, data: dict, actor):
    if verb == "decide":
        return services.decide(
            petition, accepted=data["accepted"], notice=data["notice"], actor=actor
        )
    if verb == "hand_over":
        return services.hand_over(
            petition,
            target=data["target"],
            note=data["note"],
            has_consent=data["has_consent"],
            actor=actor,
        )
    if verb == "extend":
        return services.extend(
            petition,
            days=data["days"],
            reason=data["reason"],
            approved_by=data["approved_by"],
            actor=actor,
        )
    if verb == "reply":
        return services.reply(petition, text=data["text"], actor=actor)
    if verb == "request_review":
        return services.request_review(petition, reason=data["text"], actor=actor)
    return services.answer_review(petition, text=data["text"], actor=actor)
