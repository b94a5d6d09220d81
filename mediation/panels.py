"""Desk panels: a short summary on the staff desk that links to the full pages."""

from __future__ import annotations

from . import desks


def mediator_panel(request, membership) -> dict:
    data = desks.mediator_desk(request.user)
    return {key: value[:5] for key, value in data.items()}


def board_panel(request, membership) -> dict:
    board = desks.supervisor_board(desks.supervised_organisations(request.user))
    return {"unassigned": board["unassigned"][:5], "overdue": board["overdue"][:5]}
