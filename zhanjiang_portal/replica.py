"""Statistics read from a PostgreSQL replica when one is configured (DATABASE_REPLICA_URL),
so that heavy aggregates never compete with the work on the primary; everything else, and
every write, goes to the primary ("default").

Two ways to read for statistics:
- the statistics app's aggregate tables (``REPLICA_MODELS``: the rollups the dashboards and the
  report read) are routed there by ``StatisticsRouter``, by app label and model;
- any other rows read for statistics ask for it: ``statistics_reads(Case).filter(...)`` (a
  ``statistics`` hint the router answers), or ``.using(statistics_database())``.

A replica lags the primary by a moment: fine for figures, never for what a person has just
written and expects to see (the service activities and report marks of the ``stats`` app) or
for a claim (its stale-period marks): those models stay on the primary, as does every write.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model, QuerySet

REPLICA = "replica"
STATISTICS_APP = "stats"
# Models (app label, model name) whose reads go to the replica; a new aggregate table of the
# statistics app is added here.
REPLICA_MODELS = frozenset({(STATISTICS_APP, "rollup")})

M = TypeVar("M", bound=Model)


def statistics_database() -> str:
    """The alias statistics read from: the replica when configured, else the primary."""
    alias: str = getattr(settings, "STATISTICS_DATABASE", DEFAULT_DB_ALIAS)
    return alias if alias in settings.DATABASES else DEFAULT_DB_ALIAS


def statistics_reads(model: type[M]) -> QuerySet[M]:
    """All rows of ``model``, read where statistics are read."""
    # Routers' hints are any keywords; the stubs expect model instances only.
    manager = model._default_manager.db_manager(hints={"statistics": True})  # type: ignore[dict-item]
    return manager.all()


class StatisticsRouter:
    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        meta = model._meta
        if (meta.app_label, meta.model_name) in REPLICA_MODELS or hints.get("statistics"):
            return statistics_database()
        return None

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        return True  # the replica holds the primary's very rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db != REPLICA  # a replica follows the primary; it is never migrated itself
