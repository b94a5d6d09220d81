from __future__ import annotations

from tests.cases.factories import a_case
from tests.conftest import org
from transfers.services import create_transfer


def a_transfer(kind: str = "refer_legal_aid", *, has_consent: bool = True, **overrides):
    case = overrides.pop("case", None) or a_case()
    return create_transfer(
        case=case,
        from_organisation=overrides.pop("from_organisation", org("centre-440804")),
        to_organisation=overrides.pop("to_organisation", org("legalaid-440804")),
        kind=kind,
        has_consent=has_consent,
        **overrides,
    )
