"""Search over case numbers, party names and descriptions, in Chinese.

Chinese has no spaces and names are often two characters (陈某), so a trigram index alone
cannot find them. Each case keeps ``search_terms``: every CJK bigram of its party names and
description plus its number and any Latin/digit words, space separated. A query is cut the same
way and every one of its terms must be present. PostgreSQL answers from a GIN index over the
terms as a tsvector (migration 0006); SQLite scans with LIKE, which is fine at its sizes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9A-Za-z]+")
MAX_QUERY_TERMS = 12

# The tsvector expression of the GIN index; the query must repeat it exactly to use the index.
TERMS_VECTOR_SQL = "array_to_tsvector(string_to_array(btrim(cases_case.search_terms), ' '))"


def terms_of(text: str) -> set[str]:
    """CJK bigrams (a lone CJK character stays a term) and lower-cased Latin/digit words."""
    terms: set[str] = set()
    for run in _CJK_RUN.findall(text or ""):
        if len(run) == 1:
            terms.add(run)
        terms.update(run[i : i + 2] for i in range(len(run) - 1))
    terms.update(word.lower() for word in _WORD.findall(text or ""))
    return terms


def search_terms_for(number: str, names: Iterable[str], description: str) -> str:
    terms = terms_of(number) | terms_of(description)
    for name in names:
        terms |= terms_of(name)
    # Padded with spaces so that SQLite's LIKE '% term %' matches whole terms only.
    return " " + " ".join(sorted(terms)) + " "


def query_terms(query: str) -> list[str]:
    return sorted(terms_of(query))[:MAX_QUERY_TERMS]


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Cases whose number equals the query, or that hold every term of it."""
    query = (query or "").strip()[:100]
    if not query:
        return queryset
    terms = query_terms(query)
    if not terms:
        return queryset.filter(number=query)
    if connection.vendor == "postgresql":
        tsquery = " & ".join("'" + term.replace("'", "''") + "'" for term in terms)
        matches = RawSQL(f"{TERMS_VECTOR_SQL} @@ %s::tsquery", [tsquery], BooleanField())
        return queryset.filter(Q(matches) | Q(number=query))
    condition = Q()
    for term in terms:
        condition &= Q(search_terms__contains=f" {term} ")
    return queryset.filter(condition | Q(number=query))
