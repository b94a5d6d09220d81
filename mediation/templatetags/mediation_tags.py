from __future__ import annotations

from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def yuan(amount: Decimal | None) -> str:
    """¥1,234.00, as ux.md asks for amounts."""
    return "" if amount is None else f"¥{amount:,.2f}"


@register.simple_tag
def mediation_papers(case, agreement=None) -> dict:
    """The papers of a case that can be printed now, and the characters the font lacks."""
    from mediation import papers

    found = []
    if agreement is not None:
        found.append((_("司法确认申请书（双方共同申请）"), "confirmation"))
    names = {
        "accepted": _("受理通知书"),
        "not-accepted": _("不予受理通知书"),
        "terminated": _("终止调解通知书"),
    }
    issued = papers.issued_notices(case)
    found += [(names[w], w) for w in papers.NOTICES if w in issued]
    return {
        "links": [
            (title, reverse("mediation:paper", args=[case.pk, which])) for title, which in found
        ],
        "missing": "".join(papers.missing_characters(case, agreement)),
    }
