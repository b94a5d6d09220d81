"""``field__any=[...]``: membership in a list of ids as one parameter.

A supervisor's reach is a thousand organisations (the centre, its workrooms, the county's town
and village committees). ``__in`` writes one placeholder per id, and compiling and planning
such a statement cost more than running it; on PostgreSQL ``__any`` sends the list as one
array (``= ANY(%s)``). Elsewhere it is an ordinary ``IN``. The values are ids: integers.
"""

from __future__ import annotations

from typing import Any

from django.db.models import ForeignKey, IntegerField, Lookup


class AnyOf(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self) -> Any:
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, values)
        if not values:
            return "1 = 0", tuple(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", (*lhs_params, *values)


IntegerField.register_lookup(AnyOf)
ForeignKey.register_lookup(AnyOf)
