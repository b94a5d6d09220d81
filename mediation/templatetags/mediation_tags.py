from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(amount: Decimal | None) -> str:
    """¥1,234.00, as ux.md asks for amounts."""
    return "" if amount is None else f"¥{amount:,.2f}"
