"""Choosing where a case goes: the first active routing rule, by position, that matches its
category, region, claim amount and channel. Rules whose target does not exist for the case's
place (a village without a committee) are passed over, and a case no rule matches goes to
its county centre's window for manual routing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Q
from django.utils import timezone

from accounts.models import Organisation
from accounts.reference import WORKROOMS
from cases.models import Case
from cases.record import recorded

from .models import RoutingRule, TargetKind

# Category code -> workroom key of a county centre (from the reference workrooms).
WORKROOM_FOR_CATEGORY = {
    category: key for key, _name, categories in WORKROOMS for category in categories.split(",")
}


@dataclass(frozen=True)
class CompiledRule:
    """A routing rule as plain values, so that matching touches no model machinery."""

    pk: int
    position: int
    name: str
    category_ids: frozenset[int]
    region_code: str
    min_amount: Decimal | None
    max_amount: Decimal | None
    channel: str
    target_kind: str
    target_code: str | None
    workroom_key: str

    @classmethod
    def of(cls, rule: RoutingRule) -> CompiledRule:
        return cls(
            pk=rule.pk,
            position=rule.position,
            name=rule.name,
            category_ids=frozenset(c.pk for c in rule.categories.all()),
            region_code=rule.region_code,
            min_amount=rule.min_amount,
            max_amount=rule.max_amount,
            channel=rule.channel,
            target_kind=rule.target_kind,
            target_code=rule.target.code if rule.target is not None else None,
            workroom_key=rule.workroom_key,
        )


@dataclass(frozen=True)
class RouteChoice:
    organisation: Organisation
    rule: CompiledRule | None
    reason: str

    @property
    def is_manual(self) -> bool:
        return self.rule is None


# The compiled table of this process, and the version it was compiled from.
_compiled: dict = {"version": None, "rules": []}


def table_version() -> tuple:
    """Changes whenever a rule is added, removed, saved, (de)activated in bulk or has its
    categories changed (see ``touch_rule``): one small aggregate query."""
    figures = RoutingRule.objects.aggregate(
        total=Count("id"), active=Count("id", filter=Q(is_active=True)), latest=Max("updated_at")
    )
    return (figures["total"], figures["active"], figures["latest"])


def active_rules() -> list[CompiledRule]:
    """The active rules in order; re-read from the database only when they changed."""
    version = table_version()
    if _compiled["version"] != version:
        rules = (
            RoutingRule.objects.active()
            .select_related("target")
            .prefetch_related("categories")
            .order_by("position", "id")
        )
        _compiled.update(version=version, rules=[CompiledRule.of(r) for r in rules])
    return _compiled["rules"]


def touch_rule(sender, instance, action: str, **kwargs) -> None:
    """Category changes do not save the rule; mark it changed so every process re-reads."""
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, RoutingRule):
        RoutingRule.objects.filter(pk=instance.pk).update(updated_at=timezone.now())


def rule_matches(rule: CompiledRule, case: Case) -> bool:
    if rule.category_ids and case.category_id not in rule.category_ids:
        return False
    if rule.region_code and not case.village_id.startswith(rule.region_code):
        return False
    if rule.channel and rule.channel != case.channel:
        return False
    amount = case.claim_amount if case.claim_amount is not None else Decimal(0)
    if rule.min_amount is not None and amount < rule.min_amount:
        return False
    return not (rule.max_amount is not None and amount > rule.max_amount)


def target_code(rule: CompiledRule, case: Case) -> str | None:
    """The organisation code a rule's target means for this case's place."""
    if rule.target_kind == TargetKind.ORGANISATION:
        return rule.target_code
    if rule.target_kind == TargetKind.VILLAGE_COMMITTEE:
        return f"pmc-{case.village_id}"
    if rule.target_kind == TargetKind.TOWN_COMMITTEE:
        return f"pmc-{case.town_code}"
    if rule.target_kind == TargetKind.CENTRE_WORKROOM:
        key = rule.workroom_key or WORKROOM_FOR_CATEGORY.get(_category_code(case))
        return f"room-{case.county_code}-{key}" if key else None
    return f"window-{case.county_code}"


def _category_code(case: Case) -> str:
    return case.category.code


def choose_route(case: Case, rules: list[CompiledRule] | None = None) -> RouteChoice:
    rules = active_rules() if rules is None else rules
    matching = [(rule, target_code(rule, case)) for rule in rules if rule_matches(rule, case)]
    codes = [code for _rule, code in matching if code]
    found = {
        o.code: o
        for o in Organisation.objects.filter(code__in=[*codes, f"window-{case.county_code}"])
        if o.is_active
    }
    for rule, code in matching:
        if code in found:
            reason = recorded(
                "按分派规则“%(rule)s”（第 %(position)s 条）分派至%(org)s。",
                rule=rule.name,
                position=rule.position,
                org=found[code].name,
            )
            return RouteChoice(found[code], rule, reason)
    window = found[f"window-{case.county_code}"]
    return RouteChoice(
        window, None, recorded("没有匹配的分派规则，转%(org)s人工分派。", org=window.name)
    )
