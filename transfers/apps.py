from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Roles whose organisations send or receive hand-offs.
DESK_ROLES = (
    "court_clerk",
    "bureau_officer",
    "centre_supervisor",
    "window_clerk",
    "legal_aid_officer",
    "village_clerk",
)


class TransfersConfig(AppConfig):
    name = "transfers"
    verbose_name = _("机构间流转")

    def ready(self) -> None:
        from accounts import desk
        from cases import panels
        from zhanjiang_portal.navigation import register

        from .panels import case_transfers_context
        from .views import desk_panel

        register("transfers:inbox", _("移送待办"), order=40)
        for role in DESK_ROLES:
            desk.register(role, "transfers/desk_panel.html", desk_panel, order=20)
        panels.register("transfers/_case_panel.html", case_transfers_context, order=60)
