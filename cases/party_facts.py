"""Completing a party's basic facts after filing (人民调解法 §29: the agreement states them),
from the staff case page and the API alike: one form decides what is valid, one service
writes it and records on the timeline which facts changed (never their values)."""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils.text import format_lazy

from .forms import check_birth_date
from .models import Case, Party, PartyKind, PartySide
from .record import recorded
from .services import record_event

# Which facts each kind of party has; sex and birth date come from the ID when there is one.
PERSON_FACTS = ("sex", "birth_date", "ethnicity", "occupation", "address")
ORGANISATION_FACTS = ("address", "legal_representative")
FROM_ID = ("sex", "birth_date")


def editable_facts(party: Party) -> tuple[str, ...]:
    if party.kind == PartyKind.ORGANISATION:
        return ORGANISATION_FACTS
    if party.id_number_hash:
        return tuple(f for f in PERSON_FACTS if f not in FROM_ID)
    return PERSON_FACTS


class PartyFactsForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = (*PERSON_FACTS, "legal_representative")
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in set(self.fields) - set(editable_facts(self.instance)):
            del self.fields[name]

    def clean_birth_date(self):
        return check_birth_date(self.cleaned_data["birth_date"])


def update_party_facts(*, case: Case, party: Party, actor, data: dict) -> list[str]:
    """Writes the facts that differ and returns their names (none: nothing is recorded)."""
    current = Party.objects.get(pk=party.pk, case=case)
    changed = {
        name: value
        for name, value in data.items()
        if name in editable_facts(current) and getattr(current, name) != value
    }
    if not changed:
        return []
    order = [n for n in (*PERSON_FACTS, *ORGANISATION_FACTS) if n in changed]
    names = list(dict.fromkeys(order))
    # Lazy, so that the record takes the facts' names in Chinese whoever acts.
    labels = format_lazy(
        "、".join("{}" for _ in names), *(Party._meta.get_field(n).verbose_name for n in names)
    )
    with transaction.atomic():
        Party.objects.filter(pk=party.pk, case=case).update(**changed)
        record_event(
            case,
            kind="party_facts_updated",
            actor=actor,
            text=recorded(
                "补充了%(side)s%(name)s的基本情况：%(facts)s。",
                side=PartySide(current.side).label,
                name=current.name,
                facts=labels,
            ),
            payload={"party": party.pk, "fields": sorted(changed)},
        )
    return sorted(changed)
