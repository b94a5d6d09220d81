"""Search over case numbers, party names and descriptions, in Chinese.

Chinese has no spaces and names are often two characters (陈某), so a trigram index alone
cannot find them. Each case keeps ``search_terms``: every CJK bigram of its party names and
description plus its number and any Latin/digit words, space separated. A query is cut the same
way and every one of its terms must be present. PostgreSQL answers from a GIN index over the
terms as a tsvector (migration 0006); SQLite scans with LIKE, which is fine at its sizes.
"""

from __future__ import annotations

import re
import time
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


# Above this many expected matches, walking the newest-first index and testing each row beats
# fetching every match through the GIN index and sorting them (measured: docs/benchmarks.md).
DENSE_MATCHES = 2000
STATS_SECONDS = 600
_stats: dict = {"at": -STATS_SECONDS, "freqs": {}, "rows": 0.0}


def _term_stats() -> tuple[dict[str, float], float]:
    """Per-term frequencies PostgreSQL's ANALYZE keeps for the GIN index expression (its most
    common elements), and the table's row estimate; re-read every ten minutes."""
    now = time.monotonic()
    if now - _stats["at"] > STATS_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE tablename = 'cases_case_search_terms_gin' AND schemaname = current_schema()"
            )
            row = cursor.fetchone()
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'cases_case'")
            rows = cursor.fetchone()
        freqs = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
        _stats.update(at=now, freqs=freqs, rows=float(rows[0]) if rows else 0.0)
    return _stats["freqs"], _stats["rows"]


def expected_matches(query: str) -> float:
    """Bigrams of one run of characters come together (海燕 brings 黄海 or not), so a run is
    as frequent as its rarest bigram; separate words are taken as independent."""
    freqs, rows = _term_stats()
    if not freqs or rows <= 0:
        return 0.0
    share = 1.0
    for word in query.split():
        terms = terms_of(word)
        if terms:
            share *= min(freqs.get(term, 0.0) for term in terms)
    return share * rows


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Cases whose number equals the query, or that hold every term of it."""
    query = (query or "").strip()[:100]
    if not query:
        return queryset
    exact = queryset.filter(number=query)
    terms = query_terms(query)
    if not terms or exact.exists():
        # A whole case number names one case: its digits must not match other cases' text.
        return exact
    if connection.vendor == "postgresql":
        tsquery = " & ".join("'" + term.replace("'", "''") + "'" for term in terms)
        if expected_matches(query) >= DENSE_MATCHES:
            # Common words: test rows along the newest-first index with a plain substring
            # test (ten times cheaper per row than building the tsvector). The CASE hides it
            # from the planner's guesses, so that the planner walks the index.
            tests = " AND ".join(["strpos(cases_case.search_terms, %s) > 0"] * len(terms))
            sql = f"(CASE WHEN {tests} THEN 1 ELSE 0 END) > 0"
            matches = RawSQL(sql, [f" {term} " for term in terms], BooleanField())
        else:
            sql = f"{TERMS_VECTOR_SQL} @@ %s::tsquery"
            matches = RawSQL(sql, [tsquery], BooleanField())
        return queryset.filter(Q(matches) | Q(number=query))
    condition = Q()
    for term in terms:
        condition &= Q(search_terms__contains=f" {term} ")
    return queryset.filter(condition | Q(number=query))
