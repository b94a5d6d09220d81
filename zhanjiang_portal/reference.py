"""Reference data loaded by data migrations, gathered in one place so that it can be loaded
again into a database whose tables were emptied (a test flush, a restored backup): each
loader takes an ``apps`` registry, like a migration, and only adds what is missing."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps as django_apps

# In dependency order. Each is "module:function" taking ``apps``.
LOADERS = [
    "villages.divisions:load_divisions",
    "accounts.reference:load_reference_organisations",
    "accounts.reference:link_centre_committees",
    "cases.categories:load_default_categories",
    "deadlines.rules:load_default_rules",
    "mediation.reference:load_mediation_reference",
    "transfers.reference:load_refusal_reasons",
    "village_affairs.reference:load_town_governments",
    "legal_aid.reference:load_clocks",
    "zhanjiang_portal.schedules:load_schedules",
    "police.reference:load_traffic_police",
    "courts.fast_track:load_fast_track_reference",
    "petitions.rules:load_petition_rules",
]


def ensure_reference_data(apps=django_apps) -> None:
    for dotted in LOADERS:
        module, function = dotted.split(":")
        getattr(import_module(module), function)(apps)
