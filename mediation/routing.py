"""Choosing where a case goes: the first active routing rule, by position, that matches its
category, region, claim amount and channel. Rules whose target does not exist for the case's
place (a village without a committee) are passed over, and a case no rule matches goes to
its county centre's window for manual routing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from accounts.models import Organisation
from accounts.reference import WORKROOMS
from cases.models import Case

from .models import RoutingRule, TargetKind

# Category code -> workroom key of a county centre (from the reference workrooms).
WORKROOM_FOR_CATEGORY = {
    category: key for key, _name, categories in WORKROOMS for category in categories.split(",")
}


@dataclass(frozen=True)
class RouteChoice:
    organisation: Organisation
    rule: RoutingRule | None
    reason: str

    @property
    def is_manual(self) -> bool:
        return self.rule is None


def active_rules() -> list[RoutingRule]:
    """Two queries however many rules there are."""
    return list(
        RoutingRule.objects.active()
        .select_related("target")
        .prefetch_related("categories")
        .order_by("position", "id")
    )


def rule_matches(rule: RoutingRule, case: Case) -> bool:
    category_ids = {c.pk for c in rule.categories.all()}
    if category_ids and case.category_id not in category_ids:
        return False
    if rule.region_code and not case.village_id.startswith(rule.region_code):
        return False
    if rule.channel and rule.channel != case.channel:
        return False
    amount = case.claim_amount if case.claim_amount is not None else Decimal(0)
    if rule.min_amount is not None and amount < rule.min_amount:
        return False
    return not (rule.max_amount is not None and amount > rule.max_amount)


def target_code(rule: RoutingRule, case: Case) -> str | None:
    """The organisation code a rule's target means for this case's place."""
    if rule.target_kind == TargetKind.ORGANISATION:
        return rule.target.code if rule.target_id else None
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


def choose_route(case: Case, rules: list[RoutingRule] | None = None) -> RouteChoice:
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
            reason = _("按分派规则“%(rule)s”（第 %(position)s 条）分派至%(org)s。") % {
                "rule": rule.name,
                "position": rule.position,
                "org": found[code].name,
            }
            return RouteChoice(found[code], rule, reason)
    window = found[f"window-{case.county_code}"]
    return RouteChoice(
        window, None, _("没有匹配的分派规则，转%(org)s人工分派。") % {"org": window.name}
    )
