"""``field__any=[...]``: membership in a list of ids as one parameter.

A supervisor's reach is a thousand organisations (the centre, its workrooms, the county's town
and village committees). ``__in`` writes one placeholder per id, and compiling and planning
such a statement cost more than running it. On PostgreSQL ``__any`` sends the ids as one array
literal (``= ANY('{1,2,3}'::bigint[])``): one constant parsed once, where a list adapted by
psycopg2 is an ``ARRAY[1, 2, 3]`` expression of a thousand constants to parse (3 ms for a
thousand ids). Elsewhere it is an ordinary ``IN``. The values are ids: integers.

``__any_opaque`` is the same test with the array read by a one-row sub-select, so the planner
does not estimate each of the thousand values against the column's statistics (about 2 ms of
planning per thousand) and plans as if it knew nothing of them. It suits a page read along an
ordered index and filtered by the organisations: the supervisor's board, and the staff lists,
where the literal made the planner take a county town's 7,530 cases for 245 rows and sort them
all instead of walking the town's index. Where the plan depends on how many rows the ids hold,
a capped count, ``estimated()`` shows the array to the planner again: with the opaque array
the count of a county's cases became a 55 ms sequential scan.

Pass a set (or frozenset) rather than a list where the same ids go into several queries:
Django walks a list value element by element when it builds each filter, a set it leaves
alone.
"""

from __future__ import annotations

from typing import Any

from django.db.models import ForeignKey, IntegerField, Lookup, QuerySet
from django.db.models.sql.where import WhereNode


class AnyOf(Lookup):
    lookup_name = "any"
    prepare_rhs = False
    # How the array literal is read on PostgreSQL.
    array_sql = "%s::bigint[]"

    def get_prep_lookup(self) -> Any:
        return sorted(int(value) for value in self.rhs)

    def as_sql(self, compiler, connection) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if connection.vendor == "postgresql":
            literal = "{" + ",".join(map(str, values)) + "}"
            return f"{lhs} = ANY({self.array_sql})", (*lhs_params, literal)
        if not values:
            return "1 = 0", tuple(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", (*lhs_params, *values)


class AnyOfOpaque(AnyOf):
    lookup_name = "any_opaque"
    # "ANY((SELECT ...))" alone would read as ANY over the sub-select's rows; the cast makes
    # it one array value.
    array_sql = "(SELECT %s::bigint[])::bigint[]"


for lookup in (AnyOf, AnyOfOpaque):
    IntegerField.register_lookup(lookup)
    ForeignKey.register_lookup(lookup)


def estimated(queryset: QuerySet) -> QuerySet:
    """The same rows with every ``__any_opaque`` test shown to the planner as ``__any``: for
    a count, whose plan depends on how many rows the ids hold (a county's cases are counted
    from the organisation index, not by a sequential scan the opaque array would invite)."""
    clone = queryset.all()
    clone.query.where = _shown(clone.query.where)
    return clone


def _shown(node: Any) -> Any:
    if isinstance(node, AnyOfOpaque):
        return AnyOf(node.lhs, node.rhs)
    if isinstance(node, WhereNode):
        shown = node.create(connector=node.connector, negated=node.negated)
        shown.children = [_shown(child) for child in node.children]
        return shown
    return node
